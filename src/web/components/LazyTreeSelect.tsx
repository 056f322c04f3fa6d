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
  /** Looks the label up when nothing else knows it, e.g. for an id read from the URL. */
  fetchLabel?: (value: K) => Promise<string>;
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
  fetchLabel,
  ...selectProps
}: LazyTreeSelectProps<T, K, M>) {
  const tree = useLazyTree({ childrenQuery, describe });

  const [search, setSearch] = useState('');
  const [term, setTerm] = useState('');
  const updateTerm = useDebouncedCallback(setTerm);
  const matches = useQuery({ ...matchesQuery(term), enabled: term !== '' });

  // Remembers a search hit's label once the hits are gone from the list.
  const [picked, setPicked] = useState<{ value: K; label: string } | null>(null);

  const known = value == null ? undefined : tree.find(value);
  const localLabel =
    value == null
      ? undefined
      : known
        ? describe(known).label
        : picked?.value === value
          ? picked.label
          : valueLabel;
  const fetched = useQuery({
    queryKey: [...childrenQuery(null).queryKey, 'label', value],
    queryFn: value != null && localLabel === undefined && fetchLabel ? () => fetchLabel(value) : skipToken,
  });

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
      value={value == null ? undefined : { value, label: localLabel ?? fetched.data ?? '…' }}
      onChange={(next?: { value: K; label: string }) => {
        setPicked(next ?? null);
        changeSearch('');
        onChange?.(next?.value ?? null);
      }}
      treeData={treeData}
      treeNodeLabelProp="label"
      loadData={(node) => tree.loadChildren(node.value as K)}
      showSearch={{ searchValue: search, onSearch: changeSearch, filterTreeNode: false, autoClearSearchValue: true }}
      notFoundContent={awaitingMatches ? <Spin size="small" /> : searching ? '无匹配结果' : '暂无数据'}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 320 } } }}
    />
  );
}
