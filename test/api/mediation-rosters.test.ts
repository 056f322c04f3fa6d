import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import type { TestApp, TestClient } from '../support/app.js';
import { createSecondCounty, expectError, pinghuDemo } from '../support/members.js';

/**
 * 值班排班 of a 连心舱 studio (seed 002: 每月一次律师坐诊, 每周舱长值班): the
 * rules over a month, the National Day holiday of 2026 (10-01..07, with the
 * 调休 working Sunday 09-20 and Saturday 10-10) and an ordinary weekend,
 * 代班 and 取消, who is on duty, the workers' view, and who may see and keep it.
 */

let t: TestApp;
let ids: Record<string, number>;
let staff: TestClient;
let zhongdaiStaff: TestClient;
let leader: TestClient;
let mediator: TestClient;
let chen: TestClient;
let nanhuStaff: TestClient;
let mediatorUserId: number;
let studioId: number;
const member: Record<'shen' | 'zhou' | 'gu' | 'lu' | 'wang', number> = { shen: 0, zhou: 0, gu: 0, lu: 0, wang: 0 };
let zhongdaiMemberId: number;
const rule: Record<string, { id: number; version: number }> = {};

interface Entry {
  ruleId: number;
  memberId: number;
  name: string;
  roleLabel: string;
  userId: number | null;
  slot: string;
  standsInFor: string | null;
  cancelled: boolean;
  exception: { id: number; kind: string; reason: string } | null;
}
interface Day {
  date: string;
  working: boolean;
  kind: string;
  holidayName: string | null;
  entries: Entry[];
}

async function ok<T>(response: { statusCode: number; body: string; json(): unknown }, status = 200) {
  expect(response.statusCode, response.body).toBe(status);
  return response.json() as T;
}

const rulesPath = () => `/api/mediation/studios/${studioId}/duty-rules`;
const month = async (m: string) => (await ok<{ days: Day[] }>(await staff.get(`/api/mediation/studios/${studioId}/duty?month=${m}`))).days;
/** Who is on a day: 'name slot', cancelled ones marked. */
const who = (day: Day | undefined) => day!.entries.map((e) => `${e.name} ${e.slot}${e.cancelled ? ' 取消' : ''}${e.standsInFor ? ` 代${e.standsInFor}` : ''}`);
const dayOf = (days: Day[], date: string) => days.find((d) => d.date === date);

beforeAll(async () => {
  const demo = await pinghuDemo(() => '2026-10-09');
  ({ t, ids, leader } = demo);
  staff = demo.danghu;
  zhongdaiStaff = demo.zhongdai;
  [mediator, chen] = await Promise.all(['lianxin_mediator', 'chen_jie'].map((u) => t.login(u, DEMO_PASSWORD)));
  nanhuStaff = (await createSecondCounty(t, demo.admin, ids.jiaxing)).staff;
  const users = (await demo.admin.get('/api/users?pageSize=200')).json().items as { id: number; username: string }[];
  mediatorUserId = users.find((u) => u.username === 'lianxin_mediator')!.id;

  let studio = await ok<{ id: number; members: { id: number; name: string }[] }>(
    await staff.post('/api/mediation/studios', { orgId: ids.danghu, name: '当湖街道“连心舱”劳动争议调解工作室', phone: '0573-85011234' }),
    201,
  );
  studioId = studio.id;
  const team = [
    { role: 'cabin_chief', name: '沈建明', phone: '13857331024', userId: mediatorUserId },
    { role: 'cabin_chief', name: '周敏', phone: '13857332048' },
    { role: 'volunteer', name: '顾丽萍', phone: '13600001111' },
    { role: 'lawyer', name: '陆文博', lawFirm: '浙江平湖律师事务所', phone: '13905731188' },
    { role: 'volunteer', name: '王小红' },
  ];
  for (const m of team) studio = await ok(await staff.post(`/api/mediation/studios/${studioId}/members`, m));
  const idOf = (name: string) => studio.members.find((m) => m.name === name)!.id;
  Object.assign(member, { shen: idOf('沈建明'), zhou: idOf('周敏'), gu: idOf('顾丽萍'), lu: idOf('陆文博'), wang: idOf('王小红') });
  const wang = (await ok<{ members: { id: number; version: number }[] }>(await staff.get(`/api/mediation/studios/${studioId}`))).members.find((m) => m.id === member.wang)!;
  await ok(await staff.patch(`/api/mediation/studios/${studioId}/members/${member.wang}`, { active: false, version: wang.version }));

  const zhongdai = await ok<{ id: number }>(await zhongdaiStaff.post('/api/mediation/studios', { orgId: ids.zhongdai, name: '钟埭街道连心舱' }), 201);
  const zhongdaiTeam = await ok<{ members: { id: number }[] }>(await zhongdaiStaff.post(`/api/mediation/studios/${zhongdai.id}/members`, { role: 'volunteer', name: '钟埭志愿者' }));
  zhongdaiMemberId = zhongdaiTeam.members[0].id;
}, 120_000);
afterAll(() => t.close());

describe('rules', () => {
  it('keeps the lawyer clinic day, the cabin chiefs and a volunteer on Saturdays', async () => {
    const add = async (key: string, body: Record<string, unknown>) => {
      const created = await ok<{ id: number; version: number; description: string }>(await staff.post(rulesPath(), body), 201);
      rule[key] = created;
      return created.description;
    };
    expect(await add('lawyer', { memberId: member.lu, recurrence: 'monthly_weekday', nth: 1, weekday: 3, slot: 'morning', startTime: '09:00', endTime: '11:30', validFrom: '2026-01-01', note: '驻点律师坐诊' })).toBe(
      '每月第一个星期三',
    );
    expect(await add('shen', { memberId: member.shen, recurrence: 'weekly', weekdays: [3, 1], slot: 'all_day', validFrom: '2026-09-01' })).toBe('每周一、三');
    expect(await add('zhou', { memberId: member.zhou, recurrence: 'weekly', weekdays: [1, 2, 3, 4, 5], slot: 'afternoon', validFrom: '2026-09-01', validTo: '2026-12-31' })).toBe('每个工作日');
    expect(await add('gu', { memberId: member.gu, recurrence: 'weekly', weekdays: [6], slot: 'afternoon', validFrom: '2026-09-01', onRestDays: true })).toBe('每周六');
    const list = await ok<{ canManage: boolean; items: { memberName: string; roleLabel: string; description: string; slotLabel: string }[] }>(await mediator.get(rulesPath()));
    expect(list.canManage).toBe(false);
    expect(list.items.map((r) => `${r.roleLabel} ${r.memberName} ${r.description}${r.slotLabel}`)).toEqual([
      '驻点律师 陆文博 每月第一个星期三上午',
      '舱长 沈建明 每周一、三全天',
      '舱长 周敏 每个工作日下午',
      '志愿者 顾丽萍 每周六下午',
    ]);
  });

  it('refuses bad input with the field named', async () => {
    const base = { memberId: member.gu, recurrence: 'weekly', weekdays: [2], slot: 'morning', validFrom: '2026-11-01' };
    const fieldsOf = async (body: Record<string, unknown>) => expectError(await staff.post(rulesPath(), { ...base, ...body }), 400, 'VALIDATION').fields;
    expect(await fieldsOf({ validTo: '2026-10-01' })).toEqual([{ field: 'validTo', reason: expect.stringContaining('不能早于') }]);
    expect(await fieldsOf({ memberId: zhongdaiMemberId })).toEqual([{ field: 'memberId', reason: '不是本工作室团队的成员' }]);
    expect(await fieldsOf({ memberId: member.wang })).toEqual([{ field: 'memberId', reason: expect.stringContaining('已停用') }]);
    expect(await fieldsOf({ recurrence: 'monthly_weekday', nth: 5, weekday: 3 })).toEqual([{ field: 'nth', reason: expect.stringContaining('第五个') }]);
    expect(await fieldsOf({ recurrence: 'monthly_day', monthDay: 31 })).toEqual([{ field: 'monthDay', reason: expect.stringContaining('31 日') }]);
    expect(await fieldsOf({ weekdays: [] })).toEqual([{ field: 'weekdays', reason: expect.any(String) }]);
    expect(await fieldsOf({ startTime: '14:00', endTime: '09:00' })).toEqual([{ field: 'endTime', reason: expect.stringContaining('晚于') }]);
    // The same member, slot and weekday with an overlapping period is a duplicate; a later period is not.
    expect(await fieldsOf({ memberId: member.shen, weekdays: [3], slot: 'all_day', validFrom: '2027-01-01' })).toEqual([{ field: 'validFrom', reason: expect.stringContaining('重复') }]);
    expect(await fieldsOf({ memberId: member.zhou, weekdays: [5], slot: 'afternoon', validFrom: '2026-10-01', validTo: '2026-10-31' })).toEqual([{ field: 'validFrom', reason: expect.stringContaining('周敏') }]);
    await ok(await staff.post(rulesPath(), { ...base, memberId: member.zhou, weekdays: [5], slot: 'afternoon', validFrom: '2027-01-01', validTo: '2027-06-30' }), 201);
  });

  it('ends and changes a rule with its version', async () => {
    const extra = await ok<{ id: number; version: number }>(await staff.post(rulesPath(), { memberId: member.gu, recurrence: 'monthly_day', monthDay: -1, slot: 'morning', validFrom: '2026-10-01' }), 201);
    const ended = await ok<{ active: boolean; version: number; description: string }>(await staff.patch(`${rulesPath()}/${extra.id}`, { active: false, version: extra.version }));
    expect(ended).toMatchObject({ active: false, version: 2, description: '每月最后一天' });
    expectError(await staff.patch(`${rulesPath()}/${extra.id}`, { slot: 'afternoon', version: 1 }), 409, 'CONFLICT');
    expect(expectError(await staff.patch(`${rulesPath()}/${extra.id}`, { monthDay: 30, version: 2 }), 400, 'VALIDATION').fields?.[0].field).toBe('monthDay');
  });
});

describe('the calendar', () => {
  it('a month without holidays: the lawyer on the first Wednesday, the chiefs on their weekdays, nobody on Sundays', async () => {
    const days = await month('2026-11');
    expect(days).toHaveLength(30);
    expect(days.filter((d) => d.entries.some((e) => e.name === '陆文博')).map((d) => d.date)).toEqual(['2026-11-04']);
    expect(days.filter((d) => d.entries.some((e) => e.name === '沈建明')).map((d) => d.date)).toEqual([
      '2026-11-02', '2026-11-04', '2026-11-09', '2026-11-11', '2026-11-16', '2026-11-18', '2026-11-23', '2026-11-25', '2026-11-30',
    ]);
    expect(days.filter((d) => d.entries.some((e) => e.name === '周敏'))).toHaveLength(21);
    expect(who(dayOf(days, '2026-11-04'))).toEqual(['沈建明 all_day', '陆文博 morning', '周敏 afternoon']);
    // An ordinary weekend: the Saturday volunteer only, nobody on Sunday.
    expect(who(dayOf(days, '2026-11-14'))).toEqual(['顾丽萍 afternoon']);
    expect(dayOf(days, '2026-11-15')).toMatchObject({ working: false, kind: 'weekend', holidayName: null, entries: [] });
  });

  it('National Day: no duty on the holiday but the rest-day volunteer; the 调休 Saturday and Sunday are working days', async () => {
    const october = await month('2026-10');
    for (const date of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']) {
      expect(dayOf(october, date), date).toMatchObject({ working: false, kind: 'holiday', holidayName: '国庆节', entries: [] });
    }
    // The first Wednesday, 10-07, is in the holiday: no lawyer this October.
    expect(october.some((d) => d.entries.some((e) => e.name === '陆文博'))).toBe(false);
    expect(who(dayOf(october, '2026-10-03'))).toEqual(['顾丽萍 afternoon']);
    expect(dayOf(october, '2026-10-10')).toMatchObject({ working: true, kind: 'workday', holidayName: '国庆节' });
    expect(who(dayOf(october, '2026-10-10'))).toEqual(['周敏 afternoon', '顾丽萍 afternoon']);
    const september = await month('2026-09');
    expect(dayOf(september, '2026-09-20')).toMatchObject({ working: true, kind: 'workday' });
    expect(who(dayOf(september, '2026-09-20'))).toEqual(['周敏 afternoon']);
    expect(who(dayOf(september, '2026-09-02'))).toEqual(['沈建明 all_day', '陆文博 morning', '周敏 afternoon']);
  });
});

describe('exceptions', () => {
  const exceptions = () => `/api/mediation/studios/${studioId}/duty-exceptions`;
  let cancelId: number;

  it('代班: 顾丽萍 stands in for 沈建明 on a Monday; 取消: a Wednesday without him', async () => {
    const swap = await ok<{ kindLabel: string; substituteName: string }>(
      await staff.post(exceptions(), { ruleId: rule.shen.id, day: '2026-10-12', kind: 'swap', substituteId: member.gu, reason: '沈建明参加嘉兴市总工会调解员培训' }),
      201,
    );
    expect(swap).toMatchObject({ kindLabel: '代班', substituteName: '顾丽萍' });
    const cancel = await ok<{ id: number }>(await staff.post(exceptions(), { ruleId: rule.shen.id, day: '2026-10-14', kind: 'cancel', reason: '工作室线路检修，停诊一天' }), 201);
    cancelId = cancel.id;
    const october = await month('2026-10');
    expect(who(dayOf(october, '2026-10-12'))).toEqual(['顾丽萍 all_day 代沈建明', '周敏 afternoon']);
    expect(who(dayOf(october, '2026-10-14'))).toEqual(['沈建明 all_day 取消', '周敏 afternoon']);
    expect(dayOf(october, '2026-10-14')!.entries[0].exception).toMatchObject({ kind: 'cancel', reason: '工作室线路检修，停诊一天' });
  });

  it('refuses a day the rule is off, a swap to the same or no member, a second exception on a day', async () => {
    const post = (body: Record<string, unknown>) => staff.post(exceptions(), { ruleId: rule.shen.id, kind: 'swap', substituteId: member.zhou, reason: '临时有事', ...body });
    expect(expectError(await post({ day: '2026-10-13' }), 400, 'VALIDATION').fields?.[0]).toMatchObject({ field: 'day', reason: expect.stringContaining('本来就不值班') });
    expect(expectError(await post({ day: '2026-10-05' }), 400, 'VALIDATION').fields?.[0].field).toBe('day');
    expect(expectError(await post({ day: '2026-10-19', substituteId: member.shen }), 400, 'VALIDATION').fields?.[0].field).toBe('substituteId');
    expect(expectError(await post({ day: '2026-10-19', substituteId: null }), 400, 'VALIDATION').fields?.[0].field).toBe('substituteId');
    expect(expectError(await post({ day: '2026-10-19', substituteId: member.wang }), 400, 'VALIDATION').fields?.[0].field).toBe('substituteId');
    expectError(await post({ day: '2026-10-12' }), 409, 'CONFLICT');
  });

  it('撤销 brings the member back', async () => {
    expect((await staff.delete(`${exceptions()}/${cancelId}`)).statusCode).toBe(204);
    expect(who(dayOf(await month('2026-10'), '2026-10-14'))).toEqual(['沈建明 all_day', '周敏 afternoon']);
    expectError(await staff.delete(`${exceptions()}/${cancelId}`), 404, 'NOT_FOUND');
  });
});

describe('who is on duty', () => {
  it('onDuty: today (a Friday) 周敏; a Monday 沈建明 with his mediator account, for new cases', async () => {
    const today = await ok<Day>(await staff.get(`/api/mediation/studios/${studioId}/on-duty`));
    expect(today.date).toBe('2026-10-09');
    expect(who(today)).toEqual(['周敏 afternoon']);
    const monday = await ok<Day>(await mediator.get(`/api/mediation/studios/${studioId}/on-duty?day=2026-10-19`));
    expect(monday.entries.find((e) => e.userId !== null)).toMatchObject({ name: '沈建明', roleLabel: '舱长', userId: mediatorUserId });
    // The service the cases call at intake, inside their transaction.
    const actor = { userId: null, username: 'system', displayName: '系统', homeOrgId: ids.danghu, grants: [] };
    const direct = await t.database.db.transaction((tx) => t.services.dutyRosters.onDuty(actor, studioId, '2026-10-12', tx));
    expect(direct.entries.map((e) => [e.name, e.standsInFor])).toEqual([
      ['顾丽萍', '沈建明'],
      ['周敏', null],
    ]);
  });

  it('a worker sees today’s duty at the studios above their union: names and roles, the studio’s phone, no members’ phones', async () => {
    const mine = await ok<{ day: string; items: { id: number; phone: string | null; entries: { name: string; roleLabel: string; slotLabel: string }[] }[] }>(await chen.get('/api/mediation/duty-today'));
    expect(mine.day).toBe('2026-10-09');
    expect(mine.items.map((s) => s.id)).toEqual([studioId]);
    expect(mine.items[0]).toMatchObject({ phone: '0573-85011234', entries: [{ name: '周敏', roleLabel: '舱长', slotLabel: '下午' }] });
    expect(JSON.stringify(mine)).not.toMatch(/138573|136000|139057|userId|memberId/);
    // The same on the union's public page, without an account; 钟埭's workers see their own studio only.
    const open = await t.app.inject({ method: 'GET', url: `/api/public/unions/${ids.rider_station}/mediation-duty` });
    expect(open.statusCode, open.body).toBe(200);
    expect(open.json()).toEqual(mine);
    const elsewhere = await t.app.inject({ method: 'GET', url: `/api/public/unions/${ids.zhongdai}/mediation-duty` });
    expect(elsewhere.json().items.map((s: { name: string }) => s.name)).toEqual(['钟埭街道连心舱']);
    expectError(await t.app.inject({ method: 'GET', url: '/api/public/unions/2000000000/mediation-duty' }), 404, 'NOT_FOUND');
  });
});

describe('scope', () => {
  it('the team and leaders read the roster but do not keep it; another town and another county see nothing', async () => {
    expect((await mediator.get(`/api/mediation/studios/${studioId}/duty?month=2026-10`)).statusCode).toBe(200);
    expect((await leader.get(`/api/mediation/studios/${studioId}/duty`)).statusCode).toBe(200);
    const body = { memberId: member.gu, recurrence: 'weekly', weekdays: [2], slot: 'morning', validFrom: '2026-11-01' };
    expectError(await mediator.post(rulesPath(), body), 403, 'FORBIDDEN');
    expectError(await leader.post(rulesPath(), body), 403, 'FORBIDDEN');
    for (const outsider of [zhongdaiStaff, nanhuStaff]) {
      expectError(await outsider.get(`/api/mediation/studios/${studioId}/duty`), 404, 'NOT_FOUND');
      expectError(await outsider.get(rulesPath()), 404, 'NOT_FOUND');
      expectError(await outsider.get(`/api/mediation/studios/${studioId}/on-duty`), 404, 'NOT_FOUND');
      expectError(await outsider.post(rulesPath(), body), 404, 'NOT_FOUND');
      expectError(await outsider.patch(`${rulesPath()}/${rule.gu.id}`, { active: false, version: rule.gu.version }), 404, 'NOT_FOUND');
      expectError(await outsider.post(`/api/mediation/studios/${studioId}/duty-exceptions`, { ruleId: rule.gu.id, day: '2026-10-17', kind: 'cancel', reason: '越权测试' }), 404, 'NOT_FOUND');
    }
    expect((await ok<{ items: unknown[] }>(await nanhuStaff.get('/api/mediation/duty-today'))).items).toEqual([]);
  });
});

describe('a new case', () => {
  const newCase = { source: 'consultation', subject: '职工追索拖欠工资', facts: '职工反映单位拖欠两个月工资，请求调解。', enterpriseName: '平湖某制衣有限公司', workers: [{ name: '邵春燕' }], claims: [{ type: 'wages', amount: 800_000 }] };

  it('is led by whoever is on duty today with an account when the union’s staff enter it; by nobody when no one is', async () => {
    // Today (a Friday) 周敏 is on duty, without an account: the case waits for a chief to take it.
    const waiting = await ok<{ id: number }>(await staff.post('/api/mediation/cases', { ...newCase, studioId }), 201);
    expect((await ok<{ leadName: string | null }>(await staff.get(`/api/mediation/cases/${waiting.id}`))).leadName).toBeNull();
    // 沈建明 stands in for her today: the next case is his.
    const swap = await ok<{ id: number }>(
      await staff.post(`/api/mediation/studios/${studioId}/duty-exceptions`, { ruleId: rule.zhou.id, day: '2026-10-09', kind: 'swap', substituteId: member.shen, reason: '周敏调休' }),
      201,
    );
    const led = await ok<{ id: number }>(await staff.post('/api/mediation/cases', { ...newCase, studioId }), 201);
    expect(await ok<{ leadName: string | null }>(await staff.get(`/api/mediation/cases/${led.id}`))).toMatchObject({ leadName: '沈建明' });
    expect((await staff.delete(`/api/mediation/studios/${studioId}/duty-exceptions/${swap.id}`)).statusCode).toBe(204);
  });
});
