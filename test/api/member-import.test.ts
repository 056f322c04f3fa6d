import { and, count, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/db/client.js';
import { DEMO_PASSWORD, loadDemo } from '../../src/server/demo/load.js';
import { memberImportRows, memberImports } from '../../src/server/modules/members/import/schema.js';
import { createMemberImportService } from '../../src/server/modules/members/import/service.js';
import { memberships, persons } from '../../src/server/modules/members/schema.js';
import { systemActor } from '../../src/server/platform/actor.js';
import { createPersonalDataCipher } from '../../src/server/platform/personal-data.js';
import { auditLog } from '../../src/server/platform/audit/schema.js';
import { computeResidentIdCheckChar } from '../../src/server/platform/cn-ids.js';
import { workflowTimeline } from '../../src/server/platform/workflow/schema.js';
import { ADMIN, createTestApp, TEST_SECRET, type TestApp, type TestClient } from '../support/app.js';
import { expectCountsKept, hashOf, joinMember, membershipsOf, newPerson, type Person, personRow, residentIdOf } from '../support/members.js';
import { multipartBody, uploadRoster } from '../support/roster.js';

/**
 * Roster import (花名册导入) and the xlsx export: a messy roster as unions
 * really have them, every line's outcome and reason in the preview, the
 * commit (all of it or nothing, even when it fails half-way), the report,
 * bad files, csv, scope, and the export of a filtered list.
 */

const TODAY = '2026-11-24';
let t: TestApp;
let ids: Record<string, number>;
let admin: TestClient;
let danghu: TestClient;
let zhongdai: TestClient;

const fullWidth = (text: string) => text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
/** A valid ID for `birth` whose check character is X. */
function idEndingInX(birth: string, from = 600) {
  for (let seq = from; ; seq++) {
    const first17 = `330482${birth}${String(seq).padStart(3, '0')}`;
    if (computeResidentIdCheckChar(first17) === 'X') return first17 + 'X';
  }
}
const masked = (id: string) => `${id.slice(0, 2)}${'*'.repeat(12)}${id.slice(-4)}`;

/** Excel's serial for a date (1900 system). */
const serialOf = (date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);

const HEADER = ['序号', '手机号码', '公民身份号码', '姓名', '性别', '入会日期', '用工形式', '工作单位', '平台', '备注'];
type Cells = Partial<Record<'phone' | 'id' | 'name' | 'joined' | 'form' | 'employer' | 'platform' | 'note', unknown>>;
const toRow = (n: number, c: Cells) => [n, c.phone ?? null, c.id ?? null, c.name ?? null, null, c.joined ?? null, c.form ?? null, c.employer ?? null, c.platform ?? null, c.note ?? null];

interface Line {
  cells: Cells | null;
  outcome?: string;
  reason?: string | null | ReturnType<typeof expect.stringContaining>;
  /** Where the csv differs (cells there are text: Excel's numbers arrive as their text). */
  csv?: { outcome: string; reason: string | null | ReturnType<typeof expect.stringContaining> };
}

// People of the roster.
const wang = { name: '王建国', id: residentIdOf('19850612', 501), phone: '13812340001' };
const zhaoX = { name: '赵敏', id: idEndingInX('19920203') };
const liuX = { name: '刘洋', id: idEndingInX('19930304') };
const sunX = { name: '孙丽', id: idEndingInX('19940405') };
const li = { name: '李梅', id: idEndingInX('19880808') };
const young = { name: '周小宇', id: residentIdOf('20120101', 502) };
const chen = { name: '陈杰', id: residentIdOf('19900101', 503) };
const rider = { name: '沈骑手', id: residentIdOf('19950505', 504) };
const courier = { name: '金快递', id: residentIdOf('19960606', 505) };
const late = { name: '顾未来', id: residentIdOf('19970707', 506) };
const legacy15 = 330482780808121; // a 15-digit legacy number, as Excel keeps it
const legacyId = (() => {
  const first17 = '33048219780808121';
  return first17 + computeResidentIdCheckChar(first17);
})();
const badCheck = (() => {
  const good = residentIdOf('19860606', 507);
  return good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
})();
const numberPhone = { name: '许文', id: residentIdOf('19870707', 508) };
const dateCell = { name: '蒋华', id: residentIdOf('19880909', 509) };

// Made members before the upload (beforeAll): in another 当湖 union, in this union, and in 钟埭.
const elsewhere = newPerson('朱丽叶', '19800101');
const here = newPerson('韩梅梅', '19810202');
const inZhongdai = newPerson('钱多多', '19820303');

/** The roster, line by line from line 4 (a title and a note sit above the header on line 3). */
const LINES: Line[] = [
  { cells: { ...wang, joined: serialOf('2024-01-01'), employer: '平湖嘉达光电科技有限公司' }, outcome: 'new', reason: null },
  { cells: { name: '杨帆', id: '3.30482E+17', phone: '13812340002' }, outcome: 'rejected', reason: expect.stringContaining('科学计数法') },
  // An ID that was typed into a number cell: its X is gone and its last digits are zeros.
  {
    cells: { name: '吴刚', id: Number(idEndingInX('19750505').slice(0, 17)) },
    outcome: 'rejected',
    reason: expect.stringContaining('被 Excel 存成了数字'),
    csv: { outcome: 'rejected', reason: expect.stringContaining('只有 17 位') },
  },
  { cells: { name: '郑爽', id: idEndingInX('19760606').slice(0, 17) }, outcome: 'rejected', reason: expect.stringContaining('只有 17 位') },
  { cells: { ...zhaoX, id: fullWidth(zhaoX.id) }, outcome: 'new', reason: null },
  { cells: { ...liuX, id: liuX.id.toLowerCase() }, outcome: 'new', reason: null },
  { cells: { name: ' 李 梅 ', id: ` ${li.id.slice(0, 6)} ${li.id.slice(6, 14)} ${li.id.slice(14)} `, phone: ' 139 1234 0002 ' }, outcome: 'new', reason: null },
  { cells: { name: '王建国', id: `${wang.id.slice(0, 9)} ${wang.id.slice(9)}`, phone: '13812340001' }, outcome: 'duplicate_in_file', reason: '与第 4 行是同一人（身份证号相同），只按第 4 行导入' },
  { cells: { ...young }, outcome: 'rejected', reason: '未满 16 周岁，不能加入工会' },
  { cells: { ...chen, phone: '1381234567' }, outcome: 'rejected', reason: '手机号格式不正确' },
  { cells: { name: elsewhere.name, id: elsewhere.residentId }, outcome: 'transfer_needed', reason: expect.stringContaining('请办理会员接转') },
  { cells: { name: here.name, id: here.residentId }, outcome: 'already_member_here', reason: '已是本工会会员，无需导入' },
  { cells: { name: inZhongdai.name, id: inZhongdai.residentId }, outcome: 'transfer_needed', reason: expect.stringContaining('请办理会员接转') },
  { cells: { ...rider, form: '外卖骑手', platform: '美团' }, outcome: 'new', reason: null },
  { cells: { ...courier, form: '快递员', platform: '中通快递', joined: '2023年5月6日' }, outcome: 'new', reason: null },
  { cells: { ...late, joined: '2030-01-01' }, outcome: 'new', reason: '入会日期 2030-01-01 晚于今天，按导入当天计' },
  { cells: null }, // a blank line: not a line of the roster
  { cells: { note: '' } }, // a template line with only its 序号
  { cells: { id: residentIdOf('19890101', 510) }, outcome: 'rejected', reason: '缺少姓名' },
  { cells: { name: '冯刚', id: badCheck }, outcome: 'rejected', reason: '身份证号校验码错误' },
  { cells: { name: '褚明', id: legacy15 }, outcome: 'new', reason: null },
  { cells: { ...numberPhone, phone: 13812340003 }, outcome: 'new', reason: null },
  { cells: { ...dateCell, joined: new Date(Date.UTC(2022, 8, 1)), form: '网约车司机' }, outcome: 'new', reason: null, csv: { outcome: 'new', reason: null } },
  { cells: { ...sunX, id: `${sunX.id.slice(0, 17)}x` }, outcome: 'new', reason: null },
];
const FIRST_LINE = 4;
const expectedLines = (format: 'xlsx' | 'csv') =>
  LINES.map((l, i) => ({ line: FIRST_LINE + i, ...l }))
    .filter((l) => l.outcome)
    .map((l) => ({ line: l.line, outcome: format === 'csv' && l.csv ? l.csv.outcome : l.outcome!, reason: format === 'csv' && l.csv ? l.csv.reason : l.reason }));

async function messyXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('花名册');
  sheet.addRow(['平湖嘉达光电科技有限公司工会会员花名册']);
  sheet.mergeCells('A1:J1');
  sheet.addRow(['填报单位：平湖嘉达光电科技有限公司工会', null, null, null, null, '填报日期：2026年11月']);
  sheet.addRow(HEADER);
  LINES.forEach((l, i) => {
    if (!l.cells) return; // a row Excel does not even write
    const row = sheet.getRow(FIRST_LINE + i);
    row.values = toRow(i + 1, l.cells) as ExcelJS.CellValue[];
    if (l.cells.joined instanceof Date || typeof l.cells.joined === 'number') row.getCell(6).numFmt = 'yyyy-mm-dd';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The same roster as Excel saves it as csv: numbers as Excel shows them, dates as text. */
function messyCsv(): string {
  const text = (value: unknown) => {
    if (value == null) return '';
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    const s = typeof value === 'number' ? (Number.isSafeInteger(value) ? String(value) : value.toPrecision(17).replace(/\.0+$/, '').slice(0, 17)) : String(value);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = [
    '平湖嘉达光电科技有限公司工会会员花名册,,,,,,,,,',
    '"填报单位：平湖嘉达光电科技有限公司工会",,,,,填报日期：2026年11月,,,,',
    HEADER.join(','),
    ...LINES.map((l, i) => (l.cells ? toRow(i + 1, l.cells).map(text).join(',') : '')),
  ];
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

type Summary = { id: number; state: string; counts: Record<string, number>; headerLine: number; error: string | null; rowsRead: number; percent: number; columns: { recognised: string[]; ignored: string[] } };
type PreviewRow = {
  line: number;
  outcome: string;
  reason: string | null;
  name: string | null;
  idMasked: string | null;
  currentOrgName: string | null;
  employmentForm: string | null;
  employerName: string | null;
  platformName: string | null;
  joinedOn: string | null;
  phone: string | null;
};

async function allRows(client: TestClient, id: number) {
  const response = await client.get(`/api/member-imports/${id}/rows?pageSize=200`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as PreviewRow[];
}

const stagingCount = async () => {
  const [[imports], [rows]] = await Promise.all([t.database.db.select({ n: count() }).from(memberImports), t.database.db.select({ n: count() }).from(memberImportRows)]);
  return { imports: imports.n, rows: rows.n };
};

beforeAll(async () => {
  t = await createTestApp({ today: () => TODAY });
  ids = await loadDemo(t.database.db, t.services);
  admin = await t.login(ADMIN.username, ADMIN.password);
  danghu = await t.login('danghu_staff', DEMO_PASSWORD);
  zhongdai = await t.login('zhongdai_staff', DEMO_PASSWORD);
  await joinMember(t, danghu, elsewhere, ids.meiyi);
  await joinMember(t, danghu, here, ids.jiada);
  await joinMember(t, zhongdai, inZhongdai, ids.shuntong);
});

afterAll(() => t?.close());
afterEach(() => expectCountsKept(t));

describe('a messy xlsx roster', () => {
  let summary: Summary;

  it('is read into a preview: a title row above the header, Chinese headers in another order', async () => {
    const response = await uploadRoster(danghu, ids.jiada, '嘉达工会花名册.xlsx', await messyXlsx());
    expect(response.statusCode, response.body).toBe(201);
    summary = response.json();
    expect(summary).toMatchObject({ state: 'ready', headerLine: 3, error: null, percent: 100, rowsRead: expectedLines('xlsx').length });
    expect(summary.columns.recognised.sort()).toEqual(['姓名', '身份证号', '手机号', '入会日期', '就业形态', '工作单位', '所在平台'].sort());
    expect(summary.columns.ignored).toEqual(['序号', '性别', '备注']);
  });

  it('gives every line its outcome and reason', async () => {
    const rows = await allRows(danghu, summary.id);
    expect(rows.map(({ line, outcome, reason }) => ({ line, outcome, reason }))).toEqual(expectedLines('xlsx'));
    const counts = expectedLines('xlsx').reduce<Record<string, number>>((acc, l) => ({ ...acc, [l.outcome]: (acc[l.outcome] ?? 0) + 1 }), {});
    expect(summary.counts).toEqual({ total: rows.length, new: 0, transfer_needed: 0, already_member_here: 0, duplicate_in_file: 0, rejected: 0, ...counts });
  });

  it('normalises what it accepts and shows only masked IDs', async () => {
    const rows = new Map((await allRows(danghu, summary.id)).map((r) => [r.line, r]));
    expect(rows.get(4)).toMatchObject({ name: '王建国', idMasked: masked(wang.id), phone: '13812340001', joinedOn: '2024-01-01', employmentForm: 'standard' });
    expect(rows.get(8)).toMatchObject({ idMasked: masked(zhaoX.id) });
    expect(rows.get(9)).toMatchObject({ idMasked: masked(liuX.id) });
    expect(rows.get(10)).toMatchObject({ name: '李梅', idMasked: masked(li.id), phone: '13912340002', joinedOn: TODAY });
    expect(rows.get(17)).toMatchObject({ employmentForm: 'delivery_rider', platformName: '美团' });
    expect(rows.get(18)).toMatchObject({ employmentForm: 'courier', joinedOn: '2023-05-06' });
    expect(rows.get(19)).toMatchObject({ joinedOn: TODAY });
    expect(rows.get(24)).toMatchObject({ idMasked: masked(legacyId) });
    expect(rows.get(25)).toMatchObject({ phone: '13812340003' });
    expect(rows.get(26)).toMatchObject({ joinedOn: '2022-09-01', employmentForm: 'ride_hailing_driver' });
    // Who is in another union is said where the uploader's scope reaches, not beyond.
    expect(rows.get(14)).toMatchObject({ currentOrgName: '平湖美衣服饰有限公司工会' });
    // 顺通 is 钟埭's: said as another union, and neither its name nor its id is sent (finding 5 of issue 10).
    expect(rows.get(16)).toMatchObject({ currentOrgName: '其他工会' });
    expect(rows.get(16)?.reason).toContain('接转');
    for (const row of rows.values()) expect(row).not.toHaveProperty('currentOrgId');
    const body = JSON.stringify([...rows.values()]);
    expect(body).not.toContain('顺通');
    for (const id of [wang.id, zhaoX.id, li.id, elsewhere.residentId, legacyId]) expect(body).not.toContain(id);
    // The rows can be filtered by outcome.
    const transfers = (await danghu.get(`/api/member-imports/${summary.id}/rows?outcome=transfer_needed`)).json();
    expect(transfers.items.map((r: PreviewRow) => r.line)).toEqual([14, 16]);
    expect(transfers.total).toBe(2);
  });

  it('a csv of the same roster (UTF-8 with BOM) gives the same preview', async () => {
    const response = await uploadRoster(danghu, ids.jiada, '嘉达工会花名册.csv', messyCsv());
    expect(response.statusCode, response.body).toBe(201);
    const csv = response.json() as Summary;
    expect(csv).toMatchObject({ state: 'ready', headerLine: 3 });
    const rows = await allRows(danghu, csv.id);
    expect(rows.map(({ line, outcome, reason }) => ({ line, outcome, reason }))).toEqual(expectedLines('csv'));
    expect(rows.find((r) => r.line === 26)).toMatchObject({ joinedOn: '2022-09-01' });
    expect(rows.find((r) => r.line === 4)).toMatchObject({ joinedOn: '2024-01-01' });
  });

  it('a big file is validated in a worker thread, with the same outcome for every line', async () => {
    const { writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const path = join(tmpdir(), `lianxin-test-worker-${process.pid}.xlsx`);
    await writeFile(path, await messyXlsx());
    // The app's own service, but with every file counting as big.
    const imports = createMemberImportService({ db: t.database.db, orgs: t.services.orgs, members: t.services.members, workflow: t.services.workflow, settings: t.services.settings, cipher: createPersonalDataCipher(TEST_SECRET), secret: TEST_SECRET, today: () => TODAY, workerFromBytes: 0 });
    const inWorker = await imports.upload(systemActor(await t.services.rootOrg()), { orgId: ids.jiada, fileName: 'big.xlsx', path, temporary: true, wait: true });
    expect(inWorker).toMatchObject({ state: 'ready', percent: 100, counts: summary.counts });
    // Line by line, everything staged is what the in-thread reading staged (keyed hash and search tokens included).
    const staged = (importId: number) =>
      queryRows(t.database.db, sql`select line, outcome, reason, encode(id_hash, 'hex') as id_hash, id_masked, name, phone, joined_on::text, search_doc from member_import_rows where import_id = ${importId} order by line`);
    const expected = await staged(summary.id);
    expect(expected.length).toBe(expectedLines('xlsx').length);
    expect(await staged(inWorker.id)).toEqual(expected);
  });

  it('commits: the new lines become members, all at once', async () => {
    const before = await t.database.db.select({ n: count() }).from(memberships);
    const response = await danghu.post(`/api/member-imports/${summary.id}/commit`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ state: 'committed', error: null });
    const after = await t.database.db.select({ n: count() }).from(memberships);
    expect(after[0].n - before[0].n).toBe(summary.counts.new);

    const { items } = (await danghu.get(`/api/members?orgId=${ids.jiada}&pageSize=100`)).json() as { items: { id: number; name: string; idMasked: string; status: string; joinedOn: string; cardNo: string; tenantId: number; employmentForm: string; platformName: string | null }[] };
    const byName = new Map(items.map((m) => [m.name, m]));
    for (const name of ['王建国', '赵敏', '刘洋', '李梅', '沈骑手', '金快递', '顾未来', '褚明', '许文', '蒋华', '孙丽']) expect(byName.has(name), name).toBe(true);
    const wangMember = byName.get('王建国')!;
    expect(wangMember).toMatchObject({ idMasked: masked(wang.id), status: 'active', joinedOn: '2024-01-01' });
    expect(wangMember.cardNo).toBe(`3304822024${String(wangMember.id).padStart(7, '0')}`);
    expect(byName.get('沈骑手')).toMatchObject({ employmentForm: 'delivery_rider', platformName: '美团' });
    expect(byName.get('顾未来')).toMatchObject({ joinedOn: TODAY });
    for (const name of ['杨帆', '吴刚', '周小宇', '陈杰', '冯刚']) expect(byName.has(name), name).toBe(false);

    // The person row points at the new membership; the timeline starts with the import.
    const [person] = await t.database.db.select().from(persons).where(eq(persons.idHash, hashOf(wang.id)));
    expect(person).toMatchObject({ openMembershipId: wangMember.id, openMembershipTenantId: wangMember.tenantId, memberSince: '2024-01-01', name: '王建国', phone: '13812340001' });
    const detail = (await danghu.get(`/api/members/${wangMember.id}`)).json();
    expect(detail).toMatchObject({ source: 'import', status: 'active' });
    expect(detail.history).toEqual([expect.objectContaining({ seq: 1, action: 'create', to: 'active', payload: expect.objectContaining({ source: 'import', importId: summary.id }) })]);
    // The ones already in a union were not touched.
    const [elsewhereMember] = await t.database.db.select().from(memberships).where(eq(memberships.personHash, hashOf(elsewhere.residentId)));
    expect(elsewhereMember.orgId).toBe(ids.meiyi);

    // One audit row sums it up.
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'member.import'), eq(auditLog.entityId, String(summary.id))));
    expect(audit).toHaveLength(1);
    expect(audit[0].summary).toContain(`新增会员 ${summary.counts.new} 人`);

    // The commit leaves the members' search entries in the index's pending list and merges them once done:
    // after the merge nothing is pending (gin_clean_pending_list says how many pages it merged).
    await t.services.memberImports.drain();
    const [{ pages }] = await queryRows<{ pages: number }>(t.database.db, sql`select gin_clean_pending_list('memberships_search_gin'::regclass) as pages`);
    expect(Number(pages)).toBe(0);
  });

  it('the new members are found by name, pinyin, ID tail and phone tail', async () => {
    const search = async (q: string) => ((await danghu.get(`/api/members?q=${encodeURIComponent(q)}`)).json().items as { name: string }[]).map((m) => m.name);
    expect(await search('王建国')).toContain('王建国');
    expect(await search('建国')).toContain('王建国');
    expect(await search('wangjianguo')).toContain('王建国');
    expect(await search(wang.id.slice(-4))).toContain('王建国');
    expect(await search('0003')).toContain('许文');
    // The employer is a filter, not a search term.
    expect(await search('美团')).not.toContain('沈骑手');
    const byEmployer = (await danghu.get(`/api/members?employer=${encodeURIComponent('美团')}`)).json().items as { name: string }[];
    expect(byEmployer.map((m) => m.name)).toContain('沈骑手');
    const card = (await danghu.get(`/api/members?q=${encodeURIComponent('赵敏')}`)).json().items[0].cardNo as string;
    expect(await search(card)).toEqual(['赵敏']);
  });

  it('cannot be committed twice', async () => {
    const response = await danghu.post(`/api/member-imports/${summary.id}/commit`);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toContain('不能重复提交');
  });

  it('a stale preview is refused whole, naming the lines, and is brought up to date', async () => {
    // The csv preview was made before the xlsx was committed: its people are members now.
    const { items } = (await danghu.get(`/api/member-imports?orgId=${ids.jiada}`)).json() as { items: Summary[] };
    const csv = items.find((i) => i.id !== summary.id && i.state === 'ready')!;
    const membersBefore = await t.database.db.select({ n: count() }).from(memberships);
    const response = await danghu.post(`/api/member-imports/${csv.id}/commit`);
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json().error.message).toMatch(/^第 4、8、9、10、17、18、19、24、25、26、27 行的人员在预览之后已成为工会会员/);
    expect((await t.database.db.select({ n: count() }).from(memberships))[0].n).toBe(membersBefore[0].n);
    const refreshed = (await danghu.get(`/api/member-imports/${csv.id}`)).json() as Summary;
    expect(refreshed).toMatchObject({ state: 'ready', counts: expect.objectContaining({ new: 0, already_member_here: 12 }) });
    expect(refreshed.error).toContain('预览已按最新情况更新');
  });

  it('the report lists every line with its outcome and reason', async () => {
    const response = await danghu.get(`/api/member-imports/${summary.id}/report.xlsx`);
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toContain(encodeURIComponent('嘉达工会花名册-导入结果.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('逐行结果')!;
    const lines: { line: number; outcome: string; reason: string }[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) lines.push({ line: Number(row.getCell(1).value), outcome: String(row.getCell(2).value), reason: String(row.getCell(3).value ?? '') });
    });
    const labels: Record<string, string> = { new: '新会员', transfer_needed: '须办理接转', already_member_here: '已是本会会员', duplicate_in_file: '文件内重复', rejected: '有误未导入' };
    expect(lines.map((l) => ({ line: l.line, outcome: l.outcome }))).toEqual(expectedLines('xlsx').map((l) => ({ line: l.line, outcome: labels[l.outcome] })));
    expect(lines.find((l) => l.line === 5)!.reason).toContain('科学计数法');
    const text = JSON.stringify(sheet.getSheetValues());
    expect(text).not.toContain(wang.id);
    expect(workbook.getWorksheet('汇总')!.getRow(4).values).toEqual([undefined, '总行数', expectedLines('xlsx').length]);
  });

  it('the report says its times in Beijing time', async () => {
    // Uploaded at 09:05 and committed at 00:30 the next day, Beijing time.
    await t.database.db
      .update(memberImports)
      .set({ createdAt: new Date('2026-11-24T01:05:00Z'), committedAt: new Date('2026-11-24T16:30:00Z') })
      .where(eq(memberImports.id, summary.id));
    const response = await danghu.get(`/api/member-imports/${summary.id}/report.xlsx`);
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const said = new Map<string, unknown>();
    workbook.getWorksheet('汇总')!.eachRow((row) => said.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(said.get('上传时间')).toBe('2026-11-24 09:05');
    expect(said.get('导入时间')).toBe('2026-11-25 00:30');
  });
});

describe('the joining rules of the desk hold for a roster line', () => {
  /** A member of 美衣 who withdrew today (TODAY): the membership ended on TODAY. */
  async function formerMember(person: Person) {
    const { membershipId } = await joinMember(t, danghu, person, ids.meiyi);
    const withdrawn = await danghu.post(`/api/members/${membershipId}/actions`, { action: 'withdraw', input: { requestedOn: TODAY } });
    expect(withdrawn.statusCode, withdrawn.body).toBe(204);
  }
  const roster = (lines: [Person, string][]) => ['姓名,身份证号,入会日期', ...lines.map(([p, joined]) => `${p.name},${p.residentId},${joined}`)].join('\n');
  const upload = async (lines: [Person, string][]) => {
    const response = await uploadRoster(danghu, ids.jiada, '入会规则.csv', roster(lines));
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Summary;
  };
  /** The desk's reason (MemberService.openMembership) for a joining dated before the membership that ended today. */
  const REACHES_BACK = `入会日期不能早于此前会籍的终止日期（${TODAY}）`;
  const outcomes = async (id: number) => (await allRows(danghu, id)).map(({ line, outcome, reason, joinedOn }) => ({ line, outcome, reason, joinedOn }));

  it('16 周岁 on the date of joining, not only today, with the desk’s reason', async () => {
    // Born 2008-03-15: 16 on 2024-03-15, 18 today.
    const early = newPerson('严少华', '20080315');
    const onTheDay = newPerson('严少文', '20080315');
    const beforeBirth = newPerson('严少武', '19900101');
    const { id } = await upload([
      [early, '2024-03-14'],
      [onTheDay, '2024-03-15'],
      [beforeBirth, '1980-01-01'],
    ]);
    expect(await outcomes(id)).toEqual([
      { line: 2, outcome: 'rejected', reason: '入会日期早于本人年满 16 周岁之日', joinedOn: null },
      { line: 3, outcome: 'new', reason: null, joinedOn: '2024-03-15' },
      { line: 4, outcome: 'rejected', reason: '入会日期早于本人年满 16 周岁之日', joinedOn: null },
    ]);
  });

  it('a former member’s joining cannot reach into the membership that ended, with the desk’s reason', async () => {
    const backDated = newPerson('严文博', '19880101');
    const fromToday = newPerson('严文杰', '19880202');
    await formerMember(backDated);
    await formerMember(fromToday);
    const { id } = await upload([
      [backDated, '2025-06-01'],
      [fromToday, ''],
    ]);
    expect(await outcomes(id)).toEqual([
      { line: 2, outcome: 'rejected', reason: REACHES_BACK, joinedOn: '2025-06-01' },
      { line: 3, outcome: 'new', reason: null, joinedOn: TODAY },
    ]);
    const committed = await danghu.post(`/api/member-imports/${id}/commit`);
    expect(committed.statusCode, committed.body).toBe(200);
    expect((await personRow(t, fromToday.residentId)).memberSince).toBe(TODAY);
    expect(await membershipsOf(t, backDated.residentId)).toHaveLength(1);
  });

  it('a membership ended after the preview voids the commit, naming the line; the preview then refuses the line', async () => {
    const meanwhile = newPerson('严文韬', '19890303');
    const other = newPerson('严文略', '19890404');
    const { id } = await upload([
      [other, ''],
      [meanwhile, '2025-06-01'],
    ]);
    expect((await outcomes(id)).map((l) => l.outcome)).toEqual(['new', 'new']);
    await formerMember(meanwhile);

    const refused = await danghu.post(`/api/member-imports/${id}/commit`);
    expect(refused.statusCode, refused.body).toBe(409);
    const { error } = refused.json();
    expect(error.message).toMatch(/^第 3 行的人员此前的会籍在预览之后终止.*本次未导入任何人/);
    expect(error.fields).toEqual([{ field: 'line 3', reason: REACHES_BACK }]);
    expect(await membershipsOf(t, other.residentId)).toHaveLength(0);
    expect(await membershipsOf(t, meanwhile.residentId)).toHaveLength(1);
    const refreshed = (await danghu.get(`/api/member-imports/${id}`)).json() as Summary;
    expect(refreshed).toMatchObject({ state: 'ready', counts: expect.objectContaining({ new: 1, rejected: 1 }) });
    expect((await outcomes(id))[1]).toMatchObject({ outcome: 'rejected', reason: REACHES_BACK });
  });
});

describe('columns named as union rosters name them', () => {
  it('职业类别, 用人单位 and 服务平台, with the employment forms staff write', async () => {
    const people = ['外卖配送员', '快递小哥', '网约车', '卡车司机', '灵活就业', '劳动合同'].map((form, i) => ({ form, ...newPerson(`严${'甲乙丙丁戊己'[i]}`, `1987050${i + 1}`) }));
    const csv = ['姓名,身份证号,职业类别,用人单位,服务平台', ...people.map((p) => `${p.name},${p.residentId},${p.form},平湖某公司,某平台`)].join('\n');
    const response = await uploadRoster(danghu, ids.jiada, '职业类别.csv', csv);
    expect(response.statusCode, response.body).toBe(201);
    expect((response.json() as Summary).columns).toEqual({ recognised: ['姓名', '身份证号', '就业形态', '工作单位', '所在平台'], ignored: [] });
    const rows = await allRows(danghu, response.json().id);
    expect(rows.map((r) => r.employmentForm)).toEqual(['delivery_rider', 'courier', 'ride_hailing_driver', 'truck_driver', 'flexible', 'standard']);
    expect(rows[0]).toMatchObject({ employerName: '平湖某公司', platformName: '某平台' });
  });
});

describe('all or nothing', () => {
  const people = [
    { name: '蔡文姬', id: residentIdOf('19910101', 601) },
    { name: '卫青', id: residentIdOf('19910202', 602) },
    { name: '霍去病', id: residentIdOf('19910303', 603) },
  ];
  const csv = ['姓名,身份证号,手机号', ...people.map((p, i) => `${p.name},${p.id},1380000000${i}`)].join('\n');
  const theirRows = async () => {
    const hashes = people.map((p) => hashOf(p.id));
    const [p] = await t.database.db.select({ n: count() }).from(persons).where(inArray(persons.idHash, hashes));
    const [m] = await t.database.db.select({ n: count() }).from(memberships).where(inArray(memberships.personHash, hashes));
    return { persons: p.n, memberships: m.n };
  };

  it('a failure in the middle of a commit leaves nothing behind', async () => {
    const uploaded = await uploadRoster(danghu, ids.meiyi, '美衣.csv', csv);
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const { id } = uploaded.json() as Summary;
    // Sabotage: the second new membership's timeline entry already exists, so the commit fails while
    // writing the timeline, after the persons and the memberships were written.
    const [{ next }] = await queryRows<{ next: number }>(t.database.db, sql`select (case when is_called then last_value + 1 else last_value end)::int as next from memberships_id_seq`);
    const [meiyi] = await queryRows<{ tenant_id: number }>(t.database.db, sql`select tenant_id from orgs where id = ${ids.meiyi}`);
    await t.database.db.insert(workflowTimeline).values({ tenantId: Number(meiyi.tenant_id), workflow: 'membership', recordId: next + 1, seq: 1, action: 'create', toState: 'active' });
    const timelineBefore = (await t.database.db.select({ n: count() }).from(workflowTimeline))[0].n;
    const audits = async () => (await t.database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'member.import')))[0].n;
    const auditsBefore = await audits();

    const failed = await danghu.post(`/api/member-imports/${id}/commit`);
    expect(failed.statusCode, failed.body).toBe(409);
    expect(await theirRows()).toEqual({ persons: 0, memberships: 0 });
    expect((await t.database.db.select({ n: count() }).from(workflowTimeline))[0].n).toBe(timelineBefore);
    expect(await audits()).toBe(auditsBefore);
    const after = (await danghu.get(`/api/member-imports/${id}`)).json() as Summary;
    expect(after).toMatchObject({ state: 'ready', counts: expect.objectContaining({ new: 3 }) });
    expect(after.error).toContain('未导入任何人');

    // Once the obstacle is gone the same preview commits.
    await t.database.db.delete(workflowTimeline).where(and(eq(workflowTimeline.workflow, 'membership'), eq(workflowTimeline.recordId, next + 1)));
    const retried = await danghu.post(`/api/member-imports/${id}/commit`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(await theirRows()).toEqual({ persons: 3, memberships: 3 });
  });

  it('a failure after everything was written (the audit row) still leaves nothing behind', async () => {
    const late = [
      { name: '李白', id: residentIdOf('19920101', 611) },
      { name: '杜甫', id: residentIdOf('19920202', 612) },
    ];
    const uploaded = await uploadRoster(danghu, ids.meiyi, '美衣二.csv', ['姓名,身份证号', ...late.map((p) => `${p.name},${p.id}`)].join('\n'));
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const { id, tenantId } = uploaded.json() as Summary & { tenantId: number };
    // The next audit id of this tenant is one that exists: the commit's last insert collides.
    const [{ taken, top }] = await queryRows<{ taken: number; top: number }>(
      t.database.db,
      sql`select (select max(id) from audit_log where tenant_id = ${tenantId})::int as taken, (select max(id) from audit_log)::int as top`,
    );
    await t.database.db.execute(sql`select setval(pg_get_serial_sequence('audit_log', 'id'), ${taken - 1})`);
    const membersBefore = (await t.database.db.select({ n: count() }).from(memberships))[0].n;
    const timelineBefore = (await t.database.db.select({ n: count() }).from(workflowTimeline))[0].n;
    const failed = await danghu.post(`/api/member-imports/${id}/commit`);
    await t.database.db.execute(sql`select setval(pg_get_serial_sequence('audit_log', 'id'), ${top})`);
    expect(failed.statusCode, failed.body).toBe(409);
    const hashes = late.map((p) => hashOf(p.id));
    expect((await t.database.db.select({ n: count() }).from(persons).where(inArray(persons.idHash, hashes)))[0].n).toBe(0);
    expect((await t.database.db.select({ n: count() }).from(memberships))[0].n).toBe(membersBefore);
    expect((await t.database.db.select({ n: count() }).from(workflowTimeline))[0].n).toBe(timelineBefore);
    expect((await danghu.get(`/api/member-imports/${id}`)).json()).toMatchObject({ state: 'ready' });
    const retried = await danghu.post(`/api/member-imports/${id}/commit`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect((await t.database.db.select({ n: count() }).from(memberships))[0].n).toBe(membersBefore + 2);
  });

  it('a union closed after the preview takes no import', async () => {
    const org = await admin.post('/api/orgs', { parentId: ids.danghu, name: '当湖街道临时导入测试工会', type: 'grassroots' });
    expect(org.statusCode, org.body).toBe(201);
    const orgId = org.json().id as number;
    const person = { name: '白居易', id: residentIdOf('19920404', 604) };
    const uploaded = await uploadRoster(danghu, orgId, '临时.csv', `姓名,身份证号\n${person.name},${person.id}\n`);
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const closed = await admin.post(`/api/orgs/${orgId}/deactivate`, { version: org.json().version });
    expect(closed.statusCode, closed.body).toBeLessThan(300);
    const response = await danghu.post(`/api/member-imports/${uploaded.json().id}/commit`);
    expect(response.statusCode, response.body).toBe(409);
    const [p] = await t.database.db.select({ n: count() }).from(persons).where(eq(persons.idHash, hashOf(person.id)));
    expect(p.n).toBe(0);
    expect((await danghu.get(`/api/member-imports/${uploaded.json().id}`)).json().state).toBe('ready');
  });
});

describe('bad files get a clear message and leave nothing behind', () => {
  const expectFileError = async (response: Awaited<ReturnType<typeof uploadRoster>>, pattern: RegExp) => {
    expect(response.statusCode, response.body).toBe(400);
    const error = response.json().error;
    expect(error.code).toBe('VALIDATION');
    expect(error.fields).toEqual([{ field: 'file', reason: expect.stringMatching(pattern) }]);
    expect(error.message).toMatch(pattern);
  };

  it('a PNG renamed .xlsx, an empty file, no header, a header without the ID column, a broken zip', async () => {
    const before = await stagingCount();
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
    await expectFileError(await uploadRoster(danghu, ids.jiada, '花名册.xlsx', png), /不是电子表格.*PNG/);
    await expectFileError(await uploadRoster(danghu, ids.jiada, '花名册.xlsx', Buffer.alloc(0)), /文件为空/);
    await expectFileError(await uploadRoster(danghu, ids.jiada, '名单.csv', '编号,备注\n1,无\n2,无\n'), /找不到表头.*「姓名」和「身份证号」/);
    await expectFileError(await uploadRoster(danghu, ids.jiada, '名单.csv', '会员花名册\n姓名,电话\n张三,13812345678\n'), /表头（第 2 行）缺少「身份证号」列/);
    await expectFileError(await uploadRoster(danghu, ids.jiada, '名单.csv', '姓名,身份证号\n'), /表头（第 1 行）下面没有任何数据行/);
    await expectFileError(await uploadRoster(danghu, ids.jiada, '名单.csv', '姓名,身份证号\n"张三,330482\n'), /引号没有闭合/);
    const brokenZip = (await messyXlsx()).subarray(0, 600);
    await expectFileError(await uploadRoster(danghu, ids.jiada, '花名册.xlsx', brokenZip), /Excel|工作表/);
    const emptyBook = new ExcelJS.Workbook();
    emptyBook.addWorksheet('Sheet1');
    await expectFileError(await uploadRoster(danghu, ids.jiada, '空表.xlsx', Buffer.from(await emptyBook.xlsx.writeBuffer())), /表格是空的/);
    expect(await stagingCount()).toEqual(before);
  });

  it('a csv saved as GBK by Chinese Excel is read; not multipart, no file or no union is a 400 on that field', async () => {
    // GBK bytes for the header and a name, found by decoding every double-byte code.
    const decoder = new TextDecoder('gbk');
    const table = new Map<string, number[]>();
    for (let hi = 0x81; hi <= 0xfe; hi++) for (let lo = 0x40; lo <= 0xfe; lo++) table.set(decoder.decode(new Uint8Array([hi, lo])), [hi, lo]);
    const gbk = (text: string) => Buffer.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)));
    const person = { name: '欧阳修', id: residentIdOf('19930505', 605) };
    const response = await uploadRoster(danghu, ids.jiada, 'gbk.csv', gbk(`姓名,身份证号\r\n${person.name},${person.id}\r\n`));
    expect(response.statusCode, response.body).toBe(201);
    expect((await allRows(danghu, response.json().id))[0]).toMatchObject({ name: '欧阳修', outcome: 'new' });

    const json = await danghu.post('/api/member-imports', { orgId: ids.jiada });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.fields[0].field).toBe('file');
    const noFile = await multipartBody({ orgId: String(ids.jiada) });
    const missing = await danghu.request({ method: 'POST', url: '/api/member-imports', payload: noFile.payload, headers: { 'content-type': noFile.contentType } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual([{ field: 'file', reason: expect.stringContaining('请选择') }]);
    const noOrg = await multipartBody({}, { name: 'a.csv', content: '姓名,身份证号\n' });
    const unionless = await danghu.request({ method: 'POST', url: '/api/member-imports', payload: noOrg.payload, headers: { 'content-type': noOrg.contentType } });
    expect(unionless.statusCode).toBe(400);
    expect(unionless.json().error.fields).toEqual([{ field: 'orgId', reason: expect.any(String) }]);
    const town = await uploadRoster(danghu, ids.danghu, 'a.csv', `姓名,身份证号\n${person.name},${person.id}\n`);
    expect(town.statusCode).toBe(400);
    expect(town.json().error.fields).toEqual([{ field: 'orgId', reason: expect.stringContaining('基层工会') }]);
  });
});

describe('scope', () => {
  it('danghu_staff cannot upload to a 钟埭 union, nor see or commit its imports (404); a leader may not import (403)', async () => {
    const person = { name: '司马光', id: residentIdOf('19940606', 606) };
    const roster = `姓名,身份证号\n${person.name},${person.id}\n`;
    const before = await stagingCount();
    const refused = await uploadRoster(danghu, ids.shuntong, '顺通.csv', roster);
    expect(refused.statusCode, refused.body).toBe(404);
    expect(refused.json().error.code).toBe('NOT_FOUND');
    expect(await stagingCount()).toEqual(before);

    const theirs = await uploadRoster(zhongdai, ids.shuntong, '顺通.csv', roster);
    expect(theirs.statusCode, theirs.body).toBe(201);
    const id = theirs.json().id as number;
    for (const url of [`/api/member-imports/${id}`, `/api/member-imports/${id}/rows`, `/api/member-imports/${id}/report.xlsx`]) {
      expect((await danghu.get(url)).statusCode, url).toBe(404);
    }
    expect((await danghu.post(`/api/member-imports/${id}/commit`)).statusCode).toBe(404);
    expect((await danghu.get('/api/member-imports?pageSize=200')).json().items.map((i: Summary) => i.id)).not.toContain(id);

    const leader = await t.login('pinghu_leader', DEMO_PASSWORD);
    expect((await uploadRoster(leader, ids.jiada, 'a.csv', roster)).statusCode).toBe(403);
  });
});

describe('large files are read in the background while the page polls', () => {
  it('returns at the header with state uploaded; the preview is ready when reading ends', async () => {
    const { writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const path = join(tmpdir(), `lianxin-test-roster-${process.pid}.csv`);
    const lines = ['姓名,身份证号'];
    for (let i = 0; i < 300; i++) {
      const birth = `1971${String(1 + (i % 12)).padStart(2, '0')}${String(1 + Math.floor(i / 12)).padStart(2, '0')}`;
      lines.push(`测试${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'子丑寅卯辰巳午未申酉戌亥'[i % 12]},${residentIdOf(birth, 700)}`);
    }
    await writeFile(path, lines.join('\n'));
    const root = await t.services.rootOrg();
    const started = await t.services.memberImports.upload(systemActor(root), { orgId: ids.rider_station, fileName: 'big.csv', path, temporary: true, wait: false });
    expect(started.state).toBe('uploaded');
    await t.services.memberImports.drain();
    const done = await t.services.memberImports.get(systemActor(root), started.id);
    expect(done).toMatchObject({ state: 'ready', percent: 100, rowsRead: 300, counts: expect.objectContaining({ total: 300, new: 300 }) });
  });
});

describe('export', () => {
  it('any filtered list as a real xlsx with masked IDs and Chinese headers, audited', async () => {
    const list = (await danghu.get(`/api/members?orgId=${ids.jiada}&sort=name&pageSize=200`)).json() as { items: { name: string; idMasked: string; cardNo: string }[]; total: number };
    expect(list.total).toBeGreaterThan(5);
    const response = await danghu.get(`/api/members/export.xlsx?orgId=${ids.jiada}&sort=name`);
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, '会员证号', '姓名', '身份证号（脱敏）', '性别', '年龄', '手机号', '所在工会', '会籍状态', '就业形态', '工作单位', '所在平台', '入会日期', '会龄起算日', '终止日期']);
    const rows: { cardNo: string; name: string; idMasked: string }[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push({ cardNo: String(row.getCell(1).value), name: String(row.getCell(2).value), idMasked: String(row.getCell(3).value) });
    });
    expect(rows).toEqual(list.items.map((m) => ({ cardNo: m.cardNo, name: m.name, idMasked: m.idMasked })));
    for (const r of rows) expect(r.idMasked).toMatch(/^\d{2}\*{12}[\dX]{4}$/);

    // A filter narrows it the same way as the list.
    const riders = await danghu.get(`/api/members/export.xlsx?employmentForm=delivery_rider`);
    const ridersBook = new ExcelJS.Workbook();
    await ridersBook.xlsx.load(riders.rawPayload as unknown as ArrayBuffer);
    const riderList = (await danghu.get('/api/members?employmentForm=delivery_rider&pageSize=200')).json();
    expect(ridersBook.worksheets[0].rowCount - 1).toBe(riderList.total);

    const [audit] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'member.export')).orderBy(auditLog.id).limit(1);
    expect(audit).toMatchObject({ actorName: '当湖街道工会 干事' });
    expect(audit.after).toMatchObject({ count: list.total, filter: { orgId: ids.jiada, sort: 'name' } });

    // Outside scope: the same as the list (nothing, or 400 for an org that is not there).
    const outside = await danghu.get(`/api/members/export.xlsx?orgId=${ids.shuntong}`);
    expect(outside.statusCode).toBe(200);
    const outsideBook = new ExcelJS.Workbook();
    await outsideBook.xlsx.load(outside.rawPayload as unknown as ArrayBuffer);
    expect(outsideBook.worksheets[0].rowCount).toBe(1);
  });
});
