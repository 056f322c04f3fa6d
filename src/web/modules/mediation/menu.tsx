import { CalendarOutlined, ScheduleOutlined, TeamOutlined } from '@ant-design/icons';
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
    {
      key: 'mediation-duty',
      path: '/mediation/duty',
      label: '连心舱 · 值班表',
      description: '律师坐诊日、舱长轮值日等值班规则，节假日休息、调休上班日照常，代班和取消',
      icon: <ScheduleOutlined />,
      permission: ['mediation.manage', 'mediation.read', 'mediation.handle'],
      group: GROUP,
      page: lazy(() => import('./rosters/DutyPage').then((m) => ({ default: m.DutyPage }))),
    },
    {
      key: 'mediation-duty-today',
      path: '/mediation/duty-today',
      label: '今日值班',
      description: '今天在“连心舱”调解工作室值班的舱长、律师和工作室电话',
      icon: <CalendarOutlined />,
      permission: 'mediation.apply',
      group: GROUP,
      page: lazy(() => import('./rosters/TodayDutyPage').then((m) => ({ default: m.TodayDutyPage }))),
    },
  ],
};
export default menu;
