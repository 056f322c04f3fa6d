import type { Role } from '../../platform/accounts/roles.js';

/** Who may do what with enterprises and their risk signals (一企一策). */
export const ENTERPRISE_PERMISSIONS = {
  /** Register enterprises, record signals, visits and plans, and follow signals up: the union's staff (and its administrator). */
  'enterprises.manage': ['union_staff', 'admin'],
  /** Every enterprise and signal of the subtree: staff, leaders, supervisors, the 连心舱's mediators, administrators. */
  'enterprises.read': ['union_staff', 'leader', 'supervisor', 'mediator', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

declare module '../../platform/accounts/roles.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges this module's permissions into the product's
  interface PermissionRegistry extends Record<keyof typeof ENTERPRISE_PERMISSIONS, readonly Role[]> {}
}
