import { type QueryKey, useQueries, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useMemo, useState } from 'react';

export type TreeKey = string | number;

/** How one record shows up as a tree node. */
export interface NodeInfo<K extends TreeKey> {
  key: K;
  title: ReactNode;
  /** Plain text for the node once chosen in a select. */
  label: string;
  isLeaf: boolean;
  disabled?: boolean;
}

export interface LazyTreeNode<T, K extends TreeKey> extends NodeInfo<K> {
  value: K;
  item: T;
  /** Undefined until loaded: antd then shows the expander and asks for them. */
  children?: LazyTreeNode<T, K>[];
}

/** The query for one level; null asks for the roots. */
export type ChildrenQuery<T, K extends TreeKey> = (parent: K | null) => LevelQuery<T>;

export interface LevelQuery<T> {
  queryKey: QueryKey;
  queryFn: () => Promise<T[]>;
  staleTime?: number;
}

interface LazyTreeOptions<T, K extends TreeKey> {
  /** Must be stable (module-level or memoised), like `describe`. */
  childrenQuery: ChildrenQuery<T, K>;
  describe: (item: T) => NodeInfo<K>;
  /** Parents whose children are wanted whether or not antd asked, e.g. to reveal a deep link. */
  open?: readonly K[];
}

export const toTreeNode = <T, K extends TreeKey>(item: T, info: NodeInfo<K>): LazyTreeNode<T, K> => ({
  ...info,
  value: info.key,
  item,
});

// Plain fields only, so structural sharing keeps the result stable between renders.
const pickLevel = (results: { data?: unknown; error: unknown; isPending: boolean }[]) =>
  results.map(({ data, error, isPending }) => ({ data, error, isPending }));

/**
 * A tree whose levels load on demand. Each level is its own query, so
 * invalidating the module's queries refreshes every open level in place.
 */
export function useLazyTree<T, K extends TreeKey>({ childrenQuery, describe, open }: LazyTreeOptions<T, K>) {
  const queryClient = useQueryClient();
  const [requested, setRequested] = useState<K[]>([]);

  const parents = useMemo(() => [null, ...new Set([...requested, ...(open ?? [])])], [requested, open]);
  const levels = useQueries({ queries: parents.map(childrenQuery), combine: pickLevel });

  const { treeData, items } = useMemo(() => {
    const byParent = new Map(parents.map((parent, i) => [parent, levels[i]?.data as T[] | undefined]));
    const items = new Map<K, T>();
    const build = (parent: K | null): LazyTreeNode<T, K>[] | undefined =>
      byParent.get(parent)?.map((item) => {
        const info = describe(item);
        items.set(info.key, item);
        return { ...toTreeNode(item, info), children: info.isLeaf ? undefined : build(info.key) };
      });
    return { treeData: build(null) ?? [], items };
  }, [parents, levels, describe]);

  /** For antd's `loadData`: fetch a node's children, then keep them in the tree. */
  const loadChildren = useCallback(
    async (parent: K) => {
      await queryClient.ensureQueryData(childrenQuery(parent));
      setRequested((prev) => (prev.includes(parent) ? prev : [...prev, parent]));
    },
    [queryClient, childrenQuery],
  );

  return {
    treeData,
    /** The loaded record with this key, if any. */
    find: (key: K) => items.get(key),
    loadChildren,
    isPending: levels[0].isPending,
    error: levels[0].error,
  };
}
