import { skipToken, useQuery } from '@tanstack/react-query';
import { Spin, TreeSelect } from 'antd';
import { type CSSProperties, useState } from 'react';
import { useDebouncedCallback } from '../lib/useDebouncedCallback';
import { type ChildrenQuery, type LevelQuery, type NodeInfo, toTreeNode, type TreeKey, useLazyTree } from './useLazyTree';

export interface LazyTreeSelectProps<T, K extends TreeKey, M extends T = T> {
  value?: K | null;
  onChange?: (value: K | null) => void;
  /** Stable, like `describe` and `describeMatch`. */
  childrenQuery: ChildrenQuery<T, K>;
  /** Server-side search: the whole tree is far too big to filter in the browser. */
  matchesQuery: (q: string) => LevelQuery<M>;
  describe: (item: T) => NodeInfo<K>;
  /** How a search hit reads, e.g. with its place in the tree. Defaults to `describe`. */
  describeMatch?: (item: M) => NodeInfo<K>;
  /** Label of the current value when the caller already knows it. */
  valueLabel?: string;
  /**
   * Where the current value sits (its ancestors, root first) and, if known, its
   * label: the tree then opens down to it, e.g. for an id read from the URL.
   */
  locate?: (value: K) => Promise<{ label?: string; path: K[] }>;
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
}

/** A select over a tree that loads level by level and searches on the server. */
export function LazyTreeSelect<T, K extends TreeKey, M extends T = T>({
  value,
  onChange,
  childrenQuery,
  matchesQuery,
  describe,
  describeMatch = describe,
  valueLabel,
  locate,
  ...selectProps
}: LazyTreeSelectProps<T, K, M>) {
  const located = useQuery({
    // Beside the tree's own queries, so refreshing the tree refreshes this too.
    queryKey: [...childrenQuery(null).queryKey, 'locate', value],
    queryFn: value != null && locate ? () => locate(value) : skipToken,
  });
  const tree = useLazyTree({ childrenQuery, describe, reveal: located.data?.path });

  const [search, setSearch] = useState('');
  const [term, setTerm] = useState('');
  const updateTerm = useDebouncedCallback(setTerm);
  const matches = useQuery({ ...matchesQuery(term), enabled: term !== '' });

  // Remembers a search hit's label once the hits are gone from the list.
  const [picked, setPicked] = useState<{ value: K; label: string } | null>(null);

  const label = (value: K) => {
    const known = tree.find(value);
    if (known) return describe(known).label;
    if (picked?.value === value) return picked.label;
    return located.data?.label ?? valueLabel ?? '…';
  };

  const searching = search.trim() !== '';
  const awaitingMatches = searching && (term !== search.trim() || matches.isFetching);
  const treeData = searching
    ? (matches.data ?? []).map((item) => toTreeNode(item, { ...describeMatch(item), isLeaf: true }))
    : tree.treeData;

  const changeSearch = (text: string) => {
    setSearch(text);
    updateTerm(text.trim());
  };

  return (
    <TreeSelect
      {...selectProps}
      labelInValue
      value={value == null ? undefined : { value, label: label(value) }}
      onChange={(next?: { value: K; label: string }) => {
        setPicked(next ?? null);
        changeSearch('');
        onChange?.(next?.value ?? null);
      }}
      treeData={treeData}
      // Search hits are a flat list: only the tree needs its branches opened.
      treeExpandedKeys={searching ? undefined : tree.expandedKeys}
      onTreeExpand={(keys) => tree.setExpandedKeys(keys as K[])}
      treeNodeLabelProp="label"
      loadData={(node) => tree.loadChildren(node.value as K)}
      showSearch={{ searchValue: search, onSearch: changeSearch, filterTreeNode: false, autoClearSearchValue: true }}
      notFoundContent={awaitingMatches ? <Spin size="small" /> : searching ? '无匹配结果' : '暂无数据'}
    />
  );
}
