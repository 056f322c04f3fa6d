import { CheckOutlined } from '@ant-design/icons';
import { Badge, Button, Descriptions, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { type FilterField, ListPage, useListParams } from '../../components/ListPage';
import { formatDateTime } from '../../lib/time';
import type { NotificationItem } from './api';
import { isInAppLink, useMarkAllRead, useNotifications, useOpenNotification } from './hooks';

const FILTERS: FilterField<'unreadOnly'>[] = [
  { kind: 'select', key: 'unreadOnly', label: '范围', options: [{ value: 'true', label: '仅未读' }] },
];

const COLUMNS: TableColumnsType<NotificationItem> = [
  {
    key: 'title',
    title: '标题',
    render: (_, n) => <Badge dot={!n.readAt} offset={[6, 0]}>{n.title}</Badge>,
  },
  { key: 'kind', title: '类别', dataIndex: 'kindLabel', render: (label: string) => <Tag>{label}</Tag> },
  { key: 'at', title: '时间', dataIndex: 'at', render: formatDateTime, width: 150 },
  {
    key: 'readAt',
    title: '状态',
    dataIndex: 'readAt',
    render: (readAt: string | null) => (readAt ? <Tag>已读</Tag> : <Tag color="red">未读</Tag>),
  },
];

function NotificationDetail({ notification }: { notification: NotificationItem }) {
  const open = useOpenNotification();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'at', label: '时间', children: formatDateTime(notification.at) },
          { key: 'kind', label: '类别', children: notification.kindLabel },
        ]}
      />
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{notification.body ?? '（无正文）'}</Typography.Paragraph>
      {isInAppLink(notification.link) && (
        <Button type="primary" onClick={() => open(notification)}>
          前往查看
        </Button>
      )}
    </Space>
  );
}

export function NotificationsPage() {
  const list = useListParams(FILTERS);
  const notifications = useNotifications(list.params);
  const markAll = useMarkAllRead();
  const open = useOpenNotification();

  return (
    <ListPage
      tableId="notifications"
      title="消息通知"
      list={list}
      query={notifications}
      columns={COLUMNS}
      rowKey={(n) => n.id}
      emptyText="暂无消息"
      extra={
        <Button
          icon={<CheckOutlined />}
          disabled={!notifications.data?.unread}
          loading={markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          全部标记已读
        </Button>
      }
      detail={{
        title: (n) => n.title,
        render: (n) => <NotificationDetail notification={n} />,
        onOpen: (n) => open(n, { follow: false }),
      }}
    />
  );
}
