/// <reference types="vite/client" />
import {
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  CalendarOutlined,
  DesktopOutlined,
  BookOutlined,
  HomeOutlined,
  LoginOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleMenu, NavGroup, NavItem, PageRoute } from '../lib/menu';
import type { Permission } from '../modules/auth/api';

export type { NavGroup, NavItem } from '../lib/menu';

export const CHANGE_PASSWORD_PATH = '/change-password';

/** Every module's menu (`modules/<name>/menu.tsx`), found at build time: adding a module edits no list here. */
const moduleMenus = Object.values(import.meta.glob<ModuleMenu>('../modules/*/menu.tsx', { eager: true, import: 'default' })).sort((a, b) => a.order - b.order);

/** 系统管理: the administrator's pages, one submenu as RuoYi-style consoles have it. */
const SYSTEM_GROUP: NavGroup = { key: 'system-group', label: '系统管理', icon: <SettingOutlined /> };

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
    group: SYSTEM_GROUP,
    path: '/users',
    label: '用户与角色',
    description: '账号、角色授权与密码重置',
    icon: <TeamOutlined />,
    permission: 'users.read',
    page: lazy(() => import('../modules/users/UsersPage').then((m) => ({ default: m.UsersPage }))),
  },
  {
    key: 'roles',
    group: SYSTEM_GROUP,
    path: '/roles',
    label: '角色权限',
    description: '各角色能做什么、谁在哪里担任',
    icon: <SafetyCertificateOutlined />,
    permission: 'users.read',
    page: lazy(() => import('../modules/admin/RolesPage').then((m) => ({ default: m.RolesPage }))),
  },
  {
    key: 'dictionaries',
    group: SYSTEM_GROUP,
    path: '/dictionaries',
    label: '数据字典',
    description: '就业形态、行业等代码表的名称与顺序',
    icon: <BookOutlined />,
    permission: 'dictionaries.manage',
    page: lazy(() => import('../modules/admin/DictionariesPage').then((m) => ({ default: m.DictionariesPage }))),
  },
  {
    key: 'settings',
    group: SYSTEM_GROUP,
    path: '/settings',
    label: '参数设置',
    description: '系统访问地址、会员证号格式、短信模板等',
    icon: <SettingOutlined />,
    permission: 'settings.manage',
    page: lazy(() => import('../modules/admin/SettingsPage').then((m) => ({ default: m.SettingsPage }))),
  },
  {
    key: 'audit',
    group: SYSTEM_GROUP,
    path: '/audit',
    label: '操作日志',
    description: '谁在何时做了什么',
    icon: <AuditOutlined />,
    permission: 'audit.read',
    page: lazy(() => import('../modules/audit/AuditPage').then((m) => ({ default: m.AuditPage }))),
  },
  {
    key: 'login-log',
    group: SYSTEM_GROUP,
    path: '/login-log',
    label: '登录日志',
    description: '登录成功与失败记录',
    icon: <LoginOutlined />,
    permission: 'audit.read',
    page: lazy(() => import('../modules/audit/LoginLogPage').then((m) => ({ default: m.LoginLogPage }))),
  },
  {
    key: 'sessions',
    group: SYSTEM_GROUP,
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
