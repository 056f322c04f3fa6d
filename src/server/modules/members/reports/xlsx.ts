import ExcelJS from 'exceljs';
import { chineseDate } from '../../../platform/beijing-time.js';
import type { BulletinView, MonthlyReport, WeeklyReport } from './service.js';
import type { Figures, Measures, Rates } from './types.js';

/**
 * The reports as spreadsheets: a merged title row, a two-row header
 * (measure groups over measures), one row per district, then 直属单位 and 合计.
 * Rates are real numbers formatted as percentages, so the sheet can be sorted
 * and summed; cells without a target are left empty.
 */

type Cell = string | number | null;
interface Group {
  title: string;
  columns: { title: string; width?: number; percent?: boolean }[];
}

const THIN = { style: 'thin' as const, color: { argb: 'FF9CA3AF' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
const FLAG_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E1' } };

function sheet(workbook: ExcelJS.Workbook, name: string, title: string, subtitle: string, groups: Group[]) {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 4 }], pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const width = groups.reduce((n, g) => n + g.columns.length, 0);
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.getRow(1).height = 28;
  ws.mergeCells(2, 1, 2, width);
  ws.getCell(2, 1).value = subtitle;
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  let col = 1;
  for (const group of groups) {
    const span = group.columns.length;
    if (span === 1) {
      ws.mergeCells(3, col, 4, col);
      ws.getCell(3, col).value = group.title;
    } else {
      ws.mergeCells(3, col, 3, col + span - 1);
      ws.getCell(3, col).value = group.title;
      group.columns.forEach((c, i) => (ws.getCell(4, col + i).value = c.title));
    }
    group.columns.forEach((c, i) => {
      ws.getColumn(col + i).width = c.width ?? 12;
      if (c.percent) ws.getColumn(col + i).numFmt = '0.0%';
    });
    col += span;
  }
  for (const r of [3, 4]) {
    for (let c = 1; c <= width; c++) {
      const cell = ws.getCell(r, c);
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.border = BORDER;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    }
  }
  ws.getRow(4).height = 30;
  return {
    ws,
    add(values: Cell[], style: { flagged?: boolean; bold?: boolean } = {}) {
      const row = ws.addRow(values);
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        if (c > width) return;
        cell.border = BORDER;
        if (style.flagged) cell.fill = FLAG_FILL;
        if (style.bold || style.flagged) cell.font = { bold: true, color: style.flagged ? { argb: 'FFC00000' } : undefined };
        cell.alignment = { horizontal: c === 2 ? 'left' : 'center', vertical: 'middle' };
      });
      return row;
    },
    note(text: string) {
      const row = ws.addRow([text]);
      ws.mergeCells(row.number, 1, row.number, width);
      row.getCell(1).alignment = { wrapText: true };
    },
  };
}

const MEASURE_COLUMNS = [{ title: '新建工会（家）' }, { title: '新发展会员（人）' }, { title: '其中新就业形态（人）' }];
const TARGET_COLUMNS = [{ title: '新建工会' }, { title: '新发展会员' }, { title: '新就业形态会员' }];
const RATE_COLUMNS = TARGET_COLUMNS.map((c) => ({ ...c, percent: true }));

const figures = (f: Figures): Cell[] => [f.newUnions, f.newMembers, f.newFormMembers];
const targets = (t: Measures | null): Cell[] => (t ? [t.newUnions || null, t.newMembers || null, t.newFormMembers || null] : [null, null, null]);
const rates = (r: Rates): Cell[] => [r.newUnions, r.newMembers, r.newFormMembers];
const NO_RATES: Rates = { newUnions: null, newMembers: null, newFormMembers: null };

const toBuffer = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());

function newWorkbook(creator: string) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = creator;
  workbook.created = new Date();
  return workbook;
}

export async function bulletinXlsx(b: BulletinView): Promise<Buffer> {
  const workbook = newWorkbook(b.orgName);
  const s = sheet(workbook, '半月通报', b.title, `${chineseDate(b.periodStart)}—${chineseDate(b.periodEnd)}  全年累计截至${chineseDate(b.periodEnd)}`, [
    { title: '排名', columns: [{ title: '排名', width: 8 }] },
    { title: '单位', columns: [{ title: '单位', width: 24 }] },
    { title: '本期', columns: MEASURE_COLUMNS },
    { title: '全年累计', columns: MEASURE_COLUMNS },
    { title: '年度目标任务', columns: TARGET_COLUMNS },
    { title: '目标完成率', columns: RATE_COLUMNS },
    { title: '综合完成率', columns: [{ title: '综合完成率', percent: true }] },
    { title: '备注', columns: [{ title: '备注', width: 22 }] },
  ]);
  for (const r of b.rows) {
    s.add([r.rank, r.districtName, ...figures(r.period), ...figures(r.ytd), ...targets(r.target), ...rates(r.rates), r.score, r.flagged ? '连续两次排名末位' : r.last ? '本期排名末位' : r.rank === null ? '未下达目标，不参加排名' : ''], {
      flagged: r.flagged || r.last,
    });
  }
  s.add([null, '直属单位', ...figures(b.direct.period), ...figures(b.direct.ytd), null, null, null, null, null, null, null, '不参加排名']);
  s.add([null, '合计', ...figures(b.total.period), ...figures(b.total.ytd), ...targets(b.total.target), ...rates(b.total.rates), null, ''], { bold: true });
  s.note('综合完成率为新建工会、新发展会员、新就业形态会员三项目标完成率的平均值，单项超过100%的按100%计；未下达目标的项目不计入。');
  s.note(b.flaggedNames.length ? `连续两次在通报中排名末位：${b.flaggedNames.join('、')}，将向同级党委进行通报。` : '本期没有连续两次在通报中排名末位的单位。');
  return toBuffer(workbook);
}

/** Under the figures of an org that ranks no districts: whose figures the total is, and who sets its target. */
const ownNote = (org: WeeklyReport['org']) => `合计即${org.name}的数字；年度目标任务由上级工会下达，各直属单位不单独下达目标、不参加排名。`;

export async function monthlyXlsx(m: MonthlyReport): Promise<Buffer> {
  const workbook = newWorkbook(m.org.name);
  const [year, month] = m.month.split('-').map(Number);
  // An org that ranks no districts has no ranking: its units are listed without ranks.
  const ranked = m.org.ranksDistricts;
  const s = sheet(workbook, '月例会数据', `${m.org.name}${year}年${month}月建会入会工作例会数据`, `${chineseDate(m.monthStart)}—${chineseDate(m.monthEnd)}  数据截至${chineseDate(m.asOf < m.monthEnd ? m.asOf : m.monthEnd)}`, [
    ...(ranked ? [{ title: '排名', columns: [{ title: '排名', width: 8 }] }] : []),
    { title: '单位', columns: [{ title: '单位', width: 24 }] },
    { title: '本月', columns: MEASURE_COLUMNS },
    { title: '全年累计', columns: MEASURE_COLUMNS },
    { title: '年度目标任务', columns: TARGET_COLUMNS },
    { title: '目标完成率', columns: RATE_COLUMNS },
    ...(ranked
      ? [
          { title: '综合完成率', columns: [{ title: '综合完成率', percent: true }] },
          { title: '上月排名', columns: [{ title: '上月排名', width: 10 }] },
          { title: '位次变化', columns: [{ title: '位次变化', width: 10 }] },
        ]
      : []),
  ]);
  const movement = (n: number | null) => (n === null ? '—' : n > 0 ? `↑${n}` : n < 0 ? `↓${-n}` : '—持平');
  const line = (rank: Cell[], name: string, monthFigures: Figures, ytd: Figures, target: Measures | null, r: Rates, ranking: Cell[]): Cell[] =>
    ranked ? [...rank, name, ...figures(monthFigures), ...figures(ytd), ...targets(target), ...rates(r), ...ranking] : [name, ...figures(monthFigures), ...figures(ytd), ...targets(target), ...rates(r)];
  for (const r of m.rows) s.add(line([r.rank], r.districtName, r.month, r.ytd, r.target, r.rates, [r.score, r.previousRank, movement(r.movement)]), { flagged: r.last });
  if (m.direct) s.add(line([null], m.org.directLabel, m.direct.month, m.direct.ytd, null, NO_RATES, [null, null, null]));
  s.add(line([null], '合计', m.total.month, m.total.ytd, m.total.target, m.total.rates, [null, null, null]), { bold: true });
  if (!ranked) s.note(ownNote(m.org));
  return toBuffer(workbook);
}

export async function weeklyXlsx(w: WeeklyReport): Promise<Buffer> {
  const workbook = newWorkbook(w.org.name);
  const s = sheet(workbook, '周报告', `${w.org.name}建会入会工作周报告`, `${chineseDate(w.weekStart)}—${chineseDate(w.weekEnd)}`, [
    { title: '序号', columns: [{ title: '序号', width: 8 }] },
    { title: '单位', columns: [{ title: '单位', width: 24 }] },
    { title: '本周', columns: MEASURE_COLUMNS },
    { title: '全年累计', columns: MEASURE_COLUMNS },
    { title: '年度目标任务', columns: TARGET_COLUMNS },
    { title: '目标完成率', columns: RATE_COLUMNS },
  ]);
  w.rows.forEach((r, i) => s.add([i + 1, r.districtName, ...figures(r.week), ...figures(r.ytd), ...targets(r.target), ...rates(r.rates)]));
  if (w.direct) s.add([null, w.org.directLabel, ...figures(w.direct.week), ...figures(w.direct.ytd), ...targets(null), ...rates(NO_RATES)]);
  s.add([null, '合计', ...figures(w.total.week), ...figures(w.total.ytd), ...targets(w.total.target), ...rates(w.total.rates)], { bold: true });
  if (!w.org.ranksDistricts) s.note(ownNote(w.org));
  return toBuffer(workbook);
}
