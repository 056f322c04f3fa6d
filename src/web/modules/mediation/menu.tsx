import { TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleMenu, NavGroup } from '../../lib/menu';

/** 连心舱 · 诉调对接: labour-dispute mediation. */
const GROUP: NavGroup = { key: 'mediation-group', label: '连心舱', icon: <TeamOutlined /> };

const menu: ModuleMenu = {
  order: 40,
  items: [
    {
      key: 'mediation-team',
      path: '/mediation/team',
      label: '连心舱 · 团队',
      description: '调解工作室及其领航员、导师、舱长、志愿者和驻点律师',
      icon: <TeamOutlined />,
      permission: ['mediation.manage', 'mediation.read', 'mediation.handle'],
      group: GROUP,
      page: lazy(() => import('./TeamPage').then((m) => ({ default: m.TeamPage }))),
    },
  ],
};
export default menu;
