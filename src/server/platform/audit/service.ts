import { and, count, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../actor.js';
import { requirePaths, scopeFilter } from '../scope.js';
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

export function createAuditService(deps: { db: Db }) {
  const { db } = deps;
  return {
    async search(actor: Actor, params: AuditQuery) {
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
      const where = and(...filters);
      const [items, [{ total }]] = await Promise.all([
        db
          .select({
            id: auditLog.id,
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
          })
          .from(auditLog)
          .where(where)
          .orderBy(desc(auditLog.at), desc(auditLog.id))
          .limit(params.pageSize)
          .offset((params.page - 1) * params.pageSize),
        db.select({ total: count() }).from(auditLog).where(where),
      ]);
      return { items, total, page: params.page, pageSize: params.pageSize };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
