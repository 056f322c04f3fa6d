/**
 * Validators for Chinese identifiers: resident ID numbers (居民身份证号),
 * unified social credit codes (统一社会信用代码) and mobile numbers.
 *
 * Parsers never throw on bad input; they return a discriminated result whose
 * `reason` is a Chinese message that can be shown to users as-is.
 */
import { beijingDate } from './beijing-time.js';

export type ParseFailure = { ok: false; reason: string };

export type ResidentIdResult =
  | {
      ok: true;
      /** 18 characters, check character upper-case. */
      id: string;
      /** YYYY-MM-DD */
      birthDate: string;
      sex: 'male' | 'female';
      /** 6-digit administrative division code (行政区划代码) at time of issue. */
      divisionCode: string;
      /** Present (true) only when the input was a 15-digit legacy number. */
      upgradedFrom15?: boolean;
    }
  | ParseFailure;

export type CreditCodeResult =
  | {
      ok: true;
      code: string;
      /** Registration authority (登记管理部门), e.g. '8' = 工会, '9' = 市场监管. */
      authority: string;
      /** Organisation type within the authority, e.g. '1' = 基层工会 under authority '8'. */
      orgType: string;
      divisionCode: string;
      /** 9-character organisation code (组织机构代码) including its own check character. */
      orgCode: string;
      isTradeUnion: boolean;
    }
  | ParseFailure;

export type MobileResult = { ok: true; mobile: string } | ParseFailure;

/** Converts full-width ASCII variants (Ａ, ０, －, ＋ …) and the ideographic space to half-width. */
function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

function removeWhitespace(text: string): string {
  return text.replace(/\s+/g, '');
}

// ---------------------------------------------------------------------------
// Resident ID (GB 11643-1999)
// ---------------------------------------------------------------------------

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_ID_CHECK_CHARS = '10X98765432'; // indexed by (sum mod 11)
const EARLIEST_BIRTH_DATE = '1900-01-01';

/** Check character for the first 17 digits of a resident ID. Throws on malformed input (a programming error). */
export function computeResidentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError(`computeResidentIdCheckChar expects 17 digits, got "${first17}"`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * RESIDENT_ID_WEIGHTS[i];
  return RESIDENT_ID_CHECK_CHARS[sum % 11];
}

function cleanResidentIdText(text: string): string {
  return removeWhitespace(toHalfWidth(text)).toUpperCase();
}

const EXCEL_SCIENTIFIC_NOTATION = /^\d(\.\d+)?E\+\d+$/i;
const LEGACY_ID_DIGITS = 15;

/** Excel keeps 15 significant digits, so a 15-digit legacy ID stored as a number survives intact. */
function isRecoverableNumericId(raw: unknown): raw is number {
  return typeof raw === 'number' && Number.isSafeInteger(raw) && String(raw).length === LEGACY_ID_DIGITS;
}

/**
 * True when a spreadsheet cell held an ID that Excel has irreversibly damaged:
 * a numeric cell (18 digits exceed Excel's 15-digit precision), a string in
 * scientific notation such as '3.30482E+17', or exactly 17 digits (an ID whose
 * trailing X was dropped).
 */
export function isExcelMangledNumber(raw: unknown): boolean {
  if (typeof raw === 'number') return !isRecoverableNumericId(raw);
  if (typeof raw !== 'string') return false;
  const cleaned = cleanResidentIdText(raw);
  return EXCEL_SCIENTIFIC_NOTATION.test(cleaned) || /^\d{17}$/.test(cleaned);
}

/**
 * Cleans a resident ID cell from an imported spreadsheet before `parseResidentId`:
 * full-width → half-width, all whitespace removed, x upper-cased.
 * Returns '' when nothing usable is there, including Excel-mangled values
 * (check `isExcelMangledNumber` to tell the user why).
 */
export function normaliseResidentIdInput(raw: unknown): string {
  if (isRecoverableNumericId(raw)) return String(raw);
  if (typeof raw !== 'string' || isExcelMangledNumber(raw)) return '';
  return cleanResidentIdText(raw);
}

/** Whether year-month-day is a day on the calendar (2026-02-30 is not). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  // Arithmetic, not a Date: a roster import checks two dates a line. There is no year 0 (PostgreSQL refuses it).
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day) || year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[month - 1]);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Roster imports parse millions of IDs: today's date is kept for a second.
let todayCache = { until: 0, date: '' };

/** Today's date in China, as YYYY-MM-DD. */
function todayInChina(): string {
  const now = Date.now();
  if (now >= todayCache.until || now < todayCache.until - 1000) todayCache = { until: now + 1000, date: beijingDate(new Date(now)) };
  return todayCache.date;
}

export function parseResidentId(input: string): ResidentIdResult {
  const text = cleanResidentIdText(input);
  if (text.length !== 18 && text.length !== LEGACY_ID_DIGITS) {
    return { ok: false, reason: '长度应为18位（或15位旧号）' };
  }
  const wellFormed = text.length === 18 ? /^\d{17}[\dX]$/.test(text) : /^\d{15}$/.test(text);
  if (!wellFormed) return { ok: false, reason: '含非法字符' };

  const upgradedFrom15 = text.length === LEGACY_ID_DIGITS;
  // Legacy numbers carry a 2-digit birth year; they were only issued to people born in the 1900s.
  const first17 = upgradedFrom15 ? `${text.slice(0, 6)}19${text.slice(6)}` : text.slice(0, 17);

  const divisionCode = first17.slice(0, 6);
  if (divisionCode[0] === '0') return { ok: false, reason: '行政区划代码无效' };

  const year = Number(first17.slice(6, 10));
  const month = Number(first17.slice(10, 12));
  const day = Number(first17.slice(12, 14));
  if (!isCalendarDate(year, month, day)) return { ok: false, reason: '出生日期不存在' };
  const birthDate = `${first17.slice(6, 10)}-${first17.slice(10, 12)}-${first17.slice(12, 14)}`;
  if (birthDate < EARLIEST_BIRTH_DATE) return { ok: false, reason: '出生日期早于1900年' };
  if (birthDate > todayInChina()) return { ok: false, reason: '出生日期晚于今天' };

  const checkChar = computeResidentIdCheckChar(first17);
  if (!upgradedFrom15 && text[17] !== checkChar) return { ok: false, reason: '校验码错误' };

  const sex = Number(first17[16]) % 2 === 1 ? 'male' : 'female';
  const id = first17 + checkChar;
  return upgradedFrom15
    ? { ok: true, id, birthDate, sex, divisionCode, upgradedFrom15 }
    : { ok: true, id, birthDate, sex, divisionCode };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseIsoDate(date: string): { year: number; month: number; day: number } {
  if (ISO_DATE.test(date)) {
    const [year, month, day] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
    if (isCalendarDate(year, month, day)) return { year, month, day };
  }
  throw new RangeError(`Invalid date "${date}", expected an existing YYYY-MM-DD date`);
}

/**
 * Age in completed years (周岁) on `onDate`. Someone born on 29 February turns
 * a year older on 1 March in non-leap years.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const birth = parseIsoDate(birthDate);
  const on = parseIsoDate(onDate);
  const hadBirthdayThisYear = on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  return on.year - birth.year - (hadBirthdayThisYear ? 0 : 1);
}

/**
 * Masks an ID for display: '33************123X' (the province and the last four kept). The birth date and the
 * division stay hidden: with the division shown, a birth date or an age would leave a handful of candidates.
 * The same rule in SQL: migrations/0008_mask_identifiers.sql.
 */
export function maskResidentId(id18: string): string {
  if (id18.length <= 10) return '*'.repeat(id18.length);
  return id18.slice(0, 2) + '*'.repeat(id18.length - 6) + id18.slice(-4);
}

// ---------------------------------------------------------------------------
// Unified social credit code (GB 32100-2015)
// ---------------------------------------------------------------------------

// The letters I, O, Z, S and V are excluded because they are easily confused with digits.
const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NP-RTUWXY]{18}$/;
const TRADE_UNION_PREFIX = '81'; // authority 8 (工会) + type 1 (基层工会)

/** Check character for the first 17 characters of a credit code. Throws on malformed input (a programming error). */
export function computeCreditCodeCheckChar(first17: string): string {
  if (!/^[0-9A-HJ-NP-RTUWXY]{17}$/.test(first17)) {
    throw new RangeError(`computeCreditCodeCheckChar expects 17 code characters, got "${first17}"`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(first17[i]) * CREDIT_CODE_WEIGHTS[i];
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

export function parseCreditCode(input: string): CreditCodeResult {
  const code = removeWhitespace(toHalfWidth(input)).toUpperCase();
  if (code.length !== 18) return { ok: false, reason: '长度应为18位' };
  if (!CREDIT_CODE_PATTERN.test(code)) return { ok: false, reason: '含非法字符' };
  if (computeCreditCodeCheckChar(code.slice(0, 17)) !== code[17]) {
    return { ok: false, reason: '校验码错误' };
  }
  return {
    ok: true,
    code,
    authority: code[0],
    orgType: code[1],
    divisionCode: code.slice(2, 8),
    orgCode: code.slice(8, 17),
    isTradeUnion: code.startsWith(TRADE_UNION_PREFIX),
  };
}

// ---------------------------------------------------------------------------
// Mobile numbers
// ---------------------------------------------------------------------------

const MOBILE_PATTERN = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/;

/** Accepts '13812345678', '+86 138-1234-5678', '0086 13812345678' and the like. */
export function parseMobile(input: string): MobileResult {
  const compact = toHalfWidth(input).replace(/[\s-]+/g, '');
  const match = MOBILE_PATTERN.exec(compact);
  return match ? { ok: true, mobile: match[1] } : { ok: false, reason: '手机号格式不正确' };
}

/** Masks a mobile number for display: '138****5678'. */
export function maskMobile(mobile: string): string {
  if (mobile.length <= 7) return '*'.repeat(mobile.length);
  return mobile.slice(0, 3) + '*'.repeat(mobile.length - 7) + mobile.slice(-4);
}

/**
 * Masks a person's name for a view that confirms someone without naming them (a scanned member card):
 * the surname and, from three characters on, the last one — '陈*', '王*明', '欧**娜'.
 */
export function maskPersonName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/**
 * Every resident ID (18 characters or a legacy 15 digits) and mobile number in a text, masked: for what is
 * kept about an act (the audit log), which must never hold the numbers themselves (DESIGN §3.1).
 */
export function maskIdentifiersIn(text: string): string {
  return text
    .replace(/(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g, (id) => maskResidentId(id))
    .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, (mobile) => maskMobile(mobile));
}
