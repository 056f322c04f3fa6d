/**
 * A union's member roster (会员花名册) as an xlsx of any size, the way unions
 * really keep them: a title row above the header, Chinese headers, dates as
 * Excel serials or text, and a sprinkling of the usual damage (lower-case x,
 * full-width digits, stray spaces, IDs that Excel turned into numbers, bad
 * phone numbers, repeated lines). Written with exceljs's streaming writer, so
 * a million rows never sit in memory.
 *
 *   node --import tsx bench/generate.ts --roster 1000000 --out roster.xlsx
 */
import ExcelJS from 'exceljs';
import { computeResidentIdCheckChar } from '../src/server/platform/cn-ids.js';
import { GIVEN, SURNAMES } from '../src/server/demo/people.js';

const DIVISIONS = ['330482', '330402', '330411', '330421', '330424', '330481', '330483', '320583', '341222', '510921', '411522', '362330'];
const EMPLOYERS = ['平湖嘉达光电科技有限公司', '平湖美衣服饰有限公司', '平湖市顺通物流有限公司', '平湖恒力精密机械有限公司', '平湖曹桥织造有限公司', '平湖新埭食品有限公司'];
const FORMS: [label: string, platform: string | null][] = [
  ['', null],
  ['标准劳动关系', null],
  ['外卖骑手', '美团'],
  ['外卖配送员', '饿了么'],
  ['快递员', '中通快递'],
  ['网约车司机', '滴滴出行'],
  ['货车司机', '满帮'],
  ['灵活就业', null],
];
/** Days between 1899-12-30 (Excel's day 0, after its 1900 leap-year bug) and 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25_569;

export const ROSTER_HEADER = ['序号', '姓名', '性别', '公民身份号码', '出生日期', '联系电话', '用工形式', '工作单位', '所在平台', '入会日期'];

/** A valid 18-character resident ID, unique per `n` (below 14,000 × 1,000 = 14 million). */
export function rosterResidentId(n: number): string {
  const day = n % 14_000;
  const serial = Math.floor(n / 14_000) % 1000;
  const birth = new Date(Date.UTC(1965, 0, 1) + day * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `${DIVISIONS[n % DIVISIONS.length]}${birth}${String(serial).padStart(3, '0')}`;
  return first17 + computeResidentIdCheckChar(first17);
}

export const rosterName = (n: number) => SURNAMES[n % SURNAMES.length] + GIVEN[(n * 7) % GIVEN.length] + (n % 3 ? GIVEN[(n * 13 + 5) % GIVEN.length] : '');

const fullWidth = (text: string) => text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

export interface RosterOptions {
  /** Make some rows damaged the way real rosters are (default true); false gives all-valid rows. */
  messy?: boolean;
  /** Shift the ID numbers, so two rosters can hold different people. */
  offset?: number;
  title?: string;
  /** Keep text in a shared-string table, as Excel saves a workbook (default: inline, as exceljs streams it). */
  sharedStrings?: boolean;
}

/** What a messy roster of `rows` lines should come to (for checking a run). */
export interface RosterExpectation {
  rows: number;
  rejected: number;
  duplicates: number;
}

/** Write the roster to `out`; returns how many rows were meant to be rejected or duplicates. */
export async function writeRoster(out: string, rows: number, options: RosterOptions = {}): Promise<RosterExpectation> {
  const messy = options.messy ?? true;
  const offset = options.offset ?? 0;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useSharedStrings: options.sharedStrings ?? false, useStyles: false });
  const sheet = workbook.addWorksheet('会员花名册');
  sheet.addRow([options.title ?? '平湖市工会会员花名册（导入模板）']).commit();
  sheet.addRow(ROSTER_HEADER).commit();
  let rejected = 0;
  let duplicates = 0;
  for (let i = 0; i < rows; i++) {
    const n = offset + i;
    let id: string | number = rosterResidentId(n);
    let phone: string | number = `1${3 + (n % 7)}${String(100_000_000 + ((n * 7919) % 900_000_000)).slice(-9)}`;
    const [form, platform] = FORMS[n % FORMS.length];
    const joined: string | number = n % 4 === 0 ? `20${String(10 + (n % 15)).padStart(2, '0')}-0${1 + (n % 9)}-1${n % 10}` : EXCEL_EPOCH_OFFSET + 15_000 + (n % 4000);
    let name = rosterName(n);
    if (messy) {
      const k = i % 1000;
      if (k === 17) id = id.toLowerCase(); // a lower-case x, when it ends in X
      else if (k === 101) id = fullWidth(id);
      else if (k === 211) id = `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)} `;
      else if (k === 307) name = ` ${name} `;
      else if (k === 401) phone = Number(phone);
      else if (k === 503) {
        id = Number(id.slice(0, 17)) * 10; // stored as a number: the last digits are gone
        rejected++;
      } else if (k === 601) {
        id = '3.30482E+17';
        rejected++;
      } else if (k === 701) {
        phone = '1381234567';
        rejected++;
      } else if (k === 809 && i > 0) {
        id = rosterResidentId(n - 1); // the line above, entered twice
        duplicates++;
      }
    }
    sheet.addRow([i + 1, name, n % 2 ? '男' : '女', id, null, phone, form || null, platform ? null : EMPLOYERS[n % EMPLOYERS.length], platform, joined]).commit();
  }
  sheet.commit();
  await workbook.commit();
  return { rows, rejected, duplicates };
}
