import { AccountBookOutlined, IdcardOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleMenu, NavGroup } from '../../lib/menu';

/** The same group as the member register (会员管理): dues and union life are the members' standing. */
const MEMBERS_GROUP: NavGroup = { key: 'members-group', label: '会员管理', icon: <IdcardOutlined /> };

const menu: ModuleMenu = {
  // Right after the members' own entries (10).
  order: 11,
  items: [
    {
      key: 'dues',
      path: '/dues',
      label: '会费',
      description: '会员每月会费：导入工资表、逐人登记、单位代缴',
      icon: <AccountBookOutlined />,
      permission: 'dues.read',
      group: MEMBERS_GROUP,
      page: lazy(() => import('./DuesPage').then((m) => ({ default: m.DuesPage }))),
    },
    {
      key: 'activities',
      path: '/activities',
      label: '组织生活',
      description: '工会活动与参加人员，现场扫码签到',
      icon: <TeamOutlined />,
      permission: 'dues.read',
      group: MEMBERS_GROUP,
      page: lazy(() => import('./ActivitiesPage').then((m) => ({ default: m.ActivitiesPage }))),
    },
  ],
  // Any signed-in member scans the activity's QR: the server finds their membership.
  routes: [{ path: '/check-in', page: lazy(() => import('./CheckInPage').then((m) => ({ default: m.CheckInPage }))) }],
};
export default menu;
