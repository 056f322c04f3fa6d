import { Descriptions, type TableColumnsType, Tag, Tooltip } from 'antd';
import { DownloadButton } from '../../components/DownloadButton';
import { toUrl } from '../../lib/api';
import { type FilterField, ListPage, useListParams } from '../../components/ListPage';
import { formatDateTime } from '../../lib/time';
import { exportQuery, type LoginAttempt } from './api';
import { useLoginLog } from './hooks';

const FILTERS: FilterField<'username' | 'success' | 'ip' | 'from' | 'to'>[] = [
  { kind: 'text', key: 'username', label: '用户名' },
  {
    kind: 'select',
    key: 'success',
    label: '结果',
    options: [
      { value: 'true', label: '成功' },
      { value: 'false', label: '失败' },
    ],
  },
  { kind: 'text', key: 'ip', label: 'IP' },
  { kind: 'dateRange', keys: ['from', 'to'], label: '日期' },
];

const ResultTag = ({ success }: { success: boolean }) =>
  success ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>;

const COLUMNS: TableColumnsType<LoginAttempt> = [
  { key: 'at', title: '时间', dataIndex: 'at', render: formatDateTime, width: 150 },
  { key: 'username', title: '用户名', dataIndex: 'username' },
  { key: 'success', title: '结果', dataIndex: 'success', render: (success: boolean) => <ResultTag success={success} /> },
  { key: 'reason', title: '原因', dataIndex: 'reason', render: (reason: string | null) => reason ?? '—' },
  { key: 'ip', title: 'IP', dataIndex: 'ip' },
  { key: 'client', title: '浏览器与系统', dataIndex: 'client', render: (client: string, a) => <Tooltip title={a.userAgent}>{client}</Tooltip> },
];

export function LoginLogPage() {
  const list = useListParams(FILTERS);
  const attempts = useLoginLog(list.params);
  return (
    <ListPage
      tableId="login-log"
      title="登录日志"
      list={list}
      query={attempts}
      columns={COLUMNS}
      rowKey={(attempt) => attempt.id}
      emptyText="没有符合条件的登录记录"
      extra={
        <DownloadButton href={toUrl('/api/login-log/export.xlsx', exportQuery(list.params))} testId="login-log-export">
          导出
        </DownloadButton>
      }
      detail={{
        title: (a) => `${a.username} · ${formatDateTime(a.at)}`,
        render: (a) => (
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'at', label: '时间', children: formatDateTime(a.at) },
              { key: 'username', label: '用户名', children: a.username },
              { key: 'success', label: '结果', children: <ResultTag success={a.success} /> },
              { key: 'reason', label: '原因', children: a.reason ?? '—' },
              { key: 'ip', label: 'IP', children: a.ip ?? '—' },
              { key: 'client', label: '浏览器与系统', children: a.client },
              { key: 'ua', label: 'User-Agent', children: a.userAgent ?? '—' },
            ]}
          />
        ),
      }}
    />
  );
}
