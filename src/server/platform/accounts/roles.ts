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

/** What each role may do: a permission names the roles that carry it. */
export type PermissionTable = Record<string, readonly Role[]>;

/** The platform's own permissions; each module declares its own in its module.ts. */
const PLATFORM_PERMISSIONS = {
  'orgs.read': ['union_staff', 'leader', 'admin', 'supervisor'],
  'orgs.manage': ['union_staff', 'admin'],
  // Accounts are the administrators' only: union staff (组织部) must not list every account of the county.
  'users.read': ['admin'],
  'users.manage': ['admin'],
  /** Find an account by name to link it to a record (a mediator to a studio's team): names and roles only. */
  'users.pick': ['union_staff', 'admin'],
  'audit.read': ['admin', 'leader', 'supervisor'],
  'sessions.manage': ['admin'],
  'calendar.manage': ['admin'],
  /** 参数设置 and 字典: instance-wide, so changed only by an administrator at the root of the tree. */
  'settings.manage': ['admin'],
  'dictionaries.manage': ['admin'],
  /** The SMS outbox page: every message, its status, 重新发送. */
  'sms.manage': ['admin'],
} as const satisfies PermissionTable;

/** The platform's permissions in Chinese (the roles page); a module's are in its module.ts `labels`. */
export const PLATFORM_PERMISSION_LABELS: Record<keyof typeof PLATFORM_PERMISSIONS, string> = {
  'orgs.read': '查看组织架构',
  'orgs.manage': '维护组织架构',
  'users.read': '查看用户与角色',
  'users.manage': '管理用户、授权与重置密码',
  'users.pick': '按姓名查找账号（关联调解员等）',
  'audit.read': '查看操作日志与登录日志',
  'sessions.manage': '查看与强制下线在线会话',
  'calendar.manage': '维护工作日历',
  'settings.manage': '修改参数设置',
  'dictionaries.manage': '维护数据字典',
  'sms.manage': '查看短信发件箱与重新发送',
};

/**
 * Every permission of the product, by name. Platform's are here; a module adds
 * its own by declaration merging in its module.ts (as Fastify's decorators
 * do), so the compiler checks `requireAt(actor, 'members.read', …)` while the
 * platform imports no module.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the modules' declarations merge into it
export interface PermissionRegistry extends Record<keyof typeof PLATFORM_PERMISSIONS, readonly Role[]> {}
export type Permission = keyof PermissionRegistry;

/**
 * Permissions are checked against the org of the record: the actor must hold
 * a role carrying the permission at that org or an ancestor (scope.ts). The
 * table is filled as modules are defined (`defineModule`), which happens when
 * `modules/index.ts` is imported, before any request: nothing may read it
 * while modules load.
 */
const table = new Map<string, readonly Role[]>(Object.entries(PLATFORM_PERMISSIONS));

export function declarePermissions(owner: string, permissions: PermissionTable) {
  for (const [name, roles] of Object.entries(permissions)) {
    if (table.has(name)) throw new Error(`permission ${name} of module ${owner} is declared twice`);
    table.set(name, roles);
  }
}

export function rolesCarrying(permission: Permission): readonly Role[] {
  const roles = table.get(permission);
  if (!roles) throw new Error(`permission ${permission} is declared by no module in modules/index.ts`);
  return roles;
}

/** Every declared permission, in declaration order (the platform's first). */
export const declaredPermissions = () => [...table.keys()] as Permission[];

/** Which permissions each role carries, in declaration order (the roles page). */
export const permissionsOf = (role: Role) => declaredPermissions().filter((p) => table.get(p)!.includes(role));
