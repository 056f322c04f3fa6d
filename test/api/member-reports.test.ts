import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/db/client.js';
import { DEMO_PASSWORD, loadDemo } from '../../src/server/demo/load.js';
import { membershipTargets } from '../../src/server/modules/members/reports/schema.js';
import { auditLog } from '../../src/server/platform/audit/schema.js';
import { ADMIN, createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { createSecondCounty, expectError, joinMember, newPerson, submitApplication } from '../support/members.js';

/**
 * 建会入会 reports (seeds/004, the Tianjin rules: 周报告、半月通报、每月例会;
 * "连续两次在通报中排名位次垫底…将向同级党委进行通报"). 平湖市总工会 ranks its
 * towns and streets. Unions are founded through the org API with their 建会
 * date, members join through the public page and are approved by staff, each
 * on a pinned business date, so every figure below is known.
 */

/** The business date the app sees; the seeding moves it. */
let today = '2025-12-30';
let t: TestApp;
let ids: Record<string, number>;
let admin: TestClient;
let pinghu: TestClient;
let danghu: TestClient;
let zhongdai: TestClient;
let leader: TestClient;
let fan: TestClient;
let nanhu: { countyId: number; staff: TestClient };

const TOWNS = ['danghu', 'zhongdai', 'caoqiao', 'xindai', 'xincang', 'zhapu', 'dushangang', 'guangchen', 'linda'] as const;
const NAMES = { danghu: '当湖街道总工会', zhongdai: '钟埭街道总工会', caoqiao: '曹桥街道总工会', xindai: '新埭镇总工会' };

const on = (day: string) => {
  today = day;
};

async function found(parentId: number, name: string, type: string, foundedOn: string) {
  const response = await pinghu.post('/api/orgs', { parentId, name, type, foundedOn });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as number;
}

let people = 0;
/** A worker joins `orgId` on the public page and pinghu staff approve: a membership from `today`. */
async function join(orgId: number, employment: Record<string, unknown> = {}) {
  const person = newPerson(`会员${'甲乙丙丁戊己庚辛壬癸'[people % 10]}${'子丑寅卯辰巳午未申酉戌亥'[Math.floor(people / 10) % 12]}`);
  people++;
  return joinMember(t, pinghu, person, orgId, employment);
}
const rider = { employmentForm: 'delivery_rider', platformName: '美团', employerName: null };
const courier = { employmentForm: 'courier', platformName: '中通快递', employerName: null };
const truckDriver = { employmentForm: 'truck_driver', platformName: '满帮', employerName: null };

const ok = async (response: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) => {
  const r = await response;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
};

const byName = (rows: { districtName: string }[], key: keyof typeof NAMES): any => rows.find((r) => r.districtName === NAMES[key]);
const figures = (f: { newUnions: number; newMembers: number; newFormMembers: number }) => [f.newUnions, f.newMembers, f.newFormMembers];

let caoqiaoLastYear: number;
let transferredIn: number;
const bulletins: { id: number }[] = [];

beforeAll(async () => {
  t = await createTestApp({ today: () => today });
  ids = await loadDemo(t.database.db, t.services);
  admin = await t.login(ADMIN.username, ADMIN.password);
  [pinghu, danghu, zhongdai, leader, fan] = await Promise.all(['pinghu_staff', 'danghu_staff', 'zhongdai_staff', 'pinghu_leader', 'fan_haizhu'].map((u) => t.login(u, DEMO_PASSWORD)));
  nanhu = await createSecondCounty(t, admin, ids.jiaxing);

  // Last year: a union founded and a member joined in 曹桥 — not this year's work.
  on('2025-12-20');
  await found(ids.caoqiao, '平湖曹桥旧年机械有限公司工会', 'grassroots', '2025-12-20');
  on('2025-12-30');
  caoqiaoLastYear = (await join(ids.caoqiao_textile)).membershipId;
});
afterAll(() => t.close());

describe('目标任务: targets per district and year', () => {
  it('pinghu staff set the 2026 targets of four towns; each change is audited', async () => {
    const body = {
      orgId: ids.pinghu,
      year: 2026,
      items: [
        { districtId: ids.danghu, newUnions: 2, newMembers: 4, newFormMembers: 4 },
        { districtId: ids.zhongdai, newUnions: 1, newMembers: 4, newFormMembers: 2 },
        { districtId: ids.caoqiao, newUnions: 1, newMembers: 2, newFormMembers: 1 },
        { districtId: ids.xindai, newUnions: 1, newMembers: 1, newFormMembers: 1 },
      ],
    };
    const view = await ok(pinghu.put('/api/member-reports/targets', body));
    expect(view.org).toMatchObject({ id: ids.pinghu, name: '平湖市总工会', districtLabel: '镇（街道）' });
    expect(view.canManage).toBe(true);
    expect(view.items.map((i: { districtId: number }) => i.districtId)).toEqual(TOWNS.map((k) => ids[k]));
    expect(view.items.find((i: { districtId: number }) => i.districtId === ids.danghu)).toMatchObject({
      districtName: '当湖街道总工会',
      target: { newUnions: 2, newMembers: 4, newFormMembers: 4 },
      setByName: '平湖市总工会 组织部',
    });
    expect(view.items.find((i: { districtId: number }) => i.districtId === ids.xincang).target).toBeNull();

    const audits = () => t.database.db.select().from(auditLog).where(eq(auditLog.action, 'member_target.set'));
    expect(await audits()).toHaveLength(4);
    // The same values again change nothing and log nothing; one changed value logs one row with before and after.
    await ok(pinghu.put('/api/member-reports/targets', body));
    expect(await audits()).toHaveLength(4);
    await ok(pinghu.put('/api/member-reports/targets', { ...body, items: [{ ...body.items[3], newMembers: 3 }] }));
    await ok(pinghu.put('/api/member-reports/targets', { ...body, items: [body.items[3]] }));
    const rows = await audits();
    expect(rows).toHaveLength(6);
    expect(rows.find((r) => (r.after as { newMembers: number }).newMembers === 3)).toMatchObject({
      tenantId: ids.pinghu,
      entityId: `${ids.xindai}:2026`,
      before: { newUnions: 1, newMembers: 1, newFormMembers: 1 },
    });

    // Stored in the district's tenant with a copy of its path.
    const [stored] = await t.database.db.select().from(membershipTargets).where(and(eq(membershipTargets.districtOrgId, ids.danghu), eq(membershipTargets.year, 2026)));
    const danghuOrg = await ok(pinghu.get(`/api/orgs/${ids.danghu}`));
    expect(stored).toMatchObject({ tenantId: ids.pinghu, districtPath: danghuOrg.path, newUnions: 2 });
  });

  it('readers see the targets but may not set them; a town sets none; a union that is not a district is refused', async () => {
    const view = await ok(leader.get(`/api/member-reports/targets?orgId=${ids.pinghu}&year=2026`));
    expect(view.canManage).toBe(false);
    expect(view.items.find((i: { districtId: number }) => i.districtId === ids.zhongdai).target).toEqual({ newUnions: 1, newMembers: 4, newFormMembers: 2 });
    const item = { districtId: ids.danghu, newUnions: 9, newMembers: 9, newFormMembers: 9 };
    expectError(await leader.put('/api/member-reports/targets', { orgId: ids.pinghu, year: 2026, items: [item] }), 403, 'FORBIDDEN');
    // A town sets no targets for its own parent's districts: 当湖 cannot see 平湖.
    expectError(await danghu.put('/api/member-reports/targets', { orgId: ids.pinghu, year: 2026, items: [item] }), 404, 'NOT_FOUND');
    // A town ranks nobody: it sets no targets, its own come from 平湖 (「a town's own progress」 below).
    const town = expectError(await danghu.put('/api/member-reports/targets', { orgId: ids.danghu, year: 2026, items: [item] }), 400, 'VALIDATION');
    expect(town.message).toBe('当湖街道总工会是镇街工会，没有下辖的县（市、区）或镇（街道）可供排名，不能设定目标任务：本单位的年度目标任务由上级工会下达。');
    const wrong = expectError(await pinghu.put('/api/member-reports/targets', { orgId: ids.pinghu, year: 2026, items: [{ ...item, districtId: ids.jiada }] }), 400, 'VALIDATION');
    expect(wrong.fields).toEqual([{ field: 'items.0.districtId', reason: expect.stringContaining('不是「平湖市总工会」下辖') }]);
    expectError(await pinghu.put('/api/member-reports/targets', { orgId: ids.pinghu, year: 2026, items: [{ ...item, newMembers: -1 }] }), 400, 'VALIDATION');
    // Nothing of the refused writes landed.
    expect((await ok(pinghu.get(`/api/member-reports/targets?orgId=${ids.pinghu}&year=2026`))).items[0].target).toEqual({ newUnions: 2, newMembers: 4, newFormMembers: 4 });
  });
});

describe('周报告: the week of 2 to 8 March 2026', () => {
  beforeAll(async () => {
    // 3 March: a new grassroots union in 当湖 (建会). 4 March: a joint union in 钟埭; members join.
    on('2026-03-03');
    const danghuNew = await found(ids.danghu, '平湖当湖新兴科技有限公司工会', 'grassroots', '2026-03-03');
    on('2026-03-04');
    await found(ids.zhongdai, '钟埭街道物流园区联合工会', 'joint', '2026-03-04');
    await join(ids.rider_station, rider);
    await join(ids.rider_station, rider);
    await join(danghuNew, { employerName: '平湖当湖新兴科技有限公司' });
    await join(ids.shuntong, courier);
    // 5 March: the county-wide joint union (not in any town) founds a union and takes a truck driver.
    on('2026-03-05');
    await found(ids.new_forms, '平湖市货运司机工会', 'grassroots', '2026-03-05');
    await join(ids.courier_union, truckDriver);
    // A pending application is not a member.
    await submitApplication(t, newPerson('待审申请'), ids.jiada);
    // 6 March: last year's 曹桥 member moves to 顺通物流 (钟埭): the same member, not a new one.
    on('2026-03-06');
    const requested = await ok(pinghu.post('/api/transfers', { membershipId: caoqiaoLastYear, toOrgId: ids.shuntong, reason: '更换工作单位' }), 201);
    expect((await pinghu.post(`/api/transfers/${requested.id}/actions`, { action: 'confirm' })).statusCode).toBe(204);
    expect((await pinghu.post(`/api/transfers/${requested.id}/actions`, { action: 'accept' })).statusCode).toBe(204);
    transferredIn = requested.id;
  });

  it('counts per town: unions founded, members joined by employment form, year to date against the target', async () => {
    const report = await ok(leader.get(`/api/member-reports/weekly?orgId=${ids.pinghu}&date=2026-03-05`));
    expect(report).toMatchObject({ year: 2026, weekStart: '2026-03-02', weekEnd: '2026-03-08', asOf: '2026-03-06', org: { id: ids.pinghu } });
    expect(report.rows.map((r: { districtId: number }) => r.districtId)).toEqual(TOWNS.map((k) => ids[k]));

    const d = byName(report.rows, 'danghu');
    expect(figures(d.week)).toEqual([1, 3, 2]);
    expect(d.week.byForm).toMatchObject({ delivery_rider: 2, standard: 1, courier: 0 });
    expect(figures(d.ytd)).toEqual([1, 3, 2]);
    expect(d.target).toEqual({ newUnions: 2, newMembers: 4, newFormMembers: 4 });
    expect(d.rates).toEqual({ newUnions: 0.5, newMembers: 0.75, newFormMembers: 0.5 });

    const z = byName(report.rows, 'zhongdai');
    // The transferred member is not counted as new in 钟埭.
    expect(figures(z.week)).toEqual([1, 1, 1]);
    expect(z.week.byForm.courier).toBe(1);
    expect(z.rates).toEqual({ newUnions: 1, newMembers: 0.25, newFormMembers: 0.5 });

    // Last year's union and member count nowhere this year.
    const c = byName(report.rows, 'caoqiao');
    expect([...figures(c.week), ...figures(c.ytd)]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(c.rates).toEqual({ newUnions: 0, newMembers: 0, newFormMembers: 0 });
    const xincang = report.rows.find((r: { districtId: number }) => r.districtId === ids.xincang);
    expect(xincang.target).toBeNull();
    expect(xincang.rates).toEqual({ newUnions: null, newMembers: null, newFormMembers: null });

    // Units directly under 平湖 are in the total, not in a town.
    expect(figures(report.direct.week)).toEqual([1, 1, 1]);
    expect(report.direct.week.byForm.truck_driver).toBe(1);
    expect(figures(report.total.week)).toEqual([3, 5, 4]);
    expect(report.total.target).toEqual({ newUnions: 5, newMembers: 11, newFormMembers: 8 });
    expect(report.total.rates).toEqual({ newUnions: 0.6, newMembers: 0.4545, newFormMembers: 0.5 });
  });

  it('the next week counts only its own joins; the year to date keeps growing', async () => {
    on('2026-03-09');
    await join(ids.jiada);
    on('2026-03-10');
    await join(ids.xindai_food, { employerName: '平湖新埭食品有限公司' });
    const report = await ok(pinghu.get(`/api/member-reports/weekly?orgId=${ids.pinghu}&date=2026-03-15`));
    expect(report).toMatchObject({ weekStart: '2026-03-09', weekEnd: '2026-03-15' });
    const d = byName(report.rows, 'danghu');
    expect(figures(d.week)).toEqual([0, 1, 0]);
    expect(figures(d.ytd)).toEqual([1, 4, 2]);
    expect(d.rates.newMembers).toBe(1);
    expect(figures(byName(report.rows, 'xindai').week)).toEqual([0, 1, 0]);
    expect(figures(report.total.week)).toEqual([0, 2, 0]);
    expect(figures(report.total.ytd)).toEqual([3, 7, 4]);
    // Without a date: the week of today (Tuesday 10 March).
    expect(await ok(pinghu.get(`/api/member-reports/weekly?orgId=${ids.pinghu}`))).toMatchObject({ weekStart: '2026-03-09', weekEnd: '2026-03-15' });
  });

  it('exports the weekly report as xlsx', async () => {
    const response = await pinghu.get(`/api/member-reports/weekly/export.xlsx?orgId=${ids.pinghu}&date=2026-03-05`);
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('周报告')!;
    const danghuRow = sheet.getRows(1, sheet.rowCount)!.find((r) => r.getCell(2).value === '当湖街道总工会')!;
    expect([3, 4, 5].map((c) => danghuRow.getCell(c).value)).toEqual([1, 3, 2]);
  });

  it('refuses bad dates', async () => {
    expectError(await pinghu.get(`/api/member-reports/weekly?orgId=${ids.pinghu}&date=2026-02-30`), 400, 'VALIDATION');
    expectError(await pinghu.get(`/api/member-reports/weekly?orgId=${ids.pinghu}&date=20260305`), 400, 'VALIDATION');
  });
});

describe('半月通报: ranking, freezing and the last-twice-running flag', () => {
  it('previews, then issues the bulletin of 1–15 March: completion rates, the capped mean, ranks', async () => {
    on('2026-03-16');
    const preview = await ok(pinghu.get(`/api/member-reports/bulletins/preview?orgId=${ids.pinghu}&periodEnd=2026-03-15`));
    expect(preview).toMatchObject({ periodStart: '2026-03-01', periodEnd: '2026-03-15', issuedId: null, previous: null });

    const b = await ok(pinghu.post('/api/member-reports/bulletins', { orgId: ids.pinghu, periodEnd: '2026-03-15' }), 201);
    bulletins.push(b);
    expect(b).toMatchObject({
      orgId: ids.pinghu,
      title: '平湖市总工会关于建会入会工作进展情况的通报（第1期）',
      year: 2026,
      issueNo: 1,
      periodStart: '2026-03-01',
      periodEnd: '2026-03-15',
      issuedByName: '平湖市总工会 组织部',
      lastNames: ['曹桥街道总工会'],
      flaggedNames: [],
    });
    expect(b.rows).toEqual(preview.rows);
    // Ranked towns first, by score; towns without targets follow, unranked.
    expect(b.rows.slice(0, 4).map((r: any) => [r.districtName, r.rank, r.score, r.last, r.flagged])).toEqual([
      ['当湖街道总工会', 1, 0.6667, false, false],
      ['钟埭街道总工会', 2, 0.5833, false, false],
      ['新埭镇总工会', 3, 0.3333, false, false],
      ['曹桥街道总工会', 4, 0, true, false],
    ]);
    expect(b.rows.slice(4).every((r: any) => r.rank === null && r.score === null && !r.last && !r.flagged)).toBe(true);
    expect(b.rows).toHaveLength(9);
    const d = byName(b.rows, 'danghu');
    expect(figures(d.period)).toEqual([1, 4, 2]);
    expect(d.rates).toEqual({ newUnions: 0.5, newMembers: 1, newFormMembers: 0.5 });
    expect(figures(b.total.ytd)).toEqual([3, 7, 4]);
    expect(figures(b.direct.period)).toEqual([1, 1, 1]);

    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'member_bulletin.issue'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entityId: String(b.id), tenantId: ids.pinghu, summary: expect.stringContaining('第1期') });
  });

  it('a period is issued once (409); a period end must be the 15th or the month end, and past', async () => {
    expectError(await pinghu.post('/api/member-reports/bulletins', { orgId: ids.pinghu, periodEnd: '2026-03-15' }), 409, 'CONFLICT');
    expectError(await pinghu.post('/api/member-reports/bulletins', { orgId: ids.pinghu, periodEnd: '2026-03-14' }), 400, 'VALIDATION');
    expectError(await pinghu.post('/api/member-reports/bulletins', { orgId: ids.pinghu, periodEnd: '2026-03-31' }), 400, 'VALIDATION');
    // A town ranks nobody: the refusal says why, in words (no field name in front).
    const town = expectError(await pinghu.post('/api/member-reports/bulletins', { orgId: ids.danghu, periodEnd: '2026-03-15' }), 400, 'VALIDATION');
    expect(town.message).toBe('当湖街道总工会是镇街工会，没有下辖的县（市、区）或镇（街道）可供排名，不能发布半月通报：半月通报由上级工会发布（县级工会排名所辖镇（街道），市级工会排名所辖县（市、区））。');
    expect(town.fields).toEqual([{ field: 'orgId', reason: town.message.slice(0, -1) }]);
    const preview = await ok(pinghu.get(`/api/member-reports/bulletins/preview?orgId=${ids.pinghu}&periodEnd=2026-03-15`));
    expect(preview.issuedId).toBe(bulletins[0].id);
  });

  it('the second bulletin flags the town last twice running; the first stays as issued', async () => {
    on('2026-03-20');
    // 当湖 goes past its member target: 6 of 4 is 150%, counted as 100% in the mean.
    await join(ids.jiada);
    await join(ids.jiada);
    on('2026-04-01');
    const b = await ok(pinghu.post('/api/member-reports/bulletins', { orgId: ids.pinghu, periodEnd: '2026-03-31' }), 201);
    bulletins.push(b);
    expect(b).toMatchObject({ issueNo: 2, periodStart: '2026-03-16', periodEnd: '2026-03-31', lastNames: ['曹桥街道总工会'], flaggedNames: ['曹桥街道总工会'] });
    const d = byName(b.rows, 'danghu');
    expect(d.rates.newMembers).toBe(1.5);
    expect(d.score).toBe(0.6667);
    expect(figures(d.period)).toEqual([0, 2, 0]);
    expect(byName(b.rows, 'caoqiao')).toMatchObject({ rank: 4, last: true, flagged: true });

    // Frozen: the first bulletin still says what it said.
    const first = await ok(pinghu.get(`/api/member-reports/bulletins/${bulletins[0].id}`));
    expect(figures(byName(first.rows, 'danghu').ytd)).toEqual([1, 4, 2]);
    expect(first.flaggedNames).toEqual([]);
  });

  it('a third bulletin where another town is last flags nobody', async () => {
    on('2026-04-02');
    const union = await found(ids.caoqiao, '平湖曹桥快递服务站工会', 'grassroots', '2026-04-02');
    on('2026-04-03');
    await join(union, courier);
    await join(union, { employerName: '平湖曹桥快递服务站' });
    on('2026-04-16');
    const b = await ok(pinghu.post('/api/member-reports/bulletins', { orgId: ids.pinghu, periodEnd: '2026-04-15' }), 201);
    bulletins.push(b);
    expect(b.issueNo).toBe(3);
    expect(b.rows.slice(0, 4).map((r: any) => [r.districtName, r.rank, r.score, r.last, r.flagged])).toEqual([
      ['曹桥街道总工会', 1, 1, false, false],
      ['当湖街道总工会', 2, 0.6667, false, false],
      ['钟埭街道总工会', 3, 0.5833, false, false],
      ['新埭镇总工会', 4, 0.3333, true, false],
    ]);
    expect(b.lastNames).toEqual(['新埭镇总工会']);
    expect(b.flaggedNames).toEqual([]);
  });

  it('lists the issued bulletins, newest first, within scope', async () => {
    const list = await ok(leader.get(`/api/member-reports/bulletins?orgId=${ids.pinghu}`));
    expect(list.total).toBe(3);
    expect(list.items.map((i: any) => [i.issueNo, i.periodEnd, i.flaggedNames])).toEqual([
      [3, '2026-04-15', []],
      [2, '2026-03-31', ['曹桥街道总工会']],
      [1, '2026-03-15', []],
    ]);
    expect(list.items[0]).toMatchObject({ districtCount: 9, districtLabel: '镇（街道）' });
    expect(list.items[0].rows).toBeUndefined();
    expect((await ok(admin.get('/api/member-reports/bulletins?year=2026'))).total).toBe(3);
    expect((await ok(admin.get('/api/member-reports/bulletins?year=2025'))).total).toBe(0);
    // A town's staff see the county's bulletins that rank their town (「a town's own progress」 below).
    expect(await ok(danghu.get('/api/member-reports/bulletins'))).toMatchObject({ total: 3 });
  });

  it('exports a real .docx: the title, every town, the rates and the flagged town', async () => {
    const response = await pinghu.get(`/api/member-reports/bulletins/${bulletins[1].id}/export.docx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(response.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('平湖市总工会关于建会入会工作进展情况的通报（第2期）.docx')}`);
    const zip = await JSZip.loadAsync(response.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('平湖市总工会关于建会入会工作进展情况的通报（第2期）');
    expect(text).toContain('2026年3月16日—2026年3月31日');
    for (const town of Object.values(NAMES)) expect(text).toContain(town);
    expect(text).toContain('66.7%');
    expect(text).toContain('150.0%');
    expect(text).toContain('连续两次在通报中排名末位的单位：曹桥街道总工会。根据建会入会工作督导推动机制，将向同级党委进行通报。');
  });

  it('exports a real .xlsx with the ranking as numbers', async () => {
    const response = await leader.get(`/api/member-reports/bulletins/${bulletins[1].id}/export.xlsx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('半月通报')!;
    expect(sheet.getCell('A1').value).toBe('平湖市总工会关于建会入会工作进展情况的通报（第2期）');
    const rows = sheet.getRows(5, sheet.rowCount - 4)!;
    const row = (name: string) => rows.find((r) => r.getCell(2).value === name)!;
    // 排名, 单位, 本期×3, 累计×3, 目标×3, 完成率×3, 综合, 备注
    const danghuRow = row('当湖街道总工会');
    expect(danghuRow.getCell(1).value).toBe(1);
    expect([6, 7, 8].map((c) => danghuRow.getCell(c).value)).toEqual([1, 6, 2]);
    expect(danghuRow.getCell(13).value).toBe(1.5);
    expect(danghuRow.getCell(15).value).toBe(0.6667);
    expect(row('曹桥街道总工会').getCell(16).value).toBe('连续两次排名末位');
    expect(row('合计').getCell(6).value).toBe(3);
  });
});

describe('月例会: monthly figures with the movement in rank', () => {
  it('March: the month, the year to date and the move from February', async () => {
    const report = await ok(pinghu.get(`/api/member-reports/monthly?orgId=${ids.pinghu}&month=2026-03`));
    expect(report).toMatchObject({ year: 2026, month: '2026-03', monthStart: '2026-03-01', monthEnd: '2026-03-31', previousMonth: '2026-02' });
    expect(report.rows.slice(0, 4).map((r: any) => [r.districtName, r.rank, r.previousRank, r.movement])).toEqual([
      // In February nobody had done anything: all tied first, nobody last.
      ['当湖街道总工会', 1, 1, 0],
      ['钟埭街道总工会', 2, 1, -1],
      ['新埭镇总工会', 3, 1, -2],
      ['曹桥街道总工会', 4, 1, -3],
    ]);
    expect(figures(byName(report.rows, 'danghu').month)).toEqual([1, 6, 2]);
    expect(figures(report.total.month)).toEqual([3, 9, 4]);
  });

  it('April: 曹桥 climbs from fourth to first', async () => {
    const report = await ok(leader.get(`/api/member-reports/monthly?orgId=${ids.pinghu}&month=2026-04`));
    const c = byName(report.rows, 'caoqiao');
    expect(c).toMatchObject({ rank: 1, previousRank: 4, movement: 3, score: 1 });
    expect(figures(c.month)).toEqual([1, 2, 1]);
    expect(byName(report.rows, 'xindai')).toMatchObject({ rank: 4, previousRank: 3, movement: -1, last: true });
    expectError(await pinghu.get(`/api/member-reports/monthly?orgId=${ids.pinghu}&month=2026-13`), 400, 'VALIDATION');
  });

  it('exports the monthly figures as xlsx', async () => {
    const response = await pinghu.get(`/api/member-reports/monthly/export.xlsx?orgId=${ids.pinghu}&month=2026-04`);
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('月例会数据')!;
    expect(sheet.getCell('A1').value).toBe('平湖市总工会2026年4月建会入会工作例会数据');
    const caoqiao = sheet.getRows(5, sheet.rowCount - 4)!.find((r) => r.getCell(2).value === '曹桥街道总工会')!;
    expect([caoqiao.getCell(1).value, caoqiao.getCell(16).value, caoqiao.getCell(17).value]).toEqual([1, 4, '↑3']);
  });
});

describe('会员构成: members of a subtree by status and employment form', () => {
  it('counts the county, each town and the 直属 joint union', async () => {
    const c = await ok(leader.get(`/api/member-reports/composition?orgId=${ids.pinghu}`));
    const byStatus = Object.fromEntries(c.byStatus.map((s: any) => [s.status, s.n]));
    const byForm = Object.fromEntries(c.byForm.map((f: any) => [f.form, f.n]));
    // 6 当湖, 2 钟埭 (one moved in), 1 新埭, 2 曹桥, 1 直属; the moved member's old row is 已转出.
    expect(byStatus).toMatchObject({ active: 12, retained: 0, transferred: 1, withdrawn: 0 });
    expect(c.current).toBe(12);
    expect(byForm).toEqual({ standard: 7, flexible: 0, truck_driver: 1, ride_hailing_driver: 0, courier: 2, delivery_rider: 2 });
    expect(c.newFormMembers).toBe(5);
    const child = (id: number) => c.children.find((x: any) => x.orgId === id);
    expect(child(ids.danghu)).toMatchObject({ current: 6, newFormMembers: 2 });
    expect(child(ids.zhongdai)).toMatchObject({ current: 2, newFormMembers: 1 });
    expect(child(ids.caoqiao)).toMatchObject({ current: 2, newFormMembers: 1 });
    expect(child(ids.new_forms)).toMatchObject({ current: 1, newFormMembers: 1, typeLabel: '联合工会' });
    expect(child(ids.xincang)).toMatchObject({ current: 0 });
    expect(transferredIn).toBeGreaterThan(0);
  });

  it('a town sees its own subtree; a grassroots union its own members', async () => {
    const c = await ok(danghu.get(`/api/member-reports/composition?orgId=${ids.danghu}`));
    expect(c.current).toBe(6);
    expect(c.children.find((x: any) => x.orgId === ids.rider_station)).toMatchObject({ current: 2, newFormMembers: 2 });
    const station = await ok(danghu.get(`/api/member-reports/composition?orgId=${ids.rider_station}`));
    expect(station).toMatchObject({ current: 2, own: { current: 2, newFormMembers: 2 }, children: [] });
  });
});

/** The three measures of a subtree over a date range, counted straight from the tables: what a report must say. */
async function recount(orgId: number, from: string, to: string) {
  const subtree = sql`(select path from orgs where id = ${orgId})`;
  const [unions] = await queryRows<{ n: number }>(
    t.database.db,
    sql`select count(*)::int as n from orgs
        where path <@ ${subtree} and type in ('grassroots', 'joint', 'platform') and active and founded_on between ${from} and ${to}`,
  );
  const [members] = await queryRows<{ n: number; forms: number }>(
    t.database.db,
    sql`select count(*)::int as n,
               count(*) filter (where employment_form in ('truck_driver', 'ride_hailing_driver', 'courier', 'delivery_rider'))::int as forms
        from memberships where org_path <@ ${subtree} and joined_on between ${from} and ${to} and source <> 'transfer'`,
  );
  return [unions.n, members.n, members.forms];
}

type Measured = { newUnions: number; newMembers: number; newFormMembers: number };
const sumOf = (list: Measured[]) => list.reduce((s, f) => s.map((n, i) => n + figures(f)[i]), [0, 0, 0]);
const NO_RATES = { newUnions: null, newMembers: null, newFormMembers: null };

describe('a town’s own progress: 当湖 ranks nobody, so its reports are its own figures against the target 平湖 set', () => {
  it('目标任务: the target 平湖 set for 当湖 and the year so far, read-only', async () => {
    const view = await ok(danghu.get(`/api/member-reports/targets?orgId=${ids.danghu}&year=2026`));
    expect(view).toMatchObject({ org: { id: ids.danghu, ranksDistricts: false, directLabel: '本级' }, year: 2026, canManage: false, items: [] });
    expect(view.own).toMatchObject({ parentName: '平湖市总工会', target: { newUnions: 2, newMembers: 4, newFormMembers: 4 }, setByName: '平湖市总工会 组织部', asOf: '2026-04-16' });
    expect(figures(view.own.ytd)).toEqual(await recount(ids.danghu, '2026-01-01', '2026-04-16'));
    expect(figures(view.own.ytd)).toEqual([1, 6, 2]);
    expect(view.own.rates).toEqual({ newUnions: 0.5, newMembers: 1.5, newFormMembers: 0.5 });
    // A year without a target: nothing set, nothing to rate.
    expect((await ok(danghu.get(`/api/member-reports/targets?orgId=${ids.danghu}&year=2025`))).own).toMatchObject({ target: null, setByName: null, rates: NO_RATES });
  });

  it('周报告: 当湖 and below it each direct unit, unranked; the total is the town’s row of the county’s report', async () => {
    const report = await ok(danghu.get(`/api/member-reports/weekly?orgId=${ids.danghu}&date=2026-03-05`));
    const county = byName((await ok(pinghu.get(`/api/member-reports/weekly?orgId=${ids.pinghu}&date=2026-03-05`))).rows, 'danghu');
    expect(figures(report.total.week)).toEqual(await recount(ids.danghu, '2026-03-02', '2026-03-08'));
    expect(figures(report.total.week)).toEqual(figures(county.week));
    expect(figures(report.total.ytd)).toEqual(figures(county.ytd));
    expect(report.total.week.byForm).toEqual(county.week.byForm);
    expect(report.total).toMatchObject({ target: { newUnions: 2, newMembers: 4, newFormMembers: 4 }, rates: county.rates });
    // A town holds no members of its own: every figure is in a unit's row.
    expect(report.direct).toBeNull();
    expect(sumOf(report.rows.map((r: any) => r.week))).toEqual(figures(report.total.week));
    expect(sumOf(report.rows.map((r: any) => r.ytd))).toEqual(figures(report.total.ytd));
    const station = report.rows.find((r: any) => r.districtId === ids.rider_station);
    expect(figures(station.week)).toEqual([0, 2, 2]);
    expect(report.rows.find((r: any) => r.districtName === '平湖当湖新兴科技有限公司工会')).toMatchObject({ week: { newUnions: 1, newMembers: 1 } });
    expect(report.rows.every((r: any) => r.target === null && r.rates.newMembers === null)).toBe(true);
    // A grassroots union: its own members are its 本级 line.
    const jiada = await ok(pinghu.get(`/api/member-reports/weekly?orgId=${ids.jiada}&date=2026-03-10`));
    expect(jiada).toMatchObject({ org: { ranksDistricts: false }, rows: [] });
    expect(figures(jiada.direct.week)).toEqual(figures(jiada.total.week));
    expect(figures(jiada.total.week)).toEqual(await recount(ids.jiada, '2026-03-09', '2026-03-15'));
  });

  it('月例会: the month and the year to date of 当湖 by unit, without ranks', async () => {
    const report = await ok(danghu.get(`/api/member-reports/monthly?orgId=${ids.danghu}&month=2026-03`));
    expect(figures(report.total.month)).toEqual(await recount(ids.danghu, '2026-03-01', '2026-03-31'));
    expect(figures(report.total.month)).toEqual([1, 6, 2]);
    expect(report.total).toMatchObject({ target: { newUnions: 2, newMembers: 4, newFormMembers: 4 }, rates: { newUnions: 0.5, newMembers: 1.5, newFormMembers: 0.5 } });
    expect(report.direct).toBeNull();
    expect(sumOf(report.rows.map((r: any) => r.month))).toEqual(figures(report.total.month));
    expect(report.rows.every((r: any) => r.rank === null && r.score === null && !r.last && r.previousRank === null && r.movement === null)).toBe(true);
  });

  it('exports the weekly and monthly figures of 当湖: its units, then its total against its target', async () => {
    const sheetOf = async (url: string, name: string) => {
      const response = await danghu.get(url);
      expect(response.statusCode, response.body).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet(name)!;
      return { sheet, rows: sheet.getRows(5, sheet.rowCount - 4)! };
    };
    const weekly = await sheetOf(`/api/member-reports/weekly/export.xlsx?orgId=${ids.danghu}&date=2026-03-05`, '周报告');
    expect(weekly.sheet.getCell('A1').value).toBe('当湖街道总工会建会入会工作周报告');
    const total = weekly.rows.find((r) => r.getCell(2).value === '合计')!;
    // 序号, 单位, 本周×3, 累计×3, 目标×3, 完成率×3
    expect([3, 4, 5, 9, 10, 11].map((c) => total.getCell(c).value)).toEqual([1, 3, 2, 2, 4, 4]);
    expect(weekly.rows.find((r) => r.getCell(2).value === '平湖市外卖配送当湖站点工会')).toBeDefined();
    expect(weekly.rows.some((r) => String(r.getCell(1).value).includes('年度目标任务由上级工会下达'))).toBe(true);

    const monthly = await sheetOf(`/api/member-reports/monthly/export.xlsx?orgId=${ids.danghu}&month=2026-03`, '月例会数据');
    // No ranking: 单位 comes first, and no 综合完成率 or 位次变化.
    expect(monthly.sheet.getCell('A3').value).toBe('单位');
    expect(monthly.sheet.getRow(3).values).not.toContain('位次变化');
    const monthTotal = monthly.rows.find((r) => r.getCell(1).value === '合计')!;
    // 单位, 本月×3, 累计×3, 目标×3, 完成率×3
    expect([2, 3, 4, 8, 9, 10, 12].map((c) => monthTotal.getCell(c).value)).toEqual([1, 6, 2, 2, 4, 4, 1.5]);
  });

  it('半月通报: 当湖 reads 平湖’s bulletins that rank it, with its own standing; it issues none', async () => {
    const list = await ok(danghu.get(`/api/member-reports/bulletins?orgId=${ids.danghu}`));
    expect(list.org).toMatchObject({ id: ids.danghu, ranksDistricts: false });
    expect(list.items.map((i: any) => [i.orgName, i.issueNo])).toEqual([
      ['平湖市总工会', 3],
      ['平湖市总工会', 2],
      ['平湖市总工会', 1],
    ]);
    expect(list.items[0].orgStanding).toEqual({ rank: 2, score: 0.6667, last: false, flagged: false });
    for (const item of list.items) {
      // Each one whole, as circulated: every town's row; the town's standing is its row.
      const b = await ok(danghu.get(`/api/member-reports/bulletins/${item.id}`));
      expect(b.rows).toHaveLength(9);
      const own = byName(b.rows, 'danghu');
      expect(item.orgStanding).toEqual({ rank: own.rank, score: own.score, last: own.last, flagged: own.flagged });
    }
    expect((await danghu.get(`/api/member-reports/bulletins/${list.items[0].id}/export.docx`)).statusCode).toBe(200);
    // The county's staff see the same list for the town; 钟埭 reads the same bulletins for itself.
    expect((await ok(pinghu.get(`/api/member-reports/bulletins?orgId=${ids.danghu}`))).items.map((i: any) => i.id)).toEqual(list.items.map((i: any) => i.id));
    expect((await ok(zhongdai.get(`/api/member-reports/bulletins?orgId=${ids.zhongdai}`))).items[0].orgStanding).toEqual({ rank: 3, score: 0.5833, last: false, flagged: false });

    // Issuing and its preview are refused in words.
    const reason = '当湖街道总工会是镇街工会，没有下辖的县（市、区）或镇（街道）可供排名，不能发布半月通报：半月通报由上级工会发布（县级工会排名所辖镇（街道），市级工会排名所辖县（市、区））。';
    expect(expectError(await danghu.post('/api/member-reports/bulletins', { orgId: ids.danghu, periodEnd: '2026-04-15' }), 400, 'VALIDATION').message).toBe(reason);
    expect(expectError(await danghu.get(`/api/member-reports/bulletins/preview?orgId=${ids.danghu}&periodEnd=2026-04-15`), 400, 'VALIDATION').message).toBe(reason);
  });
});

describe('scope: 404 outside the subtree, 403 without the permission', () => {
  const reads = () => [
    `/api/member-reports/weekly?orgId=${ids.pinghu}`,
    `/api/member-reports/weekly/export.xlsx?orgId=${ids.pinghu}`,
    `/api/member-reports/monthly?orgId=${ids.pinghu}`,
    `/api/member-reports/monthly/export.xlsx?orgId=${ids.pinghu}`,
    `/api/member-reports/composition?orgId=${ids.pinghu}`,
    `/api/member-reports/targets?orgId=${ids.pinghu}&year=2026`,
    `/api/member-reports/bulletins?orgId=${ids.pinghu}`,
    `/api/member-reports/bulletins/preview?orgId=${ids.pinghu}&periodEnd=2026-04-15`,
    `/api/member-reports/bulletins/${bulletins[0].id}`,
    `/api/member-reports/bulletins/${bulletins[0].id}/export.docx`,
    `/api/member-reports/bulletins/${bulletins[0].id}/export.xlsx`,
  ];

  it('a town’s staff get 404 for the county’s reports and a sibling town; they read the bulletins that rank them', async () => {
    const bulletinReads = (url: string) => url.startsWith(`/api/member-reports/bulletins/${bulletins[0].id}`);
    for (const url of reads().filter((url) => !bulletinReads(url))) expectError(await danghu.get(url), 404, 'NOT_FOUND');
    for (const url of reads().filter(bulletinReads)) expect((await danghu.get(url)).statusCode).toBe(200);
    expectError(await zhongdai.get(`/api/member-reports/composition?orgId=${ids.danghu}`), 404, 'NOT_FOUND');
    expectError(await zhongdai.get(`/api/member-reports/composition?orgId=${ids.jiada}`), 404, 'NOT_FOUND');
    expectError(await danghu.post('/api/member-reports/bulletins', { orgId: ids.pinghu, periodEnd: '2026-04-15' }), 404, 'NOT_FOUND');
    // The same answer as for an org that does not exist.
    const sibling = await zhongdai.get(`/api/member-reports/composition?orgId=${ids.danghu}`);
    const missing = await zhongdai.get('/api/member-reports/composition?orgId=987654321');
    expect(sibling.json()).toEqual(missing.json());
  });

  it('another county’s staff get 404 for everything of 平湖', async () => {
    for (const url of reads()) expectError(await nanhu.staff.get(url), 404, 'NOT_FOUND');
    expect(await ok(nanhu.staff.get('/api/member-reports/bulletins'))).toMatchObject({ total: 0 });
  });

  it('a representative has no report permission: 403; a leader reads but does not issue', async () => {
    for (const url of [`/api/member-reports/weekly?orgId=${ids.danghu}`, `/api/member-reports/composition?orgId=${ids.danghu}`, '/api/member-reports/bulletins']) {
      expectError(await fan.get(url), 403, 'FORBIDDEN');
    }
    expectError(await leader.post('/api/member-reports/bulletins', { orgId: ids.pinghu, periodEnd: '2026-04-15' }), 403, 'FORBIDDEN');
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/member-reports/weekly?orgId=${ids.pinghu}` });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('a city ranks its counties; paths follow a moved county', () => {
  it('嘉兴 ranks 平湖 and 南湖; after 南湖 moves to another city its target follows it', async () => {
    on('2026-04-16');
    await ok(admin.put('/api/member-reports/targets', { orgId: ids.jiaxing, year: 2026, items: [{ districtId: nanhu.countyId, newUnions: 1, newMembers: 10, newFormMembers: 5 }, { districtId: ids.pinghu, newUnions: 6, newMembers: 20, newFormMembers: 10 }] }));
    const weekly = await ok(admin.get(`/api/member-reports/weekly?orgId=${ids.jiaxing}&date=2026-04-16`));
    expect(weekly.org.districtLabel).toBe('县（市、区）');
    expect(weekly.rows.map((r: any) => r.districtName)).toEqual(['平湖市总工会', '嘉兴市南湖区总工会']);
    expect(figures(weekly.rows[0].ytd)).toEqual([4, 11, 5]);
    expect(weekly.rows[0].rates).toEqual({ newUnions: 0.6667, newMembers: 0.55, newFormMembers: 0.5 });

    // The city's bulletin ranks its counties: their staff read it; a town, ranked in it by nobody, does not.
    const cityBulletin = await ok(admin.post('/api/member-reports/bulletins', { orgId: ids.jiaxing, periodEnd: '2026-04-15' }), 201);
    for (const reader of [pinghu, nanhu.staff]) expect((await reader.get(`/api/member-reports/bulletins/${cityBulletin.id}`)).statusCode).toBe(200);
    expectError(await danghu.get(`/api/member-reports/bulletins/${cityBulletin.id}`), 404, 'NOT_FOUND');
    expect((await ok(danghu.get('/api/member-reports/bulletins'))).items.map((i: any) => i.orgName)).not.toContain('嘉兴市总工会');

    const huzhou = await ok(admin.post('/api/orgs', { parentId: ids.zhejiang, name: '湖州市总工会', type: 'city', divisionCode: '330500' }), 201);
    const county = await ok(admin.get(`/api/orgs/${nanhu.countyId}`));
    const moved = await ok(admin.post(`/api/orgs/${nanhu.countyId}/move`, { newParentId: huzhou.id, version: county.version }));
    const [row] = await queryRows<{ path: string }>(t.database.db, sql`select district_path::text as path from membership_targets where district_org_id = ${nanhu.countyId}`);
    expect(row.path).toBe(moved.path);
    const targets = await ok(admin.get(`/api/member-reports/targets?orgId=${huzhou.id}&year=2026`));
    expect(targets.items).toEqual([expect.objectContaining({ districtId: nanhu.countyId, target: { newUnions: 1, newMembers: 10, newFormMembers: 5 } })]);
  });
});
