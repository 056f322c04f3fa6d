import { Select } from 'antd';
import { useState } from 'react';
import { dayjs } from '../../lib/time';
import { useMemberChoices } from './hooks';

/** This month and the eleven before it, newest first (YYYY-MM). */
export const recentMonths = () =>
  Array.from({ length: 12 }, (_, i) => {
    const m = dayjs().subtract(i, 'month').format('YYYY-MM');
    return { value: m, label: `${m.slice(0, 4)}年${Number(m.slice(5))}月` };
  });

/** Pick open members of a union by name or card number (one or many). */
export function MemberPicker({ orgId, multiple, value, onChange }: { orgId?: number; multiple?: boolean; value?: number | number[]; onChange?: (v: number | number[]) => void }) {
  const [q, setQ] = useState('');
  const choices = useMemberChoices(orgId, q);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      mode={multiple ? 'multiple' : undefined}
      value={value}
      onChange={onChange}
      disabled={!orgId}
      placeholder={orgId ? '输入姓名或会员证号查找' : '请先选择工会'}
      loading={choices.isFetching}
      options={choices.data?.items.map((m) => ({ value: m.id, label: `${m.name}（${m.cardNo}）` }))}
      data-testid="member-picker"
    />
  );
}
