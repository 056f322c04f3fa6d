import {
  AimOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  CalendarOutlined,
  DesktopOutlined,
  FileTextOutlined,
  HomeOutlined,
  IdcardOutlined,
  LoginOutlined,
  NotificationOutlined,
  SolutionOutlined,
  StopOutlined,
  SwapOutlined,
  TeamOutlined,
  UploadOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { type ComponentType, lazy, type ReactNode } from 'react';
import type { Permission } from '../modules/auth/api';

export const CHANGE_PASSWORD_PATH = '/change-password';

/** A submenu of the side menu; its items are consecutive in NAV_ITEMS. */
export interface NavGroup {
  key: string;
  label: string;
  icon: ReactNode;
}

const MEMBERS_GROUP: NavGroup = { key: 'members-group', label: '会员管理', icon: <IdcardOutlined /> };

export interface NavItem {
  key: string;
  path: string;
  label: string;
  description: string;
  icon: ReactNode;
  /** Shown, and reachable, only for users holding this permission. */
  permission?: Permission;
  page: ComponentType;
  group?: NavGroup;
}

/**
 * The side menu, the routes behind it and the home page's shortcuts, in menu
 * order. Pages load on first visit, so the login screen stays light.
 */
export const NAV_ITEMS: NavItem[] = [
  {
    key: 'home',
    path: '/',
    label: '首页',
    description: '个人信息与常用入口',
    icon: <HomeOutlined />,
    page: lazy(() => import('../modules/home/HomePage').then((m) => ({ default: m.HomePage }))),
  },
  {
    key: 'orgs',
    path: '/orgs',
    label: '组织架构',
    description: '查看与维护工会组织树',
    icon: <ApartmentOutlined />,
    permission: 'orgs.read',
    page: lazy(() => import('../modules/orgs/OrgTreePage').then((m) => ({ default: m.OrgTreePage }))),
  },
  {
    key: 'members',
    path: '/members',
    label: '会员名册',
    description: '查询会员、会籍变更与会员历史',
    icon: <SolutionOutlined />,
    permission: 'members.read',
    group: MEMBERS_GROUP,
    page: lazy(() => import('../modules/members/MembersPage').then((m) => ({ default: m.MembersPage }))),
  },
  {
    key: 'member-applications',
    path: '/members/applications',
    label: '入会审核',
    description: '审核职工扫码提交的入会申请',
    icon: <UserAddOutlined />,
    permission: 'members.read',
    group: MEMBERS_GROUP,
    page: lazy(() => import('../modules/members/ApplicationsPage').then((m) => ({ default: m.ApplicationsPage }))),
  },
  {
    key: 'member-transfers',
    path: '/members/transfers',
    label: '会员接转',
    description: '会员转出、转入与接收新会员',
    icon: <SwapOutlined />,
    permission: 'members.read',
    group: MEMBERS_GROUP,
    page: lazy(() => import('../modules/members/TransfersPage').then((m) => ({ default: m.TransfersPage }))),
  },
  {
    key: 'member-deemed',
    path: '/members/deemed-withdrawal',
    label: '视为自动退会',
    description: '连续六个月未缴会费且未参加活动的会员',
    icon: <StopOutlined />,
    permission: 'members.read',
    group: MEMBERS_GROUP,
    page: lazy(() => import('../modules/members/DeemedWithdrawalPage').then((m) => ({ default: m.DeemedWithdrawalPage }))),
  },
  {
    key: 'member-import',
    path: '/members/import',
    label: '花名册导入',
    description: '上传 Excel 花名册批量登记会员',
    icon: <UploadOutlined />,
    permission: 'members.manage',
    group: MEMBERS_GROUP,
    page: lazy(() => import('../modules/members/ImportPage').then((m) => ({ default: m.ImportPage }))),
  },
  {
    key: 'member-targets',
    path: '/member-reports/targets',
    label: '目标任务',
    description: '下辖单位年度建会入会目标',
    icon: <AimOutlined />,
    permission: 'reports.read',
    page: lazy(() => import('../modules/member-reports/TargetsPage').then((m) => ({ default: m.TargetsPage }))),
  },
  {
    key: 'member-weekly',
    path: '/member-reports/weekly',
    label: '周报告',
    description: '建会入会周报与会员构成',
    icon: <FileTextOutlined />,
    permission: 'reports.read',
    page: lazy(() => import('../modules/member-reports/WeeklyPage').then((m) => ({ default: m.WeeklyPage }))),
  },
  {
    key: 'member-bulletins',
    path: '/member-reports/bulletins',
    label: '半月通报',
    description: '按目标完成率排名通报',
    icon: <NotificationOutlined />,
    permission: 'reports.read',
    page: lazy(() => import('../modules/member-reports/BulletinsPage').then((m) => ({ default: m.BulletinsPage }))),
  },
  {
    key: 'member-monthly',
    path: '/member-reports/monthly',
    label: '月例会数据',
    description: '每月例会的进展与位次变化',
    icon: <BarChartOutlined />,
    permission: 'reports.read',
    page: lazy(() => import('../modules/member-reports/MonthlyPage').then((m) => ({ default: m.MonthlyPage }))),
  },
  {
    key: 'users',
    path: '/users',
    label: '用户与角色',
    description: '账号、角色授权与密码重置',
    icon: <TeamOutlined />,
    permission: 'users.read',
    page: lazy(() => import('../modules/users/UsersPage').then((m) => ({ default: m.UsersPage }))),
  },
  {
    key: 'audit',
    path: '/audit',
    label: '操作日志',
    description: '谁在何时做了什么',
    icon: <AuditOutlined />,
    permission: 'audit.read',
    page: lazy(() => import('../modules/audit/AuditPage').then((m) => ({ default: m.AuditPage }))),
  },
  {
    key: 'login-log',
    path: '/login-log',
    label: '登录日志',
    description: '登录成功与失败记录',
    icon: <LoginOutlined />,
    permission: 'audit.read',
    page: lazy(() => import('../modules/audit/LoginLogPage').then((m) => ({ default: m.LoginLogPage }))),
  },
  {
    key: 'sessions',
    path: '/sessions',
    label: '在线会话',
    description: '当前登录的账号与设备',
    icon: <DesktopOutlined />,
    permission: 'sessions.manage',
    page: lazy(() => import('../modules/audit/SessionsPage').then((m) => ({ default: m.SessionsPage }))),
  },
  {
    key: 'calendar',
    path: '/calendar',
    label: '工作日历',
    description: '法定节假日、调休与工作日计算',
    icon: <CalendarOutlined />,
    page: lazy(() => import('../modules/calendar/CalendarPage').then((m) => ({ default: m.CalendarPage }))),
  },
  {
    key: 'notifications',
    path: '/notifications',
    label: '消息通知',
    description: '系统消息与待办提醒',
    icon: <BellOutlined />,
    page: lazy(() => import('../modules/notifications/NotificationsPage').then((m) => ({ default: m.NotificationsPage }))),
  },
];

export const visibleNavItems = (can: (permission: Permission) => boolean) =>
  NAV_ITEMS.filter((item) => !item.permission || can(item.permission));
