import { describe, expect, it } from 'vitest';
import { cellText, detectFormat as detectTableFormat, parseCsv, parseDateCell, TableFileError, unwrapTextCell } from '../../../platform/table-file.js';
import { employmentFormOf, findHeader, ROSTER_FILE } from './read-roster.js';

const detectFormat = (head: Buffer) => detectTableFormat(head, ROSTER_FILE);

async function csv(...chunks: string[]) {
  const rows = [];
  async function* source() {
    yield* chunks;
  }
  for await (const row of parseCsv(source())) rows.push(row);
  return rows;
}

describe('csv', () => {
  it('reads quoted fields with commas, escaped quotes and line breaks, across chunk boundaries', async () => {
    const rows = await csv('姓名,备注\r\n"张,三","他说""好""', '"\r\n"李\n四",x\n');
    expect(rows).toEqual([
      { line: 1, cells: ['姓名', '备注'] },
      { line: 2, cells: ['张,三', '他说"好"'] },
      { line: 3, cells: ['李\n四', 'x'] },
    ]);
  });

  it('keeps line numbers for blank lines, drops a BOM, and finds tab or semicolon delimiters', async () => {
    expect(await csv('\ufeffa,b\n\nc,d')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: [''] },
      { line: 3, cells: ['c', 'd'] },
    ]);
    expect((await csv('姓名\t身份证号\n张三\t1\n'))[1].cells).toEqual(['张三', '1']);
    expect((await csv('姓名;身份证号\r张三;1\r'))[1]).toEqual({ line: 2, cells: ['张三', '1'] });
  });

  it('refuses an unclosed quote, naming the line', async () => {
    await expect(csv('a,b\n"c,d\n')).rejects.toThrow(/第 2 行的引号没有闭合/);
  });
});

describe('cells', () => {
  it('text of whatever Excel stores', () => {
    expect(cellText(13812345678)).toBe('13812345678');
    expect(cellText({ richText: [{ text: '张' }, { text: '三' }] })).toBe('张三');
    expect(cellText({ formula: 'A1', result: '李四' })).toBe('李四');
    expect(cellText(null)).toBe('');
    expect(unwrapTextCell('="330482199001011234"')).toBe('330482199001011234');
    expect(unwrapTextCell("'330482199001011234")).toBe('330482199001011234');
  });

  it('dates: Excel serials, Date values and the ways people type them', () => {
    expect(parseDateCell(45292)).toBe('2024-01-01');
    expect(parseDateCell(1)).toBe('1900-01-01');
    expect(parseDateCell(45292.75)).toBe('2024-01-01');
    expect(parseDateCell('45292')).toBe('2024-01-01');
    expect(parseDateCell(new Date(Date.UTC(2022, 8, 1)))).toBe('2022-09-01');
    for (const text of ['2023-05-06', '2023/5/6', '2023.5.6', '2023年5月6日', '20230506', ' ２０２３年５月６日 ']) expect(parseDateCell(text), text).toBe('2023-05-06');
    expect(parseDateCell('2023年5月')).toBe('2023-05-01');
    for (const text of ['2023-02-30', '去年', '', '5/6/2023']) expect(parseDateCell(text), text).toBeNull();
  });

  it('employment forms from the labels rosters use', () => {
    const said: Record<string, string[]> = {
      delivery_rider: ['外卖配送员', '外卖骑手', '骑手', '网约配送员', '即时配送'],
      courier: ['快递员', '快递小哥', '快递配送员'],
      ride_hailing_driver: ['网约车司机', '网约车', '出租车司机'],
      truck_driver: ['货车司机', '卡车司机', '网约货车司机'],
      flexible: ['灵活就业'],
      standard: ['标准劳动关系', '劳动合同', '劳动合同制', '工程师', ''],
    };
    for (const [form, labels] of Object.entries(said)) for (const label of labels) expect(employmentFormOf(label), label).toBe(form);
    expect(employmentFormOf('courier')).toBe('courier');
  });
});

describe('files and headers', () => {
  it('tells an xlsx, a csv and other files apart by their bytes', () => {
    expect(detectFormat(Buffer.from('PK\x03\x04rest', 'latin1'))).toBe('xlsx');
    expect(detectFormat(Buffer.from('姓名,身份证号\n'))).toBe('csv');
    expect(() => detectFormat(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).toThrow(/旧版 Excel/);
    expect(() => detectFormat(Buffer.from('%PDF-1.7'))).toThrow(/PDF/);
    expect(() => detectFormat(Buffer.alloc(0))).toThrow(TableFileError);
  });

  it('finds the header below a title, in any order, with marks and notes around the names', () => {
    const header = findHeader([
      { line: 1, cells: ['某某公司工会会员花名册'] },
      { line: 2, cells: ['序号', '*姓名', '公民身份号码（必填）', '联系电话', '手机', '性别', '入会时间'] },
    ]);
    expect(header).toEqual({
      line: 2,
      columns: { name: [1], residentId: [2], phone: [3, 4], joinedOn: [6] },
      ignored: ['序号', '性别'],
    });
  });

  it('knows the names unions give the employment form, the employer and the platform', () => {
    const header = (names: string[]) => findHeader([{ line: 1, cells: ['姓名', '身份证号', ...names] }]).columns;
    for (const name of ['就业形态', '职业类别', '用工形式', '从业类型', '职业']) expect(header([name]), name).toMatchObject({ employmentForm: [2] });
    for (const name of ['工作单位', '单位名称', '所在单位', '用人单位', '企业名称']) expect(header([name]), name).toMatchObject({ employerName: [2] });
    for (const name of ['所在平台', '平台', '平台名称', '服务平台']) expect(header([name]), name).toMatchObject({ platformName: [2] });
  });

  it('says which required column is missing, or that there is no header', () => {
    expect(() => findHeader([{ line: 1, cells: ['姓名', '电话'] }])).toThrow(/表头（第 1 行）缺少「身份证号」列/);
    expect(() => findHeader([{ line: 1, cells: ['编号', '备注'] }])).toThrow(/找不到表头/);
  });
});
