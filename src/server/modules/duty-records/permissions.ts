import type { Role } from '../../platform/accounts/roles.js';

/** Who may see representatives' records (履职监督). */
export const DUTY_PERMISSIONS = {
  /** Every representative's record of the subtree, the ranking per union and its export. */
  'duty.read': ['union_staff', 'leader', 'supervisor', 'admin'],
  /** One's own record: 我的履职. */
  'duty.own': ['representative'],
} as const satisfies Record<string, readonly Role[]>;

declare module '../../platform/accounts/roles.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges this module's permissions into the product's
  interface PermissionRegistry extends Record<keyof typeof DUTY_PERMISSIONS, readonly Role[]> {}
}
