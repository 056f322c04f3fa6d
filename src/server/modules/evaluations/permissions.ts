import type { Role } from '../../platform/accounts/roles.js';

/** Who may do what with 会员评家 surveys. */
export const EVALUATION_PERMISSIONS = {
  /** Draft, publish and close surveys of the unions of one's subtree. */
  'evaluations.manage': ['union_staff', 'admin'],
  /** Read the surveys and their (anonymous) results within one's subtree. */
  'evaluations.results': ['union_staff', 'leader', 'supervisor', 'admin'],
  /** Answer the open surveys that cover one's own union, once each. */
  'evaluations.respond': ['worker', 'representative'],
} as const satisfies Record<string, readonly Role[]>;

declare module '../../platform/accounts/roles.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges this module's permissions into the product's
  interface PermissionRegistry extends Record<keyof typeof EVALUATION_PERMISSIONS, readonly Role[]> {}
}
