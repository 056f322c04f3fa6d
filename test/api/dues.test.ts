import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkInToken } from '../../src/server/modules/dues/activities.js';
import { CONSTITUTION_RULE, duesAmount } from '../../src/server/modules/dues/rules.js';
import { duesRecords } from '../../src/server/modules/dues/schema.js';
import { memberships } from '../../src/server/modules/members/schema.js';
import { users } from '../../src/server/platform/accounts/schema.js';
import { TEST_SECRET, type TestApp, type TestClient, createAccount } from '../support/app.js';
import { expectCountsKept, expectError, hashOf, joinMember, membershipRow, newPerson, type Person, pinghuDemo } from '../support/members.js';
import { multipartBody } from '../support/roster.js';

/**
 * 会费与组织生活: the amount rule, the payroll import (lines refused with field
 * and reason, all or nothing), the employer's bulk payment, activities and QR
 * check-in, and deemed withdrawal on evidence: a known set of members with
 * gaps, with activity, with no dues data at all.
 */

let today = '2026-11-24';
let t: TestApp;
let ids: Record<string, number>;
let admin: TestClient;
let danghu: TestClient;
let zhongdai: TestClient;
let leader: TestClient;

beforeAll(async () => {
  ({ t, ids, admin, danghu, zhongdai, leader } = await pinghuDemo(() => today));
});
afterAll(() => t.close());
afterEach(() => expectCountsKept(t));

const uploadPayroll = async (client: TestClient, orgId: number, month: string, fileName: string, content: string) => {
  const { payload, contentType } = await multipartBody({}, { name: fileName, content });
  return client.request({ method: 'POST', url: `/api/dues/imports?orgId=${orgId}&month=${month}`, payload, headers: { 'content-type': contentType } });
};
const ok = <T = any>(response: { statusCode: number; body: string; json(): any }, status = 200): T => {
  expect(response.statusCode, response.body).toBe(status);
  return response.json() as T;
};
const duesCount = async () => (await t.database.db.select().from(duesRecords)).length;

describe('the amount rule', () => {
  it('is 0.5% of the wage in fen by default, rounded half up; exempt members pay nothing; no wage, no amount', () => {
    expect(duesAmount(612_345, CONSTITUTION_RULE, null)).toEqual({ amountFen: 3062, exemption: null, exempt: false });
    expect(duesAmount(500_000, CONSTITUTION_RULE, null).amountFen).toBe(2500);
    expect(duesAmount(1, CONSTITUTION_RULE, null).amountFen).toBe(0);
    expect(duesAmount(612_345, { rateBasisPoints: 100, roundToFen: 10 }, null).amountFen).toBe(6120);
    expect(duesAmount(612_345, { rateBasisPoints: 50, roundToFen: 100 }, null).amountFen).toBe(3100);
    expect(duesAmount(612_345, CONSTITUTION_RULE, 'hardship')).toEqual({ amountFen: 0, exemption: 'hardship', exempt: true });
    expect(duesAmount(null, CONSTITUTION_RULE, null)).toEqual({ amountFen: null, exemption: null, exempt: false });
  });

  it('is data: a union’s own rule applies to it and the unions below, the constitution’s elsewhere', async () => {
    expect(ok(await danghu.get(`/api/dues/rules/${ids.jiada}`))).toMatchObject({ rateBasisPoints: 50, roundToFen: 1, ownRule: false, inheritedFrom: null });
    ok(await danghu.put(`/api/dues/rules/${ids.danghu_park}`, { rateBasisPoints: 100, roundToFen: 10 }));
    expect(ok(await danghu.get(`/api/dues/rules/${ids.jiada}`))).toMatchObject({ rateBasisPoints: 100, roundToFen: 10, ownRule: false, inheritedFrom: '当湖街道小微企业园联合工会' });
    expect(ok(await danghu.get(`/api/dues/rules/${ids.rider_station}`))).toMatchObject({ rateBasisPoints: 50, ownRule: false });
    // A leader reads, never sets; a town's staff cannot reach another town's union.
    expectError(await leader.put(`/api/dues/rules/${ids.jiada}`, { rateBasisPoints: 50, roundToFen: 1 }), 403, 'FORBIDDEN');
    expectError(await zhongdai.get(`/api/dues/rules/${ids.jiada}`), 404, 'NOT_FOUND');
    expectError(await danghu.put(`/api/dues/rules/${ids.jiada}`, { rateBasisPoints: 50, roundToFen: 3 }), 400, 'VALIDATION');
    // Back to the constitution for the rest of the file.
    ok(await danghu.put(`/api/dues/rules/${ids.danghu_park}`, { rateBasisPoints: 50, roundToFen: 1 }));
  });
});

describe('the payroll import', () => {
  const P: Record<string, Person> = {};
  const m: Record<string, number> = {};
  const cards: Record<string, string> = {};

  beforeAll(async () => {
    today = '2026-11-24';
    for (const [key, name] of [
      ['a', '沈嘉禾'],
      ['b', '沈嘉木'],
      ['c', '沈嘉言'],
    ] as const) {
      P[key] = newPerson(name);
      m[key] = (await joinMember(t, danghu, P[key], ids.jiada)).membershipId;
      cards[key] = (await membershipRow(t, m[key])).cardNo;
    }
    today = '2026-12-28';
  });

  it('refuses bad lines naming the field and the reason, and a commit while any line is bad writes nothing', async () => {
    const csv = [
      '嘉达公司 2026年12月 工资表',
      '序号,姓名,身份证号,会员证号,应发工资(元)',
      `1,沈嘉禾,${P.a.residentId},,6123.45`,
      `2,沈嘉木,,${cards.b},abc`,
      `3,沈嘉言,110101199003071234,,5000`,
      `4,,${P.c.residentId},,5000`,
      `5,王冒名,${P.c.residentId},,5000`,
      `6,沈嘉禾,${P.a.residentId},,6000`,
      `7,路人甲,,,4000`,
    ].join('\n');
    const before = await duesCount();
    const imp = ok(await uploadPayroll(danghu, ids.jiada, '2026-12', '嘉达12月工资.csv', csv), 201);
    expect(imp).toMatchObject({ lines: 7, rejected: 6, state: 'ready', month: '2026-12-01' });
    const lines = ok(await danghu.get(`/api/dues/imports/${imp.id}/lines?pageSize=50`)).items as { line: number; issues: { field: string; reason: string }[]; amountFen: number | null }[];
    const issuesOf = (line: number) => lines.find((l) => l.line === line)!.issues;
    expect(lines.find((l) => l.line === 3)).toMatchObject({ amountFen: 3062, issues: [] });
    expect(issuesOf(4)).toEqual([{ field: 'wage', reason: expect.stringMatching(/应发工资不是有效金额/) }]);
    expect(issuesOf(5)).toEqual([{ field: 'residentId', reason: expect.stringMatching(/^身份证号/) }]);
    expect(issuesOf(6)).toEqual([{ field: 'name', reason: '缺少姓名' }]);
    expect(issuesOf(7)).toEqual([{ field: 'name', reason: '姓名与会员名册不符（名册为「沈嘉言」）' }]);
    expect(issuesOf(8)).toEqual([{ field: 'month', reason: '与第 3 行是同一会员的同一月份' }]);
    expect(issuesOf(9)).toEqual([{ field: 'residentId', reason: '缺少身份证号或会员证号' }]);
    expect(ok(await danghu.get(`/api/dues/imports/${imp.id}/lines?problemsOnly=true`)).total).toBe(6);

    const refused = expectError(await danghu.post(`/api/dues/imports/${imp.id}/commit`), 400, 'VALIDATION');
    expect(refused.message).toMatch(/6 行有问题.*一行都不导入/);
    expect(await duesCount()).toBe(before);
  });

  it('commits every line of a clean payroll in one go, by ID or card number, with the rule’s amounts', async () => {
    const csv = ['姓名,身份证号,会员证号,月份,应发工资', `沈嘉禾,${P.a.residentId},,2026-11,6123.45`, `沈嘉木,,${cards.b},2026年11月,"5,000.00"`, `沈嘉言,${P.c.residentId},,,4800`].join('\n');
    const imp = ok(await uploadPayroll(danghu, ids.jiada, '2026-12', '工资表.csv', csv), 201);
    expect(imp).toMatchObject({ lines: 3, rejected: 0 });
    const done = ok(await danghu.post(`/api/dues/imports/${imp.id}/commit`));
    expect(done.state).toBe('committed');
    const rows = ok(await danghu.get(`/api/dues?orgId=${ids.jiada}&pageSize=50`)).items as any[];
    const of = (id: number) => rows.filter((r) => r.membershipId === id).map((r) => ({ month: r.month, amountFen: r.amountFen, status: r.status, source: r.sourceLabel }));
    expect(of(m.a)).toEqual([{ month: '2026-11-01', amountFen: 3062, status: 'paid', source: '工资表导入' }]);
    expect(of(m.b)).toEqual([{ month: '2026-11-01', amountFen: 2500, status: 'paid', source: '工资表导入' }]);
    expect(of(m.c)).toEqual([{ month: '2026-12-01', amountFen: 2400, status: 'paid', source: '工资表导入' }]);
    // The members' evidence follows: the paid month counts until its last day.
    expect(await membershipRow(t, m.a)).toMatchObject({ lastDuesOn: '2026-11-30', duesFrom: '2026-11-01' });
    // Twice is refused.
    expectError(await danghu.post(`/api/dues/imports/${imp.id}/commit`), 409, 'CONFLICT');
  });

  it('refuses the whole commit when a member left the union after the preview', async () => {
    const imp = ok(await uploadPayroll(danghu, ids.jiada, '2026-12', '工资表.csv', `姓名,会员证号,应发工资\n沈嘉禾,${cards.a},6000\n沈嘉木,${cards.b},5000\n`), 201);
    expect(imp.rejected).toBe(0);
    const before = await duesCount();
    await t.database.db.update(memberships).set({ status: 'withdrawn' }).where(eq(memberships.id, m.b));
    const refused = expectError(await danghu.post(`/api/dues/imports/${imp.id}/commit`), 409, 'CONFLICT');
    expect(refused.message).toMatch(/第 3 行/);
    expect(await duesCount()).toBe(before);
    await t.database.db.update(memberships).set({ status: 'active' }).where(eq(memberships.id, m.b));
  });

  it('refuses files that are not payrolls, and payrolls of a union outside the scope', async () => {
    expect(expectError(await uploadPayroll(danghu, ids.jiada, '2026-12', 'x.csv', '编号,备注\n1,无\n'), 400, 'VALIDATION').fields).toEqual([
      { field: 'file', reason: expect.stringMatching(/找不到表头.*应发工资/) },
    ]);
    expectError(await uploadPayroll(danghu, ids.jiada, '2027-05', 'x.csv', '姓名,会员证号,应发工资\n'), 400, 'VALIDATION');
    expectError(await uploadPayroll(zhongdai, ids.jiada, '2026-12', 'x.csv', `姓名,会员证号,应发工资\n沈嘉禾,${cards.a},6000\n`), 404, 'NOT_FOUND');
  });

  it('marks a month paid for every current member of a union in bulk, exempt members staying exempt', async () => {
    ok(await danghu.post('/api/dues/exemptions', { orgId: ids.jiada, membershipId: m.c, reason: 'hardship', fromMonth: '2026-12' }), 201);
    const result = ok(await danghu.post('/api/dues/mark-paid', { orgId: ids.jiada, month: '2026-12' }));
    const month = ok(await danghu.get(`/api/dues?orgId=${ids.jiada}&month=2026-12&pageSize=200`));
    const mine = (month.items as any[]).filter((r) => [m.a, m.b, m.c].includes(r.membershipId));
    expect(mine.map((r) => [r.name, r.status, r.amountFen, r.sourceLabel]).sort()).toEqual(
      [
        ['沈嘉木', 'paid', 2500, '单位代缴'],
        ['沈嘉禾', 'paid', 3062, '单位代缴'],
        ['沈嘉言', 'exempt', 0, '单位代缴'],
      ].sort(),
    );
    expect(result.paid + result.exempt).toBe(month.total);
    expect(month.figures.find((f: { status: string }) => f.status === 'exempt').members).toBeGreaterThanOrEqual(1);
    expectError(await leader.post('/api/dues/mark-paid', { orgId: ids.jiada, month: '2026-12' }), 403, 'FORBIDDEN');
    expectError(await danghu.post('/api/dues/mark-paid', { orgId: ids.jiada, month: '2027-02' }), 400, 'VALIDATION');
  });
});

describe('activities and QR check-in', () => {
  let activityId: number;
  let rider: Person;
  let riderMember: number;
  let worker: TestClient;

  beforeAll(async () => {
    today = '2026-12-28';
    rider = newPerson('骆家辉');
    riderMember = (await joinMember(t, danghu, rider, ids.rider_station, { employmentForm: 'delivery_rider', employerName: null, platformName: '美团' })).membershipId;
    const account = await createAccount(t, admin, { username: 'luo_jiahui', displayName: '骆家辉', homeOrgId: ids.rider_station, grants: [{ role: 'worker', orgId: ids.rider_station }] });
    worker = account.client;
    activityId = ok(await danghu.post('/api/activities', { orgId: ids.rider_station, title: '骑手安全骑行培训', heldOn: '2026-12-28', place: '当湖站点骑手驿站' }), 201).id;
    // Not a member yet as far as the account knows: it belongs to nobody.
    const { token } = ok(await danghu.get(`/api/activities/${activityId}/check-in-code`));
    expect(expectError(await worker.post('/api/activities/check-in', { token }), 409, 'CONFLICT').message).toMatch(/尚未关联会员身份/);
    // The account belongs to him, as a sign-in by SMS code links it (accounts/service.ts createWorkerAccount).
    await t.database.db.update(users).set({ personHash: hashOf(rider.residentId) }).where(eq(users.id, account.user.id));
  });

  it('checks a signed-in member in with a fresh code, once, and records it as evidence', async () => {
    const code = ok(await danghu.get(`/api/activities/${activityId}/check-in-code`));
    expect(ok(await worker.post('/api/activities/check-in', { token: code.token }))).toEqual({ title: '骑手安全骑行培训', name: '骆家辉', already: false });
    expect(ok(await worker.post('/api/activities/check-in', { token: code.token })).already).toBe(true);
    const detail = ok(await danghu.get(`/api/activities/${activityId}`));
    expect(detail.attendance).toEqual([expect.objectContaining({ membershipId: riderMember, wayLabel: '扫码签到' })]);
    expect((await membershipRow(t, riderMember)).lastActivityOn).toBe('2026-12-28');
    const listed = ok(await danghu.get(`/api/activities?orgId=${ids.rider_station}`));
    expect(listed.items).toEqual([expect.objectContaining({ id: activityId, title: '骑手安全骑行培训', orgName: '平湖市外卖配送当湖站点工会', attendees: 1 })]);
    expectError(await zhongdai.get(`/api/activities/${activityId}`), 404, 'NOT_FOUND');
  });

  it('refuses a forged, altered or expired code', async () => {
    const { token } = ok(await danghu.get(`/api/activities/${activityId}/check-in-code`));
    const [tenant, id, expires, signature] = token.split('.');
    const forged = checkInToken('another-secret-another-secret-xx', { tenantId: Number(tenant), id: Number(id) }, Number(expires));
    const longer = `${tenant}.${id}.${Number(expires) + 86_400_000}.${signature}`;
    const expired = checkInToken(TEST_SECRET, { tenantId: Number(tenant), id: Number(id) }, Date.now() - 1000);
    for (const bad of [forged, longer, `${tenant}.${id}.${expires}.${signature.slice(0, -2)}AA`, 'garbage']) {
      expect(expectError(await worker.post('/api/activities/check-in', { token: bad }), 400, 'VALIDATION').message, bad).toMatch(/签到码无效/);
    }
    expect(expectError(await worker.post('/api/activities/check-in', { token: expired }), 400, 'VALIDATION').message).toMatch(/签到码已过期/);
  });

  it('refuses someone who is not a member of the activity’s union, and codes on another day', async () => {
    const { token } = ok(await danghu.get(`/api/activities/${activityId}/check-in-code`));
    expectError(await danghu.post('/api/activities/check-in', { token }), 409, 'CONFLICT');
    const later = ok(await danghu.post('/api/activities', { orgId: ids.rider_station, title: '新年座谈会', heldOn: '2027-01-05', place: '站点会议室' }), 201).id;
    expectError(await danghu.get(`/api/activities/${later}/check-in-code`), 400, 'VALIDATION');
    expectError(await danghu.post(`/api/activities/${later}/attendance`, { membershipIds: [riderMember] }), 400, 'VALIDATION');
  });
});

describe('deemed withdrawal on evidence', () => {
  const m: Record<string, number> = {};
  const keys = ['gap', 'paying', 'activity', 'noData', 'short', 'exempt'] as const;

  beforeAll(async () => {
    today = '2026-11-24';
    for (const key of keys) m[key] = (await joinMember(t, zhongdai, newPerson(`金${key === 'noData' ? '无据' : key.slice(0, 2)}明`), ids.hengli)).membershipId;
    today = '2027-08-10';
    const record = async (key: string, month: string, paid: boolean) => ok(await zhongdai.post('/api/dues', { orgId: ids.hengli, membershipId: m[key], month, wageFen: 500_000, paid }));
    const months = ['2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07'];
    for (const [i, month] of months.entries()) {
      await record('gap', month, i < 2); // paid December and January, then nothing
      await record('paying', month, true);
      await record('activity', month, i < 2);
      if (i >= 4) await record('short', month, false); // records only since April
    }
    ok(await zhongdai.post('/api/dues/exemptions', { orgId: ids.hengli, membershipId: m.exempt, reason: 'retired', fromMonth: '2027-01' }), 201);
    for (const month of months) await record('exempt', month, false);
    const activity = ok(await zhongdai.post('/api/activities', { orgId: ids.hengli, title: '职工之家开放日', heldOn: '2027-05-20', place: '恒力公司职工之家' }), 201).id;
    ok(await zhongdai.post(`/api/activities/${activity}/attendance`, { membershipIds: [m.activity] }));
  });

  it('lists only members with six months of evidence and neither dues nor activity, with the evidence, and counts those without data', async () => {
    const list = ok(await zhongdai.get(`/api/members/deemed-withdrawal-candidates?orgId=${ids.hengli}&pageSize=200`));
    expect(list.cutoff).toBe('2027-02-10');
    const listed = (list.items as { id: number }[]).map((r) => r.id);
    expect(listed).toContain(m.gap);
    for (const key of ['paying', 'activity', 'noData', 'short', 'exempt']) expect(listed, key).not.toContain(m[key]);
    expect(list.items.find((r: { id: number }) => r.id === m.gap)).toMatchObject({ lastDuesOn: '2027-01-31', lastActivityOn: null, lastSignOfLife: '2027-01-31' });
    // No dues record at all: not a candidate, counted for the union to fix (with the demo's members of 恒力, none of which has dues).
    expect(list.noDuesData).toBeGreaterThanOrEqual(1);
    const before = list.noDuesData;
    ok(await zhongdai.post('/api/dues', { orgId: ids.hengli, membershipId: m.noData, month: '2027-07', wageFen: null, paid: false }));
    expect(ok(await zhongdai.get(`/api/members/deemed-withdrawal-candidates?orgId=${ids.hengli}`)).noDuesData).toBe(before - 1);
  });

  it('lets staff confirm a candidate and refuses the others with the reason', async () => {
    const act = (id: number) => zhongdai.post(`/api/members/${id}/actions`, { action: 'confirm_deemed_withdrawal' });
    expect(expectError(await act(m.paying), 409, 'INVALID_TRANSITION').message).toMatch(/近六个月内缴纳过会费或参加过活动/);
    expect(expectError(await act(m.short), 409, 'INVALID_TRANSITION').message).toMatch(/会费记录不足六个月/);
    const fresh = (await joinMember(t, zhongdai, newPerson('金新明'), ids.hengli)).membershipId;
    today = '2028-03-01';
    expect(expectError(await act(fresh), 409, 'INVALID_TRANSITION').message).toMatch(/没有任何会费记录/);
    today = '2027-08-10';
    expect((await act(m.gap)).statusCode).toBe(204);
    expect((await membershipRow(t, m.gap)).status).toBe('deemed_withdrawn');
  });
});
