import { AlignmentType, Document, Packer, PageOrientation, Paragraph, Table, TableLayoutType, TableRow, TextRun, WidthType } from 'docx';
import { chineseDate } from '../../../platform/beijing-time.js';
import { bodyParagraph as body, HEADER_FILL, HEADING_FONT, percentText as percent, tableCell as cell, TITLE_FONT } from '../../../platform/docx-kit.js';
import type { BulletinView } from './service.js';
import type { Figures, Measures } from './types.js';

/**
 * 半月通报 as a Word document in the shape of a union's notice: title (小标宋),
 * the period, the overall figures, a table of districts by rank, and the
 * districts that ranked last, with those last twice running named for the
 * report to the Party committee at the same level.
 */

const FLAG_FILL = 'FDE2E1';

const ofTarget = (achieved: number, target: Measures | null, key: keyof Measures) => (target && target[key] > 0 ? `${achieved}/${target[key]}` : `${achieved}/—`);

function figureCells(period: Figures, ytd: Figures, target: Measures | null, rates: Record<keyof Measures, number | null>, style: { fill?: string; bold?: boolean }) {
  return [
    cell(String(period.newUnions), style),
    cell(String(period.newMembers), style),
    cell(String(period.newFormMembers), style),
    cell(ofTarget(ytd.newUnions, target, 'newUnions'), style),
    cell(ofTarget(ytd.newMembers, target, 'newMembers'), style),
    cell(ofTarget(ytd.newFormMembers, target, 'newFormMembers'), style),
    cell(percent(rates.newUnions), style),
    cell(percent(rates.newMembers), style),
    cell(percent(rates.newFormMembers), style),
  ];
}

function rankingTable(b: BulletinView) {
  const head = { bold: true, fill: HEADER_FILL };
  const header = [
    new TableRow({
      tableHeader: true,
      children: [
        cell('排名', { ...head, rowSpan: 2 }),
        cell('单位', { ...head, rowSpan: 2 }),
        cell('本期', { ...head, columnSpan: 3 }),
        cell('全年累计 / 目标任务', { ...head, columnSpan: 3 }),
        cell('目标完成率', { ...head, columnSpan: 3 }),
        cell('综合完成率', { ...head, rowSpan: 2 }),
      ],
    }),
    new TableRow({
      tableHeader: true,
      children: [
        ...['新建工会（家）', '新发展会员（人）', '其中新就业形态（人）'].map((t) => cell(t, head)),
        ...['新建工会', '新发展会员', '新就业形态会员'].map((t) => cell(t, head)),
        ...['新建工会', '新发展会员', '新就业形态会员'].map((t) => cell(t, head)),
      ],
    }),
  ];
  const rows = b.rows.map((r) => {
    const style = r.flagged ? { fill: FLAG_FILL, bold: true } : r.last ? { fill: FLAG_FILL } : {};
    return new TableRow({
      children: [
        cell(r.rank === null ? '—' : String(r.rank), style),
        cell(r.districtName + (r.flagged ? '（连续两次末位）' : r.last ? '（末位）' : ''), { ...style, align: 'left', color: r.last ? 'C00000' : undefined }),
        ...figureCells(r.period, r.ytd, r.target, r.rates, style),
        cell(percent(r.score), style),
      ],
    });
  });
  const summaries = [
    new TableRow({ children: [cell('—'), cell('直属单位', { align: 'left' }), ...figureCells(b.direct.period, b.direct.ytd, null, b.direct.rates, {}), cell('—')] }),
    new TableRow({ children: [cell('—', { bold: true }), cell('合计', { bold: true, align: 'left' }), ...figureCells(b.total.period, b.total.ytd, b.total.target, b.total.rates, { bold: true }), cell('—', { bold: true })] }),
  ];
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, layout: TableLayoutType.AUTOFIT, rows: [...header, ...rows, ...summaries] });
}

export async function bulletinDocx(b: BulletinView, issuedOn: string): Promise<Buffer> {
  const t = b.total;
  const ranked = b.rows.filter((r) => r.rank !== null);
  const unranked = b.rows.filter((r) => r.rank === null);
  const rate = (key: keyof Measures) => percent(t.rates[key]);
  const children = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200, line: 640 },
      children: [new TextRun({ text: b.title, font: TITLE_FONT, size: 44, bold: true })],
    }),
    body(`（${chineseDate(b.periodStart)}—${chineseDate(b.periodEnd)}）`, { indent: false, align: AlignmentType.CENTER }),
    body(`各${b.districtLabel}工会：`, { indent: false }),
    body(
      `按照建会入会工作周报告、半月通报、每月例会制度，现将截至${chineseDate(b.periodEnd)}各${b.districtLabel}建会入会工作进展情况通报如下。`,
    ),
    body('一、总体情况', { font: HEADING_FONT }),
    body(
      `本期（${chineseDate(b.periodStart)}至${chineseDate(b.periodEnd)}）共新建工会${t.period.newUnions}家，新发展会员${t.period.newMembers}人，其中新就业形态劳动者${t.period.newFormMembers}人。` +
        `今年以来累计新建工会${t.ytd.newUnions}家、新发展会员${t.ytd.newMembers}人、新就业形态劳动者入会${t.ytd.newFormMembers}人` +
        (t.target ? `，分别完成年度目标任务的${rate('newUnions')}、${rate('newMembers')}、${rate('newFormMembers')}。` : '。'),
    ),
    body('二、各单位进展情况', { font: HEADING_FONT }),
    body(
      `按各单位新建工会、新发展会员、新就业形态劳动者入会三项目标完成率（单项超过100%的按100%计）的平均值排名，${ranked.length}个单位参加排名` +
        (unranked.length ? `，${unranked.map((r) => r.districtName).join('、')}尚未下达目标任务，未参加排名。` : '。'),
    ),
    rankingTable(b),
    body('三、需要关注的问题', { font: HEADING_FONT }),
    body(
      b.lastNames.length
        ? `本期排名末位的单位：${b.lastNames.join('、')}。请相关单位查找问题、研究举措，加快工作进度。`
        : ranked.length
          ? '本期参加排名的单位综合完成率相同，无排名末位单位。'
          : '各单位尚未下达年度目标任务，本期不排名。',
    ),
    body(
      b.flaggedNames.length
        ? `连续两次在通报中排名末位的单位：${b.flaggedNames.join('、')}。根据建会入会工作督导推动机制，将向同级党委进行通报。`
        : '本期没有连续两次在通报中排名末位的单位。',
      { bold: b.flaggedNames.length > 0 },
    ),
    body(''),
    body(b.orgName, { indent: false, align: AlignmentType.RIGHT }),
    body(chineseDate(issuedOn), { indent: false, align: AlignmentType.RIGHT }),
  ];
  const doc = new Document({
    creator: b.orgName,
    title: b.title,
    description: '建会入会工作半月通报',
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE }, margin: { top: 1440, bottom: 1440, left: 1247, right: 1247 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
