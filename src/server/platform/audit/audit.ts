import type { Actor } from '../actor.js';
import { maskIdentifiersIn } from '../cn-ids.js';
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

/** A value as the log keeps it: resident IDs and phone numbers masked, wherever they appear (a search filter, a summary). */
const kept = (value: unknown) => (value == null ? null : (JSON.parse(maskIdentifiersIn(JSON.stringify(value))) as unknown));

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
    summary: maskIdentifiersIn(entry.summary),
    before: kept(entry.before),
    after: kept(entry.after),
  });
}
