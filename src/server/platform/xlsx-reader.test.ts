import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openXlsxRows, TableFileError } from './table-file.js';
import { readXlsxSheet, SharedStrings, XlsxFormatError, type XlsxRow } from './xlsx-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'xlsx-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const tempPath = () => join(dir, `${++files}.xlsx`);
const save = (data: Buffer) => {
  const path = tempPath();
  writeFileSync(path, data);
  return path;
};

/** A deterministic pseudo-random integer below n. */
let seed = 20240506;
const random = (n: number) => Math.floor(((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32) * n);

async function readAll(path: string) {
  const sheet = await readXlsxSheet(path);
  const rows: XlsxRow[] = [];
  for await (const row of sheet.rows) rows.push(row);
  return { sheet: sheet.sheet, rows, progress: sheet.progress() };
}

// ——— a tiny zip writer: local headers, central directory, end record (optionally zip64) ———

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  for (let k = 0; k < 8; k++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1;
  return n >>> 0;
});
function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Little-endian fields of 2, 4 or 8 bytes, followed by `tail`. */
function bytes(fields: [size: 2 | 4 | 8, value: number][], ...tail: Buffer[]): Buffer {
  const head = Buffer.alloc(fields.reduce((n, [size]) => n + size, 0));
  let at = 0;
  for (const [size, value] of fields) {
    if (size === 8) head.writeBigUInt64LE(BigInt(value), at);
    else head.writeUIntLE(value, at, size);
    at += size;
  }
  return Buffer.concat([head, ...tail]);
}

interface ZipOptions {
  stored?: boolean;
  /** Zip64 end records, and sizes and offsets in zip64 extra fields (0xFFFFFFFF in their places). */
  zip64?: boolean;
}

function zip(entries: Record<string, string>, { stored = false, zip64 = false }: ZipOptions = {}): Buffer {
  const FULL = 0xffffffff;
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const body = stored ? data : deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    // version needed, flags (UTF-8 names), method, time, date, crc, sizes, name length
    const common = [[2, 45], [2, 0x800], [2, stored ? 0 : 8], [2, 0], [2, 0x21], [4, crc32(data)]] as [2 | 4, number][];
    const local = bytes([[4, 0x04034b50], ...common, [4, body.length], [4, data.length], [2, nameBytes.length], [2, 0]], nameBytes, body);
    const extra = zip64 ? bytes([[2, 1], [2, 24], [8, data.length], [8, body.length], [8, offset]]) : Buffer.alloc(0);
    const sizes: [4, number][] = zip64 ? [[4, FULL], [4, FULL]] : [[4, body.length], [4, data.length]];
    central.push(
      bytes(
        [[4, 0x02014b50], [2, 45], ...common, ...sizes, [2, nameBytes.length], [2, extra.length], [2, 0], [2, 0], [2, 0], [4, 0], [4, zip64 ? FULL : offset]],
        nameBytes,
        extra,
      ),
    );
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(central);
  const count = central.length;
  const zip64End = zip64
    ? [
        bytes([[4, 0x06064b50], [8, 44], [2, 45], [2, 45], [4, 0], [4, 0], [8, count], [8, count], [8, directory.length], [8, offset]]),
        bytes([[4, 0x07064b50], [4, 0], [8, offset + directory.length], [4, 1]]),
      ]
    : [];
  const end = zip64
    ? bytes([[4, 0x06054b50], [2, 0], [2, 0], [2, 0xffff], [2, 0xffff], [4, FULL], [4, FULL], [2, 0]])
    : bytes([[4, 0x06054b50], [2, 0], [2, 0], [2, count], [2, count], [4, directory.length], [4, offset], [2, 0]]);
  return Buffer.concat([...locals, directory, ...zip64End, end]);
}

// ——— hand-built workbooks ———

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

interface Book extends ZipOptions {
  /** Each worksheet's `<sheetData>` content. */
  sheets: string[];
  /** Shared-string items' content (inside `<si>`). */
  strings?: string[];
  /** Prefix every SpreadsheetML tag, e.g. 'x:' (as some writers do). */
  prefix?: string;
  /** Relationship targets as absolute part names (/xl/worksheets/…). */
  absolute?: boolean;
  /** Parts to write as given, in place of the generated ones. */
  parts?: Record<string, string>;
}

function book({ sheets, strings, prefix = '', absolute = false, parts, ...zipOptions }: Book): string {
  const ns = `${prefix ? `xmlns:${prefix.slice(0, -1)}` : 'xmlns'}="${MAIN}"`;
  const tagged = (xml: string) => DECLARATION + (prefix ? xml.replace(/<(\/?)(?=\w)/g, `<$1${prefix}`) : xml);
  const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="${REL}/${type}" Target="${absolute ? '/xl/' : ''}${target}"/>`;
  const entries: Record<string, string> = {
    'xl/workbook.xml': tagged(`<workbook ${ns} xmlns:r="${REL}"><sheets>${sheets.map((_, i) => `<sheet name="表${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': `${DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => rel(`rId${i + 1}`, 'worksheet', `worksheets/sheet${i + 1}.xml`)).join('')}${strings ? rel('rIdS', 'sharedStrings', 'sharedStrings.xml') : ''}</Relationships>`,
  };
  sheets.forEach((data, i) => (entries[`xl/worksheets/sheet${i + 1}.xml`] = tagged(`<worksheet ${ns}><sheetData>${data}</sheetData></worksheet>`)));
  if (strings) entries['xl/sharedStrings.xml'] = tagged(`<sst ${ns}>${strings.map((s) => `<si>${s}</si>`).join('')}</sst>`);
  return save(zip({ ...entries, ...parts }, zipOptions));
}

// ——— files written by exceljs ———

/** An 18-digit resident ID typed into Excel becomes this double (its last digits lost). */
const ID_AS_NUMBER = Number('330482199001011234');
const RICH_TEXT = { richText: [{ text: '富', font: { bold: true } }, { text: '文本' }] };
/** [Excel row number, values from column A]; null leaves the cell empty, rows not listed stay blank. */
const ROSTER: [number, ExcelJS.CellValue[]][] = [
  [1, ['2024年会员花名册']],
  [2, ['姓名', '身份证号', '手机号', '入会日期', '党员', '备注', '合计']],
  [3, ['张三', ID_AS_NUMBER, 13812345678, new Date(Date.UTC(2023, 4, 6)), true, RICH_TEXT, { formula: 'C3+1', result: 13812345679 } as ExcelJS.CellValue]],
  [5, ['李四', null, 1.5, null, false, `O'Brien & <Co> "工会"`, { formula: 'A5&"x"', result: '李四x' } as ExcelJS.CellValue]],
  [7, [null, null, null, '末尾']],
];
const ROSTER_READ: XlsxRow[] = [
  { line: 1, cells: ['2024年会员花名册'] },
  { line: 2, cells: ['姓名', '身份证号', '手机号', '入会日期', '党员', '备注', '合计'] },
  // The date is its serial (2023-05-06): exceljs writes a number with a date style.
  { line: 3, cells: ['张三', ID_AS_NUMBER, 13812345678, 45052, true, '富文本', 13812345679] },
  { line: 5, cells: ['李四', null, 1.5, null, false, `O'Brien & <Co> "工会"`, '李四x'] },
  { line: 7, cells: [null, null, null, '末尾'] },
];

function fillRoster(sheet: ExcelJS.Worksheet) {
  for (const [line, values] of ROSTER) values.forEach((value, i) => value !== null && (sheet.getRow(line).getCell(i + 1).value = value));
}

const EXCELJS_WRITERS: Record<string, (path: string) => Promise<void>> = {
  'Workbook, shared strings': async (path) => {
    const workbook = new ExcelJS.Workbook();
    fillRoster(workbook.addWorksheet('花名册'));
    workbook.addWorksheet('其他').addRow(['不读这一页']);
    await workbook.xlsx.writeFile(path);
  },
  'streaming WorkbookWriter, inline strings': async (path) => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
    const sheet = workbook.addWorksheet('花名册');
    fillRoster(sheet);
    sheet.commit();
    workbook.addWorksheet('其他').addRow(['不读这一页']).commit();
    await workbook.commit();
  },
};

async function exceljsFile(writer: string) {
  const path = tempPath();
  await EXCELJS_WRITERS[writer](path);
  return path;
}

describe('files written by exceljs', () => {
  it.each(Object.keys(EXCELJS_WRITERS))('%s: values, gaps, blank rows and the first sheet only', async (writer) => {
    expect(await readAll(await exceljsFile(writer))).toEqual({ sheet: '花名册', rows: ROSTER_READ, progress: 1 });
  });
});

// ——— what exceljs never writes ———

/** Every cell type, rows and cells without `r`, a self-closing row; shared strings with runs, phonetic hints and escapes. */
const VARIETY: Book = {
  sheets: [
    '<row><c t="s"><v>0</v></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c><c t="n"><v>-1.5E3</v></c></row>' +
      '<row r="4" spans="2:4"><c r="B4" t="s"><v>1</v></c><c t="s"><v>2</v></c><c t="s"><v>3</v></c></row>' +
      '<row><c r="A5" t="str"><f>B4</f><v>a &amp; b_x000A_c</v></c><c/><c r="C5" t="inlineStr"><is><r><t>行</t></r><r><t>内</t></r><rPh sb="0" eb="1"><t>ぎょう</t></rPh></is></c></row>' +
      '<row r="7" ht="30" customHeight="1"/>',
  ],
  strings: [
    '<r><t>张</t></r><r><rPr><b/><rFont val="宋体"/><charset val="134"/></rPr><t xml:space="preserve">三 </t></r><rPh sb="0" eb="2"><t>zhāng sān</t></rPh><phoneticPr fontId="1" type="noConversion"/>',
    '<t>第一行_x000D__x000A_第二行</t>',
    '<t>&amp;&lt;&#x4E2D;&#22269;&gt;</t>',
    '<t>_x005F_x000D_</t>',
  ],
};
const VARIETY_READ: XlsxRow[] = [
  { line: 1, cells: ['张三 ', true, null, -1500] },
  { line: 4, cells: [null, '第一行\r\n第二行', '&<中国>', '_x000D_'] },
  { line: 5, cells: ['a & b\nc', null, '行内'] },
  { line: 7, cells: [] },
];

describe('hand-built workbooks', () => {
  it.each(['', 'x:'])('cell types, missing r attributes, rich text without phonetic hints, escapes (tag prefix %j)', async (prefix) => {
    expect((await readAll(book({ ...VARIETY, prefix }))).rows).toEqual(VARIETY_READ);
  });

  it.each<Partial<Book>>([{ stored: true }, { zip64: true }, { absolute: true }])('zip and package variants: %j', async (variant) => {
    expect((await readAll(book({ ...VARIETY, ...variant }))).rows).toEqual(VARIETY_READ);
  });

  it('reads t="d" ISO dates as UTC, whatever the server time zone', async () => {
    const timeZone = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      const dates = ['2023-05-06T00:00:00', '2023-05-06', '2023-05-06T08:30:00Z', '不是日期'].map((v) => `<c t="d"><v>${v}</v></c>`);
      const { rows } = await readAll(book({ sheets: [`<row>${dates.join('')}</row>`] }));
      expect(rows[0].cells).toEqual([new Date('2023-05-06T00:00:00Z'), new Date('2023-05-06T00:00:00Z'), new Date('2023-05-06T08:30:00Z'), '不是日期']);
    } finally {
      if (timeZone === undefined) delete process.env.TZ;
      else process.env.TZ = timeZone;
    }
  });

  it('skips empty worksheets; a workbook of empty sheets has no rows', async () => {
    expect(await readAll(book({ sheets: ['', '<row r="3"><c r="B3"><v>7</v></c></row>'] }))).toEqual({ sheet: '表2', rows: [{ line: 3, cells: [null, 7] }], progress: 1 });
    expect(await readAll(book({ sheets: ['', ''] }))).toEqual({ sheet: '表1', rows: [], progress: 1 });
  });

  it('reads empty (0-byte) stored parts as empty', async () => {
    const parts = { 'xl/sharedStrings.xml': '', 'xl/worksheets/sheet1.xml': '' };
    const path = book({ sheets: ['', '<row r="2"><c><v>5</v></c></row>'], strings: [], parts, stored: true });
    expect((await readAll(path)).rows).toEqual([{ line: 2, cells: [5] }]);
  });
});

// ——— a large sheet: chunk boundaries inside characters, entities and tags ———

describe('a large sheet', () => {
  it('reads 60,000 rows of Chinese text exactly, with progress from below 1 to 1', async () => {
    const cjk = (length: number) => Array.from({ length }, () => String.fromCharCode(0x4e00 + random(0x51a6))).join('');
    const EXTRAS = ['', '', '', ' & ', '<>', '😀', '𠀀', '"\'', '·'];
    const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const expected: XlsxRow[] = Array.from({ length: 60_000 }, (_, i) => ({
      line: i + 1,
      cells: ['赵钱孙李周吴郑王'[random(8)] + cjk(1 + random(2)), cjk(5 + random(20)) + EXTRAS[random(EXTRAS.length)] + cjk(random(10)), i],
    }));
    const sheetData = expected
      .map(({ line, cells: [, text] }) => `<row r="${line}"><c r="A${line}" t="s"><v>${line - 1}</v></c><c r="B${line}" t="inlineStr"><is><t>${escape(text as string)}</t></is></c><c r="C${line}"><v>${line - 1}</v></c></row>`)
      .join('');
    expect(Buffer.byteLength(sheetData)).toBeGreaterThan(5_000_000);
    const path = book({ sheets: [sheetData], strings: expected.map(({ cells }) => `<t>${cells[0]}</t>`) });

    const sheet = await readXlsxSheet(path);
    const rows: XlsxRow[] = [];
    const progress: number[] = [];
    for await (const row of sheet.rows) {
      if (row.line % 5_000 === 0) progress.push(sheet.progress());
      rows.push(row);
    }
    expect(rows).toHaveLength(expected.length);
    const wrong = expected.findIndex((row, i) => JSON.stringify(rows[i]) !== JSON.stringify(row));
    expect(wrong < 0 ? null : { read: rows[wrong], written: expected[wrong] }).toBeNull();
    expect(progress[0]).toBeLessThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(sheet.progress()).toBe(1);
  });
});

describe('the shared-string table', () => {
  it('gives back every string as pushed, across its buffers growing; nothing outside it', () => {
    const table = new SharedStrings();
    const samples = ['', '𠀀😀', '330482199001011234', '阿依古丽·买买提'];
    const pushed = Array.from({ length: 20_000 }, (_, i) => (i % 3 ? `${samples[i % 4]}${i}` : samples[i % 4]));
    pushed[7] = '连'.repeat(30_000); // longer than the buffer it starts with
    for (const text of pushed) table.push(text);
    expect(pushed.findIndex((text, i) => table.get(i) !== text)).toBe(-1);
    expect([table.get(-1), table.get(pushed.length), table.get(1.5), table.get(Number.NaN)]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

// ——— damaged files ———

/** Rows of random numbers: they hardly compress, so the sheet is read from the file in many chunks. */
const NOISE = Array.from({ length: 60_000 }, () => `<row>${'<c><v>N</v></c>'.repeat(4).replace(/N/g, () => String(random(1e9)))}</row>`).join('');
const BAD_STRING = '<row><c t="s"><v>9</v></c></row>';
const noisyBook = (sheet: string) => book({ sheets: [sheet], strings: ['<t>只有一个</t>'] });

const DAMAGED: [string, () => Promise<string>, RegExp][] = [
  ['random bytes', async () => save(randomBytes(4096)), /无法读取 Excel 文件/],
  ['a zip cut in the middle', async () => {
    const whole = readFileSync(await exceljsFile('Workbook, shared strings'));
    return save(whole.subarray(0, whole.length >> 1));
  }, /无法读取 Excel 文件/],
  ['a zip without xl/workbook.xml', async () => save(zip({ 'xl/worksheets/sheet1.xml': '<worksheet/>' })), /无法读取 Excel 文件/],
  ['a workbook without worksheets', async () => book({ sheets: [] }), /文件中没有工作表/],
  ['a missing shared string in the first row', async () => noisyBook(BAD_STRING + NOISE), /无法读取 Excel 文件/],
  ['a missing shared string further down', async () => noisyBook(NOISE + BAD_STRING), /无法读取 Excel 文件/],
  ['damaged compressed data', async () => {
    const whole = readFileSync(noisyBook(NOISE));
    for (let i = whole.length >> 1; i < (whole.length >> 1) + 64; i++) whole[i] ^= 0x5a;
    return save(whole);
  }, /无法读取 Excel 文件/],
];

describe('damaged files', () => {
  it.each(DAMAGED)('%s: XlsxFormatError', async (_, make) => {
    await expect(readAll(await make())).rejects.toBeInstanceOf(XlsxFormatError);
  });

  it.each(DAMAGED)('%s: TableFileError through openXlsxRows', async (_, make, message) => {
    const read = async () => {
      const { rows, close } = await openXlsxRows(await make());
      try {
        for await (const _row of rows);
      } finally {
        close();
      }
    };
    const error = await read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableFileError);
    expect((error as TableFileError).message).toMatch(message);
  });

  it.skipIf(!existsSync('/proc/self/fd'))('leaves no file open when reading fails, stops early or is closed', async () => {
    const openFiles = () => readdirSync('/proc/self/fd').length;
    const [bad, good] = [noisyBook(BAD_STRING + NOISE), noisyBook(NOISE)];
    const before = openFiles();
    await expect(readXlsxSheet(bad)).rejects.toBeInstanceOf(XlsxFormatError);
    for await (const row of (await readXlsxSheet(good)).rows) if (row.line === 10) break;
    (await readXlsxSheet(good)).close();
    await vi.waitFor(() => expect(openFiles()).toBeLessThanOrEqual(before));
  });
});
