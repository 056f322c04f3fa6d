import { NotificationOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleMenu } from '../../lib/menu';

const menu: ModuleMenu = {
  order: 5,
  items: [
    {
      key: 'notices',
      path: '/notices',
      label: '通知公告',
      description: '上级工会的通知，向下级发布通知并查看已读回执',
      icon: <NotificationOutlined />,
      permission: ['notices.read', 'notices.publish'],
      page: lazy(() => import('./NoticesPage').then((m) => ({ default: m.NoticesPage }))),
    },
  ],
};
export default menu;
