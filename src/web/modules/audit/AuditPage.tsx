import { Descriptions, Divider, type TableColumnsType, Typography } from 'antd';
import { type FilterField, ListPage, useListParams } from '../../components/ListPage';
import { formatDateTime } from '../../lib/time';
import { DownloadButton } from '../../components/DownloadButton';
import { toUrl } from '../../lib/api';
import { type AuditEntry, exportQuery } from './api';
import { AuditDiff } from './AuditDiff';
import { useAuditLog, useAuditMeta } from './hooks';

const toOptions = (items: { code: string; label: string }[] | undefined) => (items ?? []).map((i) => ({ value: i.code, label: i.label }));

/** The object as a person names it: its name where the record still exists, else its type and number. */
const objectOf = (e: AuditEntry) => e.entityName ?? `${e.entityLabel}${e.entityId === null ? '' : ` ${e.entityId}`}`;

const COLUMNS: TableColumnsType<AuditEntry> = [
  { key: 'at', title: '时间', dataIndex: 'at', render: formatDateTime, width: 150 },
  { key: 'actorName', title: '操作人', dataIndex: 'actorName', render: (name: string | null) => name ?? '系统' },
  { key: 'action', title: '操作', dataIndex: 'actionLabel' },
  { key: 'entity', title: '对象', render: (_, e) => <Typography.Text title={e.entityLabel}>{objectOf(e)}</Typography.Text> },
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
          { key: 'action', label: '操作', children: entry.actionLabel },
          { key: 'entity', label: '对象', children: `${entry.entityLabel}：${objectOf(entry)}` },
          { key: 'summary', label: '摘要', children: entry.summary },
          { key: 'ip', label: 'IP', children: entry.ip ?? '—' },
          { key: 'client', label: '浏览器与系统', children: entry.client },
        ]}
      />
      <Divider titlePlacement="start">数据变化</Divider>
      <AuditDiff before={entry.before} after={entry.after} />
    </>
  );
}

export function AuditPage() {
  const meta = useAuditMeta();
  const filters: FilterField<'q' | 'actor' | 'action' | 'entityType' | 'from' | 'to'>[] = [
    { kind: 'text', key: 'q', label: '关键词', placeholder: '摘要中的文字' },
    { kind: 'text', key: 'actor', label: '操作人' },
    { kind: 'select', key: 'action', label: '操作', options: toOptions(meta.data?.actions), width: 220 },
    { kind: 'select', key: 'entityType', label: '对象类型', options: toOptions(meta.data?.entityTypes) },
    { kind: 'dateRange', keys: ['from', 'to'], label: '日期' },
  ];
  const list = useListParams(filters);
  const entries = useAuditLog(list.params);
  return (
    <ListPage
      tableId="audit"
      title="操作日志"
      list={list}
      query={entries}
      columns={COLUMNS}
      rowKey={(entry) => entry.id}
      emptyText="没有符合条件的操作记录"
      extra={
        <DownloadButton href={toUrl('/api/audit/export.xlsx', exportQuery(list.params))} testId="audit-export">
          导出
        </DownloadButton>
      }
      detail={{ title: (entry) => entry.summary, render: (entry) => <AuditEntryDetail entry={entry} />, width: 760 }}
    />
  );
}
