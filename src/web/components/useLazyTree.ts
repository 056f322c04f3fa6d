import { type QueryKey, useQueries, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useState } from 'react';

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
  /**
   * A branch to open, root first, e.g. the ancestors of the selected org; it
   * is opened again whenever it changes. Each key opens once it turns up in a
   * loaded level, so levels outside the user's scope are never requested.
   */
  reveal?: readonly K[];
}

export const toTreeNode = <T, K extends TreeKey>(item: T, info: NodeInfo<K>): LazyTreeNode<T, K> => ({
  ...info,
  value: info.key,
  item,
});

// Plain fields only, so structural sharing keeps the result stable between renders.
const pickLevels = <D>(results: { data?: D; error: unknown; isPending: boolean }[]) =>
  results.map(({ data, error, isPending }) => ({ data, error, isPending }));

/**
 * A tree whose levels load on demand. Each level is its own query, so
 * invalidating the module's queries refreshes every open level in place.
 */
export function useLazyTree<T, K extends TreeKey>({ childrenQuery, describe, reveal = [] }: LazyTreeOptions<T, K>) {
  const queryClient = useQueryClient();
  /** Levels antd asked for; they stay in the tree once loaded. */
  const [requested, setRequested] = useState<K[]>([]);
  const [expanded, setExpanded] = useState<K[]>([]);

  const branch = reveal.join('/');
  const [revealed, setRevealed] = useState('');
  if (branch !== revealed) {
    setRevealed(branch);
    setExpanded((prev) => [...new Set([...prev, ...reveal])]);
  }

  const parents: (K | null)[] = [null, ...requested];
  const loadedUnder = (parent: K | null) => queryClient.getQueryData<T[]>(childrenQuery(parent).queryKey);
  for (const key of expanded) {
    const reachable = parents.some((parent) => loadedUnder(parent)?.some((item) => describe(item).key === key));
    if (reachable && !parents.includes(key)) parents.push(key);
  }
  const levels = useQueries({ queries: parents.map(childrenQuery), combine: pickLevels<T[]> });

  const byParent = new Map(parents.map((parent, i) => [parent, levels[i]?.data]));
  const items = new Map<K, T>();
  const build = (parent: K | null): LazyTreeNode<T, K>[] | undefined =>
    byParent.get(parent)?.map((item) => {
      const info = describe(item);
      items.set(info.key, item);
      return { ...toTreeNode(item, info), children: info.isLeaf ? undefined : build(info.key) };
    });
  const treeData = build(null) ?? [];

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
    /**
     * For antd's controlled `expandedKeys`: only keys whose node has loaded, as
     * antd drops unknown keys on its first render and never takes them back.
     */
    expandedKeys: expanded.filter((key) => items.has(key)),
    setExpandedKeys: setExpanded,
    /** The loaded record with this key, if any. */
    find: (key: K) => items.get(key),
    loadChildren,
    isPending: levels[0].isPending,
    error: levels[0].error,
  };
}
