import { and, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { roleGrants, users } from '../../platform/accounts/schema.js';
import type { Actor } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { canAt, scopePaths, tenantScope } from '../../platform/scope.js';
import { directLineRequests } from './schema.js';
import type { RequestRecord } from './workflow.js';

/**
 * Who sees which request, and a request as the workflow reads it. One rule
 * for the list, the detail and every action: the worker's own; those sent to
 * the actor by name; those sent to a union where the actor answers
 * (`directLine.answer`: its representatives and staff, and the unions above);
 * and, for staff, leaders and supervisors, every request of their subtree
 * (`directLine.read`: the union keeps watch over its representatives'
 * replies). Everything else is 404.
 */

export type RequestRow = typeof directLineRequests.$inferSelect;

/** Roles told of a request sent to their union (the roles that answer for it). */
const UNION_ADDRESSEE_ROLES = ['union_staff', 'representative'] as const;

export function createRequestRecords(ctx: { db: Db; orgs: Pick<OrgService, 'tenantIdsWithin'> }) {
  const { db, orgs } = ctx;
  const scopeOf = (actor: Actor, permission: 'directLine.answer' | 'directLine.read', tx: Db) =>
    tenantScope(actor, permission, directLineRequests, (path) => orgs.tenantIdsWithin(path, tx));

  /** Everything the actor may see (the one rule above), as a WHERE. */
  async function visible(actor: Actor, tx: Db = db): Promise<SQL> {
    const me = actor.userId ?? 0;
    const parts: SQL[] = [eq(directLineRequests.workerUserId, me), eq(directLineRequests.representativeUserId, me)];
    if (scopePaths(actor, 'directLine.answer').length > 0) parts.push(and(isNull(directLineRequests.representativeUserId), await scopeOf(actor, 'directLine.answer', tx))!);
    if (scopePaths(actor, 'directLine.read').length > 0) parts.push(await scopeOf(actor, 'directLine.read', tx));
    return or(...parts)!;
  }

  /** A request the actor may see, or 404. `lock`: held for the transaction, so two messages at once queue. */
  async function find(actor: Actor, id: number, tx: Db = db, options: { lock?: boolean } = {}): Promise<RequestRow> {
    const query = tx
      .select()
      .from(directLineRequests)
      .where(and(eq(directLineRequests.id, id), await visible(actor, tx)));
    const [row] = options.lock ? await query.for('update') : await query;
    if (!row) throw notFound('诉求', 'request');
    return row;
  }

  /** Who answers a request: the representative addressed, or who holds an answering role at the union addressed. */
  async function addresseesOf(row: Pick<RequestRow, 'orgId' | 'representativeUserId'>, tx: Db = db): Promise<number[]> {
    if (row.representativeUserId !== null) return [row.representativeUserId];
    const rows = await tx
      .selectDistinct({ userId: roleGrants.userId })
      .from(roleGrants)
      .innerJoin(users, eq(users.id, roleGrants.userId))
      .where(and(eq(roleGrants.orgId, row.orgId), inArray(roleGrants.role, [...UNION_ADDRESSEE_ROLES]), eq(users.active, true)));
    return rows.map((r) => r.userId);
  }

  async function recordOf(row: RequestRow, tx: Db = db): Promise<RequestRecord> {
    return {
      id: row.id,
      tenantId: row.tenantId,
      state: row.state,
      orgPath: row.orgPath,
      workerUserId: row.workerUserId,
      subject: row.subject,
      addresseeUserIds: await addresseesOf(row, tx),
      isAddressee: (actor) =>
        row.representativeUserId !== null ? actor.userId === row.representativeUserId : canAt(actor, 'directLine.answer', row.orgPath),
    };
  }

  return { visible, find, addresseesOf, recordOf };
}

export type RequestRecords = ReturnType<typeof createRequestRecords>;
