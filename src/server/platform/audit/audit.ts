import type { Actor } from '../actor.js';
import type { Db } from '../../db/client.js';
import { auditLog } from './schema.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  tenantId: number;
  orgPath: string;
  summary: string;
  before?: unknown;
  after?: unknown;
}

/** Append one operation-log row in the caller's transaction: it commits or rolls back with the change. */
export async function recordAudit(tx: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    tenantId: entry.tenantId,
    actorUserId: actor.userId,
    actorName: actor.displayName,
    ip: actor.ip ?? null,
    userAgent: actor.userAgent?.slice(0, 500) ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    orgPath: entry.orgPath,
    summary: entry.summary,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
