import { useQuery } from '@tanstack/react-query';
import { Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useDebouncedCallback } from '../../lib/useDebouncedCallback';
import { findUnions } from './api';

interface UnionSearchSelectProps {
  value?: number | null;
  onChange?: (value: number | null) => void;
  placeholder?: string;
  'data-testid'?: string;
}

/**
 * Picks any union that takes members, by name or pinyin, within the user's
 * scope or not: a member may move to a union anywhere (the org tree picker
 * only reaches one's own subtree).
 */
export function UnionSearchSelect({ value, onChange, placeholder = '输入工会名称或拼音查找', ...rest }: UnionSearchSelectProps) {
  const [search, setSearch] = useState('');
  const [term, setTerm] = useState('');
  const settle = useDebouncedCallback((q: string) => setTerm(q.trim()), 300);
  const hits = useQuery({ queryKey: ['members', 'union-finder', term], queryFn: () => findUnions(term), enabled: term !== '' });
  const [picked, setPicked] = useState<{ value: number; label: string } | null>(null);

  const options = (hits.data ?? []).map((u) => ({
    value: u.id,
    label: u.name,
    title: u.name,
    display: (
      <>
        {u.name}
        {u.parentName && (
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
            {u.parentName}
          </Typography.Text>
        )}
      </>
    ),
  }));

  return (
    <Select<number>
      {...rest}
      showSearch={{
        searchValue: search,
        filterOption: false,
        onSearch: (q) => {
          setSearch(q);
          settle(q);
        },
      }}
      value={value ?? undefined}
      labelRender={() => (picked && picked.value === value ? picked.label : value ? '…' : '')}
      placeholder={placeholder}
      options={options}
      optionRender={(option) => option.data.display}
      notFoundContent={hits.isFetching ? <Spin size="small" /> : term ? '无匹配结果' : '请输入工会名称'}
      onChange={(next, option) => {
        const chosen = Array.isArray(option) ? option[0] : option;
        setPicked(next ? { value: next, label: String(chosen?.label ?? '') } : null);
        setSearch('');
        onChange?.(next ?? null);
      }}
      allowClear
    />
  );
}
