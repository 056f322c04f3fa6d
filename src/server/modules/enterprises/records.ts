import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { roleGrants, users } from '../../platform/accounts/schema.js';
import type { Actor } from '../../platform/actor.js';
import { notFound, validationError } from '../../platform/errors.js';
import { orgs as orgTable } from '../../platform/org-tree/schema.js';
import type { OrgRow, OrgService } from '../../platform/org-tree/service.js';
import { canAt, requireAt, subtreeRange, tenantScope } from '../../platform/scope.js';
import { enterprises, riskSignals } from './schema.js';

/**
 * Who sees which enterprise and signal, in one place for every list, page and
 * act: `enterprises.read` over the subtree (out of scope is 404); changing
 * anything takes `enterprises.manage` at the record's union (403 for those who
 * only read, such as a mediator).
 */

export type EnterpriseRow = typeof enterprises.$inferSelect;
export type SignalRow = typeof riskSignals.$inferSelect;
export type ScopePermission = 'enterprises.read' | 'enterprises.manage';

/** The unions that look after enterprises: a town's, or a joint union (of a park, an industry, new forms of work). */
const RESPONSIBLE_TYPES: readonly OrgRow['type'][] = ['town', 'joint'];

export function createRecords(ctx: { db: Db; orgs: Pick<OrgService, 'byId' | 'tenantIdsWithin'> }) {
  const { db, orgs } = ctx;

  const scope = (actor: Actor, permission: ScopePermission, columns: { tenantId: AnyPgColumn; orgPath: AnyPgColumn }, tx: Db = db): Promise<SQL> =>
    tenantScope(actor, permission, columns, (path) => orgs.tenantIdsWithin(path, tx));

  /** A list's union filter: that union's subtree, as a range of the path copy (nothing for an unknown union). */
  async function subtreeOf(orgId: number, column: AnyPgColumn, tx: Db = db): Promise<SQL> {
    const org = await orgs.byId(orgId, tx);
    return org ? subtreeRange(column, org.path) : sql`false`;
  }

  /** An enterprise the actor may see, or 404. */
  async function findEnterprise(actor: Actor, id: number, tx: Db = db, options: { lock?: boolean } = {}): Promise<EnterpriseRow> {
    const query = tx
      .select()
      .from(enterprises)
      .where(and(eq(enterprises.id, id), await scope(actor, 'enterprises.read', enterprises, tx)));
    const [row] = options.lock ? await query.for('update') : await query;
    if (!row) throw notFound('企业', 'enterprise');
    return row;
  }

  /** A signal the actor may see, or 404. `lock`: held for the transaction, so two hands on it queue. */
  async function findSignal(actor: Actor, id: number, tx: Db = db, options: { lock?: boolean } = {}): Promise<SignalRow> {
    const query = tx
      .select()
      .from(riskSignals)
      .where(and(eq(riskSignals.id, id), await scope(actor, 'enterprises.read', riskSignals, tx)));
    const [row] = options.lock ? await query.for('update') : await query;
    if (!row) throw notFound('风险预警', 'risk signal');
    return row;
  }

  /** The union chosen to look after an enterprise: a town or joint union the actor manages (`readers` too, for `ensure`). */
  async function responsibleUnion(actor: Actor, orgId: number, tx: Db, permission: ScopePermission = 'enterprises.manage'): Promise<OrgRow> {
    const org = await orgs.byId(orgId, tx);
    if (!org || !org.active || !canAt(actor, 'enterprises.read', org.path)) throw validationError([{ field: 'orgId', reason: '请选择您所在工会或下级的镇街工会、联合工会' }]);
    if (!RESPONSIBLE_TYPES.includes(org.type)) throw validationError([{ field: 'orgId', reason: '负责企业的应为镇街工会或联合工会' }]);
    requireAt(actor, permission, org.path);
    return org;
  }

  /** The leaders whose subtree holds this path (a leader at the org or above it), told of what is severe there. */
  async function leadersOver(orgPath: string, tx: Db = db): Promise<number[]> {
    const rows = await tx
      .selectDistinct({ userId: roleGrants.userId })
      .from(roleGrants)
      .innerJoin(users, eq(users.id, roleGrants.userId))
      .innerJoin(orgTable, eq(orgTable.id, roleGrants.orgId))
      .where(and(eq(roleGrants.role, 'leader'), eq(users.active, true), sql`${orgTable.path} @> ${orgPath}::ltree`));
    return rows.map((r) => r.userId);
  }

  const recordOf = (row: SignalRow) => ({ id: row.id, tenantId: row.tenantId, state: row.state, orgPath: row.orgPath });

  return { scope, subtreeOf, findEnterprise, findSignal, responsibleUnion, leadersOver, recordOf };
}

export type Records = ReturnType<typeof createRecords>;
