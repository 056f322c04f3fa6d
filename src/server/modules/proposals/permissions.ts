import type { Role } from '../../platform/accounts/roles.js';

/** Who may do what with proposals; relations (submitter, co-signer, handler, worker) are in workflow.ts. */
export const PROPOSAL_PERMISSIONS = {
  /** Every proposal of the subtree (representatives: to co-sign and follow their union's). */
  'proposals.read': ['union_staff', 'leader', 'supervisor', 'admin', 'representative'],
  /** Draft, submit and co-sign proposals of one's union. */
  'proposals.submit': ['representative'],
  /** 小组审议: put to review, accept (立案), refuse, merge. */
  'proposals.review': ['union_staff', 'admin'],
  /** 交办 and 办结. */
  'proposals.assign': ['union_staff', 'admin'],
  /** 执行督查: approve or send back an answer, 催办. */
  'proposals.supervise': ['supervisor', 'admin'],
  /** Register handler units and their accounts. */
  'proposals.handlers': ['union_staff', 'admin'],
  /** Follow the proposals raised for one (the worker of 零距离) on the phone: 我的提案. */
  'proposals.follow': ['worker'],
  /** 提案统计 and 提案汇编 of a subtree: the rates, by handler, field and union, and the book to print. */
  'proposals.statistics': ['union_staff', 'leader', 'supervisor', 'admin'],
  /** Act for a handler unit: see and handle what is assigned to it (and nothing else). */
  'proposals.handle': ['handler'],
} as const satisfies Record<string, readonly Role[]>;

declare module '../../platform/accounts/roles.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges this module's permissions into the product's
  interface PermissionRegistry extends Record<keyof typeof PROPOSAL_PERMISSIONS, readonly Role[]> {}
}
