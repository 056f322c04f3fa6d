import type { Role } from '../../platform/accounts/roles.js';

/**
 * Who may do what in 职工事大家议. Reading reaches down a role's subtree like every list; taking part
 * reaches up: a worker or representative takes part in the topics of their union and of the unions above
 * it (records.ts).
 */
export const DISCUSSION_PERMISSIONS = {
  /** The topics of the subtree, with their comments and polls. */
  'discussions.read': ['union_staff', 'leader', 'supervisor', 'admin', 'representative', 'worker'],
  /** Open a topic for a union of one's subtree, and close one's own early. */
  'discussions.open': ['union_staff', 'representative', 'admin'],
  /** Hide a comment, pin a topic, close any topic of the subtree early, see hidden results before the close. */
  'discussions.moderate': ['union_staff', 'admin'],
  /** Comment and vote in the topics of one's union and the unions above it. */
  'discussions.take_part': ['worker', 'representative'],
} as const satisfies Record<string, readonly Role[]>;

declare module '../../platform/accounts/roles.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges this module's permissions into the product's
  interface PermissionRegistry extends Record<keyof typeof DISCUSSION_PERMISSIONS, readonly Role[]> {}
}
