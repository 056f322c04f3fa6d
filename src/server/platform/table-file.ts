/**
 * Reading spreadsheets as people keep them (a union's roster, a payroll),
 * row by row: xlsx through xlsx-reader.ts, csv through a small streaming
 * parser (UTF-8 with or without BOM, UTF-16 with BOM, GBK/GB18030 as saved by
 * Chinese Excel). Nothing here holds more than one row at a time, apart from
 * the shared-string table of an xlsx (Excel keeps every distinct text there).
 *
 * Header detection finds the header row among the first rows (a title row
 * usually sits above it) by its Chinese names in any order; cell helpers
 * turn what Excel does to values (numbers for IDs and phones, date serials,
 * rich text, full-width digits) into plain text and dates. What a file holds
 * (its header names, its lines' rules) is the importing module's.
 */
import { createReadStream } from 'node:fs';
import { readXlsxSheet, XlsxFormatError } from './xlsx-reader.js';

/** A row as read: its line number in the file (as Excel or an editor shows it) and raw cell values, 0-based. */
export interface RawRow {
  line: number;
  cells: unknown[];
}

export type TableFormat = 'xlsx' | 'csv';

/** A problem with the file as a whole (not a row): shown to the user as is. */
export class TableFileError extends Error {
  constructor(
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}

// ——— what kind of file is it ———

const SIGNATURES: [bytes: number[], what: string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'PNG 图片'],
  [[0xff, 0xd8, 0xff], 'JPEG 图片'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF 图片'],
  [[0x25, 0x50, 0x44, 0x46], 'PDF 文档'],
  [[0x52, 0x61, 0x72, 0x21], 'RAR 压缩包'],
  [[0x37, 0x7a, 0xbc, 0xaf], '7z 压缩包'],
  [[0x1f, 0x8b], 'gzip 压缩包'],
  [[0x42, 0x4d], 'BMP 图片'],
];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0];

const startsWith = (head: Buffer, bytes: number[]) => bytes.every((b, i) => head[i] === b);

/**
 * Tell an xlsx (a zip) from a csv (text) by the first bytes, whatever the
 * file is called; anything else is refused with what it looks like.
 */
export function detectFormat(head: Buffer, what: string): TableFormat {
  if (head.length === 0) throw new TableFileError(`文件为空，请选择填好的${what}`, 'The file is empty');
  if (startsWith(head, ZIP)) return 'xlsx';
  if (startsWith(head, OLE2)) {
    throw new TableFileError('这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 或 CSV（UTF-8）后再上传', 'Legacy .xls files are not supported; save as .xlsx or CSV');
  }
  const known = SIGNATURES.find(([bytes]) => startsWith(head, bytes));
  if (known) throw new TableFileError(`文件不是电子表格（看起来是${known[1]}），请上传 .xlsx 或 .csv 格式的${what}`, 'The file is not a spreadsheet');
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (!utf16 && head.subarray(0, 8192).includes(0)) {
    throw new TableFileError(`文件不是电子表格，请上传 .xlsx 或 .csv 格式的${what}`, 'The file is not a spreadsheet');
  }
  return 'csv';
}

// ——— xlsx ———

/** Rows of the first worksheet that has any (platform/xlsx-reader.ts), with how much of it has been read (0–1). */
export async function openXlsxRows(path: string): Promise<{ rows: AsyncIterable<RawRow>; progress: () => number; close: () => void }> {
  const unreadable = (error: unknown) =>
    error instanceof XlsxFormatError
      ? new TableFileError(
          error.reason === 'no_worksheet'
            ? '文件中没有工作表，不是有效的 Excel 表格；请上传 .xlsx 或 .csv 格式的表格'
            : `无法读取 Excel 文件（${error.message.slice(0, 80)}），文件可能已损坏；请用 Excel 打开后重新保存为 .xlsx 再上传`,
          `The xlsx file cannot be read: ${error.message}`,
        )
      : error;
  try {
    const sheet = await readXlsxSheet(path);
    const rows = (async function* () {
      try {
        yield* sheet.rows;
      } catch (error) {
        throw unreadable(error);
      }
    })();
    return { rows, progress: sheet.progress, close: sheet.close };
  } catch (error) {
    throw unreadable(error);
  }
}

/** A file's rows, and how many bytes of it count as read so far (for progress). */
export async function openTableFile(path: string, format: TableFormat, size: number): Promise<{ rows: AsyncIterable<RawRow>; bytesRead: () => number; close: () => void }> {
  if (format === 'xlsx') {
    const sheet = await openXlsxRows(path);
    // The worksheet is most of an xlsx: its share read stands for the file's.
    return { rows: sheet.rows, bytesRead: () => Math.floor(sheet.progress() * size), close: sheet.close };
  }
  const input = createReadStream(path, { highWaterMark: 256 * 1024 });
  return { rows: readCsvRows(input as AsyncIterable<Buffer>), bytesRead: () => input.bytesRead, close: () => input.destroy() };
}

// ——— csv ———

/** GB18030 is a superset of GBK and GB2312: Chinese Excel's "CSV (逗号分隔)". Node with full ICU decodes it. */
function gbDecoder(): TextDecoder | null {
  try {
    return new TextDecoder('gb18030', { fatal: true });
  } catch {
    return null;
  }
}

/** Decode a byte stream to text: BOM first, then strict UTF-8, else GB18030 (if this Node can), else a clear refusal. */
async function* decodeText(input: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let decoder: TextDecoder | null = null;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const choose = (head: Buffer, final: boolean) => {
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true });
    if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true });
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !final });
      return new TextDecoder('utf-8', { fatal: true });
    } catch {
      const gb = gbDecoder();
      if (gb) return gb;
      throw new TableFileError('文件不是 UTF-8 编码，请在 Excel 中“另存为”「CSV UTF-8（逗号分隔）」后再上传', 'The CSV is not UTF-8; save it as CSV UTF-8');
    }
  };
  const decode = (chunk: Buffer, final: boolean) => {
    try {
      return decoder!.decode(chunk, { stream: !final });
    } catch {
      throw new TableFileError(
        decoder!.encoding === 'utf-8' ? '文件中有不是 UTF-8 编码的字符，请在 Excel 中“另存为”「CSV UTF-8（逗号分隔）」后再上传' : `文件中有无法按 ${decoder!.encoding} 识别的字符，请另存为「CSV UTF-8（逗号分隔）」后再上传`,
        'The CSV has bytes that are not valid in its encoding',
      );
    }
  };
  for await (const chunk of input) {
    if (!decoder) {
      // Sniff at least 64 KiB, so a file whose first Chinese character comes late is still judged right.
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes < 65_536) continue;
      const head = Buffer.concat(pending);
      pending = [];
      decoder = choose(head, false);
      yield decode(head, false);
      continue;
    }
    yield decode(chunk, false);
  }
  if (!decoder) {
    const head = Buffer.concat(pending);
    if (head.length === 0) return;
    decoder = choose(head, true);
    yield decode(head, true);
  } else {
    yield decode(Buffer.alloc(0), true);
  }
}

/**
 * RFC 4180 records from text chunks: quoted fields with "" escapes and line
 * breaks inside, CRLF, LF or CR line ends. The delimiter is a comma, or a tab
 * or semicolon when the first line has more of those.
 */
export async function* parseCsv(chunks: AsyncIterable<string>): AsyncGenerator<RawRow> {
  let delimiter: string | null = null;
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  /** Just closed a quote: a second quote is an escaped one. */
  let afterQuote = false;
  let line = 1;
  let recordLine = 1;
  let pendingCR = false;
  let sawAny = false;
  const endRecord = () => {
    fields.push(field);
    const row = { line: recordLine, cells: fields };
    field = '';
    fields = [];
    return row;
  };
  for await (let text of chunks) {
    if (!sawAny) {
      if (text.length === 0) continue;
      sawAny = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (delimiter === null) {
      const firstLine = text.slice(0, text.search(/[\r\n]/) >>> 0);
      const count = (d: string) => firstLine.split(d).length - 1;
      delimiter = count('\t') > count(',') ? '\t' : count(';') > count(',') ? ';' : ',';
    }
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (pendingCR) {
        pendingCR = false;
        if (ch === '\n') {
          start = i + 1;
          continue;
        }
      }
      if (quoted) {
        if (ch === '"') {
          field += text.slice(start, i);
          quoted = false;
          afterQuote = true;
          start = i + 1;
        } else if (ch === '\n') {
          line++;
        }
        continue;
      }
      if (ch === '"') {
        if (afterQuote) {
          field += '"'; // "" inside quotes
          quoted = true;
          afterQuote = false;
          start = i + 1;
        } else if (field === '' && start === i) {
          quoted = true;
          start = i + 1;
        }
        continue;
      }
      afterQuote = false;
      if (ch === delimiter) {
        field += text.slice(start, i);
        fields.push(field);
        field = '';
        start = i + 1;
      } else if (ch === '\n' || ch === '\r') {
        field += text.slice(start, i);
        yield endRecord();
        line++;
        recordLine = line;
        pendingCR = ch === '\r';
        start = i + 1;
      }
    }
    field += text.slice(start);
  }
  if (quoted) throw new TableFileError(`第 ${recordLine} 行的引号没有闭合，文件不完整或不是 CSV 格式`, `Unclosed quote in the record starting on line ${recordLine}`);
  if (field !== '' || fields.length > 0) yield endRecord();
}

export async function* readCsvRows(input: AsyncIterable<Buffer>): AsyncGenerator<RawRow> {
  yield* parseCsv(decodeText(input));
}

// ——— cells ———

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
const toHalfWidth = (text: string) => text.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

/** Plain text of any cell: rich text joined, formulas by result, hyperlinks by text, numbers as Excel shows whole numbers. */
export function cellText(value: unknown): string {
  if (value == null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 1e15 ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
    if (v.error) return '';
  }
  return String(value);
}

/** A cell as the value a validator should see: formulas by result, rich text as text; numbers stay numbers (Excel-mangled IDs are told apart by type). */
export function cellValue(value: unknown): unknown {
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const v = value as { result?: unknown; richText?: unknown };
    if ('result' in v) return cellValue(v.result);
    return cellText(value);
  }
  return value;
}

/**
 * Text a user typed around an ID in a csv to keep Excel from mangling it:
 * a leading apostrophe, or the `="…"` formula trick.
 */
export function unwrapTextCell(text: string): string {
  const trimmed = text.trim();
  const formula = /^=\s*"(.*)"$/.exec(trimmed);
  if (formula) return formula[1];
  return trimmed.startsWith("'") ? trimmed.slice(1) : trimmed;
}

/** Trim and fold full-width forms and all kinds of spaces (NBSP, ideographic space). */
export const cleanText = (value: unknown) => toHalfWidth(cellText(value)).replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();

/** Excel's day 0 is 1899-12-30 in the 1900 system (which counts 1900-02-29, a day that never was). */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

/**
 * A date cell as YYYY-MM-DD, or null when it is none: Excel serials (the
 * 1900 system; what a date cell holds when styles are not read), Date values,
 * and text such as 2021-03-05, 2021/3/5, 2021.3.5, 2021年3月5日 or 20210305.
 */
export function parseDateCell(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'number') {
    // 1 = 1900-01-01 … 2958465 = 9999-12-31; days only (a time of day is dropped). Before
    // Excel's phantom 1900-02-29 (serial 60) the days are one later than the epoch says.
    if (!(value >= 1 && value < 2_958_466)) return null;
    const day = Math.floor(value);
    return new Date(EXCEL_EPOCH_UTC + (day < 60 ? day + 1 : day) * 86_400_000).toISOString().slice(0, 10);
  }
  const text = toHalfWidth(cellText(value)).replace(/\s+/g, '');
  if (!text) return null;
  if (/^\d{5}(\.\d+)?$/.test(text)) return parseDateCell(Number(text)); // a serial that became text (csv)
  // A month alone (入会年月 2021年3月, 2021-03) counts from its first day.
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text) ?? /^(\d{4})[-/.年](\d{1,2})()月?$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3] || 1)];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}


// ——— the header ———

/** Where a file's fields are: the header row's line, each recognised field's columns, the header cells not recognised. */
export interface TableHeader<F extends string> {
  /** Line of the header row. */
  line: number;
  /** For each recognised field, its columns (0-based) in order: the first non-empty one wins. */
  columns: Partial<Record<F, number[]>>;
  /** Header cells that were not recognised (shown in the preview, ignored on import). */
  ignored: string[];
}

/** What a kind of file calls its fields (matched after removing spaces, marks such as *, and notes in brackets), which it cannot do without, and how to tell the user. */
export interface HeaderSpec<F extends string> {
  names: Record<F, readonly string[]>;
  required: readonly F[];
  labels: Record<F, string>;
  /** The required columns as the user should write them, e.g. 「姓名」和「身份证号」（也可写作…）. */
  hint: string;
}

const normaliseHeader = (value: unknown) =>
  toHalfWidth(cellText(value))
    .replace(/[(（【[].*?[)）】\]]/g, '')
    .replace(/[\s*＊:：]/g, '');

/** The recognised fields of a row if it looks like a header, else null. */
export function headerOf<F extends string>(row: RawRow, names: Record<F, readonly string[]>): TableHeader<F> | null {
  const columns: Partial<Record<F, number[]>> = {};
  const ignored: string[] = [];
  row.cells.forEach((cell, i) => {
    const name = normaliseHeader(cell);
    if (!name) return;
    const field = (Object.keys(names) as F[]).find((f) => names[f].includes(name));
    if (field) (columns[field] ??= []).push(i);
    else ignored.push(cellText(cell).trim());
  });
  return Object.keys(columns).length > 0 ? { line: row.line, columns, ignored } : null;
}

/** How many leading rows may sit above the header (titles, notes, blank lines). */
export const HEADER_SEARCH_ROWS = 10;

/**
 * The header among the first rows: the first row naming every required field.
 * Fails with a message that says which were found where.
 */
export function findHeader<F extends string>(rows: RawRow[], spec: HeaderSpec<F>): TableHeader<F> {
  const candidates = rows.slice(0, HEADER_SEARCH_ROWS).map((row) => headerOf(row, spec.names));
  const complete = candidates.find((h) => h && spec.required.every((f) => h.columns[f]));
  if (complete) return complete;
  const partial = candidates.filter((h): h is TableHeader<F> => h !== null).sort((a, b) => Object.keys(b.columns).length - Object.keys(a.columns).length)[0];
  if (partial) {
    const absent = spec.required.filter((f) => !partial.columns[f]);
    throw new TableFileError(
      `表头（第 ${partial.line} 行）缺少${absent.map((f) => `「${spec.labels[f]}」`).join('、')}列；请在表头写明${spec.hint}`,
      `The header on line ${partial.line} lacks ${absent.length > 1 ? 'columns' : 'a column'}: ${absent.join(', ')}`,
    );
  }
  if (rows.length === 0) throw new TableFileError('表格是空的，没有任何内容', 'The sheet is empty');
  throw new TableFileError(`前 ${HEADER_SEARCH_ROWS} 行中找不到表头；请确认表头含有${spec.hint}`, `No header with ${spec.required.join(', ')} in the first ${HEADER_SEARCH_ROWS} rows`);
}

/** True when every cell of the row is empty or blank. */
export const isBlankRow = (row: RawRow) => row.cells.every((c) => cleanText(c) === '');
