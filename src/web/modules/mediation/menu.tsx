import { AuditOutlined, BarChartOutlined, CalendarOutlined, FileProtectOutlined, ScheduleOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleMenu, NavGroup } from '../../lib/menu';

/** 连心舱 · 诉调对接: labour-dispute mediation. */
const GROUP: NavGroup = { key: 'mediation-group', label: '连心舱', icon: <FileProtectOutlined /> };

const menu: ModuleMenu = {
  order: 40,
  items: [
    {
      key: 'mediation-mine',
      path: '/mediation/mine',
      label: '我的调解',
      description: '申请法律援助或调解，查看进度、签收协议、评价结果',
      icon: <FileProtectOutlined />,
      permission: 'mediation.apply',
      group: GROUP,
      page: lazy(() => import('./MyCasesPage').then((m) => ({ default: m.MyCasesPage }))),
    },
    {
      key: 'mediation-cases',
      path: '/mediation/cases',
      label: '调解案件',
      description: '识、访、议、调、诉：受理、走访、协商、调解、协议与司法确认',
      icon: <AuditOutlined />,
      // Mediators see their studio's cases; staff, leaders and supervisors their subtree's.
      permission: ['mediation.handle', 'mediation.read'],
      group: GROUP,
      page: lazy(() => import('./CasesPage').then((m) => ({ default: m.CasesPage }))),
    },
    {
      key: 'mediation-statistics',
      path: '/mediation/statistics',
      label: '调解统计',
      description: '受理、来源、诉求类型、成功率、协议金额、帮助职工、满意率；导出 Excel',
      icon: <BarChartOutlined />,
      permission: 'mediation.read',
      group: GROUP,
      page: lazy(() => import('./StatisticsPage').then((m) => ({ default: m.StatisticsPage }))),
    },
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
  routes: [
    // A case's own page, where notifications lead: the team, the staff, the worker parties; the server decides.
    { path: '/mediation/cases/:id', page: lazy(() => import('./CasePage').then((m) => ({ default: m.CasePage }))) },
  ],
};
export default menu;
