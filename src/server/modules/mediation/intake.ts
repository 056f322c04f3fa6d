import { parseCreditCode, parseMobile } from '../../platform/cn-ids.js';
import type { FieldIssue } from '../../platform/errors.js';
import { type CaseSource, COURT_SOURCES } from './schema.js';

/**
 * The checks of a new case that zod cannot make alone (pure: the service
 * gives them today and the case's fields): the enterprise's 统一社会信用代码,
 * the workers' phones, the dates in their order, and the court's case number.
 * Each issue names its field, by line for lists (`workers.2.phone`).
 */

/**
 * A court's case number as courts write it: （2026）浙0482民诉前调123号 — the year in brackets (full-width or
 * ASCII), the province's one-character abbreviation and the court's code (浙0482), the case type (民诉前调,
 * 民初, 民调…), the serial number and 号. Kept with full-width brackets, as printed on the court's papers.
 */
const COURT_CASE_NO = /^[（(](\d{4})[）)]([\u4e00-\u9fa5])(\d{2,4})([\u4e00-\u9fa5]{1,6})(\d{1,6})号$/;

export function parseCourtCaseNo(input: string, today: string): { ok: true; caseNo: string } | { ok: false; reason: string } {
  const match = COURT_CASE_NO.exec(input.replace(/\s+/g, ''));
  if (!match) return { ok: false, reason: '格式应如（2026）浙0482民诉前调123号：括号内年份、省份简称和法院代字、案件类型、序号和“号”' };
  const [, year, province, court, type, serial] = match;
  if (Number(year) < 2000 || year > today.slice(0, 4)) return { ok: false, reason: `年份 ${year} 不在 2000 年至今年之间` };
  return { ok: true, caseNo: `（${year}）${province}${court}${type}${serial}号` };
}

export interface WorkerParty {
  name: string;
  phone?: string | null;
  userId?: number | null;
  isMember?: boolean;
}

export interface CaseIntake {
  source: CaseSource;
  enterpriseCreditCode?: string | null;
  workers: WorkerParty[];
  receivedOn: string;
  court?: { name: string; caseNo: string; dueOn: string } | null;
}

/** What is wrong with a new case (empty when nothing), and its fields as kept: code, phones and case number normalised. */
export function checkIntake(input: CaseIntake, today: string) {
  const issues: FieldIssue[] = [];
  let creditCode: string | null = null;
  if (input.enterpriseCreditCode) {
    const parsed = parseCreditCode(input.enterpriseCreditCode);
    if (parsed.ok) creditCode = parsed.code;
    else issues.push({ field: 'enterpriseCreditCode', reason: `统一社会信用代码${parsed.reason}` });
  }
  if (input.workers.length === 0) issues.push({ field: 'workers', reason: '请至少填写一名职工当事人' });
  const workers = input.workers.map((w, i) => {
    if (!w.phone) return { ...w, phone: null };
    const parsed = parseMobile(w.phone);
    if (!parsed.ok) issues.push({ field: `workers.${i}.phone`, reason: `第 ${i + 1} 名职工（${w.name}）的${parsed.reason}` });
    return { ...w, phone: parsed.ok ? parsed.mobile : null };
  });
  if (input.receivedOn > today) issues.push({ field: 'receivedOn', reason: '受理日期不能晚于今天' });
  let court: { name: string; caseNo: string; dueOn: string } | null = null;
  if (COURT_SOURCES.includes(input.source)) {
    if (!input.court) {
      issues.push({ field: 'court', reason: '法院委派、委托调解的案件请填写法院、案号和法院要求的调解期限' });
    } else {
      const parsed = parseCourtCaseNo(input.court.caseNo, today);
      if (!parsed.ok) issues.push({ field: 'court.caseNo', reason: `法院案号${parsed.reason}` });
      if (input.court.dueOn <= input.receivedOn) issues.push({ field: 'court.dueOn', reason: '法院要求的调解期限应晚于受理日期' });
      court = { ...input.court, caseNo: parsed.ok ? parsed.caseNo : input.court.caseNo };
    }
  } else if (input.court) {
    issues.push({ field: 'court', reason: '只有法院委派、委托调解的案件填写法院信息' });
  }
  return { issues, creditCode, workers, court };
}
