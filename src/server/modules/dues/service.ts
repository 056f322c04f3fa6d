import { and, asc, count, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows, unnestRows } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { notFound, validationError } from '../../platform/errors.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { canAt, requireAt, subtreeRange, tenantScope } from '../../platform/scope.js';
import type { MemberService } from '../members/service.js';
import { beforeJoining, duesAmount, exemptionsIn, monthEnd, monthStart, ruleAt, statusOf } from './rules.js';
import { DUES_SOURCES, DUES_STATUSES, type DuesSource, type DuesStatus, duesExemptions, duesRecords, duesRules, EXEMPTION_REASONS, type ExemptionReason } from './schema.js';

/** Lists count up to this many rows; beyond, "10,000+" (as the member register). */
export const LIST_WINDOW = 10_000;

export interface DuesDeps {
  db: Db;
  orgs: Pick<OrgService, 'byId' | 'namesByIds' | 'tenantIdsWithin'>;
  members: Pick<MemberService, 'openMembersIn' | 'recordEvidence'>;
  today: () => string;
}

export interface DuesListQuery {
  orgId?: number;
  month?: string;
  status?: DuesStatus;
  q?: string;
  page: number;
  pageSize: number;
}

/** A record as lists show it. */
const recordColumns = {
  id: duesRecords.id,
  tenantId: duesRecords.tenantId,
  membershipId: duesRecords.membershipId,
  orgId: duesRecords.orgId,
  name: duesRecords.name,
  cardNo: duesRecords.cardNo,
  month: duesRecords.month,
  wageFen: duesRecords.wageFen,
  amountFen: duesRecords.amountFen,
  status: duesRecords.status,
  exemption: duesRecords.exemption,
  source: duesRecords.source,
  paidOn: duesRecords.paidOn,
};

/** A record to write: a member, a month, what was paid. */
export interface DuesLine {
  member: { tenantId: number; id: number; orgId: number; orgPath: string; name: string; cardNo: string };
  month: string;
  wageFen: number | null;
  amountFen: number | null;
  status: DuesStatus;
  exemption: ExemptionReason | null;
}

export function createDuesCore(deps: DuesDeps) {
  const { db, orgs, members, today } = deps;

  /** A union the actor may read dues at; out of sight is 404. */
  async function unionIn(actor: Actor, orgId: number, permission: 'dues.read' | 'dues.manage', tx: Db = db) {
    const org = await orgs.byId(orgId, tx);
    if (!org || !canAt(actor, 'dues.read', org.path)) throw notFound('工会', 'union');
    requireAt(actor, permission, org.path);
    return org;
  }

  /**
   * Recompute the evidence of these memberships from the dues records and the
   * attendance, and hand it to the members module (evidence.ts) in the same
   * transaction: the deemed-withdrawal rule reads only that summary.
   */
  async function refreshEvidence(tx: Db, tenantId: number, membershipIds: number[]) {
    for (let i = 0; i < membershipIds.length; i += 5000) {
      const ids = `{${[...new Set(membershipIds.slice(i, i + 5000))].join(',')}}`;
      const rows = await queryRows<{ id: number; last_paid: string | null; dues_from: string | null; last_activity: string | null }>(
        tx,
        sql`select m.id::int as id,
              (select max(d.month) filter (where d.status in ('paid', 'exempt')) from dues_records d where d.tenant_id = ${tenantId} and d.membership_id = m.id)::text as last_paid,
              (select min(d.month) from dues_records d where d.tenant_id = ${tenantId} and d.membership_id = m.id)::text as dues_from,
              (select max(a.held_on) from activity_attendance t join activities a on a.tenant_id = t.tenant_id and a.id = t.activity_id
                where t.tenant_id = ${tenantId} and t.membership_id = m.id)::text as last_activity
            from unnest(${ids}::bigint[]) as m(id)`,
      );
      await members.recordEvidence(
        tx,
        tenantId,
        rows.map((r) => ({ id: Number(r.id), lastDuesOn: r.last_paid ? monthEnd(r.last_paid) : null, duesFrom: r.dues_from, lastActivityOn: r.last_activity })),
      );
    }
  }

  /**
   * Write records (one per member and month, the newest line wins) and refresh the members' evidence.
   * One INSERT per 10,000 lines with one array parameter per column (unnested in the database): a
   * payroll of tens of thousands of lines costs a few statements, not a parameter per cell to build and parse.
   */
  async function writeRecords(tx: Db, actor: Actor, lines: DuesLine[], source: DuesSource, importId: number | null = null) {
    const byTenant = new Map<number, Set<number>>();
    for (let i = 0; i < lines.length; i += 10_000) {
      const batch = lines.slice(i, i + 10_000);
      await tx.execute(sql`
        insert into ${duesRecords} (tenant_id, membership_id, org_id, org_path, name, card_no, month, wage_fen, amount_fen, status, exemption, source, import_id, paid_on, recorded_by)
        select u.tenant_id, u.membership_id, u.org_id, u.org_path::ltree, u.name, u.card_no, u.month, u.wage_fen, u.amount_fen, u.status, u.exemption,
               ${source}, ${importId}::bigint, case when u.status = 'paid' then ${today()}::date end, ${actor.userId}::bigint
        from ${unnestRows(batch, {
          tenant_id: ['bigint', (l) => l.member.tenantId],
          membership_id: ['bigint', (l) => l.member.id],
          org_id: ['bigint', (l) => l.member.orgId],
          org_path: ['text', (l) => l.member.orgPath],
          name: ['text', (l) => l.member.name],
          card_no: ['text', (l) => l.member.cardNo],
          month: ['date', (l) => l.month],
          wage_fen: ['int', (l) => l.wageFen],
          amount_fen: ['int', (l) => l.amountFen],
          status: ['text', (l) => l.status],
          exemption: ['text', (l) => l.exemption],
        })}
        on conflict (tenant_id, membership_id, month) do update set
          wage_fen = excluded.wage_fen, amount_fen = excluded.amount_fen, status = excluded.status, exemption = excluded.exemption,
          source = excluded.source, import_id = excluded.import_id,
          paid_on = case when excluded.status = 'paid' then coalesce(${duesRecords}.paid_on, excluded.paid_on) end,
          recorded_by = excluded.recorded_by, version = ${duesRecords}.version + 1, updated_at = now()`);
      for (const l of batch) {
        const ids = byTenant.get(l.member.tenantId) ?? new Set<number>();
        byTenant.set(l.member.tenantId, ids.add(l.member.id));
      }
    }
    for (const [tenantId, ids] of byTenant) await refreshEvidence(tx, tenantId, [...ids]);
  }

  /** Each member's dues line for a month by the rule at their union and their exemptions. */
  async function linesFor(tx: Db, org: { tenantId: number; path: string }, month: string, items: { member: DuesLine['member']; wageFen: number | null; paid: boolean }[]) {
    const rule = await ruleAt(tx, org);
    const exempt = await exemptionsIn(tx, org.tenantId, items.map((i) => i.member.id), month);
    return items.map(({ member, wageFen, paid }): DuesLine => {
      const amount = duesAmount(wageFen, rule, exempt.get(member.id) ?? null);
      return { member, month, wageFen, amountFen: amount.amountFen, status: statusOf(paid, amount.exempt), exemption: amount.exemption };
    });
  }

  return { unionIn, refreshEvidence, writeRecords, linesFor };
}

export type DuesCore = ReturnType<typeof createDuesCore>;

export function createDuesService(deps: DuesDeps, core: DuesCore) {
  const { db, orgs, members, today } = deps;
  const { unionIn, writeRecords, linesFor } = core;

  const notFuture = (month: string) => {
    if (monthStart(month) > today()) throw validationError([{ field: 'month', reason: '不能登记未来月份的会费' }]);
    return monthStart(month);
  };

  async function list(actor: Actor, query: DuesListQuery) {
    if ((query.page - 1) * query.pageSize >= LIST_WINDOW) throw validationError([{ field: 'page', reason: `列表只能翻阅前 ${LIST_WINDOW.toLocaleString('en-US')} 条，请用筛选条件缩小范围` }]);
    const filters: SQL[] = [await tenantScope(actor, 'dues.read', duesRecords, (path) => orgs.tenantIdsWithin(path))];
    if (query.orgId) filters.push(subtreeRange(duesRecords.orgPath, (await orgs.byId(query.orgId))?.path ?? '0'));
    if (query.month) filters.push(eq(duesRecords.month, monthStart(query.month)));
    if (query.status) filters.push(eq(duesRecords.status, query.status));
    if (query.q) {
      const pattern = `${query.q.trim().replace(/[\\%_]/g, '\\$&')}%`;
      filters.push(or(ilike(duesRecords.name, pattern), ilike(duesRecords.cardNo, pattern))!);
    }
    const where = and(...filters)!;
    const [rows, [{ n }], totals] = await Promise.all([
      db
        .select(recordColumns)
        .from(duesRecords)
        .where(where)
        .orderBy(desc(duesRecords.month), asc(duesRecords.orgPath), asc(duesRecords.id))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize),
      db.select({ n: count() }).from(db.select({ one: sql`1` }).from(duesRecords).where(where).limit(LIST_WINDOW + 1).as('capped')),
      // A month's figures (a union's or a town's): how many paid, owed, exempt, and the sum paid.
      query.month
        ? db
            .select({ status: duesRecords.status, members: count(), amountFen: sql<string>`coalesce(sum(${duesRecords.amountFen}), 0)` })
            .from(duesRecords)
            .where(where)
            .groupBy(duesRecords.status)
        : Promise.resolve([]),
    ]);
    const names = await orgs.namesByIds(rows.map((r) => r.orgId));
    return {
      items: rows.map((r) => ({
        ...r,
        orgName: names.get(r.orgId) ?? '',
        statusLabel: DUES_STATUSES[r.status],
        sourceLabel: DUES_SOURCES[r.source],
        exemptionLabel: r.exemption ? EXEMPTION_REASONS[r.exemption] : null,
      })),
      total: Math.min(n, LIST_WINDOW),
      totalCapped: n > LIST_WINDOW,
      figures: totals.map((t) => ({ status: t.status, statusLabel: DUES_STATUSES[t.status], members: t.members, amountFen: Number(t.amountFen) })),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  return {
    list,

    /** 工会录入: one member's month, paid or owed, with the wage when known (the amount follows the rule). */
    async record(actor: Actor, input: { membershipId: number; orgId: number; month: string; wageFen?: number | null; paid: boolean }) {
      const month = notFuture(input.month);
      return db.transaction(async (tx) => {
        const org = await unionIn(actor, input.orgId, 'dues.manage', tx);
        const [member] = await members.openMembersIn(org, { ids: [input.membershipId] }, tx);
        if (!member) throw validationError([{ field: 'membershipId', reason: '不是本工会的在册会员' }]);
        const early = beforeJoining(member, month);
        if (early) throw validationError([{ field: 'month', reason: early }]);
        const [line] = await linesFor(tx, { tenantId: member.tenantId, path: member.orgPath }, month, [{ member, wageFen: input.wageFen ?? null, paid: input.paid }]);
        await writeRecords(tx, actor, [line], 'staff');
        await recordAudit(tx, actor, {
          action: 'dues.record',
          entityType: 'membership',
          entityId: member.id,
          tenantId: member.tenantId,
          orgPath: member.orgPath,
          summary: `登记「${member.name}」${month.slice(0, 7)} 会费：${DUES_STATUSES[line.status]}`,
        });
        return { status: line.status, amountFen: line.amountFen };
      });
    },

    /**
     * 单位代缴: the employer paid a month for every current member of the union (and the unions below it).
     * Records owed become paid; members without a record get one, its amount from their latest known wage
     * (null when none is known); exempt members stay exempt. One transaction.
     */
    async markPaid(actor: Actor, input: { orgId: number; month: string }) {
      const month = notFuture(input.month);
      return db.transaction(async (tx) => {
        const org = await unionIn(actor, input.orgId, 'dues.manage', tx);
        // Members who joined after the month owe nothing for it.
        const current = (await members.openMembersIn(org, null, tx)).filter((m) => !beforeJoining(m, month));
        if (current.length === 0) throw validationError([{ field: 'orgId', reason: '该工会没有在册会员' }]);
        // The latest wage on record before or in the month, per member, from the same index as the list.
        const wages = await queryRows<{ membership_id: number; wage_fen: number }>(
          tx,
          sql`select distinct on (membership_id) membership_id::int, wage_fen from dues_records
              where tenant_id = ${org.tenantId} and ${subtreeRange(sql`org_path`, org.path)} and month <= ${month} and wage_fen is not null
              order by membership_id, month desc`,
        );
        const wageOf = new Map(wages.map((w) => [Number(w.membership_id), w.wage_fen]));
        const lines = await linesFor(tx, org, month, current.map((member) => ({ member, wageFen: wageOf.get(member.id) ?? null, paid: true })));
        await writeRecords(tx, actor, lines, 'employer');
        const paid = lines.filter((l) => l.status === 'paid').length;
        await recordAudit(tx, actor, {
          action: 'dues.mark_paid',
          entityType: 'org',
          entityId: org.id,
          tenantId: org.tenantId,
          orgPath: org.path,
          summary: `「${org.name}」${month.slice(0, 7)} 会费单位代缴：已缴 ${paid} 人，免缴 ${lines.length - paid} 人`,
        });
        return { paid, exempt: lines.length - paid };
      });
    },

    /** The rule in force at a union, and whose it is. */
    async rule(actor: Actor, orgId: number) {
      const org = await unionIn(actor, orgId, 'dues.read');
      const rule = await ruleAt(db, org);
      return { ...rule, ownRule: rule.orgId === org.id, inheritedFrom: rule.orgId && rule.orgId !== org.id ? ((await orgs.namesByIds([rule.orgId])).get(rule.orgId) ?? null) : null };
    },

    /** Set a union's own rule (its subtree follows unless a union below sets its own). */
    async setRule(actor: Actor, orgId: number, input: { rateBasisPoints: number; roundToFen: number }) {
      await db.transaction(async (tx) => {
        const org = await unionIn(actor, orgId, 'dues.manage', tx);
        await tx
          .insert(duesRules)
          .values({ tenantId: org.tenantId, orgId: org.id, orgPath: org.path, ...input })
          .onConflictDoUpdate({ target: [duesRules.tenantId, duesRules.orgId], set: { ...input, version: sql`${duesRules.version} + 1`, updatedAt: new Date() } });
        await recordAudit(tx, actor, {
          action: 'dues.rule',
          entityType: 'org',
          entityId: org.id,
          tenantId: org.tenantId,
          orgPath: org.path,
          summary: `「${org.name}」会费标准：工资收入的 ${(input.rateBasisPoints / 100).toFixed(2)}%，取整到 ${input.roundToFen} 分`,
        });
      });
      return this.rule(actor, orgId);
    },

    async exemptions(actor: Actor, orgId: number) {
      const org = await unionIn(actor, orgId, 'dues.read');
      const rows = await db
        .select()
        .from(duesExemptions)
        .where(and(eq(duesExemptions.tenantId, org.tenantId), subtreeRange(duesExemptions.orgPath, org.path)))
        .orderBy(desc(duesExemptions.fromMonth), asc(duesExemptions.id))
        .limit(500);
      return { items: rows.map((r) => ({ id: r.id, membershipId: r.membershipId, name: r.name, reason: r.reason, reasonLabel: EXEMPTION_REASONS[r.reason], fromMonth: r.fromMonth, toMonth: r.toMonth })) };
    },

    /** 免缴: a member pays nothing from a month (to a month, or until ended). */
    async addExemption(actor: Actor, input: { orgId: number; membershipId: number; reason: ExemptionReason; fromMonth: string; toMonth?: string | null }) {
      const fromMonth = monthStart(input.fromMonth);
      const toMonth = input.toMonth ? monthStart(input.toMonth) : null;
      if (toMonth && toMonth < fromMonth) throw validationError([{ field: 'toMonth', reason: '截止月份不能早于起始月份' }]);
      return db.transaction(async (tx) => {
        const org = await unionIn(actor, input.orgId, 'dues.manage', tx);
        const [member] = await members.openMembersIn(org, { ids: [input.membershipId] }, tx);
        if (!member) throw validationError([{ field: 'membershipId', reason: '不是本工会的在册会员' }]);
        const [row] = await tx
          .insert(duesExemptions)
          .values({ tenantId: member.tenantId, membershipId: member.id, orgPath: member.orgPath, name: member.name, reason: input.reason, fromMonth, toMonth, createdBy: actor.userId })
          .returning({ id: duesExemptions.id });
        await recordAudit(tx, actor, {
          action: 'dues.exemption',
          entityType: 'membership',
          entityId: member.id,
          tenantId: member.tenantId,
          orgPath: member.orgPath,
          summary: `「${member.name}」自 ${fromMonth.slice(0, 7)} 起免缴会费（${EXEMPTION_REASONS[input.reason]}）`,
        });
        return { id: row.id };
      });
    },

    /** Open members of a union to pick from (the record, exemption and attendance forms): by name or card number. */
    async memberChoices(actor: Actor, orgId: number, q: string) {
      const org = await unionIn(actor, orgId, 'dues.read');
      const found = await members.openMembersIn(org, { search: q });
      return { items: found.map((m) => ({ id: m.id, name: m.name, cardNo: m.cardNo })) };
    },
  };
}

export type DuesService = ReturnType<typeof createDuesService>;
