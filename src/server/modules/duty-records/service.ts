import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { rolesCarrying } from '../../platform/accounts/roles.js';
import { roleGrants, users } from '../../platform/accounts/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { beijingDayStart } from '../../platform/beijing-time.js';
import { notFound, validationError } from '../../platform/errors.js';
import { orgs as orgTable } from '../../platform/org-tree/schema.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { requireAt, requirePaths } from '../../platform/scope.js';
import type { DirectLineService } from '../direct-line/service.js';
import type { ProposalService } from '../proposals/service.js';
import { dutyRecordsWorkbook } from './export.js';
import { type DutyRecord, recordOf } from './record.js';
import { rankWithin } from './score.js';

/**
 * 履职监督 (DESIGN §3.2): each representative's record over a period — the
 * 零距离 requests they received and answered, their proposals, co-signatures,
 * attendance at reviews and ratings — with the points of each figure and a
 * ranking within their union. No tables of its own: the figures come from the
 * proposals and direct-line services, the roster from the accounts.
 */

export interface DutyQuery {
  orgId?: number;
  from?: string;
  to?: string;
}

export const DUTY_SORTS = ['rank', 'score', 'name', 'received', 'answeredOnTime', 'submitted', 'accepted', 'cosigned', 'attendanceRate', 'satisfactionRate'] as const;
export type DutySort = (typeof DUTY_SORTS)[number];


function sorted<T extends DutyRecord & { rank: number }>(rows: T[], sort: DutySort) {
  const collator = new Intl.Collator('zh-CN');
  const byUnitThenRank = (a: T, b: T) => collator.compare(a.orgName, b.orgName) || a.rank - b.rank || collator.compare(a.name, b.name);
  if (sort === 'rank') return rows.sort(byUnitThenRank);
  if (sort === 'name') return rows.sort((a, b) => collator.compare(a.name, b.name));
  // A figure: the highest first, nothing to count (—) last.
  return rows.sort((a, b) => (b[sort] ?? -1) - (a[sort] ?? -1) || byUnitThenRank(a, b));
}

export function createDutyRecordService(deps: {
  db: Db;
  orgs: Pick<OrgService, 'byId'>;
  proposals: Pick<ProposalService, 'representativeRecord' | 'ownRecord'>;
  directLine: Pick<DirectLineService, 'representativeRecord' | 'ownRecord'>;
  today: () => string;
}) {
  const { db, orgs, proposals, directLine, today } = deps;

  /** The period, this year to today by default. */
  function periodOf(query: DutyQuery) {
    const day = today();
    const from = query.from ?? `${day.slice(0, 4)}-01-01`;
    const to = query.to ?? day;
    if (from > to) throw validationError([{ field: 'to', reason: '结束日期不能早于开始日期' }]);
    return { from, to, fromAt: beijingDayStart(from), toAt: beijingDayStart(to, 1) };
  }

  /** The representatives holding their role at an org within the path: each once, at the first such union. */
  async function roster(path: string) {
    const rows = await db
      .select({ userId: users.id, name: users.displayName, orgId: orgTable.id, orgName: orgTable.name })
      .from(roleGrants)
      .innerJoin(users, eq(users.id, roleGrants.userId))
      .innerJoin(orgTable, eq(orgTable.id, roleGrants.orgId))
      .where(and(inArray(roleGrants.role, [...rolesCarrying('duty.own')]), eq(users.active, true), sql`${orgTable.path} <@ ${path}::ltree`))
      .orderBy(asc(roleGrants.userId), asc(roleGrants.orgId));
    const seen = new Set<number>();
    return rows.filter((r) => !seen.has(r.userId) && seen.add(r.userId));
  }

  async function table(actor: Actor, query: DutyQuery & { sort?: DutySort }) {
    const orgId = query.orgId ?? actor.grants.find((g) => g.orgPath === requirePaths(actor, 'duty.read')[0])!.orgId;
    const org = await orgs.byId(orgId);
    if (!org) throw notFound('工会', 'org');
    requireAt(actor, 'duty.read', org.path);
    const period = periodOf(query);
    const [people, answering, proposalFigures] = await Promise.all([
      roster(org.path),
      directLine.representativeRecord(actor, { orgId, from: period.fromAt, to: period.toAt }),
      proposals.representativeRecord(actor, { orgId, from: period.from, to: period.to }),
    ]);
    const answeringOf = new Map(answering.items.map((r) => [r.userId, r]));
    const proposalsOf = new Map(proposalFigures.items.map((r) => [r.userId, r]));
    const items = rankWithin(people.map((person) => recordOf(person, answeringOf.get(person.userId), proposalsOf.get(person.userId))));
    return { org: { id: org.id, name: org.name, tenantId: org.tenantId, path: org.path }, from: period.from, to: period.to, items: sorted(items, query.sort ?? 'rank') };
  }

  return {
    /** Every representative of the subtree with every figure, points and rank within their union. */
    async list(actor: Actor, query: DutyQuery & { sort?: DutySort }) {
      const { org, ...rest } = await table(actor, query);
      return { orgId: org.id, orgName: org.name, ...rest };
    },

    /** 我的履职: the representative's own figures and points. */
    async mine(actor: Actor, query: Omit<DutyQuery, 'orgId'>) {
      const paths = requirePaths(actor, 'duty.own');
      const grant = actor.grants.find((g) => g.orgPath === paths[0])!;
      const period = periodOf(query);
      const [answering, proposalFigures] = await Promise.all([
        directLine.ownRecord(actor, { from: period.fromAt, to: period.toAt }),
        proposals.ownRecord(actor, { from: period.from, to: period.to }),
      ]);
      const record = recordOf({ userId: actor.userId!, name: actor.displayName, orgId: grant.orgId, orgName: grant.orgName }, answering, proposalFigures);
      return { from: period.from, to: period.to, ...record };
    },

    /** The table as an xlsx; taking it out of the system is audited. */
    async exportXlsx(actor: Actor, query: DutyQuery & { sort?: DutySort }) {
      const { org, from, to, items } = await table(actor, query);
      await recordAudit(db, actor, {
        action: 'duty.export',
        entityType: 'org',
        entityId: org.id,
        tenantId: org.tenantId,
        orgPath: org.path,
        summary: `导出${org.name}会员代表履职情况（${from} 至 ${to}）`,
      });
      return { fileName: `${org.name}会员代表履职情况.xlsx`, fallbackName: `duty-records-${org.id}.xlsx`, body: await dutyRecordsWorkbook({ orgName: org.name, from, to, items }) };
    },
  };
}

export type DutyRecordService = ReturnType<typeof createDutyRecordService>;
