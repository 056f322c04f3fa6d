import { and, count, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../actor.js';
import { beijingTimestamp } from '../beijing-time.js';
import { actionLabel, entityLabel, resolveNames } from '../labels/registry.js';
import { requirePaths, scopeFilter } from '../scope.js';
import { readUserAgent } from '../user-agent.js';
import { EXPORT_PAGE, olderThan, pagesNewestFirst } from '../xlsx-writer.js';
import { prepareLogExport } from './log-export.js';
import { auditLog } from './schema.js';

export interface AuditQuery {
  q?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  actor?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

const COLUMNS = {
  id: auditLog.id,
  tenantId: auditLog.tenantId,
  at: auditLog.at,
  actorName: auditLog.actorName,
  ip: auditLog.ip,
  userAgent: auditLog.userAgent,
  action: auditLog.action,
  entityType: auditLog.entityType,
  entityId: auditLog.entityId,
  summary: auditLog.summary,
  before: auditLog.before,
  after: auditLog.after,
};

type Row = { [K in keyof typeof COLUMNS]: (typeof COLUMNS)[K]['_']['notNull'] extends true ? (typeof COLUMNS)[K]['_']['data'] : (typeof COLUMNS)[K]['_']['data'] | null };

export function createAuditService(deps: { db: Db }) {
  const { db } = deps;

  function where(actor: Actor, params: Omit<AuditQuery, 'page' | 'pageSize'>) {
    // A tenant table, but read newest first across tenants (audit_log_at_idx): no index leads with the tenant,
    // so the scope stays the GiST path index's (scope.ts) rather than tenantScope's tenant conditions.
    const filters: SQL[] = [scopeFilter(auditLog.orgPath, requirePaths(actor, 'audit.read'))];
    // Escape LIKE's wildcards (backslash is its default escape): summaries quote usernames with '_'.
    if (params.q) filters.push(sql`${auditLog.summary} like ${`%${params.q.replace(/[%_\\]/g, '\\$&')}%`}`);
    if (params.action) filters.push(eq(auditLog.action, params.action));
    if (params.entityType) filters.push(eq(auditLog.entityType, params.entityType));
    if (params.entityId) filters.push(eq(auditLog.entityId, params.entityId));
    if (params.actor) filters.push(eq(auditLog.actorName, params.actor));
    if (params.from) filters.push(gte(auditLog.at, params.from));
    if (params.to) filters.push(lt(auditLog.at, params.to));
    return and(...filters)!;
  }

  /** Codes in Chinese and the records' names: one name query per object type on the page (labels/registry.ts). */
  async function readable(rows: readonly Row[]) {
    const nameOf = await resolveNames(db, rows);
    return rows.map(({ tenantId, ...r }) => ({
      ...r,
      actionLabel: actionLabel(r.action),
      entityLabel: entityLabel(r.entityType),
      entityName: nameOf(tenantId, r.entityType, r.entityId),
      client: readUserAgent(r.userAgent).text,
    }));
  }

  return {
    async search(actor: Actor, params: AuditQuery) {
      const filter = where(actor, params);
      const [rows, [{ total }]] = await Promise.all([
        db
          .select(COLUMNS)
          .from(auditLog)
          .where(filter)
          .orderBy(desc(auditLog.at), desc(auditLog.id))
          .limit(params.pageSize)
          .offset((params.page - 1) * params.pageSize),
        db.select({ total: count() }).from(auditLog).where(filter),
      ]);
      return { items: await readable(rows), total, page: params.page, pageSize: params.pageSize };
    },

    /** The log with the list's filter as an xlsx, every matching row (log-export.ts). */
    async prepareExport(actor: Actor, params: Omit<AuditQuery, 'page' | 'pageSize'>) {
      const filter = where(actor, params);
      const [{ total }] = await db.select({ total: count() }).from(auditLog).where(filter);
      async function* rows() {
        const pages = pagesNewestFirst((after) =>
          db
            .select({ ...COLUMNS, atKey: sql<string>`${auditLog.at}::text` })
            .from(auditLog)
            .where(after ? and(filter, olderThan(auditLog.at, auditLog.id, after)) : filter)
            .orderBy(desc(auditLog.at), desc(auditLog.id))
            .limit(EXPORT_PAGE),
        );
        for await (const page of pages) {
          yield (await readable(page)).map((e) => [beijingTimestamp(e.at), e.actorName ?? '系统', e.actionLabel, e.entityLabel, e.entityName ?? e.entityId ?? '', e.summary, e.ip ?? '', e.client]);
        }
      }
      return prepareLogExport(db, actor, {
        action: 'audit.export',
        name: '操作日志',
        fallbackName: 'audit-log',
        total,
        filter: params,
        rows,
        columns: [
          { header: '时间', width: 20 },
          { header: '操作人', width: 16 },
          { header: '操作', width: 24 },
          { header: '对象类型', width: 12 },
          { header: '对象', width: 24 },
          { header: '摘要', width: 60 },
          { header: 'IP', width: 16 },
          { header: '浏览器与系统', width: 26 },
        ],
      });
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
