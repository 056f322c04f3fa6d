import { Descriptions, Divider, type TableColumnsType, Typography } from 'antd';
import { type FilterField, ListPage, useListParams } from '../../components/ListPage';
import { formatDateTime } from '../../lib/time';
import type { AuditEntry } from './api';
import { AuditDiff } from './AuditDiff';
import { useAuditLog } from './hooks';

const FILTERS: FilterField<'q' | 'actor' | 'action' | 'entityType' | 'from' | 'to'>[] = [
  { kind: 'text', key: 'q', label: '关键词', placeholder: '摘要中的文字' },
  { kind: 'text', key: 'actor', label: '操作人' },
  { kind: 'text', key: 'action', label: '操作', placeholder: '如 org.update' },
  { kind: 'text', key: 'entityType', label: '对象类型', placeholder: '如 org' },
  { kind: 'dateRange', keys: ['from', 'to'], label: '日期' },
];

const COLUMNS: TableColumnsType<AuditEntry> = [
  { key: 'at', title: '时间', dataIndex: 'at', render: formatDateTime, width: 150 },
  { key: 'actorName', title: '操作人', dataIndex: 'actorName', render: (name: string | null) => name ?? '系统' },
  { key: 'action', title: '操作', dataIndex: 'action', render: (action: string) => <Typography.Text code>{action}</Typography.Text> },
  { key: 'entity', title: '对象', render: (_, e) => `${e.entityType}${e.entityId === null ? '' : ` #${e.entityId}`}` },
  { key: 'summary', title: '摘要', dataIndex: 'summary', ellipsis: true },
  { key: 'ip', title: 'IP', dataIndex: 'ip' },
];

function AuditEntryDetail({ entry }: { entry: AuditEntry }) {
  return (
    <>
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'at', label: '时间', children: formatDateTime(entry.at) },
          { key: 'actor', label: '操作人', children: entry.actorName ?? '系统' },
          { key: 'action', label: '操作', children: entry.action },
          { key: 'entity', label: '对象', children: `${entry.entityType} ${entry.entityId ?? ''}` },
          { key: 'summary', label: '摘要', children: entry.summary },
          { key: 'ip', label: 'IP', children: entry.ip ?? '—' },
          { key: 'ua', label: '浏览器', children: entry.userAgent ?? '—' },
        ]}
      />
      <Divider titlePlacement="start">数据变化</Divider>
      <AuditDiff before={entry.before} after={entry.after} />
    </>
  );
}

export function AuditPage() {
  const list = useListParams(FILTERS);
  const entries = useAuditLog(list.params);
  return (
    <ListPage
      title="操作日志"
      list={list}
      query={entries}
      columns={COLUMNS}
      rowKey={(entry) => entry.id}
      emptyText="没有符合条件的操作记录"
      detail={{ title: (entry) => entry.summary, render: (entry) => <AuditEntryDetail entry={entry} />, width: 760 }}
    />
  );
}
