import { and, asc, count, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { conflict, type FieldIssue, validationError } from '../../platform/errors.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { canAt, requireAt } from '../../platform/scope.js';
import { searchQuery } from '../../platform/search-tokens.js';
import { statesWith, type WorkflowEngine } from '../../platform/workflow/engine.js';
import type { EnterpriseRow, Records, SignalRow } from './records.js';
import {
  enterprises,
  riskSignals,
  SIGNAL_KINDS,
  SIGNAL_LEVELS,
  SIGNAL_SOURCES,
  type SignalKind,
  type SignalLevel,
  type SignalSource,
  type SignalState,
} from './schema.js';
import { type CaseRef, SIGNAL_STATES, type SignalWorkflow, signalWorkflow } from './workflow.js';

/**
 * Risk signals (风险预警): recording and correcting them, their handling
 * through the workflow, the list (the severe first), the statistics, and what
 * the mediation module needs (read one, link it to the case it opened). A
 * signal that is or becomes 严重 tells the subtree's leaders at once, once.
 */

export interface SignalInput {
  kind: SignalKind;
  level: SignalLevel;
  source: SignalSource;
  description: string;
  workersAffected: number;
  /** 涉及金额 in fen, where there is one (wages owed, contributions unpaid). */
  amountFen?: number | null;
  reportedOn: string;
}

export interface SignalListQuery {
  level?: SignalLevel;
  kind?: SignalKind;
  state?: SignalState;
  orgId?: number;
  /** Part of the enterprise's name, or its credit code. */
  q?: string;
  /** `-severity` (default: red first, then the latest), `reportedOn`, `workersAffected`, `amountFen`; a leading `-` for descending. */
  sort?: string;
  page: number;
  pageSize: number;
}

/** Above this an amount is a typing error rather than arrears (100 亿元). */
const MAX_AMOUNT_FEN = 1_000_000_000_000;
const MAX_WORKERS = 1_000_000;

const listColumns = {
  id: riskSignals.id,
  enterpriseId: riskSignals.enterpriseId,
  enterpriseName: enterprises.name,
  creditCode: enterprises.creditCode,
  orgId: riskSignals.orgId,
  kind: riskSignals.kind,
  level: riskSignals.level,
  source: riskSignals.source,
  state: riskSignals.state,
  description: riskSignals.description,
  workersAffected: riskSignals.workersAffected,
  amountFen: riskSignals.amountFen,
  reportedOn: riskSignals.reportedOn,
  follower: riskSignals.follower,
  caseId: riskSignals.caseId,
  caseLabel: riskSignals.caseLabel,
  updatedAt: riskSignals.updatedAt,
};

const SORTS: Record<string, SQL[]> = {
  '-severity': [desc(riskSignals.severity), desc(riskSignals.reportedOn)],
  severity: [asc(riskSignals.severity), desc(riskSignals.reportedOn)],
  reportedOn: [asc(riskSignals.reportedOn)],
  '-reportedOn': [desc(riskSignals.reportedOn)],
  workersAffected: [asc(riskSignals.workersAffected)],
  '-workersAffected': [desc(riskSignals.workersAffected)],
  amountFen: [sql`${riskSignals.amountFen} asc nulls first`],
  '-amountFen': [sql`${riskSignals.amountFen} desc nulls last`],
};

const link = (id: number) => `/risk-signals/${id}`;
const EDITABLE = statesWith(SIGNAL_STATES, 'editable');
const OPEN = statesWith(SIGNAL_STATES, 'open');
const editable = (state: SignalState) => EDITABLE.includes(state);

export function createSignals(
  ctx: { db: Db; orgs: Pick<OrgService, 'namesByIds'>; workflow: WorkflowEngine; notifications: Pick<NotificationService, 'notify'>; today: () => string },
  parts: { records: Records },
) {
  const { db, orgs, workflow, notifications, today } = ctx;
  const { records } = parts;
  const whereRow = (row: { tenantId: number; id: number }) => and(eq(riskSignals.tenantId, row.tenantId), eq(riskSignals.id, row.id));

  const flow: SignalWorkflow = signalWorkflow(today, {
    async follow({ tx, record, input }) {
      await tx.update(riskSignals).set({ follower: input.follower }).where(whereRow(record));
    },
    async resolve({ tx, record, input }) {
      await tx.update(riskSignals).set({ resolution: input.resolution, resolvedOn: input.resolvedOn }).where(whereRow(record));
    },
    async openCase({ tx, record, input }) {
      await tx.update(riskSignals).set({ caseId: input.id, caseLabel: input.label }).where(whereRow(record));
    },
  });

  /** The checked facts of a signal; every problem at once. */
  function factsOf(input: SignalInput) {
    const issues: FieldIssue[] = [];
    if (!input.description.trim() || input.description.trim().length < 4) issues.push({ field: 'description', reason: '请写明发现的情况（至少 4 个字）' });
    if (!Number.isInteger(input.workersAffected) || input.workersAffected < 0 || input.workersAffected > MAX_WORKERS) issues.push({ field: 'workersAffected', reason: '涉及职工人数应为 0 到 100 万之间的整数' });
    if (input.amountFen != null && (!Number.isInteger(input.amountFen) || input.amountFen < 0 || input.amountFen > MAX_AMOUNT_FEN))
      issues.push({ field: 'amountFen', reason: '涉及金额应为不小于 0 的金额（以分计，不超过 100 亿元）' });
    if (input.reportedOn > today()) issues.push({ field: 'reportedOn', reason: '发现日期不能晚于今天' });
    if (issues.length) throw validationError(issues);
    return {
      kind: input.kind,
      level: input.level,
      source: input.source,
      description: input.description.trim(),
      workersAffected: input.workersAffected,
      amountFen: input.amountFen ?? null,
      reportedOn: input.reportedOn,
    };
  }

  /** 严重: the leaders over the signal's union are told, once per signal however often it is saved as red. */
  async function warnLeaders(tx: Db, row: SignalRow, enterpriseName: string) {
    if (row.level !== 'red') return;
    const [claimed] = await tx
      .update(riskSignals)
      .set({ leadersNotifiedAt: new Date() })
      .where(and(whereRow(row), isNull(riskSignals.leadersNotifiedAt)))
      .returning({ id: riskSignals.id });
    if (!claimed) return;
    const leaders = await records.leadersOver(row.orgPath, tx);
    const amount = row.amountFen ? `，涉及金额 ${(row.amountFen / 100).toLocaleString('zh-CN')} 元` : '';
    await notifications.notify(
      tx,
      leaders.map((userId) => ({
        userId,
        kind: 'risk-signal',
        title: `严重预警：${enterpriseName}（${SIGNAL_KINDS[row.kind]}，涉及 ${row.workersAffected} 名职工${amount}）`,
        body: row.description,
        link: link(row.id),
      })),
    );
  }

  /** Record a signal about an enterprise the actor manages, in the caller's transaction (a visit may raise one). */
  async function createInside(actor: Actor, enterprise: EnterpriseRow, input: SignalInput, tx: Db, visitId: number | null = null) {
    requireAt(actor, 'enterprises.manage', enterprise.orgPath);
    const facts = factsOf(input);
    const [row] = await tx
      .insert(riskSignals)
      .values({ ...facts, tenantId: enterprise.tenantId, enterpriseId: enterprise.id, orgId: enterprise.orgId, orgPath: enterprise.orgPath, state: 'open', visitId, createdByUserId: actor.userId })
      .returning();
    await workflow.start(tx, flow, actor, records.recordOf(row), { kind: row.kind, level: row.level });
    await recordAudit(tx, actor, {
      action: 'risk_signal.create',
      entityType: 'risk_signal',
      entityId: row.id,
      tenantId: row.tenantId,
      orgPath: row.orgPath,
      summary: `登记「${enterprise.name}」的${SIGNAL_LEVELS[row.level]}预警：${SIGNAL_KINDS[row.kind]}`,
      after: facts,
    });
    await warnLeaders(tx, row, enterprise.name);
    return row.id;
  }

  async function shownRows<R extends Pick<SignalRow, 'orgId' | 'kind' | 'level' | 'source' | 'state'>>(rows: R[]) {
    const names = await orgs.namesByIds(rows.map((r) => r.orgId));
    return rows.map((r) => ({
      ...r,
      orgName: names.get(r.orgId) ?? '',
      kindLabel: SIGNAL_KINDS[r.kind],
      levelLabel: SIGNAL_LEVELS[r.level],
      sourceLabel: SIGNAL_SOURCES[r.source],
      stateLabel: SIGNAL_STATES[r.state].label,
    }));
  }

  const select = () => db.select(listColumns).from(riskSignals).innerJoin(enterprises, and(eq(enterprises.tenantId, riskSignals.tenantId), eq(enterprises.id, riskSignals.enterpriseId)));

  /** The list's and the statistics' WHERE: scope, then the filters; null when a search can match nothing. */
  async function filtered(actor: Actor, query: Omit<SignalListQuery, 'sort' | 'page' | 'pageSize'>): Promise<SQL | null> {
    const filters: SQL[] = [await records.scope(actor, 'enterprises.read', riskSignals)];
    if (query.orgId) filters.push(await records.subtreeOf(query.orgId, riskSignals.orgPath));
    if (query.level) filters.push(eq(riskSignals.level, query.level));
    if (query.kind) filters.push(eq(riskSignals.kind, query.kind));
    if (query.state) filters.push(eq(riskSignals.state, query.state));
    if (query.q) {
      const tsquery = searchQuery(query.q);
      if (!tsquery) return null;
      filters.push(sql`(${riskSignals.tenantId}, ${riskSignals.enterpriseId}) in (select e.tenant_id, e.id from ${enterprises} e where e.search @@ to_tsquery('simple', ${tsquery}))`);
    }
    return and(...filters)!;
  }

  return {
    flow,
    createInside,

    async create(actor: Actor, enterpriseId: number, input: SignalInput) {
      return db.transaction(async (tx) => createInside(actor, await records.findEnterprise(actor, enterpriseId, tx), input, tx));
    },

    /** Correct a signal's facts while it is being handled; raised to 严重, the leaders are told. */
    async update(actor: Actor, id: number, input: SignalInput & { version: number }) {
      await db.transaction(async (tx) => {
        const before = await records.findSignal(actor, id, tx, { lock: true });
        requireAt(actor, 'enterprises.manage', before.orgPath);
        if (!editable(before.state)) throw validationError([{ field: 'state', reason: `预警已${SIGNAL_STATES[before.state].label}，不能再修改` }]);
        if (before.version !== input.version) throw conflict('该预警已被他人修改，请刷新后再改', 'The signal was changed meanwhile');
        const facts = factsOf(input);
        const [row] = await tx
          .update(riskSignals)
          .set({ ...facts, version: before.version + 1, updatedAt: new Date() })
          .where(whereRow(before))
          .returning();
        const [enterprise] = await tx.select({ name: enterprises.name }).from(enterprises).where(and(eq(enterprises.tenantId, row.tenantId), eq(enterprises.id, row.enterpriseId)));
        await recordAudit(tx, actor, {
          action: 'risk_signal.update',
          entityType: 'risk_signal',
          entityId: id,
          tenantId: row.tenantId,
          orgPath: row.orgPath,
          summary: `修改「${enterprise.name}」的预警`,
          before: { kind: before.kind, level: before.level, source: before.source, description: before.description, workersAffected: before.workersAffected, amountFen: before.amountFen, reportedOn: before.reportedOn },
          after: facts,
        });
        await warnLeaders(tx, row, enterprise.name);
      });
    },

    /** A step of the signal's handling: the engine decides whether the actor may. */
    async act(actor: Actor, id: number, action: string, input: unknown) {
      await db.transaction(async (tx) => {
        const row = await records.findSignal(actor, id, tx, { lock: true });
        await workflow.fire(tx, flow, actor, records.recordOf(row), action, input);
      });
    },

    /**
     * The mediation module opened `caseRef` from this signal: the signal ends as 已转调解 and points at the
     * case. For an actor who sees the signal (a mediator does), in the case's transaction; a signal already
     * resolved or turned into a case is refused (INVALID_TRANSITION).
     */
    async markSignalCase(actor: Actor, signalId: number, caseRef: CaseRef, tx?: Db) {
      const run = async (t: Db) => {
        const row = await records.findSignal(actor, signalId, t, { lock: true });
        await workflow.fire(t, flow, actor, records.recordOf(row), 'open_case', caseRef, { system: true });
      };
      if (tx) await run(tx);
      else await db.transaction(run);
    },

    async list(actor: Actor, query: SignalListQuery) {
      const where = await filtered(actor, query);
      if (!where) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
      const order = SORTS[query.sort ?? '-severity'] ?? SORTS['-severity'];
      const [rows, [{ total }]] = await Promise.all([
        select()
          .where(where)
          .orderBy(...order, desc(riskSignals.id))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db.select({ total: count() }).from(riskSignals).where(where),
      ]);
      return { items: await shownRows(rows), total, page: query.page, pageSize: query.pageSize };
    },

    /** An enterprise's signals, the latest first (its page; the enterprise is already found in scope). */
    async ofEnterprise(enterprise: { tenantId: number; id: number }) {
      const rows = await select()
        .where(and(eq(riskSignals.tenantId, enterprise.tenantId), eq(riskSignals.enterpriseId, enterprise.id)))
        .orderBy(desc(riskSignals.reportedOn), desc(riskSignals.id));
      return shownRows(rows);
    },

    /** One signal with its handling so far and what the actor may do. */
    async detail(actor: Actor, id: number) {
      const found = await records.findSignal(actor, id);
      const [row] = await select().where(whereRow(found));
      const [[shown], timeline] = await Promise.all([shownRows([row]), workflow.timeline(db, flow, found.tenantId, found.id)]);
      const record = records.recordOf(found);
      return {
        ...shown,
        tenantId: found.tenantId,
        visitId: found.visitId,
        resolution: found.resolution,
        resolvedOn: found.resolvedOn,
        leadersNotifiedAt: found.leadersNotifiedAt,
        version: found.version,
        /** Its facts may be corrected now, by this actor. */
        canEdit: editable(found.state) && canAt(actor, 'enterprises.manage', found.orgPath),
        /** Still being handled: a studio may open a case from it (whether this actor may is the mediation module's to say). */
        caseable: OPEN.includes(found.state),
        timeline,
        allowedActions: workflow.allowedActions(flow, actor, record),
      };
    },

    /** Signals by kind, level and state within the actor's scope (and the union's subtree, if one is chosen). */
    async statistics(actor: Actor, query: { orgId?: number }) {
      const where = (await filtered(actor, query))!;
      const rows = await db
        .select({ kind: riskSignals.kind, level: riskSignals.level, state: riskSignals.state, n: count() })
        .from(riskSignals)
        .where(where)
        .groupBy(riskSignals.kind, riskSignals.level, riskSignals.state);
      const tally = <K extends string>(labels: Record<K, string>, key: (r: (typeof rows)[number]) => K) =>
        (Object.keys(labels) as K[]).map((code) => ({ code, label: labels[code], count: rows.filter((r) => key(r) === code).reduce((sum, r) => sum + r.n, 0) }));
      return {
        total: rows.reduce((sum, r) => sum + r.n, 0),
        byKind: tally(SIGNAL_KINDS, (r) => r.kind),
        byLevel: tally(SIGNAL_LEVELS, (r) => r.level),
        byState: tally(Object.fromEntries(Object.entries(SIGNAL_STATES).map(([code, s]) => [code, s.label])) as Record<SignalState, string>, (r) => r.state),
      };
    },
  };
}

export type Signals = ReturnType<typeof createSignals>;
