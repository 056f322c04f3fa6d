import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, Popover, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../lib/time';
import { useMarkAllRead, useNotifications, useOpenNotification, useUnreadCount } from '../modules/notifications/hooks';

const LATEST = { page: 1, pageSize: 5 };

function LatestNotifications({ onDone }: { onDone: () => void }) {
  const latest = useNotifications(LATEST);
  const markAll = useMarkAllRead();
  const open = useOpenNotification();

  if (latest.isPending) return <Spin style={{ display: 'block', margin: '24px auto' }} />;
  const { items, unread } = latest.data ?? { items: [], unread: 0 };

  return (
    <div className="lx-bell-panel">
      {items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无消息" />}
      {items.map((n) => (
        <button
          key={n.id}
          type="button"
          className="lx-notice"
          onClick={() => {
            open(n);
            onDone();
          }}
        >
          <Badge dot={!n.readAt} offset={[6, 0]}>
            <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
          </Badge>
          <Typography.Text type="secondary" className="lx-notice-time">
            {formatDateTime(n.at)}
          </Typography.Text>
        </button>
      ))}
      <Flex justify="space-between" align="center" className="lx-bell-footer">
        <Button type="link" size="small" disabled={!unread} loading={markAll.isPending} onClick={() => markAll.mutate()}>
          全部标记已读
        </Button>
        <Link to="/notifications" onClick={onDone}>
          查看全部
        </Link>
      </Flex>
    </div>
  );
}

/** The header bell: unread count polled in the background, the latest few on click. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title="消息通知"
      open={open}
      onOpenChange={setOpen}
      content={<LatestNotifications onDone={() => setOpen(false)} />}
      destroyOnHidden
    >
      <Badge count={unread.data ?? 0} size="small" offset={[-4, 4]}>
        <Button type="text" shape="circle" icon={<BellOutlined />} aria-label="消息通知" data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}
