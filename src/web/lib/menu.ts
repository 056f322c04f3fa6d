import type { ComponentType, ReactNode } from 'react';
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
  /** Shown, and reachable, only for users holding this permission. */
  permission?: Permission;
  page: ComponentType;
  group?: NavGroup;
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
}
