import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';
import { canAt, scopePaths } from '../../platform/scope.js';
import { mediationCases, mediationCaseWorkers } from './schema.js';
import type { Studios } from './studios.js';
import type { CaseRecord } from './workflow.js';

/**
 * Who sees which case, and a case as the workflow reads it. One rule for the
 * list, the page and every action: the cases of the studios the actor sees
 * (the `mediation.read` subtree, or a seat on the studio's team: a mediator
 * sees only their studios' cases), and a worker's own cases as a party (an
 * account with `mediation.apply`: the parties linked to accounts are workers).
 * Everything else is 404. Notes (visits', sessions' and the team's own) go
 * only to the team and the union's mediation staff (`canSeeNotes`): never to
 * the worker parties, leaders reading figures, or anyone outside.
 */

export type CaseRow = typeof mediationCases.$inferSelect;

export function createCaseRecords(ctx: { db: Db }, parts: { studios: Pick<Studios, 'visibleStudios' | 'teamOf'> }) {
  const { db } = ctx;
  const { studios } = parts;

  /**
   * The actor is a party: the keys of their cases as a set computed once (a correlated EXISTS is costed per
   * row, which at 100,000 cases set off JIT compilation of ~0.5 s per query; docs/scaling.md). Spelt out:
   * inside a subquery drizzle would write the worker table's own columns.
   */
  const isParty = (actor: Actor) =>
    sql`(mediation_cases.tenant_id, mediation_cases.id) in (select w.tenant_id, w.case_id from ${mediationCaseWorkers} w where w.user_id = ${actor.userId})`;

  /**
   * Only an account that applies for mediation (a worker) is looked up as a party: for the staff and the
   * mediators the condition stays on the studios alone, so the list walks an index in its order and stops
   * at the page (an OR with the parties' set makes PostgreSQL read and sort every case in scope).
   */
  async function visible(actor: Actor, tx: Db = db): Promise<SQL> {
    const ofStudios = await studios.visibleStudios(actor, { tenantId: mediationCases.tenantId, studioId: mediationCases.studioId, orgPath: mediationCases.orgPath }, tx);
    if (actor.userId === null || scopePaths(actor, 'mediation.apply').length === 0) return ofStudios;
    return or(ofStudios, isParty(actor))!;
  }

  async function find(actor: Actor, id: number, tx: Db = db, options: { lock?: boolean } = {}): Promise<CaseRow> {
    const query = tx
      .select()
      .from(mediationCases)
      .where(and(eq(mediationCases.id, id), await visible(actor, tx)));
    const [row] = options.lock ? await query.for('update') : await query;
    if (!row) throw notFound('调解案件', 'case');
    return row;
  }

  /** A case by its keys, for the system (the deadline job): no visibility check. */
  async function byKey(key: { tenantId: number; id: number }, tx: Db = db): Promise<CaseRow> {
    const [row] = await tx
      .select()
      .from(mediationCases)
      .where(and(eq(mediationCases.tenantId, key.tenantId), eq(mediationCases.id, key.id)));
    return row;
  }

  async function partiesOf(row: Pick<CaseRow, 'tenantId' | 'id'>, tx: Db = db) {
    return tx
      .select()
      .from(mediationCaseWorkers)
      .where(and(eq(mediationCaseWorkers.tenantId, row.tenantId), eq(mediationCaseWorkers.caseId, row.id)))
      .orderBy(mediationCaseWorkers.id);
  }

  async function recordOf(row: CaseRow, tx: Db = db): Promise<CaseRecord> {
    const [team, parties] = await Promise.all([studios.teamOf({ tenantId: row.tenantId, id: row.studioId }, tx), partiesOf(row, tx)]);
    return {
      id: row.id,
      tenantId: row.tenantId,
      state: row.state,
      orgPath: row.orgPath,
      studioId: row.studioId,
      subject: row.subject,
      leadUserId: row.leadUserId,
      teamUserIds: team.flatMap((m) => (m.userId === null ? [] : [m.userId])),
      workerUserIds: parties.flatMap((p) => (p.userId === null ? [] : [p.userId])),
      partyIds: parties.map((p) => p.id),
    };
  }

  /** The team and the union's mediation staff read the notes; nobody else. */
  const canSeeNotes = (actor: Actor, record: CaseRecord) => (actor.userId !== null && record.teamUserIds.includes(actor.userId)) || canAt(actor, 'mediation.manage', record.orgPath);

  return { visible, find, byKey, partiesOf, recordOf, canSeeNotes };
}

export type CaseRecords = ReturnType<typeof createCaseRecords>;
