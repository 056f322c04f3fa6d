import type { Role } from '../../platform/accounts/roles.js';

/**
 * Who may do what in 连心舱 mediation. Two rules meet here: a role held at an
 * org reaches its subtree (staff, leaders and supervisors read every studio
 * and case of theirs), while a mediator acts only as a member of a studio's
 * team — `mediation.handle` says the account may mediate at all, its studio
 * memberships (studios.ts `membership`) say where, whatever the org the role is
 * held at. Relations on a case (the lead mediator, the worker parties) are in
 * workflow.ts.
 */
export const MEDIATION_PERMISSIONS = {
  /** Register studios and keep their teams (members, accounts, lawyers). */
  'mediation.manage': ['union_staff', 'admin'],
  /** Every studio, team and case of the subtree, with the figures. */
  'mediation.read': ['union_staff', 'leader', 'supervisor', 'admin'],
  /** Mediate: the cases of the studios whose team the account belongs to. */
  'mediation.handle': ['mediator'],
  /** Ask for legal help or mediation online and follow one's own cases. */
  'mediation.apply': ['worker'],
} as const satisfies Record<string, readonly Role[]>;

declare module '../../platform/accounts/roles.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges this module's permissions into the product's
  interface PermissionRegistry extends Record<keyof typeof MEDIATION_PERMISSIONS, readonly Role[]> {}
}
