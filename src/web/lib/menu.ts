import type { ComponentType, ReactNode } from 'react';
import { useOutletContext } from 'react-router';
import type { Permission } from '../modules/auth/api';

/** A submenu of the side menu; its items are consecutive in the menu. */
export interface NavGroup {
  key: string;
  label: string;
  icon: ReactNode;
}

export interface NavItem {
  key: string;
  path: string;
  label: string;
  description: string;
  icon: ReactNode;
  /** Shown, and reachable, only for users holding this permission (or any of these: a page some answer on and others oversee). */
  permission?: Permission | readonly Permission[];
  page: ComponentType;
  group?: NavGroup;
}

/** A page reached by link rather than from the menu: a record's own page, which notifications point at. */
export interface PageRoute {
  path: string;
  /** Reachable only for users holding this permission; none where the server decides per record (404 otherwise). */
  permission?: Permission;
  page: ComponentType;
}

/**
 * What a module adds to the side menu: its `menu.tsx` default-exports one.
 * The app finds every `modules/<name>/menu.tsx` by itself (app/nav.tsx) and
 * places the menus between the platform's first and last entries by `order`.
 */
export interface ModuleMenu {
  /** Position among the modules' menus (members 10, member reports 20; leave gaps). */
  order: number;
  items: NavItem[];
  /** Pages outside the menu, e.g. `/proposals/:id`; the menu entry whose path starts theirs is highlighted on them. */
  routes?: PageRoute[];
}

/**
 * The side menu's entries the signed-in user may open, as the layout shows them: AppLayout hands them to
 * its pages (the home page's shortcuts), so a page need not import the menu that lazily imports it.
 */
export const useVisibleNavItems = () => useOutletContext<NavItem[]>();
