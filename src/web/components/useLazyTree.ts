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

interface LazyTreeOptions<T, K extends TreeKey> {
  /** Children of a parent are cached under `[...queryKey, 'children', parent]`; null is the roots. */
  queryKey: QueryKey;
  fetchChildren: (parent: K | null) => Promise<T[]>;
  /** Must be stable (module-level or memoised): the tree is rebuilt when it changes. */
  describe: (item: T) => NodeInfo<K>;
  /** Parents whose children are needed now whether or not antd asked, e.g. ancestors of a deep link. */
  open?: readonly K[];
}

export const toTreeNode = <T, K extends TreeKey>(item: T, info: NodeInfo<K>): LazyTreeNode<T, K> => ({
  ...info,
  value: info.key,
  item,
});

/**
 * A tree whose levels load on demand. Each level is its own query, so
 * invalidating the query key refreshes every open level in place.
 */
export function useLazyTree<T, K extends TreeKey>({ queryKey, fetchChildren, describe, open }: LazyTreeOptions<T, K>) {
  const queryClient = useQueryClient();
  const [requested, setRequested] = useState<K[]>([]);

  const parents = useMemo(() => [null, ...new Set([...requested, ...(open ?? [])])], [requested, open]);

  const childrenQuery = useCallback(
    (parent: K | null) => ({
      queryKey: [...queryKey, 'children', parent],
      queryFn: () => fetchChildren(parent),
    }),
    // The key's contents identify the source; callers build it inline.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [JSON.stringify(queryKey), fetchChildren],
  );

  const levels = useQueries({
    queries: parents.map(childrenQuery),
    combine: useCallback((results: { data?: T[]; error: unknown; isPending: boolean }[]) => results, []),
  });
  const roots = levels[0];

  const { treeData, items } = useMemo(() => {
    const byParent = new Map<K | null, T[] | undefined>(parents.map((parent, i) => [parent, levels[i]?.data]));
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
    isPending: roots.isPending,
    error: roots.error,
  };
}
