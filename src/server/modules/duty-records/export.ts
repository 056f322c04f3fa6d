import ExcelJS from 'exceljs';
import { POINTS } from './score.js';
import type { DutyRecord } from './record.js';

/**
 * The representatives' records as a workbook, one row each with every figure,
 * the points and the rank within the union; rates are numbers formatted as
 * percentages, so the sheet sorts and sums.
 */

export const DUTY_COLUMNS: { header: string; value: (r: DutyRecord & { rank: number }) => string | number | null; width?: number; percent?: boolean }[] = [
  { header: '工会内排名', value: (r) => r.rank },
  { header: '姓名', value: (r) => r.name },
  { header: '所在工会', value: (r) => r.orgName, width: 30 },
  { header: '收到诉求', value: (r) => r.received },
  { header: '已回复', value: (r) => r.answered },
  { header: '两个工作日内回复', value: (r) => r.answeredOnTime },
  { header: '首次回复用时中位数（小时）', value: (r) => r.medianFirstReplyHours },
  { header: '提交提案', value: (r) => r.submitted },
  { header: '立案', value: (r) => r.accepted },
  { header: '办结', value: (r) => r.concluded },
  { header: '附议', value: (r) => r.cosigned },
  { header: '应参加审议', value: (r) => r.reviews },
  { header: '审议投票', value: (r) => r.votes },
  { header: '审议出席率', value: (r) => r.attendanceRate, percent: true },
  { header: '满意率', value: (r) => r.satisfactionRate, percent: true },
  { header: '履职积分', value: (r) => r.score },
];

export async function dutyRecordsWorkbook(table: { orgName: string; from: string; to: string; items: (DutyRecord & { rank: number })[] }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('会员代表履职', { views: [{ state: 'frozen', ySplit: 3 }] });
  sheet.columns = DUTY_COLUMNS.map((c) => ({ width: c.width ?? 12, style: c.percent ? { numFmt: '0.0%' } : {} }));
  sheet.addRow([`${table.orgName}会员代表履职情况（${table.from} 至 ${table.to}）`]).font = { bold: true, size: 14 };
  sheet.addRow([
    `履职积分 = 提交提案×${POINTS.submitted} + 立案×${POINTS.accepted} + 附议×${POINTS.cosigned} + 两个工作日内回复诉求×${POINTS.answeredOnTime} + 审议出席率×${POINTS.attendance} + 满意率×${POINTS.satisfaction}`,
  ]);
  const header = sheet.addRow(DUTY_COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  for (const r of table.items) sheet.addRow(DUTY_COLUMNS.map((c) => c.value(r) ?? ''));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
