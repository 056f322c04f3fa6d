/** Roles of DESIGN §1. A role is held at an org and reaches its whole subtree. */
export const ROLES = {
  worker: '职工',
  representative: '会员代表',
  union_staff: '工会工作人员',
  handler: '承办单位',
  mediator: '调解员',
  supervisor: '督查',
  leader: '领导',
  admin: '系统管理员',
} as const;
export type Role = keyof typeof ROLES;
export const ROLE_CODES = Object.keys(ROLES) as [Role, ...Role[]];

/**
 * What each role may do. Permissions are checked against the org of the
 * record: the actor must hold a role carrying the permission at that org or
 * an ancestor. Modules add their own permissions here as they arrive.
 */
export const PERMISSIONS = {
  'orgs.read': ['union_staff', 'leader', 'admin', 'supervisor'],
  'orgs.manage': ['union_staff', 'admin'],
  'users.read': ['union_staff', 'admin'],
  'users.manage': ['admin'],
  'audit.read': ['admin', 'leader', 'supervisor'],
  'sessions.manage': ['admin'],
  'calendar.manage': ['admin'],
  'members.read': ['union_staff', 'admin', 'leader', 'supervisor'],
  'members.manage': ['union_staff', 'admin'],
  'members.reveal_id': ['union_staff', 'admin'],
  /** Whole phone numbers of members (others see them masked). */
  'members.contact': ['union_staff', 'admin'],
  'reports.read': ['union_staff', 'leader', 'admin', 'supervisor'],
  'reports.manage': ['union_staff', 'admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;
