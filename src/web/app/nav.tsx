/// <reference types="vite/client" />
import {
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  CalendarOutlined,
  DesktopOutlined,
  HomeOutlined,
  LoginOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleMenu, NavItem, PageRoute } from '../lib/menu';
import type { Permission } from '../modules/auth/api';

export type { NavGroup, NavItem } from '../lib/menu';

export const CHANGE_PASSWORD_PATH = '/change-password';

/** Every module's menu (`modules/<name>/menu.tsx`), found at build time: adding a module edits no list here. */
const moduleMenus = Object.values(import.meta.glob<ModuleMenu>('../modules/*/menu.tsx', { eager: true, import: 'default' })).sort((a, b) => a.order - b.order);

/**
 * The side menu, the routes behind it and the home page's shortcuts, in menu
 * order: the platform's first entries, the modules', then administration.
 * Pages load on first visit, so the login screen stays light.
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
  ...moduleMenus.flatMap((m) => m.items),
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

/** The modules' pages outside the menu (a record's own page). */
export const MODULE_ROUTES: PageRoute[] = moduleMenus.flatMap((m) => m.routes ?? []);

export const visibleNavItems = (can: (permission: Permission) => boolean) =>
  NAV_ITEMS.filter((item) => !item.permission || [item.permission].flat().some(can));
