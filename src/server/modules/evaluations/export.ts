import ExcelJS from 'exceljs';
import { SCORE_LABELS } from './schema.js';
import type { SurveyResults } from './results.js';

/**
 * A survey's results as a workbook: 总体与各题 (per question: weight, average,
 * the count of each score, last period's average), 各工会 (responses, members,
 * response rate, score) and 意见建议. Withheld figures stay empty cells; rates
 * are numbers formatted as percentages, so the sheet sorts and sums.
 */

const bold = (row: ExcelJS.Row) => {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
};

export async function resultsWorkbook(results: SurveyResults): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const { row } = results;
  const title = `${row.title}（${row.period}）测评结果${results.scope ? `·${results.scope}` : ''}`;

  const overview = workbook.addWorksheet('总体与各题', { views: [{ state: 'frozen', ySplit: 4 }] });
  overview.columns = [{ width: 6 }, { width: 60 }, { width: 6 }, { width: 10 }, ...Object.keys(SCORE_LABELS).map(() => ({ width: 11 })), { width: 12 }];
  overview.addRow([title]).font = { bold: true, size: 14 };
  overview.addRow([`开放日期 ${row.opensOn} 至 ${row.closesOn}；作答 ${results.responses} 人；会员 ${results.members} 人；综合得分（满分 5 分）`, '', '', results.score ?? '']);
  overview.addRow([]);
  bold(overview.addRow(['序号', '测评项目', '权重', '平均分', ...Object.values(SCORE_LABELS), '上期平均分']));
  for (const q of results.questions) overview.addRow([q.position, q.text, q.weight, q.average ?? '', ...(q.distribution ?? Object.keys(SCORE_LABELS).map(() => '')), q.previousAverage ?? '']);

  const unions = workbook.addWorksheet('各工会', { views: [{ state: 'frozen', ySplit: 1 }] });
  unions.columns = [{ width: 36 }, { width: 10 }, { width: 10 }, { width: 10, style: { numFmt: '0.0%' } }, { width: 10 }, { width: 12 }];
  bold(unions.addRow(['工会', '作答人数', '会员人数', '参评率', '综合得分', '上期得分']));
  for (const u of results.unions) unions.addRow([u.orgName, u.responses, u.members, u.responseRate ?? '', u.score ?? (u.suppressed ? '不足 5 人不显示' : ''), u.previousScore ?? '']);

  const comments = workbook.addWorksheet('意见建议');
  comments.columns = [{ width: 100 }, { width: 8 }];
  bold(comments.addRow([row.commentPrompt ?? '意见建议', '人数']));
  for (const c of results.comments) comments.addRow([c.text, c.count]);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
