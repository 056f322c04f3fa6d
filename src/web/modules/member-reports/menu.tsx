import { AimOutlined, BarChartOutlined, FileTextOutlined, NotificationOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleMenu } from '../../lib/menu';

const menu: ModuleMenu = {
  order: 20,
  items: [
    {
      key: 'member-targets',
      path: '/member-reports/targets',
      label: '目标任务',
      description: '建会入会年度目标任务',
      icon: <AimOutlined />,
      permission: 'reports.read',
      page: lazy(() => import('./TargetsPage').then((m) => ({ default: m.TargetsPage }))),
    },
    {
      key: 'member-weekly',
      path: '/member-reports/weekly',
      label: '周报告',
      description: '建会入会周报与会员构成',
      icon: <FileTextOutlined />,
      permission: 'reports.read',
      page: lazy(() => import('./WeeklyPage').then((m) => ({ default: m.WeeklyPage }))),
    },
    {
      key: 'member-bulletins',
      path: '/member-reports/bulletins',
      label: '半月通报',
      description: '按目标完成率排名通报',
      icon: <NotificationOutlined />,
      permission: 'reports.read',
      page: lazy(() => import('./BulletinsPage').then((m) => ({ default: m.BulletinsPage }))),
    },
    {
      key: 'member-monthly',
      path: '/member-reports/monthly',
      label: '月例会数据',
      description: '每月例会的进展与位次变化',
      icon: <BarChartOutlined />,
      permission: 'reports.read',
      page: lazy(() => import('./MonthlyPage').then((m) => ({ default: m.MonthlyPage }))),
    },
  ],
};
export default menu;
