import type { Writable } from 'node:stream';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { beijingDateTime } from '../../platform/beijing-time.js';
import { canAt, requirePaths } from '../../platform/scope.js';
import { writeSheet } from '../../platform/xlsx-writer.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import type { createMemberQueries, MemberListQuery } from './queries.js';
import { EMPLOYMENT_FORMS, MEMBERSHIP_STATUSES } from './schema.js';

/**
 * The registry list as an xlsx (GET /api/members/export.xlsx): the list's
 * filters, every matching row (past the list's window), masked IDs only, and
 * an audit row for each export.
 */

type ExportQuery = Omit<MemberListQuery, 'page' | 'pageSize'>;
type Rows = ReturnType<ReturnType<typeof createMemberQueries>['pages']>;

const COLUMNS = [
  { header: '会员证号', width: 18 },
  { header: '姓名', width: 12 },
  { header: '身份证号（脱敏）', width: 22 },
  { header: '性别', width: 6 },
  { header: '年龄', width: 6 },
  { header: '手机号', width: 14 },
  { header: '所在工会', width: 32 },
  { header: '会籍状态', width: 12 },
  { header: '就业形态', width: 14 },
  { header: '工作单位', width: 30 },
  { header: '所在平台', width: 14 },
  { header: '入会日期', width: 12 },
  { header: '会龄起算日', width: 12 },
  { header: '终止日期', width: 12 },
];

/** The registry rows as the sheet's cells. */
async function* memberRows(rows: Rows) {
  for await (const page of rows) {
    yield page.map((m) => [
      m.cardNo,
      m.name,
      m.idMasked,
      m.sex === 'male' ? '男' : '女',
      m.age,
      m.phone ?? '',
      m.orgName,
      MEMBERSHIP_STATUSES[m.status],
      EMPLOYMENT_FORMS[m.employmentForm],
      m.employerName ?? '',
      m.platformName ?? '',
      m.joinedOn,
      m.memberSince,
      m.endedOn ?? '',
    ]);
  }
}

export function createMemberExport(
  ctx: { db: Db; orgs: Pick<OrgService, 'byId'> },
  queries: Pick<ReturnType<typeof createMemberQueries>, 'pages' | 'count'>,
) {
  const { db, orgs } = ctx;
  return {
    /**
     * The registry list with the same filters as GET /api/members, as an xlsx
     * written page by page into `out`; masked IDs only. The export itself is
     * audited (who took which members out, with which filter, how many).
     */
    async prepareExport(actor: Actor, query: ExportQuery) {
      const total = await queries.count(actor, query);
      const paths = requirePaths(actor, 'members.read');
      const chosen = query.orgId ? await orgs.byId(query.orgId) : undefined;
      // The audit row belongs where the actor works: an org outside the scope only narrows the export to nothing.
      const org = chosen && canAt(actor, 'members.read', chosen.path) ? chosen : undefined;
      const grant = actor.grants.find((g) => paths.includes(g.orgPath)) ?? actor.grants[0];
      const filter = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== ''));
      await recordAudit(db, actor, {
        action: 'member.export',
        entityType: 'membership',
        tenantId: org?.tenantId ?? grant.tenantId,
        orgPath: org?.path ?? grant.orgPath,
        summary: `导出会员名单 ${total} 人${org ? `（${org.name}）` : ''}`,
        after: { filter, count: total },
      });
      // Now in Beijing time as digits, for the file's name: 会员名单-202612061605.xlsx.
      const at = beijingDateTime(new Date()).replace(/\D/g, '');
      return { total, fileName: `会员名单-${at}.xlsx`, fallbackName: `members-${at}.xlsx`, write: (out: Writable) => writeSheet(out, '会员名单', COLUMNS, memberRows(queries.pages(actor, query))) };
    },
  };
}
