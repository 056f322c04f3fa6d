import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '../../src/server/modules/members/privacy-notice.js';
import { joinApplications, memberships, NEW_FORMS } from '../../src/server/modules/members/schema.js';
import { auditLog } from '../../src/server/platform/audit/schema.js';
import { computeCreditCodeCheckChar, computeResidentIdCheckChar } from '../../src/server/platform/cn-ids.js';
import type { TestApp, TestClient } from '../support/app.js';
import {
  applicationByCode,
  applyToJoin,
  cipher,
  createSecondCounty,
  errorOf,
  expectCountsKept,
  expectError,
  hashOf,
  joinBody,
  joinMember,
  membershipRow,
  membershipsOf,
  newPerson,
  type Person,
  personRow,
  pinghuDemo,
  progress,
  residentIdOf,
  rowCounts,
  setAutoApprove,
  submitApplication,
} from '../support/members.js';

/**
 * Members (会员): one-click joining with the union's decision, the one-open-
 * membership rule under concurrency, the registry list with search, filters
 * and scope, masked and audited resident IDs, and membership status changes
 * including deemed withdrawal. Transfers are in transfers.test.ts.
 */

/** The business date the app sees; tests move it. */
let today = '2026-11-24';
let t: TestApp;
let ids: Record<string, number>;
let admin: TestClient;
let danghu: TestClient;
let zhongdai: TestClient;
let pinghu: TestClient;
let leader: TestClient;
let supervisor: TestClient;

/** Every person made here: no response may ever carry their full ID number. */
const everyone: Person[] = [];
const person = (name: string, birth?: string) => {
  const p = newPerson(name, birth);
  everyone.push(p);
  return p;
};
const expectNoFullIds = (body: string) => {
  for (const p of everyone) expect(body.includes(p.residentId), `${p.name}'s full ID leaked`).toBe(false);
};

const detail = async (client: TestClient, id: number) => {
  const response = await client.get(`/api/members/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  expectNoFullIds(response.body);
  return response.json();
};

const act = (client: TestClient, id: number, action: string, input?: unknown) => client.post(`/api/members/${id}/actions`, input === undefined ? { action } : { action, input });
const decide = (client: TestClient, applicationId: number, action: string, input?: unknown) =>
  client.post(`/api/join-applications/${applicationId}/actions`, input === undefined ? { action } : { action, input });

const list = async (client: TestClient, query: string) => {
  const response = await client.get(`/api/members?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  expectNoFullIds(response.body);
  return response.json() as { items: any[]; total: number; page: number; pageSize: number };
};
const listIds = async (client: TestClient, query: string) => (await list(client, `pageSize=200&${query}`)).items.map((m) => m.id as number);

beforeAll(async () => {
  ({ t, ids, admin, danghu, zhongdai, pinghu, leader, supervisor } = await pinghuDemo(() => today));
});
afterAll(() => t.close());
afterEach(() => expectCountsKept(t));

describe('一键入会: joining on the public page', () => {
  beforeAll(() => {
    today = '2026-11-24';
  });

  it('shows member-holding unions only, with the consent version and nearby joint unions', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/api/public/unions/${ids.jiada}` });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ id: ids.jiada, name: '平湖嘉达光电科技有限公司工会', type: 'grassroots', consentVersion: PRIVACY_NOTICE_VERSION });
    expect(page.json().alternatives.map((a: { id: number }) => a.id)).toEqual(expect.arrayContaining([ids.danghu_park, ids.new_forms]));
    // The form's 就业形态 as the dictionary names and orders them (the phone page has no other source).
    const meta = (await admin.get('/api/members/meta')).json();
    expect(page.json().employmentForms).toEqual(meta.employmentForms.filter((f: { enabled: boolean }) => f.enabled).map(({ code, label }: { code: string; label: string }) => ({ code, label })));
    expect(page.json().employmentForms.map((f: { code: string }) => f.code)).toContain('delivery_rider');
    for (const orgId of [ids.danghu, ids.pinghu, 999_999]) {
      expectError(await t.app.inject({ method: 'GET', url: `/api/public/unions/${orgId}` }), 404, 'NOT_FOUND');
    }
  });

  it('finds member-holding unions by name or pinyin for the transfer page, names only', async () => {
    const find = async (q: string) => {
      const response = await t.app.inject({ method: 'GET', url: `/api/public/unions?q=${encodeURIComponent(q)}` });
      expect(response.statusCode, response.body).toBe(200);
      return response.json().items as { id: number; name: string; type: string; parentName: string | null }[];
    };
    expect(await find('顺通')).toEqual([{ id: ids.shuntong, name: '平湖市顺通物流有限公司工会', type: 'grassroots', parentName: '钟埭街道总工会' }]);
    expect((await find('shuntong')).map((u) => u.id)).toEqual([ids.shuntong]);
    // Towns and county federations take no members: never offered.
    expect((await find('当湖')).map((u) => u.id)).not.toContain(ids.danghu);
    expect((await find('当湖')).map((u) => u.id)).toEqual(expect.arrayContaining([ids.danghu_park, ids.rider_station]));
    expect(await find('不存在的工会名称')).toEqual([]);
    expectError(await t.app.inject({ method: 'GET', url: '/api/public/unions?q=' }), 400, 'VALIDATION');
  });

  it('an application is followed by tracking code; approval opens a membership with a card number from today', async () => {
    const p = person('沈嘉怡');
    const before = await rowCounts(t);
    const { trackingCode, tenantId, applicationId } = await submitApplication(t, p, ids.jiada);
    expect(trackingCode).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(tenantId).toBe(ids.pinghu);

    const pending = await progress(t, tenantId, trackingCode);
    expect(pending.statusCode, pending.body).toBe(200);
    expectNoFullIds(pending.body);
    expect(pending.json()).toMatchObject({ state: 'pending', stateLabel: '待审核', stateTone: 'waiting', settled: false, orgName: '平湖嘉达光电科技有限公司工会', name: '沈嘉怡', decisionReason: null, cardNo: null, canCancel: true });
    expect(pending.json().timeline).toEqual([expect.objectContaining({ seq: 1, action: 'create', from: null, to: 'pending', toLabel: '待审核', actorName: '沈嘉怡' })]);
    const afterApply = await rowCounts(t);
    expect(afterApply.joinApplications).toBe(before.joinApplications + 1);
    expect(afterApply.memberships).toBe(before.memberships);
    expect(afterApply.persons).toBe(before.persons);

    // Stored encrypted and found by keyed hash; shown masked.
    const stored = await applicationByCode(t, tenantId, trackingCode);
    expect(stored.idCipher.toString('latin1')).not.toContain(p.residentId);
    expect(cipher.decrypt(stored.idCipher)).toBe(p.residentId);
    expect(stored.personHash.equals(hashOf(p.residentId))).toBe(true);
    expect(stored.idMasked).toBe(`33************${p.residentId.slice(-4)}`);
    expect(stored.consentVersion).toBe(PRIVACY_NOTICE_VERSION);

    // The union's staff see it with what they may do; other towns do not.
    const queue = await danghu.get('/api/join-applications?state=pending');
    expect(queue.statusCode, queue.body).toBe(200);
    expectNoFullIds(queue.body);
    const item = queue.json().items.find((a: { id: number }) => a.id === applicationId);
    expect(item).toMatchObject({ state: 'pending', name: '沈嘉怡', idMasked: stored.idMasked, phone: p.phone, orgId: ids.jiada, employmentForm: 'standard', employmentFormLabel: '标准劳动关系' });
    expect(item.allowedActions.map((a: { action: string }) => a.action).sort()).toEqual(['approve', 'reject']);
    expect((await zhongdai.get('/api/join-applications?pageSize=200')).json().items.map((a: { id: number }) => a.id)).not.toContain(applicationId);
    expectError(await decide(zhongdai, applicationId, 'approve'), 404, 'NOT_FOUND');
    expectError(await decide(leader, applicationId, 'approve'), 403, 'FORBIDDEN');
    expect(await rowCounts(t)).toEqual(afterApply);

    expect((await decide(danghu, applicationId, 'approve')).statusCode).toBe(204);
    const approved = (await progress(t, tenantId, trackingCode)).json();
    expect(approved).toMatchObject({ state: 'approved', stateLabel: '已批准', stateTone: 'good', settled: true, canCancel: false, decisionReason: null });
    expect(approved.cardNo).toMatch(/^330482\d{4}\d{7}$/);
    expect(approved.timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'approve']);
    expect(approved.timeline[1]).toMatchObject({ seq: 2, from: 'pending', to: 'approved', actorName: '当湖街道工会 干事' });

    const membershipId = (await applicationByCode(t, tenantId, trackingCode)).membershipId!;
    const member = await detail(danghu, membershipId);
    expect(member).toMatchObject({
      id: membershipId,
      tenantId: ids.pinghu,
      name: '沈嘉怡',
      idMasked: stored.idMasked,
      sex: Number(p.residentId[16]) % 2 === 1 ? 'male' : 'female',
      age: 36,
      phone: p.phone,
      cardNo: approved.cardNo,
      status: 'active',
      statusLabel: '正常',
      orgId: ids.jiada,
      orgName: '平湖嘉达光电科技有限公司工会',
      employmentForm: 'standard',
      employerName: '平湖嘉达光电科技有限公司',
      joinedOn: '2026-11-24',
      memberSince: '2026-11-24',
      endedOn: null,
      source: 'online',
      canRevealId: true,
      previousMemberships: [],
      transfers: [],
    });
    expect(member.history).toEqual([expect.objectContaining({ seq: 1, action: 'create', to: 'active', toLabel: '正常' })]);

    const personAfter = await personRow(t, p.residentId);
    expect(personAfter).toMatchObject({ openMembershipId: membershipId, openMembershipTenantId: ids.pinghu, memberSince: '2026-11-24', idMasked: stored.idMasked, name: '沈嘉怡' });
    expect(cipher.decrypt(personAfter.idCipher)).toBe(p.residentId);
    const afterApprove = await rowCounts(t);
    expect(afterApprove.memberships).toBe(before.memberships + 1);
    expect(afterApprove.persons).toBe(before.persons + 1);
  });

  it('rejecting needs a reason, which the applicant then sees', async () => {
    const p = person('韩雪梅');
    const { trackingCode, tenantId, applicationId } = await submitApplication(t, p, ids.jiada);
    for (const input of [undefined, {}, { reason: ' 否 ' }, { reason: '' }]) {
      const error = expectError(await decide(danghu, applicationId, 'reject', input), 400, 'VALIDATION');
      expect(error.fields?.map((f) => f.field)).toEqual(['reason']);
      expect(error.message).toContain('reason');
      if (typeof input?.reason === 'string') expect(error.fields![0].reason).toContain('请填写原因');
    }
    expect((await progress(t, tenantId, trackingCode)).json().state).toBe('pending');

    expect((await decide(danghu, applicationId, 'reject', { reason: '经核实不在本单位工作' })).statusCode).toBe(204);
    const rejected = (await progress(t, tenantId, trackingCode)).json();
    expect(rejected).toMatchObject({ state: 'rejected', stateLabel: '未通过', decisionReason: '经核实不在本单位工作', cardNo: null, canCancel: false });
    expect(rejected.timeline.at(-1)).toMatchObject({ action: 'reject', from: 'pending', to: 'rejected', payload: { reason: '经核实不在本单位工作' } });
    expect(await personRow(t, p.residentId)).toBeUndefined();
    expect(await membershipsOf(t, p.residentId)).toEqual([]);
    expectError(await decide(danghu, applicationId, 'approve'), 409, 'INVALID_TRANSITION');

    // A rejection does not bar a new application.
    await submitApplication(t, p, ids.jiada);
  });

  it('the applicant may cancel while pending, with the tracking code only', async () => {
    const p = person('吕清波');
    const { trackingCode, tenantId, applicationId } = await submitApplication(t, p, ids.meiyi);
    const cancel = (tenant: number, code: string) => t.app.inject({ method: 'POST', url: `/api/public/join/${tenant}/${code}/cancel` });
    expectError(await cancel(tenantId, 'AAAAAAAAAAAAAAAA'), 404, 'NOT_FOUND');
    expectError(await cancel(ids.jiaxing, trackingCode), 404, 'NOT_FOUND');
    expectError(await cancel(tenantId, 'short'), 400, 'VALIDATION');
    expect((await progress(t, tenantId, trackingCode)).json().state).toBe('pending');

    expect((await cancel(tenantId, trackingCode)).statusCode).toBe(204);
    const cancelled = (await progress(t, tenantId, trackingCode)).json();
    expect(cancelled).toMatchObject({ state: 'cancelled', stateLabel: '已撤回', canCancel: false });
    expect(cancelled.timeline.at(-1)).toMatchObject({ action: 'cancel', from: 'pending', to: 'cancelled', actorName: '吕清波' });
    expectError(await cancel(tenantId, trackingCode), 409, 'INVALID_TRANSITION');
    expectError(await decide(danghu, applicationId, 'approve'), 409, 'INVALID_TRANSITION');
    // Staff cannot cancel on the applicant's behalf.
    expect((await danghu.get('/api/join-applications?state=cancelled')).json().items.find((a: { id: number }) => a.id === applicationId).allowedActions).toEqual([]);
    expect(await membershipsOf(t, p.residentId)).toEqual([]);
  });

  it('staff cannot cancel a pending application for the applicant', async () => {
    const p = person('蒋春燕');
    const { applicationId } = await submitApplication(t, p, ids.meiyi);
    expectError(await decide(danghu, applicationId, 'cancel'), 403, 'FORBIDDEN');
  });

  it('approving twice is an invalid transition and opens nothing more', async () => {
    const p = person('姚国庆');
    const { applicationId, membershipId } = await joinMember(t, danghu, p, ids.jiada);
    const before = await rowCounts(t);
    const again = expectError(await decide(danghu, applicationId, 'approve'), 409, 'INVALID_TRANSITION');
    expect(again.message).toContain('已批准');
    expectError(await decide(pinghu, applicationId, 'reject', { reason: '重复操作测试' }), 409, 'INVALID_TRANSITION');
    expect(await rowCounts(t)).toEqual(before);
    expect((await membershipsOf(t, p.residentId)).map((m) => m.id)).toEqual([membershipId]);
  });

  it('a union with autoApproveJoins approves at once', async () => {
    await setAutoApprove(admin, ids.meiyi, true);
    const p = person('柏玉兰');
    const { trackingCode, tenantId, applicationId } = await submitApplication(t, p, ids.meiyi, { employerName: '平湖美衣服饰有限公司' });
    const shown = (await progress(t, tenantId, trackingCode)).json();
    expect(shown).toMatchObject({ state: 'approved', canCancel: false });
    expect(shown.cardNo).toMatch(/^330482\d{4}\d{7}$/);
    expect(shown.timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'approve']);
    expect(shown.timeline[1].actorName).toBe('系统（自动批准）');
    const stored = await applicationByCode(t, tenantId, trackingCode);
    expect(stored).toMatchObject({ state: 'approved', autoApproved: true });
    const member = await detail(danghu, stored.membershipId!);
    expect(member).toMatchObject({ status: 'active', orgId: ids.meiyi, joinedOn: today, memberSince: today, cardNo: shown.cardNo });
    expect((await personRow(t, p.residentId)).openMembershipId).toBe(stored.membershipId);
    expect((await danghu.get('/api/join-applications?state=approved&pageSize=200')).json().items.find((a: { id: number }) => a.id === applicationId).allowedActions).toEqual([]);

    await setAutoApprove(admin, ids.meiyi, false);
    const q = person('柏玉竹');
    const later = await submitApplication(t, q, ids.meiyi, { employerName: '平湖美衣服饰有限公司' });
    expect((await progress(t, later.tenantId, later.trackingCode)).json().state).toBe('pending');
    // Staff approving one that was auto-approved: already decided.
    expectError(await decide(danghu, applicationId, 'approve'), 409, 'INVALID_TRANSITION');
  });
});

describe('bad input is refused with a message naming the field, and nothing is written', () => {
  beforeAll(() => {
    today = '2026-11-24';
  });

  /** Submit `body`; expect `status`/`code` with exactly these fields, and no row written anywhere. */
  async function refused(body: Record<string, unknown>, status: number, code: string, fields: [string, string | RegExp][]) {
    const before = await rowCounts(t);
    const response = await applyToJoin(t, body);
    const error = expectError(response, status, code);
    expect(error.fields?.map((f) => f.field)).toEqual(fields.map(([field]) => field));
    fields.forEach(([field, reason], i) => {
      expect(error.fields![i].reason).toMatch(reason);
      if (code === 'VALIDATION') expect(error.message).toContain(field);
    });
    expect(await rowCounts(t)).toEqual(before);
    return error;
  }

  it('an ID number with a wrong check character', async () => {
    const p = person('邹文斌');
    const wrong = p.residentId.slice(0, 17) + (p.residentId[17] === '0' ? '1' : '0');
    const error = await refused(joinBody({ ...p, residentId: wrong }, ids.jiada), 400, 'VALIDATION', [['residentId', '校验码错误']]);
    expect(error.message).toContain('校验码错误');
  });

  it('an ID number with an impossible birth date', async () => {
    const first17 = '33048219900230123';
    await refused(joinBody({ ...person('喻晓峰'), residentId: first17 + computeResidentIdCheckChar(first17) }, ids.jiada), 400, 'VALIDATION', [['residentId', '出生日期不存在']]);
  });

  it('an applicant under 16 on the pinned today; 16 exactly is old enough', async () => {
    // today is 2026-11-24: born 2010-11-25 turns 16 tomorrow.
    const young = { ...person('柳小雨'), residentId: residentIdOf('20101125', 880) };
    const error = await refused(joinBody(young, ids.jiada), 400, 'VALIDATION', [['residentId', /未满 16 周岁/]]);
    expect(error.message).toContain('未满 16 周岁');
    const sixteen = { ...person('柳小云'), residentId: residentIdOf('20101124', 881) };
    everyone.push(sixteen);
    expect((await applyToJoin(t, joinBody(sixteen, ids.jiada))).statusCode).toBe(201);
  });

  it('an invalid mobile number', async () => {
    for (const phone of ['1234567890', '12812345678', '139123456789', '']) {
      await refused(joinBody({ ...person('田志刚'), phone }, ids.jiada), 400, 'VALIDATION', [['phone', phone ? '手机号格式不正确' : '请填写手机号']]);
    }
  });

  it('an unknown union, a town union and a county federation', async () => {
    await refused(joinBody(person('石建华'), 999_999), 400, 'VALIDATION', [['orgId', '工会不存在或已撤销']]);
    await refused(joinBody(person('石建国'), ids.danghu), 400, 'VALIDATION', [['orgId', '请选择基层工会、联合工会或平台工会']]);
    await refused(joinBody(person('石建军'), ids.pinghu), 400, 'VALIDATION', [['orgId', '请选择基层工会、联合工会或平台工会']]);
  });

  it('consent not given', async () => {
    await refused(joinBody(person('龚丽萍'), ids.jiada, { consent: false }), 400, 'VALIDATION', [['consent', /同意个人信息处理规则/]]);
    const { consent: _omit, ...withoutConsent } = joinBody(person('龚丽娟'), ids.jiada);
    await refused(withoutConsent, 400, 'VALIDATION', [['consent', /.+/]]);
  });

  it('several problems at once are all named', async () => {
    const p = person('万家乐');
    await refused(joinBody({ ...p, residentId: p.residentId.slice(0, 17) + (p.residentId[17] === '0' ? '1' : '0'), phone: '123' }, ids.jiada, { consent: false }), 400, 'VALIDATION', [
      ['residentId', '校验码错误'],
      ['phone', '手机号格式不正确'],
      ['consent', /同意/],
    ]);
  });

  it('employment details that do not fit the employment form', async () => {
    await refused(joinBody(person('汤文杰'), ids.jiada, { employerName: '' }), 400, 'VALIDATION', [['employerName', '请填写工作单位']]);
    await refused(joinBody(person('汤文豪'), ids.rider_station, { employmentForm: 'delivery_rider', employerName: null }), 400, 'VALIDATION', [['platformName', '请填写所在平台或单位']]);
    const first17 = '91330482MA2B3C4D5';
    const good = first17 + computeCreditCodeCheckChar(first17);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    await refused(joinBody(person('汤文斌'), ids.jiada, { employerCreditCode: bad }), 400, 'VALIDATION', [['employerCreditCode', '校验码错误']]);
    await refused(joinBody(person('汤文英'), ids.jiada, { employmentForm: 'astronaut' }), 400, 'VALIDATION', [['employmentForm', /.+/]]);
  });

  it('a member here, a member elsewhere and a pending applicant get one answer that names no union, person or state', async () => {
    // Anyone may type someone's ID number into the public form (finding 3 of issue 10).
    const here = person('卜海燕');
    await joinMember(t, danghu, here, ids.jiada);
    const elsewhere = person('卜海鸥');
    await joinMember(t, danghu, elsewhere, ids.jiada);
    const pending = person('卜海涛');
    await submitApplication(t, pending, ids.jiada);
    const before = await rowCounts(t);

    const answers = [
      await refused(joinBody({ ...here, phone: '13800000000' }, ids.jiada), 409, 'CONFLICT', [['residentId', 'CANNOT_APPLY_ONLINE']]),
      await refused(joinBody(elsewhere, ids.hengli, { employerName: '平湖恒力精密机械有限公司' }), 409, 'CONFLICT', [['residentId', 'CANNOT_APPLY_ONLINE']]),
      await refused(joinBody(pending, ids.meiyi), 409, 'CONFLICT', [['residentId', 'CANNOT_APPLY_ONLINE']]),
    ];
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[0].message).not.toMatch(/「|嘉达|会员证号|待审核|卜海/);
    // What to do next: the tracking link, a transfer, or the union.
    expect(answers[0].message).toContain('查询链接');
    expect(answers[0].message).toContain('接转');
    expect(await rowCounts(t)).toEqual(before);

    // The same number typed with spaces and full-width digits is the same person.
    const typed = `${here.residentId.slice(0, 6)} ${here.residentId.slice(6, 14)}\u3000${here.residentId.slice(14).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))}`;
    await refused(joinBody({ ...here, residentId: typed }, ids.jiada), 409, 'CONFLICT', [['residentId', 'CANNOT_APPLY_ONLINE']]);
  });
});

describe('concurrency: at most one open membership per person', () => {
  let nanhu: Awaited<ReturnType<typeof createSecondCounty>>;
  beforeAll(async () => {
    today = '2026-11-24';
    nanhu = await createSecondCounty(t, admin, ids.jiaxing);
  });

  const openMemberships = async (p: Person) => (await membershipsOf(t, p.residentId)).filter((m) => m.status === 'active' || m.status === 'retained');

  it('five simultaneous applications in one county leave exactly one pending application', async () => {
    const p = person('龙小飞');
    const unions = [ids.jiada, ids.meiyi, ids.rider_station, ids.shuntong, ids.hengli];
    const responses = await Promise.all(unions.map((orgId) => applyToJoin(t, joinBody(p, orgId))));
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses, responses.map((r) => r.body).join('\n')).toEqual([201, 409, 409, 409, 409]);
    for (const r of responses.filter((r) => r.statusCode === 409)) expect(errorOf(r).code).toBe('CONFLICT');
    const [{ n }] = await t.database.db
      .select({ n: count() })
      .from(joinApplications)
      .where(and(eq(joinApplications.personHash, hashOf(p.residentId)), eq(joinApplications.state, 'pending')));
    expect(n).toBe(1);
  });

  it('two pending applications in two counties approved at the same moment make one membership', async () => {
    for (const name of ['龙海涛', '龙海波', '龙海峰']) {
      const p = person(name);
      const here = await submitApplication(t, p, ids.jiada);
      const there = await submitApplication(t, p, nanhu.unionId, { employerName: '嘉兴南湖科创电子有限公司' });
      expect(there.tenantId).toBe(nanhu.countyId);
      const responses = await Promise.all([decide(danghu, here.applicationId, 'approve'), decide(nanhu.staff, there.applicationId, 'approve')]);
      expect(responses.map((r) => r.statusCode).sort(), responses.map((r) => r.body).join('\n')).toEqual([204, 409]);
      const loser = responses.find((r) => r.statusCode === 409)!;
      // Already a member (it read its application before the winner closed it), or the application is closed already.
      expect(['CONFLICT', 'INVALID_TRANSITION']).toContain(errorOf(loser).code);

      const winner = responses[0].statusCode === 204 ? here : there;
      const winnerApplication = await applicationByCode(t, winner.tenantId, winner.trackingCode);
      expect(winnerApplication.state).toBe('approved');
      const loserSide = winner === here ? there : here;
      // The winner's membership closed the other application in its transaction.
      expect((await applicationByCode(t, loserSide.tenantId, loserSide.trackingCode)).state).toBe('closed');

      const open = await openMemberships(p);
      expect(open.map((m) => m.id)).toEqual([winnerApplication.membershipId]);
      expect(await membershipsOf(t, p.residentId)).toHaveLength(1);
      expect(open[0].tenantId).toBe(winner.tenantId);
      const personNow = await personRow(t, p.residentId);
      expect(personNow).toMatchObject({ openMembershipId: winnerApplication.membershipId, openMembershipTenantId: winner.tenantId });

      // The other union cannot approve it: the person is a member now.
      const client = winner === here ? nanhu.staff : danghu;
      expectError(await decide(client, loserSide.applicationId, 'approve'), 409, 'INVALID_TRANSITION');
      expect(await membershipsOf(t, p.residentId)).toHaveLength(1);
    }
  });

  it('a former member (person row already there) approved in two counties at once: one membership', async () => {
    const p = person('龙海洋');
    const first = await joinMember(t, danghu, p, ids.jiada);
    expect((await act(danghu, first.membershipId, 'withdraw', { requestedOn: today })).statusCode).toBe(204);
    const here = await submitApplication(t, p, ids.meiyi, { employerName: '平湖美衣服饰有限公司' });
    const there = await submitApplication(t, p, nanhu.unionId, { employerName: '嘉兴南湖科创电子有限公司' });
    const responses = await Promise.all([decide(nanhu.staff, there.applicationId, 'approve'), decide(danghu, here.applicationId, 'approve')]);
    expect(responses.map((r) => r.statusCode).sort(), responses.map((r) => r.body).join('\n')).toEqual([204, 409]);
    const open = await openMemberships(p);
    expect(open).toHaveLength(1);
    expect(await membershipsOf(t, p.residentId)).toHaveLength(2);
    expect(await personRow(t, p.residentId)).toMatchObject({ openMembershipId: open[0].id, openMembershipTenantId: open[0].tenantId });
  });

  it('simultaneous one-click joins at two auto-approving unions in two counties make one member', async () => {
    await setAutoApprove(admin, ids.courier_union, true);
    await setAutoApprove(admin, nanhu.unionId, true);
    try {
      for (const name of ['龙一鸣', '龙二鸣']) {
        const p = person(name);
        const responses = await Promise.all([
          applyToJoin(t, joinBody(p, ids.courier_union, { employmentForm: 'courier', employerName: null, platformName: '顺丰速运' })),
          applyToJoin(t, joinBody(p, nanhu.unionId, { employerName: '嘉兴南湖科创电子有限公司' })),
        ]);
        expect(responses.map((r) => r.statusCode).sort(), responses.map((r) => r.body).join('\n')).toEqual([201, 409]);
        const open = await openMemberships(p);
        expect(open).toHaveLength(1);
        expect(await membershipsOf(t, p.residentId)).toHaveLength(1);
        expect((await personRow(t, p.residentId)).openMembershipId).toBe(open[0].id);
        // The refused one left no application behind.
        const [{ n }] = await t.database.db.select({ n: count() }).from(joinApplications).where(eq(joinApplications.personHash, hashOf(p.residentId)));
        expect(n).toBe(1);
      }
    } finally {
      await setAutoApprove(admin, ids.courier_union, false);
      await setAutoApprove(admin, nanhu.unionId, false);
    }
  });

  it('two staff withdrawing the same member at once: one succeeds', async () => {
    const p = person('龙三鸣');
    const { membershipId } = await joinMember(t, danghu, p, ids.jiada);
    const responses = await Promise.all([act(danghu, membershipId, 'withdraw', { requestedOn: today }), act(pinghu, membershipId, 'withdraw', { requestedOn: today })]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([204, 409]);
    const history = (await detail(pinghu, membershipId)).history;
    expect(history.filter((e: { action: string }) => e.action === 'withdraw')).toHaveLength(1);
  });
});

describe('the members list: search, filters, sort, pages and scope', () => {
  let A: Person, B: Person, C: Person, D: Person, E: Person;
  const m: Record<string, number> = {};
  const card: Record<string, string> = {};

  beforeAll(async () => {
    today = '2026-11-24';
    A = person('欧阳娜娜');
    m.A = (await joinMember(t, danghu, A, ids.jiada)).membershipId;
    today = '2026-12-05';
    B = person('司马光明', '19851120');
    m.B = (await joinMember(t, danghu, B, ids.rider_station, { employmentForm: 'delivery_rider', employerName: null, platformName: '美团外卖' })).membershipId;
    C = person('上官婉儿', '19950601');
    m.C = (await joinMember(t, pinghu, C, ids.courier_union, { employmentForm: 'courier', employerName: null, platformName: '顺丰速运' })).membershipId;
    today = '2027-01-10';
    D = person('诸葛明月');
    m.D = (await joinMember(t, zhongdai, D, ids.hengli, { employerName: '平湖恒力精密机械有限公司' })).membershipId;
    E = person('东方晓白');
    m.E = (await joinMember(t, danghu, E, ids.meiyi, { employerName: '平湖美衣服饰有限公司', employmentForm: 'flexible' })).membershipId;
    for (const key of Object.keys(m)) card[key] = (await membershipRow(t, m[key])).cardNo;
  });

  it('card numbers carry the county’s division code, the year and the membership id', async () => {
    for (const key of Object.keys(m)) expect(card[key], key).toMatch(new RegExp(`^330482\\d{4}${String(m[key]).padStart(7, '0')}$`));
  });

  it('finds a member by name, pinyin, initials, ID digits, phone and card number', async () => {
    expect(await listIds(danghu, `q=${encodeURIComponent('欧阳娜娜')}`)).toEqual([m.A]);
    expect(await listIds(danghu, `q=${encodeURIComponent('娜娜')}`)).toEqual([m.A]);
    expect(await listIds(danghu, 'q=ouyangnana')).toEqual([m.A]);
    expect(await listIds(danghu, 'q=ouyang')).toEqual([m.A]);
    expect(await listIds(danghu, 'q=oynn')).toEqual([m.A]);
    expect(await listIds(danghu, `q=${A.residentId.slice(-4)}`)).toEqual([m.A]);
    expect(await listIds(danghu, `q=${A.phone}`)).toEqual([m.A]);
    expect(await listIds(danghu, `q=${A.phone.slice(-4)}`)).toEqual([m.A]);
    expect(await listIds(danghu, `q=${card.A}`)).toEqual([m.A]);
    // The employer or platform is a filter (part of the name, % and _ taken literally), not a search term.
    expect(await listIds(pinghu, `q=${encodeURIComponent('顺丰')}`)).not.toContain(m.C);
    expect(await listIds(pinghu, `employer=${encodeURIComponent('顺丰')}`)).toContain(m.C);
    expect(await listIds(pinghu, `employer=${encodeURIComponent('顺丰')}&q=sgwe`)).toEqual([m.C]);
    expect(await listIds(pinghu, `employer=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await listIds(pinghu, 'q=sgwe')).toEqual([m.C]);
    // Nothing but punctuation: no results rather than everything.
    expect(await list(pinghu, `q=${encodeURIComponent('***')}`)).toMatchObject({ items: [], total: 0 });
    expect(await listIds(pinghu, 'q=zzzzqqqq')).toEqual([]);
    const row = (await list(danghu, 'q=oynn')).items[0];
    expect(row).toMatchObject({ id: m.A, name: '欧阳娜娜', idMasked: `33************${A.residentId.slice(-4)}`, cardNo: card.A, status: 'active', statusLabel: '正常', orgName: '平湖嘉达光电科技有限公司工会', joinedOn: '2026-11-24' });
  });

  it('filters by status, employment form, new forms, org subtree and joining dates', async () => {
    expect((await act(pinghu, m.E, 'retain', { cause: 'laid_off' })).statusCode).toBe(204);
    try {
      const retained = await list(pinghu, 'status=retained&pageSize=200');
      expect(retained.items.map((r) => r.id)).toContain(m.E);
      expect(retained.items.every((r) => r.status === 'retained')).toBe(true);
      expect(await listIds(pinghu, 'status=active')).not.toContain(m.E);
    } finally {
      expect((await act(pinghu, m.E, 'restore')).statusCode).toBe(204);
    }

    const riders = await list(pinghu, 'employmentForm=delivery_rider&pageSize=200');
    expect(riders.items.map((r) => r.id)).toEqual([m.B]);
    expect(riders.items[0]).toMatchObject({ employmentFormLabel: '外卖配送员', platformName: '美团外卖' });

    const newForms = await list(pinghu, 'newFormsOnly=true&pageSize=200');
    expect(newForms.items.map((r) => r.id)).toEqual(expect.arrayContaining([m.B, m.C]));
    expect(newForms.items.every((r) => NEW_FORMS.includes(r.employmentForm))).toBe(true);
    for (const other of [m.A, m.D, m.E]) expect(newForms.items.map((r) => r.id)).not.toContain(other);

    const danghuSubtree = new Set([ids.danghu, ids.danghu_park, ids.jiada, ids.meiyi, ids.rider_station]);
    const inDanghu = await list(pinghu, `orgId=${ids.danghu}&pageSize=200`);
    expect(inDanghu.items.map((r) => r.id)).toEqual(expect.arrayContaining([m.A, m.B, m.E]));
    expect(inDanghu.items.every((r) => danghuSubtree.has(r.orgId))).toBe(true);
    const inPark = await listIds(pinghu, `orgId=${ids.danghu_park}`);
    expect(inPark).toEqual(expect.arrayContaining([m.A, m.E]));
    expect(inPark).not.toContain(m.B);
    expect(await listIds(pinghu, `orgId=${ids.danghu}&newFormsOnly=true`)).toEqual([m.B]);
    expectError(await pinghu.get('/api/members?orgId=999999'), 400, 'VALIDATION');

    expect((await listIds(pinghu, 'joinedFrom=2026-12-01&joinedTo=2026-12-31')).sort()).toEqual([m.B, m.C].sort());
    expect((await listIds(pinghu, 'joinedFrom=2026-12-05&joinedTo=2026-12-05')).sort()).toEqual([m.B, m.C].sort());
    expect((await listIds(pinghu, 'joinedFrom=2027-01-10')).sort()).toEqual([m.D, m.E].sort());
    const upTo = await list(pinghu, 'joinedTo=2026-11-24&pageSize=200');
    expect(upTo.items.map((r) => r.id)).toContain(m.A);
    expect(upTo.items.every((r) => r.joinedOn <= '2026-11-24')).toBe(true);
    expectError(await pinghu.get('/api/members?joinedFrom=yesterday'), 400, 'VALIDATION');
    expectError(await pinghu.get('/api/members?status=sleeping'), 400, 'VALIDATION');
  });

  it('sorts by name and by joining date, and pages through the list', async () => {
    const byName = (await list(pinghu, 'sort=name&pageSize=200')).items;
    expect(byName.length).toBeGreaterThanOrEqual(5);
    const names = byName.map((r) => r.name as string);
    expect(names).toEqual([...names].sort());
    const byNameDesc = (await list(pinghu, 'sort=-name&pageSize=200')).items;
    expect(byNameDesc.map((r) => r.id)).toEqual(byName.map((r) => r.id).reverse());

    const joined = (await list(pinghu, 'sort=joinedOn&pageSize=200')).items.map((r) => r.joinedOn as string);
    expect(joined).toEqual([...joined].sort());
    expect(joined[0] < joined.at(-1)!).toBe(true);
    const latestFirst = (await list(pinghu, 'pageSize=200')).items;
    expect(latestFirst.map((r) => r.joinedOn)).toEqual([...joined].sort().reverse());
    expect(latestFirst.map((r) => r.id)).toEqual((await list(pinghu, 'sort=-joinedOn&pageSize=200')).items.map((r) => r.id));

    const pageCount = Math.ceil(byName.length / 2);
    const pages = await Promise.all(Array.from({ length: pageCount }, (_, i) => list(pinghu, `sort=name&pageSize=2&page=${i + 1}`)));
    for (const [i, page] of pages.entries()) {
      expect(page).toMatchObject({ page: i + 1, pageSize: 2, total: byName.length });
      expect(page.items.length).toBe(i < pageCount - 1 ? 2 : byName.length - 2 * (pageCount - 1));
    }
    expect(pages.flatMap((p) => p.items.map((r) => r.id))).toEqual(byName.map((r) => r.id));
    expect(await list(pinghu, `sort=name&pageSize=2&page=${pageCount + 1}`)).toMatchObject({ items: [], total: byName.length });
    expectError(await pinghu.get('/api/members?pageSize=500'), 400, 'VALIDATION');
    expectError(await pinghu.get('/api/members?sort=phone'), 400, 'VALIDATION');
  });

  it('a town union sees only its own subtree; other members are not found', async () => {
    const danghuPath = (await admin.get(`/api/orgs/${ids.danghu}`)).json().path as string;
    const [{ n }] = await t.database.db
      .select({ n: count() })
      .from(memberships)
      .where(sql`${memberships.orgPath} <@ ${danghuPath}::ltree`);
    const all = await list(danghu, 'pageSize=200&status=all');
    expect(all.total).toBe(n);
    expect(all.items.map((r) => r.id)).toEqual(expect.arrayContaining([m.A, m.B, m.E]));
    expect(all.items.map((r) => r.id)).not.toContain(m.D);
    expect(all.items.some((r) => r.orgId === ids.hengli || r.orgId === ids.shuntong)).toBe(false);
    expect(await listIds(danghu, `q=${encodeURIComponent('诸葛明月')}`)).toEqual([]);
    expect(await listIds(danghu, `q=${D.phone}`)).toEqual([]);
    expect(await listIds(danghu, `orgId=${ids.zhongdai}`)).toEqual([]);

    expectError(await danghu.get(`/api/members/${m.D}`), 404, 'NOT_FOUND');
    expectError(await danghu.post(`/api/members/${m.D}/reveal-id`), 404, 'NOT_FOUND');
    expectError(await act(danghu, m.D, 'retain', { cause: 'retired' }), 404, 'NOT_FOUND');
    expectError(await zhongdai.get(`/api/members/${m.A}`), 404, 'NOT_FOUND');
    expect((await membershipRow(t, m.D)).status).toBe('active');

    expect(await listIds(zhongdai, `q=${encodeURIComponent('诸葛明月')}`)).toEqual([m.D]);
    expect(await listIds(pinghu, `q=${encodeURIComponent('诸葛明月')}`)).toEqual([m.D]);
    expect((await detail(leader, m.D)).canRevealId).toBe(false);
    expectError(await t.app.inject({ method: 'GET', url: '/api/members' }), 401, 'UNAUTHENTICATED');
  });

  it('shows ID numbers masked everywhere', async () => {
    const bodies = [
      (await pinghu.get('/api/members?pageSize=200')).body,
      (await admin.get('/api/members?pageSize=200')).body,
      (await pinghu.get(`/api/members?q=${A.residentId.slice(-4)}`)).body,
      (await pinghu.get('/api/join-applications?pageSize=200')).body,
      (await pinghu.get('/api/members/deemed-withdrawal-candidates?pageSize=200')).body,
    ];
    for (const key of Object.keys(m)) bodies.push((await pinghu.get(`/api/members/${m[key]}`)).body);
    for (const body of bodies) expectNoFullIds(body);
    const rows = (await list(admin, 'pageSize=200')).items;
    for (const row of rows) expect(row.idMasked).toMatch(/^\d{2}\*{12}\d{3}[\dX]$/);
    // The search for the last digits works without the full number in the list.
    expect(rows.find((r) => r.id === m.A).idMasked.endsWith(A.residentId.slice(-4))).toBe(true);
  });

  it('reveals the full ID to union staff only, and audits every reveal', async () => {
    const reveals = async () =>
      t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'member.reveal_id'), eq(auditLog.entityId, String(m.A))));
    expect(await reveals()).toEqual([]);
    expect((await detail(danghu, m.A)).canRevealId).toBe(true);

    const shown = await danghu.post(`/api/members/${m.A}/reveal-id`);
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toEqual({ residentId: A.residentId });
    const rows = await reveals();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorName: '当湖街道工会 干事', entityType: 'membership', tenantId: ids.pinghu });
    expect(rows[0].summary).toContain('欧阳娜娜');
    expect(JSON.stringify(rows[0])).not.toContain(A.residentId);

    expect((await admin.post(`/api/members/${m.A}/reveal-id`)).json()).toEqual({ residentId: A.residentId });
    expect(await reveals()).toHaveLength(2);
    const audit = await admin.get(`/api/audit?action=member.reveal_id&entityId=${m.A}`);
    expect(audit.json().items).toHaveLength(2);

    expect((await detail(leader, m.A)).canRevealId).toBe(false);
    expectError(await leader.post(`/api/members/${m.A}/reveal-id`), 403, 'FORBIDDEN');
    expectError(await supervisor.post(`/api/members/${m.A}/reveal-id`), 403, 'FORBIDDEN');
    expect(await reveals()).toHaveLength(2);
  });
});

describe('membership status: retained, restored, withdrawn, expelled', () => {
  beforeAll(() => {
    today = '2027-02-01';
  });

  it('retains a retired member (still open), then restores', async () => {
    const p = person('包建平', '19661201');
    const { membershipId } = await joinMember(t, danghu, p, ids.jiada);
    for (const input of [undefined, {}, { cause: 'fired' }]) {
      const error = expectError(await act(danghu, membershipId, 'retain', input), 400, 'VALIDATION');
      expect(error.fields?.map((f) => f.field)).toEqual(['cause']);
    }
    expect((await membershipRow(t, membershipId)).status).toBe('active');
    const offered = (await detail(danghu, membershipId)).allowedActions.map((a: { action: string }) => a.action).sort();
    expect(offered).toEqual(['expel', 'retain', 'update_details', 'withdraw']);

    expect((await act(danghu, membershipId, 'retain', { cause: 'retired', note: '2027年1月退休' })).statusCode).toBe(204);
    const retained = await detail(danghu, membershipId);
    expect(retained).toMatchObject({ status: 'retained', statusLabel: '保留会籍', endedOn: null, endReason: null });
    expect(retained.history.at(-1)).toMatchObject({ action: 'retain', from: 'active', to: 'retained', payload: { cause: 'retired', note: '2027年1月退休' } });
    expect(retained.allowedActions.map((a: { action: string }) => a.action).sort()).toEqual(['expel', 'restore', 'update_details', 'withdraw']);
    expect((await personRow(t, p.residentId)).openMembershipId).toBe(membershipId);
    expectError(await act(danghu, membershipId, 'retain', { cause: 'retired' }), 409, 'INVALID_TRANSITION');
    // A retained membership is still open: no second one.
    expect(errorOf(await applyToJoin(t, joinBody(p, ids.jiada))).fields).toEqual([{ field: 'residentId', reason: 'CANNOT_APPLY_ONLINE' }]);

    expect((await act(danghu, membershipId, 'restore')).statusCode).toBe(204);
    expect(await detail(danghu, membershipId)).toMatchObject({ status: 'active', endedOn: null });
    expectError(await act(danghu, membershipId, 'restore'), 409, 'INVALID_TRANSITION');
  });

  it('withdraws on request; the person may then join again as a new membership', async () => {
    const p = person('包建伟');
    const joined = await joinMember(t, danghu, p, ids.jiada);
    const old = joined.membershipId;
    for (const input of [undefined, { requestedOn: '1.2.2027' }]) {
      const error = expectError(await act(danghu, old, 'withdraw', input), 400, 'VALIDATION');
      expect(error.fields?.map((f) => f.field)).toEqual(['requestedOn']);
    }
    expect((await membershipRow(t, old)).status).toBe('active');

    expect((await act(danghu, old, 'withdraw', { requestedOn: '2027-01-28' })).statusCode).toBe(204);
    const withdrawn = await detail(danghu, old);
    expect(withdrawn).toMatchObject({ status: 'withdrawn', statusLabel: '退会', endedOn: today, endReason: '退会' });
    expect(withdrawn.history.at(-1)).toMatchObject({ action: 'withdraw', from: 'active', to: 'withdrawn', payload: { requestedOn: '2027-01-28' } });
    expect(withdrawn.allowedActions).toEqual([]);
    expect(await personRow(t, p.residentId)).toMatchObject({ openMembershipId: null, openMembershipTenantId: null });
    expectError(await act(danghu, old, 'restore'), 409, 'INVALID_TRANSITION');
    expectError(await act(danghu, old, 'withdraw', { requestedOn: today }), 409, 'INVALID_TRANSITION');

    today = '2027-03-01';
    const again = await joinMember(t, zhongdai, p, ids.hengli, { employerName: '平湖恒力精密机械有限公司' });
    expect(again.membershipId).not.toBe(old);
    expect(await personRow(t, p.residentId)).toMatchObject({ openMembershipId: again.membershipId, openMembershipTenantId: ids.pinghu });
    const all = await membershipsOf(t, p.residentId);
    expect(all.map((r) => [r.id, r.status]).sort()).toEqual(
      [
        [old, 'withdrawn'],
        [again.membershipId, 'active'],
      ].sort(),
    );
    const fresh = await detail(pinghu, again.membershipId);
    // A new membership: 会龄 counts from the new approval (only a transfer carries it over).
    expect(fresh).toMatchObject({ status: 'active', orgId: ids.hengli, joinedOn: '2027-03-01', memberSince: '2027-03-01' });
    expect((await personRow(t, p.residentId)).memberSince).toBe('2027-03-01');
    expect((await membershipRow(t, old)).memberSince).toBe('2027-02-01');
    expect(fresh.cardNo).not.toBe(withdrawn.cardNo);
    expect(fresh.previousMemberships).toEqual([expect.objectContaining({ id: old, status: 'withdrawn', orgId: ids.jiada })]);
    expect((await detail(zhongdai, again.membershipId)).previousMemberships).toEqual([]);
  });

  it('expels with the recorded decision; the decision number is required', async () => {
    const p = person('包建勋');
    const { membershipId } = await joinMember(t, danghu, p, ids.jiada);
    const decision = { decisionNo: '平工发〔2027〕3号', decidedOn: '2027-01-25', reason: '严重违法被依法判处刑罚' };
    const { decisionNo: _omit, ...withoutNo } = decision;
    const before = await rowCounts(t);
    const missing = expectError(await act(danghu, membershipId, 'expel', withoutNo), 400, 'VALIDATION');
    expect(missing.fields?.map((f) => f.field)).toEqual(['decisionNo']);
    expect(missing.message).toContain('decisionNo');
    const blank = expectError(await act(danghu, membershipId, 'expel', { ...decision, decisionNo: ' ' }), 400, 'VALIDATION');
    expect(blank.fields).toEqual([{ field: 'decisionNo', reason: '请填写决定文号' }]);
    expect(errorOf(await act(danghu, membershipId, 'expel', {})).fields?.map((f) => f.field).sort()).toEqual(['decidedOn', 'decisionNo', 'reason']);
    expect(await rowCounts(t)).toEqual(before);
    expect((await membershipRow(t, membershipId)).status).toBe('active');

    expect((await act(danghu, membershipId, 'expel', decision)).statusCode).toBe(204);
    const expelled = await detail(danghu, membershipId);
    expect(expelled).toMatchObject({ status: 'expelled', statusLabel: '开除会籍', endedOn: today, endReason: '开除会籍' });
    expect(expelled.history.at(-1)).toMatchObject({ action: 'expel', to: 'expelled', payload: decision });
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'membership.expel'), eq(auditLog.entityId, String(membershipId))));
    expect(audit.after).toMatchObject({ state: 'expelled', input: decision });
    expect((await personRow(t, p.residentId)).openMembershipId).toBeNull();
    expectError(await act(danghu, membershipId, 'restore'), 409, 'INVALID_TRANSITION');
  });

  it('refuses unknown actions, system actions and roles that may only read', async () => {
    const p = person('包建业');
    const { membershipId } = await joinMember(t, danghu, p, ids.jiada);
    expect(errorOf(await act(danghu, membershipId, 'promote')).fields).toEqual([{ field: 'action', reason: '未知操作' }]);
    expectError(await act(pinghu, membershipId, 'transfer_out', { toOrgId: ids.hengli }), 403, 'FORBIDDEN');
    expectError(await act(leader, membershipId, 'retain', { cause: 'retired' }), 403, 'FORBIDDEN');
    expectError(await act(supervisor, membershipId, 'withdraw', { requestedOn: today }), 403, 'FORBIDDEN');
    expect((await detail(leader, membershipId)).allowedActions).toEqual([]);
    expect((await membershipRow(t, membershipId)).status).toBe('active');
  });
});

describe('deemed withdrawal: six months without dues and without taking part, confirmed by staff', () => {
  const m: Record<string, number> = {};
  const P: Record<string, Person> = {};
  const guardReason = '该会员近六个月内缴纳过会费或参加过活动，不符合视为自动退会的条件';

  beforeAll(async () => {
    today = '2026-11-24';
    const riders = { employmentForm: 'delivery_rider', employerName: null, platformName: '饿了么' };
    for (const [key, name] of [
      ['idle', '骆志远'],
      ['active', '骆志强'],
      ['paying', '骆志诚'],
      ['boundary', '骆志明'],
      ['justInside', '骆志伟'],
      ['retained', '骆志勇'],
    ] as const) {
      P[key] = person(name);
      m[key] = (await joinMember(t, danghu, P[key], ids.rider_station, riders)).membershipId;
    }
    P.zhongdai = person('骆志刚');
    m.zhongdai = (await joinMember(t, zhongdai, P.zhongdai, ids.shuntong, { employerName: '平湖市顺通物流有限公司' })).membershipId;
    expect((await act(danghu, m.retained, 'retain', { cause: 'laid_off' })).statusCode).toBe(204);

    today = '2027-07-01';
    const { db } = t.database;
    const set = (id: number, values: Partial<typeof memberships.$inferInsert>) => db.update(memberships).set(values).where(eq(memberships.id, id));
    // The evidence the dues module keeps (modules/dues): every one of them has dues records since December.
    for (const key of Object.keys(m)) await set(m[key], { duesFrom: '2026-12-01' });
    await set(m.active, { lastActivityOn: '2027-03-15' });
    await set(m.paying, { lastDuesOn: '2027-05-01' });
    await set(m.boundary, { lastActivityOn: '2027-01-01' });
    await set(m.justInside, { lastActivityOn: '2027-01-02' });
  });

  const candidates = async (client: TestClient, query = '') => {
    const response = await client.get(`/api/members/deemed-withdrawal-candidates?pageSize=200${query}`);
    expect(response.statusCode, response.body).toBe(200);
    expectNoFullIds(response.body);
    return response.json() as { items: any[]; total: number; cutoff: string };
  };

  it('lists members with no sign of life since the cutoff, in scope, and changes nothing', async () => {
    const before = await rowCounts(t);
    const list = await candidates(danghu, `&orgId=${ids.rider_station}`);
    expect(list.cutoff).toBe('2027-01-01');
    const listed = list.items.map((r) => r.id);
    expect(listed).toEqual(expect.arrayContaining([m.idle, m.boundary]));
    for (const key of ['active', 'paying', 'justInside', 'retained', 'zhongdai']) expect(listed, key).not.toContain(m[key]);
    expect(list.items.every((r) => r.status === 'active' && r.orgId === ids.rider_station)).toBe(true);
    expect(list.items.find((r) => r.id === m.idle)).toMatchObject({ lastSignOfLife: '2026-11-24', joinedOn: '2026-11-24', name: '骆志远' });
    expect(list.items.find((r) => r.id === m.boundary).lastSignOfLife).toBe('2027-01-01');

    expect((await candidates(danghu)).items.map((r) => r.id)).not.toContain(m.zhongdai);
    expect((await candidates(pinghu)).items.map((r) => r.id)).toEqual(expect.arrayContaining([m.idle, m.zhongdai]));

    // Read-only: nobody's status moved, no timeline entry was written.
    expect(await rowCounts(t)).toEqual(before);
    const [{ n }] = await t.database.db.select({ n: count() }).from(memberships).where(eq(memberships.status, 'deemed_withdrawn'));
    expect(n).toBe(0);
    expect((await detail(danghu, m.idle)).history).toHaveLength(1);
  });

  it('offers the confirmation only where the rule holds; the guard explains why not', async () => {
    const actions = async (id: number) => (await detail(danghu, id)).allowedActions.map((a: { action: string }) => a.action);
    expect(await actions(m.idle)).toContain('confirm_deemed_withdrawal');
    expect(await actions(m.boundary)).toContain('confirm_deemed_withdrawal');
    for (const key of ['active', 'paying', 'justInside']) {
      expect(await actions(m[key]), key).not.toContain('confirm_deemed_withdrawal');
      const error = expectError(await act(danghu, m[key], 'confirm_deemed_withdrawal'), 409, 'INVALID_TRANSITION');
      expect(error.message).toBe(guardReason);
      expect((await membershipRow(t, m[key])).status).toBe('active');
    }
    expectError(await act(danghu, m.retained, 'confirm_deemed_withdrawal'), 409, 'INVALID_TRANSITION');
    expectError(await act(leader, m.idle, 'confirm_deemed_withdrawal'), 403, 'FORBIDDEN');
    expectError(await act(zhongdai, m.idle, 'confirm_deemed_withdrawal'), 404, 'NOT_FOUND');
  });

  it('staff confirm: the membership closes today and leaves the candidate list', async () => {
    for (const key of ['idle', 'boundary']) {
      expect((await act(danghu, m[key], 'confirm_deemed_withdrawal')).statusCode).toBe(204);
      const member = await detail(danghu, m[key]);
      expect(member).toMatchObject({ status: 'deemed_withdrawn', statusLabel: '视为自动退会', endedOn: '2027-07-01', endReason: '视为自动退会' });
      expect(member.history.at(-1)).toMatchObject({ action: 'confirm_deemed_withdrawal', from: 'active', to: 'deemed_withdrawn', actorName: '当湖街道工会 干事' });
      expect((await personRow(t, P[key].residentId)).openMembershipId).toBeNull();
      expectError(await act(danghu, m[key], 'confirm_deemed_withdrawal'), 409, 'INVALID_TRANSITION');
    }
    const listed = (await candidates(danghu, `&orgId=${ids.rider_station}`)).items.map((r) => r.id);
    expect(listed).not.toContain(m.idle);
    expect(listed).not.toContain(m.boundary);
    // The others are untouched.
    for (const key of ['active', 'paying', 'justInside', 'zhongdai']) expect((await membershipRow(t, m[key])).status, key).toBe('active');
    expect((await membershipRow(t, m.retained)).status).toBe('retained');
  });
});
