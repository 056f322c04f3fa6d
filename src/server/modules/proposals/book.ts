import { AlignmentType, Document, HeadingLevel, Packer, PageBreak, Paragraph, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import { and, asc, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { chineseDate } from '../../platform/beijing-time.js';
import { BODY_FONT, bodyParagraph, HEADING_FONT, TITLE_FONT } from '../../platform/docx-kit.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import type { ProposalStatistics, StatisticsQuery } from './statistics.js';
import { ACCEPTED_ON } from './workflow.js';
import { ANSWER_CATEGORIES, handlerUnits, PROPOSAL_FIELDS, proposalCosigners, proposalRatings, proposals, RATINGS } from './schema.js';
import { PROPOSAL_STATES } from './workflow.js';

/**
 * 提案汇编: the proposals of a subtree and period (as the statistics count
 * them: submitted and not withdrawn; or only those accepted) in the order of
 * their serial numbers, as a book to print (.docx: cover, contents, one
 * proposal after another) and as a sheet (.xlsx: one row per proposal).
 */

export interface BookQuery extends StatisticsQuery {
  acceptedOnly?: boolean;
}

const names = (column: SQL) => sql<string>`coalesce(${column}, '')`;
// The subqueries spell the outer columns out: drizzle writes a selected column unqualified, which inside them would name their own.

export function createProposalBook(ctx: { db: Db; orgs: Pick<OrgService, 'namesByIds'> }, parts: { statistics: Pick<ProposalStatistics, 'resolve'> }) {
  const { db, orgs } = ctx;

  async function entries(actor: Actor, query: BookQuery) {
    const { org, from, to, where } = await parts.statistics.resolve(actor, query);
    const states = sql.join((query.acceptedOnly ? ACCEPTED_ON : ['withdrawn']).map((s) => sql`${s}`), sql`, `);
    const rows = await db
      .select({
        serialNo: proposals.serialNo,
        title: proposals.title,
        field: proposals.field,
        state: proposals.state,
        orgId: proposals.orgId,
        submitterName: proposals.submitterName,
        reasons: proposals.reasons,
        suggestions: proposals.suggestions,
        answerCategory: proposals.answerCategory,
        answer: proposals.answer,
        cosigners: names(sql`(select string_agg(c.name, '、' order by c.created_at, c.id) from ${proposalCosigners} c where c.tenant_id = proposals.tenant_id and c.proposal_id = proposals.id)`),
        leadHandler: names(sql`(select u.name from ${handlerUnits} u where u.tenant_id = proposals.tenant_id and u.id = proposals.lead_handler_id)`),
        coHandlers: names(sql`(select string_agg(u.name, '、' order by u.name) from ${handlerUnits} u where u.tenant_id = proposals.tenant_id and u.id = any(proposals.co_handler_ids))`),
        // Each rater's latest rating, counted by kind: {"satisfied": 2, …}.
        ratings: sql<Record<string, number> | null>`(
          select jsonb_object_agg(latest.rating, latest.n) from (
            select rating, count(*)::int as n from (
              select distinct on (r.user_id) r.rating from ${proposalRatings} r
              where r.tenant_id = proposals.tenant_id and r.proposal_id = proposals.id
              order by r.user_id, r.round desc
            ) each_rater group by rating
          ) latest)`,
      })
      .from(proposals)
      .where(and(where, query.acceptedOnly ? sql`${proposals.state} in (${states})` : sql`${proposals.state} not in (${states})`))
      .orderBy(asc(proposals.submittedAt), asc(proposals.serialNo));
    const orgNames = await orgs.namesByIds(rows.map((r) => r.orgId));
    const items = rows.map((r) => ({
      ...r,
      orgName: orgNames.get(r.orgId) ?? '',
      fieldLabel: PROPOSAL_FIELDS[r.field],
      stateLabel: PROPOSAL_STATES[r.state].label,
      handlers: [r.leadHandler && `主办：${r.leadHandler}`, r.coHandlers && `协办：${r.coHandlers}`].filter(Boolean).join('；'),
      answerText: r.answerCategory && r.answer ? `${r.answerCategory}类（${ANSWER_CATEGORIES[r.answerCategory]}）：${r.answer}` : '',
      ratingSummary: (Object.keys(RATINGS) as (keyof typeof RATINGS)[])
        .filter((k) => r.ratings?.[k])
        .map((k) => `${RATINGS[k]} ${r.ratings![k]} 人`)
        .join('，'),
    }));
    const title = `${org.name}提案汇编`;
    return { title, orgName: org.name, from, to, acceptedOnly: Boolean(query.acceptedOnly), items };
  }
  type Book = Awaited<ReturnType<typeof entries>>;

  const period = (b: Book) => `${chineseDate(b.from)}至${chineseDate(b.to)}${b.acceptedOnly ? '（已立案提案）' : ''}`;

  const COLUMNS: { header: string; width: number; value: (p: Book['items'][number]) => string }[] = [
    { header: '提案号', width: 12, value: (p) => p.serialNo ?? '' },
    { header: '标题', width: 32, value: (p) => p.title },
    { header: '提案人', width: 10, value: (p) => p.submitterName },
    { header: '附议人', width: 20, value: (p) => p.cosigners },
    { header: '所在工会', width: 24, value: (p) => p.orgName },
    { header: '提案类别', width: 16, value: (p) => p.fieldLabel },
    { header: '办理状态', width: 14, value: (p) => p.stateLabel },
    { header: '案由', width: 50, value: (p) => p.reasons },
    { header: '建议', width: 50, value: (p) => p.suggestions },
    { header: '承办单位', width: 28, value: (p) => p.handlers },
    { header: '答复类别', width: 10, value: (p) => p.answerCategory ?? '' },
    { header: '答复', width: 50, value: (p) => p.answer ?? '' },
    { header: '满意度测评', width: 22, value: (p) => p.ratingSummary },
  ];

  async function xlsx(b: Book): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('提案汇编', { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    for (const p of b.items) sheet.addRow(COLUMNS.map((c) => c.value(p))).alignment = { vertical: 'top', wrapText: true };
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  async function docx(b: Book): Promise<Buffer> {
    const heading = (text: string) => bodyParagraph(text, { indent: false, font: HEADING_FONT });
    const labelled = (label: string, text: string) =>
      new Paragraph({
        spacing: { line: 560 },
        children: [new TextRun({ text: `${label}：`, font: HEADING_FONT, size: 32 }), new TextRun({ text: text || '—', font: BODY_FONT, size: 32 })],
      });
    const cover = [
      ...Array.from({ length: 6 }, () => new Paragraph({})),
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [new TextRun({ text: b.orgName, font: TITLE_FONT, size: 44 })] }),
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 600 }, children: [new TextRun({ text: '提案汇编', font: TITLE_FONT, size: 72, bold: true })] }),
      bodyParagraph(period(b), { indent: false, align: AlignmentType.CENTER }),
      bodyParagraph(`共 ${b.items.length} 件`, { indent: false, align: AlignmentType.CENTER }),
      new Paragraph({ children: [new PageBreak()] }),
    ];
    const contents = [
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [new TextRun({ text: '目\u3000录', font: TITLE_FONT, size: 44 })] }),
      ...(b.items.length ? b.items.map((p) => bodyParagraph(`${p.serialNo ?? ''}\u3000${p.title}（${p.submitterName}）`, { indent: false })) : [bodyParagraph('本期没有提案。', { indent: false })]),
    ];
    const proposalsText = b.items.flatMap((p) => [
      new Paragraph({ children: [new PageBreak()] }),
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        alignment: AlignmentType.CENTER,
        spacing: { after: 300 },
        children: [new TextRun({ text: `${p.serialNo ?? ''}\u3000${p.title}`, font: TITLE_FONT, size: 36 })],
      }),
      labelled('提案人', `${p.submitterName}（${p.orgName}）`),
      labelled('附议人', p.cosigners),
      labelled('提案类别', p.fieldLabel),
      labelled('办理状态', p.stateLabel),
      heading('案由'),
      ...p.reasons.split('\n').map((line) => bodyParagraph(line)),
      heading('建议'),
      ...p.suggestions.split('\n').map((line) => bodyParagraph(line)),
      labelled('承办单位', p.handlers),
      heading('答复'),
      ...(p.answerText ? p.answerText.split('\n').map((line) => bodyParagraph(line)) : [bodyParagraph('尚未答复。')]),
      labelled('满意度测评', p.ratingSummary),
    ]);
    const doc = new Document({
      creator: b.orgName,
      title: b.title,
      description: period(b),
      sections: [{ properties: { page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } }, children: [...cover, ...contents, ...proposalsText] }],
    });
    return Packer.toBuffer(doc);
  }

  return {
    /** The book as a spreadsheet, and its file name. */
    async bookXlsx(actor: Actor, query: BookQuery) {
      const b = await entries(actor, query);
      return { fileName: `${b.title}（${b.from}至${b.to}）.xlsx`, body: await xlsx(b) };
    },
    /** The book as a Word document to print, and its file name. */
    async bookDocx(actor: Actor, query: BookQuery) {
      const b = await entries(actor, query);
      return { fileName: `${b.title}（${b.from}至${b.to}）.docx`, body: await docx(b) };
    },
  };
}
