import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { createAccount, type TestApp, type TestClient } from '../support/app.js';
import { expectError, pinghuDemo } from '../support/members.js';

/**
 * 连心舱 · 诉调对接 (DESIGN §3.3, seeds 001–004): the 当湖 studio and its team,
 * who sees which studio, and who mediates.
 */

let t: TestApp;
let ids: Record<string, number>;
let danghuStaff: TestClient;
let zhongdaiStaff: TestClient;
let leader: TestClient;
let mediator: TestClient;
let chen: TestClient;
/** A mediator of 钟埭, on no 当湖 team. */
let zhongdaiMediator: TestClient;
const userIds: Record<string, number> = {};

interface Member {
  id: number;
  role: string;
  name: string;
  phone: string | null;
  userId: number | null;
  lawFirm: string | null;
  active: boolean;
  version: number;
}
interface Studio {
  id: number;
  name: string;
  orgName: string;
  version: number;
  canManage: boolean;
  myRole: string | null;
  counts: Record<string, number>;
  members: Member[];
}

let studio: Studio;

async function ok<T>(response: { statusCode: number; body: string; json(): unknown }, status = 200) {
  expect(response.statusCode, response.body).toBe(status);
  return response.json() as T;
}

beforeAll(async () => {
  const demo = await pinghuDemo(() => '2026-12-06');
  ({ t, ids, leader } = demo);
  danghuStaff = demo.danghu;
  zhongdaiStaff = demo.zhongdai;
  [mediator, chen] = await Promise.all(['lianxin_mediator', 'chen_jie'].map((u) => t.login(u, DEMO_PASSWORD)));
  const created = await createAccount(t, demo.admin, { username: 'zhongdai_mediator', displayName: '钟埭 调解员', homeOrgId: ids.zhongdai, grants: [{ role: 'mediator', orgId: ids.zhongdai }] });
  zhongdaiMediator = created.client;
  userIds.zhongdai_mediator = created.user.id;
  const users = (await demo.admin.get('/api/users?pageSize=200')).json().items as { id: number; username: string }[];
  for (const u of users) userIds[u.username] ??= u.id;
}, 120_000);
afterAll(() => t.close());

describe('studios and teams', () => {
  it('the street union opens its 连心舱; a town elsewhere may not', async () => {
    studio = await ok<Studio>(await danghuStaff.post('/api/mediation/studios', { orgId: ids.danghu, name: '当湖街道“连心舱”劳动争议调解工作室', address: '平湖市当湖街道胜利路 88 号', phone: '0573-85011234' }), 201);
    expect(studio).toMatchObject({ orgName: '当湖街道总工会', canManage: true, myRole: null, members: [] });
    expectError(await zhongdaiStaff.post('/api/mediation/studios', { orgId: ids.danghu, name: '钟埭代设' }), 404, 'NOT_FOUND');
    expectError(await danghuStaff.post('/api/mediation/studios', { orgId: ids.danghu, name: '当湖街道“连心舱”劳动争议调解工作室' }), 409, 'CONFLICT');
    const phone = expectError(await danghuStaff.post('/api/mediation/studios', { orgId: ids.danghu, name: '另一个', phone: '电话' }), 400, 'VALIDATION');
    expect(phone.fields?.map((f) => f.field)).toEqual(['phone']);
  });

  it('adds the team: a cabin chief with an account, a volunteer, a lawyer with the firm', async () => {
    studio = await ok<Studio>(await danghuStaff.post(`/api/mediation/studios/${studio.id}/members`, { role: 'cabin_chief', name: '沈建明', phone: '138 5733 1024', userId: userIds.lianxin_mediator }));
    studio = await ok<Studio>(await danghuStaff.post(`/api/mediation/studios/${studio.id}/members`, { role: 'volunteer', name: '顾丽萍' }));
    studio = await ok<Studio>(await danghuStaff.post(`/api/mediation/studios/${studio.id}/members`, { role: 'lawyer', name: '陆文博', lawFirm: '浙江平湖律师事务所', phone: '13905731188' }));
    expect(studio.members.map((m) => [m.role, m.name])).toEqual([
      ['cabin_chief', '沈建明'],
      ['volunteer', '顾丽萍'],
      ['lawyer', '陆文博'],
    ]);
    expect(studio.members[0]).toMatchObject({ phone: '13857331024', userId: userIds.lianxin_mediator });
    expect(studio.counts).toMatchObject({ cabin_chief: 1, volunteer: 1, lawyer: 1, navigator: 0 });
  });

  it('refuses a lawyer without a firm, a bad phone, an account without the mediator role or seated twice', async () => {
    const path = `/api/mediation/studios/${studio.id}/members`;
    expect(expectError(await danghuStaff.post(path, { role: 'lawyer', name: '王律师' }), 400, 'VALIDATION').fields).toEqual([{ field: 'lawFirm', reason: expect.stringContaining('律师事务所') }]);
    expect(expectError(await danghuStaff.post(path, { role: 'volunteer', name: '李四', phone: '12345' }), 400, 'VALIDATION').fields?.map((f) => f.field)).toEqual(['phone']);
    expect(expectError(await danghuStaff.post(path, { role: 'cabin_chief', name: '陈杰', userId: userIds.chen_jie }), 400, 'VALIDATION').fields?.[0]).toMatchObject({ field: 'userId', reason: expect.stringContaining('调解员') });
    expectError(await danghuStaff.post(path, { role: 'tutor', name: '沈建明', userId: userIds.lianxin_mediator }), 409, 'CONFLICT');
    // The team is kept by who manages mediation there: not its own mediator, not a leader.
    expectError(await mediator.post(path, { role: 'volunteer', name: '张三' }), 404, 'NOT_FOUND');
    expectError(await leader.post(path, { role: 'volunteer', name: '张三' }), 404, 'NOT_FOUND');
  });

  it('the mediator sees the studio through its seat, with full phones; leaders see it masked; 钟埭 does not see it', async () => {
    const mine = await ok<{ items: Studio[] }>(await mediator.get('/api/mediation/studios'));
    expect(mine.items.map((s) => [s.id, s.myRole, s.canManage])).toEqual([[studio.id, 'cabin_chief', false]]);
    expect(mine.items[0].members[0].phone).toBe('13857331024');
    const read = await ok<{ items: Studio[] }>(await leader.get('/api/mediation/studios'));
    expect(read.items.map((s) => s.id)).toEqual([studio.id]);
    expect(read.items[0].members[0].phone).toBe('138****1024');
    expect((await ok<{ items: Studio[] }>(await zhongdaiStaff.get('/api/mediation/studios'))).items).toEqual([]);
    expect((await ok<{ items: Studio[] }>(await zhongdaiMediator.get('/api/mediation/studios'))).items).toEqual([]);
    expectError(await zhongdaiStaff.get(`/api/mediation/studios/${studio.id}`), 404, 'NOT_FOUND');
    expect((await ok<{ items: Studio[] }>(await chen.get('/api/mediation/studios'))).items).toEqual([]);
  });

  it('deactivating a member ends the seat: the account no longer sees the studio; a stale version is 409', async () => {
    const volunteer = studio.members.find((m) => m.name === '顾丽萍')!;
    const path = `/api/mediation/studios/${studio.id}/members/${volunteer.id}`;
    studio = await ok<Studio>(await danghuStaff.patch(path, { phone: '13600001111', version: volunteer.version }));
    expectError(await danghuStaff.patch(path, { active: false, version: volunteer.version }), 409, 'CONFLICT');
    const chief = studio.members.find((m) => m.name === '沈建明')!;
    studio = await ok<Studio>(await danghuStaff.patch(`/api/mediation/studios/${studio.id}/members/${chief.id}`, { active: false, version: chief.version }));
    expect(studio.counts.cabin_chief).toBe(0);
    expect((await ok<{ items: Studio[] }>(await mediator.get('/api/mediation/studios'))).items).toEqual([]);
    const inactive = studio.members.find((m) => m.name === '沈建明')!;
    studio = await ok<Studio>(await danghuStaff.patch(`/api/mediation/studios/${studio.id}/members/${chief.id}`, { active: true, version: inactive.version }));
    expect((await ok<{ items: Studio[] }>(await mediator.get('/api/mediation/studios'))).items).toHaveLength(1);
  });
});
