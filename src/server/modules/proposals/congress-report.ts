import { AlignmentType, Document, Packer, Paragraph, Table, TableLayoutType, TableRow, TextRun, WidthType } from 'docx';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { chineseDate } from '../../platform/beijing-time.js';
import { requireAt } from '../../platform/scope.js';
import { bodyParagraph, HEADER_FILL, HEADING_FONT, tableCell, TITLE_FONT } from '../../platform/docx-kit.js';
import { type Congress, MOTION_OUTCOMES } from './congress.js';
import { handlerUnits, PROPOSAL_FIELDS, proposals } from './schema.js';
import { PROPOSAL_STATES } from './workflow.js';

/**
 * 提案审查情况报告 of a congress session, as the review committee reports to
 * the congress: how many motions came in, how many were taken up (立案) and
 * which, which became opinions (意见建议) and why, which were merged, which
 * are still in review — the seed's "32 件提案建议立案办理 10 件" in a page.
 */

type Motion = {
  serialNo: string | null;
  title: string;
  field: keyof typeof PROPOSAL_FIELDS;
  state: keyof typeof PROPOSAL_STATES;
  submitterName: string;
  decisionReason: string | null;
  leadHandler: string | null;
};

export function createCongressReport(ctx: { db: Db; today: () => string }, parts: { congress: Pick<Congress, 'find' | 'shown'> }) {
  const { db, today } = ctx;

  const table = (headers: string[], rows: string[][]) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      layout: TableLayoutType.AUTOFIT,
      rows: [
        new TableRow({ tableHeader: true, children: headers.map((h) => tableCell(h, { bold: true, fill: HEADER_FILL })) }),
        ...rows.map((cells) => new TableRow({ children: cells.map((text, i) => tableCell(text, { align: i === 1 || i === cells.length - 1 ? 'left' : 'center' })) })),
      ],
    });
  const heading = (text: string) => bodyParagraph(text, { font: HEADING_FONT });

  return {
    /** The report as a Word document, and its file name. */
    async reportDocx(actor: Actor, sessionId: number) {
      const session = await parts.congress.find(actor, sessionId);
      // The report names every motion: those who read the session's union's proposals, not a town that only sees the session.
      requireAt(actor, 'proposals.read', session.orgPath);
      const [shown] = await parts.congress.shown(actor, [session]);
      // Submitted motions (numbered), not those withdrawn: the report counts what the committee had before it.
      const motions: Motion[] = await db
        .select({
          serialNo: proposals.serialNo,
          title: proposals.title,
          field: proposals.field,
          state: proposals.state,
          submitterName: proposals.submitterName,
          decisionReason: proposals.decisionReason,
          leadHandler: sql<string | null>`(select u.name from ${handlerUnits} u where u.tenant_id = proposals.tenant_id and u.id = proposals.lead_handler_id)`,
        })
        .from(proposals)
        .where(and(eq(proposals.tenantId, session.tenantId), eq(proposals.congressSessionId, session.id), sql`${proposals.serialNo} is not null`, ne(proposals.state, 'withdrawn')))
        .orderBy(asc(proposals.serialNo));
      const withOutcome = (outcome: keyof typeof MOTION_OUTCOMES) => motions.filter((m) => (MOTION_OUTCOMES[outcome] as readonly string[]).includes(m.state));
      const [accepted, opinions, merged, pending] = (['accepted', 'notAccepted', 'merged', 'inReview'] as const).map(withOutcome);
      const { motions: counts } = shown;

      const summary =
        `${shown.orgName}${session.name}提案征集自${chineseDate(session.collectFrom)}至${chineseDate(session.collectUntil)}，` +
        `共收到职工代表提案 ${counts.submitted} 件。经提案审查委员会审查，建议立案办理 ${counts.accepted} 件，` +
        `不予立案、作为意见建议转有关部门参考 ${counts.notAccepted} 件` +
        (counts.merged ? `，并案处理 ${counts.merged} 件` : '') +
        (counts.inReview ? `，尚在审查 ${counts.inReview} 件` : '') +
        `。立案提案中已办结 ${counts.concluded} 件。`;

      const children = [
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [new TextRun({ text: `${session.name}`, font: TITLE_FONT, size: 36 })] }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [new TextRun({ text: '提案审查情况报告', font: TITLE_FONT, size: 44 })] }),
        bodyParagraph(summary),
        heading(`一、立案提案（${accepted.length} 件）`),
        accepted.length
          ? table(
              ['提案号', '标题', '提案人', '类别', '主办单位', '办理情况'],
              accepted.map((m) => [m.serialNo ?? '', m.title, m.submitterName, PROPOSAL_FIELDS[m.field], m.leadHandler ?? '待交办', PROPOSAL_STATES[m.state].label]),
            )
          : bodyParagraph('无。'),
        heading(`二、作为意见建议处理的提案（${opinions.length} 件）`),
        opinions.length ? table(['提案号', '标题', '提案人', '理由'], opinions.map((m) => [m.serialNo ?? '', m.title, m.submitterName, m.decisionReason ?? ''])) : bodyParagraph('无。'),
        ...(merged.length ? [heading(`三、并案处理的提案（${merged.length} 件）`), table(['提案号', '标题', '提案人', '理由'], merged.map((m) => [m.serialNo ?? '', m.title, m.submitterName, m.decisionReason ?? '']))] : []),
        ...(pending.length ? [heading(`${merged.length ? '四' : '三'}、尚在审查的提案（${pending.length} 件）`), table(['提案号', '标题', '提案人', '状态'], pending.map((m) => [m.serialNo ?? '', m.title, m.submitterName, PROPOSAL_STATES[m.state].label]))] : []),
        bodyParagraph(`${shown.orgName}职代会提案审查委员会`, { indent: false, align: AlignmentType.RIGHT }),
        bodyParagraph(chineseDate(today()), { indent: false, align: AlignmentType.RIGHT }),
      ];
      const doc = new Document({
        creator: shown.orgName,
        title: `${session.name}提案审查情况报告`,
        sections: [{ properties: { page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } }, children }],
      });
      return { fileName: `${session.name}提案审查情况报告.docx`, body: await Packer.toBuffer(doc) };
    },
  };
}
