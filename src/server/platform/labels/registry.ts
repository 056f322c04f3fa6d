import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { PLATFORM_PERMISSION_LABELS } from '../accounts/roles.js';
import { users } from '../accounts/schema.js';
import { orgs } from '../org-tree/schema.js';

/**
 * Chinese words for the codes the product writes: permissions (the roles page), operation-log actions
 * and the types of the records they touch (the audit log). The platform declares its own here; a module
 * declares its own in its module.ts (`labels`), so adding a module touches no list outside its folder.
 * Workflow transitions need no entry: `${workflow}.${action}` reads the workflow's and the transition's
 * labels (declareWorkflowLabels, called once the modules' workflows are known).
 */
export interface Labels {
  /** 权限: what a permission lets one do, e.g. `members.read` → 查看会员名册. */
  permissions?: Record<string, string>;
  /** 操作: audit actions written directly with recordAudit, e.g. `member.export` → 导出会员名册. */
  auditActions?: Record<string, string>;
  /** 对象类型: an audit row's `entityType`, e.g. `membership` → 会籍. */
  entities?: Record<string, string>;
  /** 消息类别: the `kind` of the in-app notifications the module sends, e.g. `proposal` → 提案. */
  notificationKinds?: Record<string, string>;
}

/** How an audit row's object is named: the record's name column, looked up for a page of rows at once. */
export interface NameSource {
  id: AnyPgColumn;
  name: AnyPgColumn | SQL;
  /** Tenant rows: ids are unique within a tenant only. */
  tenantId?: AnyPgColumn;
  table: PgTable;
}

const permissionLabels = new Map<string, string>();
const actionLabels = new Map<string, string>();
const entityLabels = new Map<string, string>();
const notificationKindLabels = new Map<string, string>();
const nameSources = new Map<string, NameSource>();

function put(map: Map<string, string>, owner: string, entries: Record<string, string> | undefined) {
  for (const [code, label] of Object.entries(entries ?? {})) {
    if (map.has(code) && map.get(code) !== label) throw new Error(`label of ${code} (${owner}) is declared twice`);
    map.set(code, label);
  }
}

export function declareLabels(owner: string, labels: Labels) {
  put(permissionLabels, owner, labels.permissions);
  put(actionLabels, owner, labels.auditActions);
  put(entityLabels, owner, labels.entities);
  put(notificationKindLabels, owner, labels.notificationKinds);
}

/** A workflow's transitions as audit actions (`membership.approve` → 会籍·批准入会) and the workflow as an object type. */
export function declareWorkflowLabels(workflows: readonly { id: string; label: string; transitions?: readonly { action: string; label: string }[] }[]) {
  for (const w of workflows) {
    if (!entityLabels.has(w.id)) entityLabels.set(w.id, w.label);
    for (const t of w.transitions ?? []) actionLabels.set(`${w.id}.${t.action}`, `${w.label}·${t.label}`);
  }
}

/** How to name the records of an object type in the audit log (one query per type on a page). */
export function declareNameSource(entityType: string, source: NameSource) {
  nameSources.set(entityType, source);
}

export const permissionLabel = (code: string) => permissionLabels.get(code) ?? code;
export const actionLabel = (code: string) => actionLabels.get(code) ?? code;
export const entityLabel = (code: string) => entityLabels.get(code) ?? code;
export const hasPermissionLabel = (code: string) => permissionLabels.has(code);
/** A notification kind's label; undefined for a kind no module declared (notify refuses those). */
export const notificationKindLabel = (kind: string) => notificationKindLabels.get(kind);

/** Every labelled audit action, for the log's filter: code and label, by label. */
export const auditActionOptions = () => [...actionLabels].map(([code, label]) => ({ code, label })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
export const entityOptions = () => [...entityLabels].map(([code, label]) => ({ code, label })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));

/**
 * The names of the records a page of audit rows points at: per object type one query by primary key
 * (at most a page's worth of ids), so a list of 100 rows costs a handful of index lookups.
 */
export async function resolveNames(db: Db, refs: readonly { tenantId: number; entityType: string; entityId: string | null }[]) {
  const names = new Map<string, string>();
  const byType = new Map<string, { tenantId: number; id: number }[]>();
  for (const r of refs) {
    if (r.entityId === null || !/^\d{1,15}$/.test(r.entityId) || !nameSources.has(r.entityType)) continue;
    byType.set(r.entityType, [...(byType.get(r.entityType) ?? []), { tenantId: r.tenantId, id: Number(r.entityId) }]);
  }
  await Promise.all(
    [...byType].map(async ([type, keys]) => {
      const source = nameSources.get(type)!;
      const where = source.tenantId
        ? or(...keys.map((k) => and(eq(source.tenantId!, k.tenantId), eq(source.id, k.id))))
        : inArray(source.id, [...new Set(keys.map((k) => k.id))]);
      const rows = (await db.select({ tenantId: source.tenantId ?? source.id, id: source.id, name: source.name }).from(source.table).where(where)) as { tenantId: number; id: number; name: string }[];
      for (const row of rows) names.set(nameKey(type, source.tenantId ? row.tenantId : null, String(row.id)), row.name);
    }),
  );
  return (tenantId: number, type: string, id: string | null) => (id === null ? null : (names.get(nameKey(type, nameSources.get(type)?.tenantId ? tenantId : null, id)) ?? null));
}

const nameKey = (type: string, tenantId: number | null, id: string) => `${type}:${tenantId ?? ''}:${id}`;

// The platform's own words; each module declares its own in its module.ts.
declareLabels('platform', {
  permissions: PLATFORM_PERMISSION_LABELS,
  auditActions: {
    'org.create': '新建组织',
    'org.update': '修改组织',
    'org.move': '移动组织',
    'org.deactivate': '撤销组织',
    'org.reactivate': '恢复组织',
    'user.create': '新建用户',
    'user.update': '修改用户',
    'user.enable': '启用账号',
    'user.disable': '停用账号',
    'user.change_password': '修改密码',
    'user.reset_password': '重置密码',
    'user.unlock': '解锁账号',
    'user.grant': '授予角色',
    'user.revoke': '撤销角色',
    'session.end': '强制下线',
    'calendar.update': '修改工作日历',
    'attachment.create': '上传附件',
    'attachment.delete': '删除附件',
    'setting.update': '修改参数设置',
    'dictionary.update': '修改字典项',
    'audit.export': '导出操作日志',
    'login_log.export': '导出登录日志',
  },
  entities: { org: '组织', user: '用户', calendar_day: '工作日历', attachment: '附件', setting: '参数设置', dictionary_entry: '字典项', audit_log: '日志' },
});
declareNameSource('org', { table: orgs, id: orgs.id, name: orgs.name });
declareNameSource('user', { table: users, id: users.id, name: users.displayName });
