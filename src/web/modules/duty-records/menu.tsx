import { SolutionOutlined, TrophyOutlined, UserOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleMenu, NavGroup } from '../../lib/menu';

/** The same group as 提案管理 (云履职). */
const GROUP: NavGroup = { key: 'proposals-group', label: '云履职', icon: <SolutionOutlined /> };

const menu: ModuleMenu = {
  // With the other 云履职 menus (31), after them.
  order: 32,
  items: [
    {
      key: 'duty-records',
      path: '/duty-records',
      label: '履职监督',
      description: '会员代表回复诉求、提案、附议、审议出席和满意率，按工会排名',
      icon: <TrophyOutlined />,
      permission: 'duty.read',
      group: GROUP,
      page: lazy(() => import('./DutyRecordsPage').then((m) => ({ default: m.DutyRecordsPage }))),
    },
    {
      key: 'duty-records-mine',
      path: '/duty-records/mine',
      label: '我的履职',
      description: '本人回复诉求、提案、附议、审议出席和满意率，以及积分怎么算',
      icon: <UserOutlined />,
      permission: 'duty.own',
      group: GROUP,
      page: lazy(() => import('./MyDutyPage').then((m) => ({ default: m.MyDutyPage }))),
    },
  ],
};
export default menu;
