import { Card, Empty, Table, type TableColumnsType, Tag, Tooltip } from 'antd';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useTableWidth } from '../../components/ResponsiveTable';
import { formatDateTime } from '../../lib/time';
import type { OnlineSession } from './api';
import { useEndSession, useSessions } from './hooks';

/** Who is signed in, from where; an admin can end any session but their own (that is 退出登录). */
export function SessionsPage() {
  const tableWidth = useTableWidth();
  const sessions = useSessions();
  const end = useEndSession();

  const columns: TableColumnsType<OnlineSession> = [
    {
      key: 'user',
      title: '用户',
      render: (_, s) => (
        <>
          {s.displayName}（{s.username}）{s.current && <Tag color="red">当前会话</Tag>}
        </>
      ),
    },
    { key: 'ip', title: 'IP', dataIndex: 'ip' },
    {
      key: 'client',
      title: '浏览器与系统',
      dataIndex: 'client',
      // The whole User-Agent on hover, for the rare case the short form is not enough.
      render: (client: string, s) => <Tooltip title={s.userAgent}>{client}</Tooltip>,
    },
    { key: 'createdAt', title: '登录时间', dataIndex: 'createdAt', render: formatDateTime },
    { key: 'lastSeenAt', title: '最近活动', dataIndex: 'lastSeenAt', render: formatDateTime },
    {
      key: 'actions',
      title: '操作',
      render: (_, s) =>
        !s.current && (
          <ConfirmButton
            type="link"
            danger
            size="small"
            title={`结束「${s.displayName}」的这个会话？`}
            description="该用户在这台设备上需要重新登录。"
            successMessage="会话已结束"
            onConfirm={() => end.mutateAsync(s.id)}
          >
            结束会话
          </ConfirmButton>
        ),
    },
  ];

  return (
    <Card title="在线会话">
      <ErrorAlert error={sessions.error} />
      <Table<OnlineSession>
        rowKey="id"
        columns={columns}
        dataSource={sessions.data}
        loading={sessions.isPending}
        pagination={{ hideOnSinglePage: true, pageSize: 50 }}
        {...tableWidth}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无在线会话" /> }}
      />
    </Card>
  );
}
