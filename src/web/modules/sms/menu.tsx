import { MessageOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleMenu } from '../../lib/menu';

/** 短信发件箱: the platform's SMS outbox, for administrators; after every module's menu. */
const menu: ModuleMenu = {
  order: 1000,
  items: [
    {
      key: 'sms-outbox',
      path: '/sms/outbox',
      label: '短信发件箱',
      description: '短信的发送状态、失败原因与重新发送',
      icon: <MessageOutlined />,
      permission: 'sms.manage',
      page: lazy(() => import('./OutboxPage').then((m) => ({ default: m.OutboxPage }))),
    },
  ],
};

export default menu;
