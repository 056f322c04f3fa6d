import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { type Db, gather, queryRows } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { conflict, notFound, validationError } from '../../platform/errors.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { canAt, isWithin, requireAt, withinOrAbove } from '../../platform/scope.js';
import type { ReviewGroups } from './review.js';
import { congressSessions, type ProposalState, proposals } from './schema.js';
import { ACCEPTED_ON } from './workflow.js';

/**
 * 职代会: sessions of a workers' congress. A session collects motions (提案)
 * in its collection period; a motion needs the session's number of
 * co-signers; its review committee (a review group) decides which are taken
 * up (the seed: 32 motions, 10 accepted) and the rest become opinions
 * (意见建议). Accepted motions then run the same loop as any proposal.
 */

export interface CongressSessionInput {
  orgId: number;
  name: string;
  collectFrom: string;
  collectUntil: string;
  minCosigners: number;
  reviewGroupId: number;
}
export type CongressSessionChanges = Partial<Omit<CongressSessionInput, 'orgId'>> & { version: number };

type SessionRow = typeof congressSessions.$inferSelect;

/** A session's motions by outcome: what its report and its list show. */
export const MOTION_OUTCOMES = {
  accepted: ACCEPTED_ON,
  notAccepted: ['not_accepted'],
  merged: ['merged'],
  inReview: ['submitted', 'in_review'],
  concluded: ['concluded'],
} as const satisfies Record<string, readonly ProposalState[]>;

export function createCongress(ctx: { db: Db; orgs: Pick<OrgService, 'byId' | 'namesByIds'>; today: () => string }, parts: { review: Pick<ReviewGroups, 'usableGroup'> }) {
  const { db, orgs, today } = ctx;

  /** Sessions serving the actor's subtree: a representative sees those he may submit motions to. */
  const sessionScope = (actor: Actor) => withinOrAbove(actor, ['proposals.read', 'proposals.review', 'proposals.submit'], congressSessions);

  /** Motions of sessions by outcome, in one pass over the session index. */
  async function counts(sessions: readonly SessionRow[], tx: Db) {
    if (sessions.length === 0) return new Map<number, Record<keyof typeof MOTION_OUTCOMES | 'submitted', number>>();
    const filters = Object.entries(MOTION_OUTCOMES).map(([key, states]) => sql`count(*) filter (where ${proposals.state} in (${sql.join(states.map((s) => sql`${s}`), sql`, `)}))::int as ${sql.identifier(key)}`);
    const rows = await queryRows<{ sessionId: number; submitted: number } & Record<keyof typeof MOTION_OUTCOMES, number>>(
      tx,
      sql`select ${proposals.congressSessionId} as "sessionId", count(*) filter (where ${proposals.serialNo} is not null and ${proposals.state} <> 'withdrawn')::int as submitted, ${sql.join(filters, sql`, `)}
          from ${proposals}
          where ${proposals.tenantId} = ${sessions[0].tenantId} and ${proposals.congressSessionId} in (${sql.join(sessions.map((s) => sql`${s.id}`), sql`, `)})
          group by ${proposals.congressSessionId}`,
    );
    return new Map(rows.map((r) => [Number(r.sessionId), r]));
  }

  const collecting = (s: Pick<SessionRow, 'collectFrom' | 'collectUntil'>) => s.collectFrom <= today() && today() <= s.collectUntil;

  async function shown(actor: Actor, sessions: SessionRow[], tx: Db = db) {
    const names = await orgs.namesByIds(sessions.map((s) => s.orgId), tx);
    const byTenant = [...new Set(sessions.map((s) => s.tenantId))];
    const tallies = new Map((await gather(tx, byTenant.map((t) => () => counts(sessions.filter((s) => s.tenantId === t), tx)))).flatMap((m) => [...m]));
    return sessions.map((s) => {
      const t = tallies.get(s.id);
      return {
        id: s.id,
        orgId: s.orgId,
        orgName: names.get(s.orgId) ?? '',
        name: s.name,
        collectFrom: s.collectFrom,
        collectUntil: s.collectUntil,
        collecting: collecting(s),
        minCosigners: s.minCosigners,
        reviewGroupId: s.reviewGroupId,
        version: s.version,
        canManage: canAt(actor, 'proposals.review', s.orgPath),
        motions: { submitted: t?.submitted ?? 0, accepted: t?.accepted ?? 0, notAccepted: t?.notAccepted ?? 0, merged: t?.merged ?? 0, inReview: t?.inReview ?? 0, concluded: t?.concluded ?? 0 },
      };
    });
  }

  function checkPeriod(from: string, until: string) {
    if (until < from) throw validationError([{ field: 'collectUntil', reason: '征集截止日期不能早于开始日期' }]);
  }

  async function checkNameFree(session: { tenantId: number; orgId: number; name: string; id?: number }, tx: Db) {
    const [same] = await tx
      .select({ id: congressSessions.id })
      .from(congressSessions)
      .where(and(eq(congressSessions.tenantId, session.tenantId), eq(congressSessions.orgId, session.orgId), eq(congressSessions.name, session.name)));
    if (same && same.id !== session.id) throw conflict(`本工会已有「${session.name}」`, 'A session of this name exists here already');
  }

  const audit = (tx: Db, actor: Actor, s: SessionRow, action: string, summary: string, before?: unknown) =>
    recordAudit(tx, actor, {
      action: `congress_session.${action}`,
      entityType: 'congress_session',
      entityId: s.id,
      tenantId: s.tenantId,
      orgPath: s.orgPath,
      summary,
      before,
      after: { name: s.name, collectFrom: s.collectFrom, collectUntil: s.collectUntil, minCosigners: s.minCosigners, reviewGroupId: s.reviewGroupId },
    });

  /** A session the actor may see, or 404. */
  async function find(actor: Actor, id: number, tx: Db = db) {
    const [session] = await tx
      .select()
      .from(congressSessions)
      .where(and(eq(congressSessions.id, id), sessionScope(actor)));
    if (!session) throw notFound('职代会', 'congress session');
    return session;
  }

  return {
    find,
    shown,

    async list(actor: Actor) {
      const sessions = await db
        .select()
        .from(congressSessions)
        .where(sessionScope(actor))
        .orderBy(desc(congressSessions.collectFrom), asc(congressSessions.id))
        .limit(200);
      return { items: await shown(actor, sessions) };
    },

    async create(actor: Actor, input: CongressSessionInput) {
      return db.transaction(async (tx) => {
        const org = await orgs.byId(input.orgId, tx);
        if (!org || !canAt(actor, 'proposals.review', org.path)) throw notFound('工会', 'union');
        if (!org.active) throw validationError([{ field: 'orgId', reason: '该工会已撤销' }]);
        checkPeriod(input.collectFrom, input.collectUntil);
        const group = await parts.review.usableGroup(tx, { tenantId: org.tenantId, orgPath: org.path }, input.reviewGroupId, 'reviewGroupId');
        await checkNameFree({ tenantId: org.tenantId, orgId: org.id, name: input.name }, tx);
        const [session] = await tx
          .insert(congressSessions)
          .values({ tenantId: org.tenantId, orgId: org.id, orgPath: org.path, name: input.name, collectFrom: input.collectFrom, collectUntil: input.collectUntil, minCosigners: input.minCosigners, reviewGroupId: group.id })
          .returning();
        await audit(tx, actor, session, 'create', `设立「${session.name}」提案征集（${session.collectFrom} 至 ${session.collectUntil}，${org.name}）`);
        return (await shown(actor, [session], tx))[0];
      });
    },

    async update(actor: Actor, id: number, changes: CongressSessionChanges) {
      return db.transaction(async (tx) => {
        const session = await find(actor, id, tx);
        requireAt(actor, 'proposals.review', session.orgPath);
        if (session.version !== changes.version) throw conflict('职代会信息已被他人修改，请刷新后再改', 'The session was changed meanwhile; reload it');
        checkPeriod(changes.collectFrom ?? session.collectFrom, changes.collectUntil ?? session.collectUntil);
        if (changes.reviewGroupId !== undefined) await parts.review.usableGroup(tx, session, changes.reviewGroupId, 'reviewGroupId');
        if (changes.name !== undefined) await checkNameFree({ ...session, name: changes.name }, tx);
        const { version: _version, ...values } = changes;
        const [updated] = await tx
          .update(congressSessions)
          .set({ ...values, version: session.version + 1, updatedAt: new Date() })
          .where(and(eq(congressSessions.tenantId, session.tenantId), eq(congressSessions.id, session.id)))
          .returning();
        await audit(tx, actor, updated, 'update', `修改「${updated.name}」`, { name: session.name, collectFrom: session.collectFrom, collectUntil: session.collectUntil, minCosigners: session.minCosigners });
        return (await shown(actor, [updated], tx))[0];
      });
    },

    /** The session a motion is drafted for: one the drafter's union belongs to, still collecting or not yet open. */
    async forDraft(tx: Db, org: { tenantId: number; path: string }, sessionId: number) {
      const [session] = await tx
        .select()
        .from(congressSessions)
        .where(and(eq(congressSessions.tenantId, org.tenantId), eq(congressSessions.id, sessionId)));
      if (!session || !isWithin(org.path, session.orgPath)) throw validationError([{ field: 'congressSessionId', reason: '职代会不存在，或本工会不在其范围内' }]);
      if (session.collectUntil < today()) throw validationError([{ field: 'congressSessionId', reason: `「${session.name}」提案征集已于 ${session.collectUntil} 截止` }]);
      return session;
    },

    /** What the workflow needs of a motion's session: its co-signers, its committee, why submission is closed. */
    async rulesOf(row: { tenantId: number; congressSessionId: number | null }, tx: Db = db) {
      if (row.congressSessionId === null) return null;
      const [session] = await tx
        .select()
        .from(congressSessions)
        .where(and(eq(congressSessions.tenantId, row.tenantId), eq(congressSessions.id, row.congressSessionId)));
      const closedReason = collecting(session)
        ? null
        : session.collectFrom > today()
          ? `「${session.name}」提案征集自 ${session.collectFrom} 开始`
          : `「${session.name}」提案征集已于 ${session.collectUntil} 截止`;
      return { name: session.name, minCosigners: session.minCosigners, reviewGroupId: session.reviewGroupId, closedReason };
    },
  };
}

export type Congress = ReturnType<typeof createCongress>;
