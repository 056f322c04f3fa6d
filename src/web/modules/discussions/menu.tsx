import { CommentOutlined, SolutionOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleMenu } from '../../lib/menu';

const menu: ModuleMenu = {
  order: 31,
  items: [
    {
      key: 'discussions',
      path: '/discussions',
      label: '职工事大家议',
      description: '工会发起议题，职工留言、投票',
      icon: <CommentOutlined />,
      permission: 'discussions.read',
      // The same submenu as 提案管理 (groups are matched by key).
      group: { key: 'proposals-group', label: '云履职', icon: <SolutionOutlined /> },
      page: lazy(() => import('./DiscussionsPage').then((m) => ({ default: m.DiscussionsPage }))),
    },
  ],
  routes: [{ path: '/discussions/:id', permission: 'discussions.read', page: lazy(() => import('./TopicPage').then((m) => ({ default: m.TopicPage }))) }],
};
export default menu;
