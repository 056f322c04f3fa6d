import type { Role } from '../../platform/accounts/roles.js';

/** Who may do what with 零距离 requests; relations (the worker who asked, the addressee) are in workflow.ts. */
export const DIRECT_LINE_PERMISSIONS = {
  /** Send a request to a representative of one's union, or to the union, and follow it. */
  'directLine.ask': ['worker'],
  /** Answer the requests sent to the union (a representative also those sent to them by name). */
  'directLine.answer': ['representative', 'union_staff'],
  /** Every request of the subtree, and the representatives' response record (履职监督). */
  'directLine.read': ['union_staff', 'leader', 'supervisor', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

declare module '../../platform/accounts/roles.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges this module's permissions into the product's
  interface PermissionRegistry extends Record<keyof typeof DIRECT_LINE_PERMISSIONS, readonly Role[]> {}
}
