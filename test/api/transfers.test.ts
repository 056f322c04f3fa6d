import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { transfers } from '../../src/server/modules/members/schema.js';
import type { TestApp, TestClient } from '../support/app.js';
import {
  applyToJoin,
  createSecondCounty,
  errorOf,
  expectCountsKept,
  expectError,
  hashOf,
  HENGLI,
  JIADA,
  joinBody,
  joinMember,
  membershipRow,
  membershipsOf,
  newPerson,
  personRow,
  pinghuDemo,
  residentIdOf,
  rowCounts,
  transferRow,
} from '../support/members.js';

/**
 * 动态接转: a membership moves to another union. Requested by the member on the
 * phone page (ID + phone) or by either union; the source confirms, the target
 * accepts, either may refuse with a reason; the old membership closes and the
 * new one opens in one transaction with 会龄 continuous, also across counties.
 */

let today = '2026-11-24';
let t: TestApp;
let ids: Record<string, number>;
let admin: TestClient;
let danghu: TestClient;
let zhongdai: TestClient;
let pinghu: TestClient;
let leader: TestClient;
let nanhu: Awaited<ReturnType<typeof createSecondCounty>>;


const publicRequest = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/public/transfers', payload: body });
const tracking = async (tenantId: number, code: string) => {
  const response = await t.app.inject({ method: 'GET', url: `/api/public/transfers/${tenantId}/${code}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const publicCancel = (tenantId: number, code: string) => t.app.inject({ method: 'POST', url: `/api/public/transfers/${tenantId}/${code}/cancel` });
const actOn = (client: TestClient, id: number, action: string, input?: unknown) => client.post(`/api/transfers/${id}/actions`, input === undefined ? { action } : { action, input });
const detail = async (client: TestClient, id: number) => {
  const response = await client.get(`/api/members/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const transferList = async (client: TestClient, query = '') => {
  const response = await client.get(`/api/transfers?pageSize=200${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as any[];
};
const listed = async (client: TestClient, id: number, query = '') => (await transferList(client, query)).find((x) => x.id === id);
const actionsOf = (item: { allowedActions: { action: string }[] }) => item.allowedActions.map((a) => a.action).sort();
const created = (response: { statusCode: number; body: string; json(): any }) => {
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: number; tenantId: number; trackingCode: string };
};

/** A member of 嘉达 (当湖街道) joined on `joinedOn`. */
async function memberOfJiada(name: string, joinedOn = today) {
  const saved = today;
  today = joinedOn;
  const p = newPerson(name);
  const { membershipId } = await joinMember(t, danghu, p, ids.jiada);
  today = saved;
  return { p, membershipId };
}

beforeAll(async () => {
  ({ t, ids, admin, danghu, zhongdai, pinghu, leader } = await pinghuDemo(() => today));
  nanhu = await createSecondCounty(t, admin, ids.jiaxing);
});
afterAll(() => t.close());
afterEach(() => expectCountsKept(t));

describe('the member asks on the phone page', () => {
  it('does not tell a wrong phone from an unknown ID number', async () => {
    today = '2026-11-24';
    const { p } = await memberOfJiada('岑嘉伟');
    const withdrawn = await memberOfJiada('岑嘉俊');
    expect((await danghu.post(`/api/members/${withdrawn.membershipId}/actions`, { action: 'withdraw', input: { requestedOn: today } })).statusCode).toBe(204);
    const before = await rowCounts(t);

    const wrongPhone = expectError(await publicRequest({ residentId: p.residentId, phone: '13900000000', toOrgId: ids.hengli }), 404, 'NOT_FOUND');
    const unknown = expectError(await publicRequest({ residentId: residentIdOf('19800101', 901), phone: p.phone, toOrgId: ids.hengli }), 404, 'NOT_FOUND');
    const noLonger = expectError(await publicRequest({ residentId: withdrawn.p.residentId, phone: withdrawn.p.phone, toOrgId: ids.hengli }), 404, 'NOT_FOUND');
    const badPhone = expectError(await publicRequest({ residentId: p.residentId, phone: '12345', toOrgId: ids.hengli }), 404, 'NOT_FOUND');
    for (const other of [unknown, noLonger, badPhone]) expect(other).toEqual(wrongPhone);
    expect(wrongPhone.message).toContain('身份证号与手机号不匹配');

    const malformedId = expectError(await publicRequest({ residentId: '330482199001011230', phone: p.phone, toOrgId: ids.hengli }), 400, 'VALIDATION');
    expect(malformedId.fields?.map((f) => f.field)).toEqual(['residentId']);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('follows the request by tracking code; the source confirms, the target accepts; the membership moves with its years', async () => {
    const { p, membershipId: oldId } = await memberOfJiada('岑嘉明', '2026-11-24');
    today = '2027-03-01';
    const before = await rowCounts(t);
    const request = created(
      await publicRequest({
        residentId: p.residentId.toLowerCase(),
        phone: `+86 ${p.phone.slice(0, 3)}-${p.phone.slice(3, 7)}-${p.phone.slice(7)}`,
        toOrgId: ids.hengli,
        reason: '更换工作单位',
        employment: { employmentForm: 'standard', employerName: '平湖恒力精密机械有限公司' },
      }),
    );
    expect(request.tenantId).toBe(ids.pinghu);
    expect(request.trackingCode).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect((await rowCounts(t)).transfers).toBe(before.transfers + 1);
    expect(await transferRow(t, request.id)).toMatchObject({ state: 'requested', requestedBy: 'member', membershipId: oldId, fromOrgId: ids.jiada, toOrgId: ids.hengli, toTenantId: ids.pinghu, reason: '更换工作单位' });

    const asked = await tracking(request.tenantId, request.trackingCode);
    expect(asked).toMatchObject({ state: 'requested', stateLabel: '待转出单位确认', stateTone: 'waiting', settled: false, name: '岑嘉明', fromOrgName: JIADA, toOrgName: HENGLI, canCancel: true });
    expect(asked.timeline).toEqual([expect.objectContaining({ seq: 1, action: 'create', to: 'requested', actorName: '岑嘉明' })]);
    expect(JSON.stringify(asked)).not.toContain(p.residentId);

    // Each side sees it; only the source may act now.
    const atSource = await listed(danghu, request.id, '&direction=out');
    expect(atSource).toMatchObject({ state: 'requested', name: '岑嘉明', membershipId: oldId, fromOrgName: JIADA, toOrgName: HENGLI, requestedBy: 'member', reason: '更换工作单位' });
    expect(actionsOf(atSource)).toEqual(['confirm', 'refuse_out']);
    expect(atSource.idMasked).toBe(`33************${p.residentId.slice(-4)}`);
    for (const client of [danghu, zhongdai, pinghu]) expect((await client.get('/api/transfers?pageSize=200')).body).not.toContain(p.residentId);
    const atTarget = await listed(zhongdai, request.id, '&direction=in');
    expect(actionsOf(atTarget)).toEqual([]);
    expect(await listed(zhongdai, request.id, '&direction=out')).toBeUndefined();
    expect(await listed(danghu, request.id, '&direction=in')).toBeUndefined();
    expectError(await actOn(zhongdai, request.id, 'accept'), 409, 'INVALID_TRANSITION');
    expectError(await actOn(zhongdai, request.id, 'confirm'), 403, 'FORBIDDEN');
    expectError(await actOn(leader, request.id, 'confirm'), 403, 'FORBIDDEN');
    expect((await membershipRow(t, oldId)).status).toBe('active');

    expect((await actOn(danghu, request.id, 'confirm')).statusCode).toBe(204);
    expect(await tracking(request.tenantId, request.trackingCode)).toMatchObject({ state: 'source_confirmed', stateLabel: '待转入单位接收', settled: false, canCancel: false });
    expectError(await publicCancel(request.tenantId, request.trackingCode), 409, 'INVALID_TRANSITION');
    expect(actionsOf(await listed(zhongdai, request.id, '&direction=in'))).toEqual(['accept', 'refuse_in']);
    expect(actionsOf(await listed(danghu, request.id))).toEqual([]);
    expectError(await actOn(danghu, request.id, 'accept'), 403, 'FORBIDDEN');
    expect((await membershipRow(t, oldId)).status).toBe('active');

    expect((await actOn(zhongdai, request.id, 'accept')).statusCode).toBe(204);
    const done = await transferRow(t, request.id);
    expect(done.state).toBe('completed');
    const newId = done.newMembershipId!;
    expect(newId).toBeGreaterThan(0);
    expect(newId).not.toBe(oldId);

    const old = await detail(danghu, oldId);
    expect(old).toMatchObject({ status: 'transferred', statusLabel: '已转出', endedOn: '2027-03-01', endReason: `转至 ${HENGLI}`, memberSince: '2026-11-24', allowedActions: [] });
    expect(old.history.map((e: { action: string }) => e.action)).toEqual(['create', 'transfer_out']);
    expect(old.history[1]).toMatchObject({ from: 'active', to: 'transferred', toLabel: '已转出', payload: { transferId: request.id, toOrgId: ids.hengli } });

    const fresh = await detail(zhongdai, newId);
    expect(fresh).toMatchObject({
      status: 'active',
      tenantId: ids.pinghu,
      orgId: ids.hengli,
      orgName: HENGLI,
      name: '岑嘉明',
      idMasked: old.idMasked,
      joinedOn: '2027-03-01',
      memberSince: '2026-11-24',
      source: 'transfer',
      employmentForm: 'standard',
      employerName: '平湖恒力精密机械有限公司',
    });
    expect(fresh.cardNo).not.toBe(old.cardNo);
    expect(fresh.history).toEqual([expect.objectContaining({ action: 'create', to: 'active', payload: expect.objectContaining({ source: 'transfer', orgId: ids.hengli }) })]);
    // 会龄 runs on from the membership in 当湖, which 钟埭 is not sent (finding 4 of issue 10).
    expect(fresh.memberSince).toBe('2026-11-24');
    expect(fresh.previousMemberships).toEqual([]);
    expect(JSON.stringify(fresh)).not.toContain(old.cardNo);
    expect(fresh.transfers).toEqual([expect.objectContaining({ id: request.id, state: 'completed', stateLabel: '已完成', fromOrgName: JIADA, toOrgName: HENGLI })]);
    expect((await detail(pinghu, newId)).previousMemberships).toEqual([expect.objectContaining({ id: oldId, status: 'transferred', orgName: JIADA })]);
    // 当湖 sees the transfer out and where it went, but nothing of the membership in 钟埭.
    const sourceView = await detail(danghu, oldId);
    expect(sourceView.transfers).toEqual([expect.objectContaining({ id: request.id, state: 'completed' })]);
    expect(sourceView.previousMemberships).toEqual([]);
    expect(JSON.stringify(sourceView)).not.toContain(fresh.cardNo);

    expect(await personRow(t, p.residentId)).toMatchObject({ openMembershipId: newId, openMembershipTenantId: ids.pinghu, memberSince: '2026-11-24' });
    const all = await membershipsOf(t, p.residentId);
    expect(all.map((m) => [m.id, m.status]).sort()).toEqual(
      [
        [oldId, 'transferred'],
        [newId, 'active'],
      ].sort(),
    );

    const followed = await tracking(request.tenantId, request.trackingCode);
    expect(followed).toMatchObject({ state: 'completed', stateLabel: '已完成', stateTone: 'good', settled: true, canCancel: false });
    expect(followed.timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'confirm', 'accept']);
    expect(followed.timeline[2].actorName).toBe('钟埭街道工会 干事');

    // Done is done: no second accept, and the closed membership cannot move again.
    expect(expectError(await actOn(zhongdai, request.id, 'accept'), 409, 'INVALID_TRANSITION').message).toContain('已完成');
    expectError(await actOn(zhongdai, request.id, 'refuse_in', { reason: '重复操作测试' }), 409, 'INVALID_TRANSITION');
    expect(await membershipsOf(t, p.residentId)).toHaveLength(2);
    expectError(await danghu.post('/api/transfers', { membershipId: oldId, toOrgId: ids.shuntong }), 409, 'CONFLICT');
    // Joining again is not the way: the member is told to transfer.
    expect(errorOf(await applyToJoin(t, joinBody(p, ids.jiada))).fields).toEqual([{ field: 'residentId', reason: 'CANNOT_APPLY_ONLINE' }]);
  });

  it('the member may cancel by tracking code while the source has not decided', async () => {
    const { p, membershipId } = await memberOfJiada('岑嘉乐');
    const request = created(await publicRequest({ residentId: p.residentId, phone: p.phone, toOrgId: ids.hengli }));
    expectError(await publicCancel(request.tenantId, 'AAAAAAAAAAAAAAAA'), 404, 'NOT_FOUND');
    expectError(await publicCancel(nanhu.countyId, request.trackingCode), 404, 'NOT_FOUND');
    expectError(await actOn(zhongdai, request.id, 'cancel'), 403, 'FORBIDDEN');
    expect((await publicCancel(request.tenantId, request.trackingCode)).statusCode).toBe(204);
    const cancelled = await tracking(request.tenantId, request.trackingCode);
    expect(cancelled).toMatchObject({ state: 'cancelled', stateLabel: '已撤回', stateTone: 'ended', settled: true, canCancel: false });
    expect(cancelled.timeline.at(-1)).toMatchObject({ action: 'cancel', from: 'requested', to: 'cancelled', actorName: '岑嘉乐' });
    expectError(await publicCancel(request.tenantId, request.trackingCode), 409, 'INVALID_TRANSITION');
    expectError(await actOn(danghu, request.id, 'confirm'), 409, 'INVALID_TRANSITION');
    expect((await membershipRow(t, membershipId)).status).toBe('active');
    expect((await personRow(t, p.residentId)).openMembershipId).toBe(membershipId);
    // The membership is free for a new request.
    created(await publicRequest({ residentId: p.residentId, phone: p.phone, toOrgId: ids.shuntong }));
  });
});

describe('staff ask for a transfer', () => {
  it('the source union asks by membership; the same union or a town is refused naming toOrgId', async () => {
    const { p, membershipId } = await memberOfJiada('岑嘉禾');
    const before = await rowCounts(t);
    for (const [toOrgId, reason] of [
      [ids.jiada, '转入工会与当前所在工会相同'],
      [ids.zhongdai, '请选择基层工会、联合工会或平台工会'],
      [999_999, '工会不存在或已撤销'],
    ] as const) {
      const error = expectError(await danghu.post('/api/transfers', { membershipId, toOrgId }), 400, 'VALIDATION');
      expect(error.fields).toEqual([{ field: 'toOrgId', reason }]);
      expect(error.message).toContain('toOrgId');
    }
    expect(expectError(await danghu.post('/api/transfers', { toOrgId: ids.hengli }), 400, 'VALIDATION').fields?.map((f) => f.field)).toEqual(['membershipId']);
    expectError(await zhongdai.post('/api/transfers', { membershipId, toOrgId: ids.hengli }), 404, 'NOT_FOUND');
    expectError(await leader.post('/api/transfers', { membershipId, toOrgId: ids.hengli }), 403, 'FORBIDDEN');
    expect(await rowCounts(t)).toEqual(before);

    const request = created(await danghu.post('/api/transfers', { membershipId, toOrgId: ids.shuntong, reason: '调往顺通物流' }));
    expect(await transferRow(t, request.id)).toMatchObject({ requestedBy: 'source', state: 'requested', toOrgId: ids.shuntong });
    expect((await tracking(request.tenantId, request.trackingCode)).canCancel).toBe(false);
    // Staff-requested: the tracking code alone cannot cancel it.
    expectError(await publicCancel(request.tenantId, request.trackingCode), 403, 'FORBIDDEN');

    const second = expectError(await danghu.post('/api/transfers', { membershipId, toOrgId: ids.hengli }), 409, 'CONFLICT');
    expect(second.message).toContain('办理中');
    expectError(await publicRequest({ residentId: p.residentId, phone: p.phone, toOrgId: ids.hengli }), 409, 'CONFLICT');

    // The requesting side may withdraw its own request; the other side may not.
    expect(actionsOf(await listed(danghu, request.id))).toEqual(['cancel', 'confirm', 'refuse_out']);
    expectError(await actOn(zhongdai, request.id, 'cancel'), 403, 'FORBIDDEN');
    expect((await actOn(danghu, request.id, 'cancel')).statusCode).toBe(204);
    expect((await transferRow(t, request.id)).state).toBe('cancelled');
  });

  it('the source may refuse to let go, with a reason; the membership stays', async () => {
    const { p, membershipId } = await memberOfJiada('岑嘉祥');
    const request = created(await publicRequest({ residentId: p.residentId, phone: p.phone, toOrgId: ids.hengli }));
    for (const input of [undefined, { reason: '' }]) {
      const error = expectError(await actOn(danghu, request.id, 'refuse_out', input), 400, 'VALIDATION');
      expect(error.fields?.map((f) => f.field)).toEqual(['reason']);
    }
    expect((await transferRow(t, request.id)).state).toBe('requested');
    expect((await actOn(danghu, request.id, 'refuse_out', { reason: '该会员仍在本单位工作' })).statusCode).toBe(204);
    const refused = await tracking(request.tenantId, request.trackingCode);
    expect(refused).toMatchObject({ state: 'refused', stateLabel: '未通过', canCancel: false });
    expect(refused.timeline.at(-1)).toMatchObject({ action: 'refuse_out', from: 'requested', to: 'refused', payload: { reason: '该会员仍在本单位工作' } });
    expect(await membershipsOf(t, p.residentId)).toEqual([expect.objectContaining({ id: membershipId, status: 'active', endedOn: null })]);
    expect((await personRow(t, p.residentId)).openMembershipId).toBe(membershipId);
    expectError(await actOn(danghu, request.id, 'confirm'), 409, 'INVALID_TRANSITION');
  });

  it('the target union asks by ID number, and may refuse to receive with a reason', async () => {
    const { p, membershipId } = await memberOfJiada('岑嘉瑞');
    const stranger = newPerson('岑无名');
    expect(expectError(await zhongdai.post('/api/transfers', { residentId: stranger.residentId, toOrgId: ids.hengli }), 404, 'NOT_FOUND').message).toContain('请办理入会');
    expect(expectError(await zhongdai.post('/api/transfers', { residentId: '123', toOrgId: ids.hengli }), 400, 'VALIDATION').fields?.map((f) => f.field)).toEqual(['residentId']);
    // Asking on behalf of a union outside one's scope.
    expectError(await zhongdai.post('/api/transfers', { residentId: p.residentId, toOrgId: ids.meiyi }), 403, 'FORBIDDEN');

    const request = created(await zhongdai.post('/api/transfers', { residentId: p.residentId, toOrgId: ids.hengli, reason: '已到恒力精密入职' }));
    expect(await transferRow(t, request.id)).toMatchObject({ requestedBy: 'target', membershipId, state: 'requested' });
    expect(actionsOf(await listed(zhongdai, request.id))).toEqual(['cancel']);
    expect((await actOn(danghu, request.id, 'confirm')).statusCode).toBe(204);

    expectError(await actOn(zhongdai, request.id, 'refuse_in'), 400, 'VALIDATION');
    expect((await actOn(zhongdai, request.id, 'refuse_in', { reason: '岗位已取消，未实际入职' })).statusCode).toBe(204);
    const refused = await transferRow(t, request.id);
    expect(refused).toMatchObject({ state: 'refused', newMembershipId: null });
    const timeline = (await tracking(request.tenantId, request.trackingCode)).timeline;
    expect(timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'confirm', 'refuse_in']);
    expect(timeline[2].payload).toEqual({ reason: '岗位已取消，未实际入职' });
    expect(await membershipsOf(t, p.residentId)).toEqual([expect.objectContaining({ id: membershipId, status: 'active' })]);
    expect((await detail(danghu, membershipId)).transfers).toEqual([expect.objectContaining({ id: request.id, state: 'refused' })]);
  });

  it('a retained membership moves too and stays one membership', async () => {
    const { p, membershipId } = await memberOfJiada('岑嘉宝');
    expect((await danghu.post(`/api/members/${membershipId}/actions`, { action: 'retain', input: { cause: 'laid_off' } })).statusCode).toBe(204);
    const request = created(await danghu.post('/api/transfers', { membershipId, toOrgId: ids.meiyi }));
    expect((await actOn(danghu, request.id, 'confirm')).statusCode).toBe(204);
    expect((await actOn(danghu, request.id, 'accept')).statusCode).toBe(204);
    const open = (await membershipsOf(t, p.residentId)).filter((m) => m.status === 'active' || m.status === 'retained');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ orgId: ids.meiyi, id: (await transferRow(t, request.id)).newMembershipId });
    expect((await membershipRow(t, membershipId)).status).toBe('transferred');
  });
});

describe('concurrency', () => {
  it('two staff accepting the same transfer at once: one succeeds, one new membership', async () => {
    for (const name of ['岑一帆', '岑二帆', '岑三帆']) {
      const { p, membershipId } = await memberOfJiada(name);
      const request = created(await danghu.post('/api/transfers', { membershipId, toOrgId: ids.hengli }));
      expect((await actOn(danghu, request.id, 'confirm')).statusCode).toBe(204);
      const responses = await Promise.all([actOn(zhongdai, request.id, 'accept'), actOn(pinghu, request.id, 'accept')]);
      expect(responses.map((r) => r.statusCode).sort(), responses.map((r) => r.body).join('\n')).toEqual([204, 409]);

      const done = await transferRow(t, request.id);
      expect(done.state).toBe('completed');
      const all = await membershipsOf(t, p.residentId);
      expect(all).toHaveLength(2);
      expect(all.filter((m) => m.status === 'active').map((m) => m.id)).toEqual([done.newMembershipId]);
      expect(all.find((m) => m.id === membershipId)!.status).toBe('transferred');
      expect((await personRow(t, p.residentId)).openMembershipId).toBe(done.newMembershipId);
      const timeline = (await tracking(request.tenantId, request.trackingCode)).timeline;
      expect(timeline.filter((e: { action: string }) => e.action === 'accept')).toHaveLength(1);
      expect((await detail(danghu, membershipId)).history.filter((e: { action: string }) => e.action === 'transfer_out')).toHaveLength(1);
    }
  });

  it('two requests for one membership at once: one is opened', async () => {
    const { p, membershipId } = await memberOfJiada('岑四帆');
    const responses = await Promise.all([
      publicRequest({ residentId: p.residentId, phone: p.phone, toOrgId: ids.hengli }),
      danghu.post('/api/transfers', { membershipId, toOrgId: ids.shuntong }),
      zhongdai.post('/api/transfers', { residentId: p.residentId, toOrgId: ids.hengli }),
    ]);
    expect(responses.map((r) => r.statusCode).sort(), responses.map((r) => r.body).join('\n')).toEqual([201, 409, 409]);
    const [{ n }] = await t.database.db
      .select({ n: count() })
      .from(transfers)
      .where(and(eq(transfers.membershipId, membershipId), inArray(transfers.state, ['requested', 'source_confirmed'])));
    expect(n).toBe(1);
  });
});

describe('across county tenants', () => {
  it('a member of 平湖 moves to a union in 南湖 and back, with 会龄 continuous', async () => {
    const { p, membershipId: pinghuId } = await memberOfJiada('岑远航', '2026-11-24');
    today = '2027-04-01';
    // Joining in the other county is refused the same way: transfer instead.
    expect(errorOf(await applyToJoin(t, joinBody(p, nanhu.unionId))).fields).toEqual([{ field: 'residentId', reason: 'CANNOT_APPLY_ONLINE' }]);

    const request = created(
      await nanhu.staff.post('/api/transfers', {
        residentId: p.residentId,
        toOrgId: nanhu.unionId,
        reason: '调入南湖区工作',
        employment: { employmentForm: 'standard', employerName: '嘉兴南湖科创电子有限公司' },
      }),
    );
    expect(request.tenantId).toBe(ids.pinghu);
    expect(await transferRow(t, request.id)).toMatchObject({ requestedBy: 'target', toTenantId: nanhu.countyId });
    // The receiving county sees the request, not the member's record in the other county.
    expectError(await nanhu.staff.get(`/api/members/${pinghuId}`), 404, 'NOT_FOUND');
    expect(actionsOf(await listed(nanhu.staff, request.id, '&direction=in'))).toEqual(['cancel']);
    expectError(await actOn(nanhu.staff, request.id, 'confirm'), 403, 'FORBIDDEN');
    expect((await actOn(danghu, request.id, 'confirm')).statusCode).toBe(204);
    expect((await actOn(nanhu.staff, request.id, 'accept')).statusCode).toBe(204);

    const nanhuId = (await transferRow(t, request.id)).newMembershipId!;
    const moved = await membershipRow(t, nanhuId);
    expect(moved).toMatchObject({ tenantId: nanhu.countyId, orgId: nanhu.unionId, status: 'active', memberSince: '2026-11-24', joinedOn: '2027-04-01', source: 'transfer' });
    expect(moved.cardNo).toMatch(/^\d{6}\d{4}\d{7}$/);
    const fresh = await detail(nanhu.staff, nanhuId);
    expect(fresh).toMatchObject({ tenantId: nanhu.countyId, status: 'active', memberSince: '2026-11-24', employerName: '嘉兴南湖科创电子有限公司' });
    expect(fresh.previousMemberships).toEqual([]);
    expect(fresh.transfers).toEqual([expect.objectContaining({ id: request.id, state: 'completed', fromOrgName: JIADA, toOrgName: '嘉兴南湖科创电子有限公司工会' })]);
    expect(await detail(danghu, pinghuId)).toMatchObject({ status: 'transferred', endedOn: '2027-04-01', endReason: '转至 嘉兴南湖科创电子有限公司工会' });
    expectError(await danghu.get(`/api/members/${nanhuId}`), 404, 'NOT_FOUND');
    expect(await personRow(t, p.residentId)).toMatchObject({ openMembershipId: nanhuId, openMembershipTenantId: nanhu.countyId, memberSince: '2026-11-24' });
    expect((await tracking(ids.pinghu, request.trackingCode)).state).toBe('completed');

    // And back, asked by the member: now the transfer belongs to 南湖, the source.
    today = '2027-06-15';
    const back = created(await publicRequest({ residentId: p.residentId, phone: p.phone, toOrgId: ids.hengli, employment: { employmentForm: 'standard', employerName: '平湖恒力精密机械有限公司' } }));
    expect(back.tenantId).toBe(nanhu.countyId);
    expect((await tracking(nanhu.countyId, back.trackingCode)).fromOrgName).toBe('嘉兴南湖科创电子有限公司工会');
    expectError(await actOn(danghu, back.id, 'confirm'), 404, 'NOT_FOUND');
    expect((await actOn(nanhu.staff, back.id, 'confirm')).statusCode).toBe(204);
    expect((await actOn(zhongdai, back.id, 'accept')).statusCode).toBe(204);
    const homeId = (await transferRow(t, back.id)).newMembershipId!;
    expect(await membershipRow(t, homeId)).toMatchObject({ tenantId: ids.pinghu, orgId: ids.hengli, status: 'active', memberSince: '2026-11-24', joinedOn: '2027-06-15' });
    expect(await membershipRow(t, nanhuId)).toMatchObject({ status: 'transferred', endedOn: '2027-06-15' });
    const all = await membershipsOf(t, p.residentId);
    expect(all.filter((m) => m.status === 'active').map((m) => m.id)).toEqual([homeId]);
    expect(all).toHaveLength(3);
    expect(await personRow(t, p.residentId)).toMatchObject({ openMembershipId: homeId, openMembershipTenantId: ids.pinghu });
    const history = await detail(pinghu, homeId);
    // The county sees its own earlier membership, not the one in 南湖 (another county) between them.
    expect(history.previousMemberships.map((m: { id: number }) => m.id)).toEqual([pinghuId]);
    expect(history.transfers.map((x: { id: number }) => x.id).sort()).toEqual([request.id, back.id].sort());
    // The person hash links all three, in both tenants.
    expect(all.every((m) => m.personHash.equals(hashOf(p.residentId)))).toBe(true);
  });

  it('a member-requested transfer across counties: the target may refuse', async () => {
    const { p, membershipId } = await memberOfJiada('岑远帆');
    const request = created(await publicRequest({ residentId: p.residentId, phone: p.phone, toOrgId: nanhu.unionId }));
    expect((await actOn(danghu, request.id, 'confirm')).statusCode).toBe(204);
    expect((await actOn(nanhu.staff, request.id, 'refuse_in', { reason: '未在本单位就业' })).statusCode).toBe(204);
    expect(await tracking(request.tenantId, request.trackingCode)).toMatchObject({ state: 'refused' });
    expect(await membershipsOf(t, p.residentId)).toEqual([expect.objectContaining({ id: membershipId, status: 'active', tenantId: ids.pinghu })]);
  });
});
