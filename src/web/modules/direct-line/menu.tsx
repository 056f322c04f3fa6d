import { CommentOutlined, MessageOutlined, SolutionOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleMenu, NavGroup } from '../../lib/menu';

/** The same group as 提案管理 (云履职). */
const GROUP: NavGroup = { key: 'proposals-group', label: '云履职', icon: <SolutionOutlined /> };

const menu: ModuleMenu = {
  order: 31,
  items: [
    {
      key: 'direct-line-mine',
      path: '/direct-line/mine',
      label: '我的诉求',
      description: '向会员代表或工会反映问题，查看答复和提案进度',
      icon: <MessageOutlined />,
      permission: 'directLine.ask',
      group: GROUP,
      page: lazy(() => import('./MyRequestsPage').then((m) => ({ default: m.MyRequestsPage }))),
    },
    {
      key: 'direct-line',
      path: '/direct-line',
      label: '群众诉求',
      description: '零距离：答复职工的诉求，或转为提案',
      icon: <CommentOutlined />,
      // Representatives and staff answer; leaders and supervisors read the union's requests.
      permission: ['directLine.answer', 'directLine.read'],
      group: GROUP,
      page: lazy(() => import('./InboxPage').then((m) => ({ default: m.InboxPage }))),
    },
  ],
  routes: [
    // A request's own page, where notifications lead: the worker, the addressee, the union's staff; the server decides.
    { path: '/direct-line/:id', page: lazy(() => import('./RequestPage').then((m) => ({ default: m.RequestPage }))) },
  ],
};
export default menu;
