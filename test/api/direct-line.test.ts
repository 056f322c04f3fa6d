import { and, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { directLineRequests } from '../../src/server/modules/direct-line/schema.js';
import { notifications } from '../../src/server/platform/notifications/schema.js';
import { createAccount, type TestApp, type TestClient } from '../support/app.js';
import { expectError, pinghuDemo } from '../support/members.js';

/**
 * 零距离 (DESIGN §3.2, seeds/002): the rider 陈杰 asks his representative
 * 范海珠 for a rest station near the 大润发 supermarket from his phone; she
 * answers, he asks again, she turns it into a proposal and he follows the
 * proposal from the thread. Then a request to the union, ratings, closing,
 * every refusal (out of scope is 404), and the representatives' record of
 * answering (履职监督).
 */

let t: TestApp;
let ids: Record<string, number>;
let danghuStaff: TestClient;
let zhongdaiStaff: TestClient;
let leader: TestClient;
let fan: TestClient;
let chen: TestClient;
/** Another rider of the station, a representative of 钟埭 (another union), another representative of 当湖. */
let wang: TestClient;
let jin: TestClient;
let lu: TestClient;
const userIds: Record<string, number> = {};

type Detail = {
  id: number;
  state: string;
  stateLabel: string;
  addresseeName: string;
  orgName: string;
  workerOrgName: string;
  firstReplyAt: string | null;
  rating: string | null;
  ratingLabel: string | null;
  messages: { authorName: string; fromWorker: boolean; text: string }[];
  proposal: { id: number; visible: boolean; state: string | null; stateLabel: string | null; title: string | null } | null;
  timeline: { action: string; to: string }[];
  messageAction: { action: string; label: string } | null;
  allowedActions: { action: string; input: Record<string, unknown> | null }[];
};

const STATION = {
  subject: '大润发超市附近能不能建个驿站',
  category: 'workplace',
  text: '范代表您好，我在当湖送外卖，大润发超市周边单子多，中午和下雨天没地方歇脚、喝水，电动车也没处充电，最近的驿站要骑十五分钟。能不能在超市附近建一个驿站？',
};

async function ask(client: TestClient, body: Record<string, unknown>) {
  const response = await client.post('/api/direct-line', { ...STATION, ...body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Detail;
}
async function detail(client: TestClient, id: number) {
  const response = await client.get(`/api/direct-line/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Detail;
}
async function act(client: TestClient, id: number, action: string, input?: unknown) {
  const response = await client.post(`/api/direct-line/${id}/actions`, { action, ...(input === undefined ? {} : { input }) });
  expect(response.statusCode, `${action}: ${response.body}`).toBe(200);
  return response.json() as Detail;
}
const actions = (d: Detail) => d.allowedActions.map((a) => a.action).sort();
const idsOf = (page: { items: { id: number }[] }) => page.items.map((r) => r.id);

/** Notification titles of a user that lead to the request. */
async function noticesOf(userId: number, id: number) {
  const rows = await t.database.db
    .select({ title: notifications.title })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), like(notifications.link, `/direct-line/${id}`)));
  return rows.map((r) => r.title);
}

beforeAll(async () => {
  const demo = await pinghuDemo(() => '2026-12-06');
  ({ t, ids, leader } = demo);
  danghuStaff = demo.danghu;
  zhongdaiStaff = demo.zhongdai;
  [fan, chen] = await Promise.all(['fan_haizhu', 'chen_jie'].map((u) => t.login(u, DEMO_PASSWORD)));
  const account = async (username: string, displayName: string, orgId: number, role: string) => {
    const created = await createAccount(t, demo.admin, { username, displayName, homeOrgId: orgId, grants: [{ role, orgId }] });
    userIds[username] = created.user.id;
    return created.client;
  };
  wang = await account('wang_qiang', '王强', ids.rider_station, 'worker');
  jin = await account('jin_xiaodong', '金晓东', ids.zhongdai, 'representative');
  lu = await account('lu_haiyan', '陆海燕', ids.danghu, 'representative');
  const users = (await demo.admin.get('/api/users?pageSize=200')).json().items as { id: number; username: string }[];
  for (const u of users) userIds[u.username] ??= u.id;
}, 120_000);
afterAll(() => t.close());

describe('陈杰 asks 范海珠 for a station, from his phone', () => {
  let id: number;

  it('offers him his union and those above it up to the county, with their representatives', async () => {
    const response = await chen.get('/api/direct-line/addressees');
    expect(response.statusCode, response.body).toBe(200);
    const { unions, representatives } = response.json() as { unions: { id: number; name: string }[]; representatives: { userId: number; name: string; orgName: string }[] };
    expect(unions.map((u) => u.id)).toEqual([ids.rider_station, ids.danghu, ids.pinghu]);
    expect(representatives.map((r) => [r.name, r.orgName])).toContainEqual(['范海珠', '当湖街道总工会']);
    // 钟埭's representative is not his union's.
    expect(representatives.map((r) => r.name)).not.toContain('金晓东');
    // Only workers ask.
    expectError(await fan.get('/api/direct-line/addressees'), 403, 'FORBIDDEN');
  });

  it('he sends the request; it waits for her answer and she is told', async () => {
    const created = await ask(chen, { representativeUserId: userIds.fan_haizhu });
    id = created.id;
    expect(created).toMatchObject({ state: 'open', stateLabel: '待回复', addresseeName: '范海珠', orgName: '当湖街道总工会', workerOrgName: '平湖市外卖配送当湖站点工会', firstReplyAt: null });
    expect(created.messages).toEqual([expect.objectContaining({ authorName: '陈杰', fromWorker: true, text: STATION.text })]);
    expect(created.messageAction).toEqual({ action: 'follow_up', label: '补充说明' });
    expect(actions(created)).toEqual(['close']);
    expect(await noticesOf(userIds.fan_haizhu, id)).toEqual([`陈杰 向您提出诉求「${STATION.subject}」`]);
  });

  it('refuses bad input field by field, and a representative of another union', async () => {
    const empty = expectError(await chen.post('/api/direct-line', { ...STATION, representativeUserId: userIds.fan_haizhu, text: '   ' }), 400, 'VALIDATION');
    expect(empty.fields?.map((f) => f.field)).toEqual(['text']);
    const short = expectError(await chen.post('/api/direct-line', { ...STATION, representativeUserId: userIds.fan_haizhu, subject: '驿站' }), 400, 'VALIDATION');
    expect(short.fields?.map((f) => f.field)).toEqual(['subject']);
    const elsewhere = expectError(await chen.post('/api/direct-line', { ...STATION, representativeUserId: userIds.jin_xiaodong }), 400, 'VALIDATION');
    expect(elsewhere.fields).toEqual([{ field: 'representativeUserId', reason: expect.stringContaining('会员代表') }]);
    const nobody = expectError(await chen.post('/api/direct-line', STATION), 400, 'VALIDATION');
    expect(nobody.fields?.[0].field).toBe('representativeUserId');
    const union = expectError(await chen.post('/api/direct-line', { ...STATION, orgId: ids.zhongdai }), 400, 'VALIDATION');
    expect(union.fields?.[0].field).toBe('orgId');
    expectError(await fan.post('/api/direct-line', { ...STATION, representativeUserId: userIds.fan_haizhu }), 403, 'FORBIDDEN');
  });

  it('is nobody else’s business: another rider, another union’s representative and staff get 404', async () => {
    for (const client of [wang, jin, zhongdaiStaff, lu]) {
      expectError(await client.get(`/api/direct-line/${id}`), 404, 'NOT_FOUND');
      expect(idsOf((await client.get('/api/direct-line')).json())).not.toContain(id);
    }
    expectError(await jin.post(`/api/direct-line/${id}/actions`, { action: 'reply', input: { text: '我来回答这个问题' } }), 404, 'NOT_FOUND');
    expectError(await wang.post(`/api/direct-line/${id}/actions`, { action: 'follow_up', input: { text: '我也想问这个' } }), 404, 'NOT_FOUND');
  });

  it('当湖’s staff watch it but do not answer for her', async () => {
    const seen = await detail(danghuStaff, id);
    expect(seen.messageAction).toBeNull();
    expect(seen.allowedActions).toEqual([]);
    expectError(await danghuStaff.post(`/api/direct-line/${id}/actions`, { action: 'reply', input: { text: '工会已收到' } }), 403, 'FORBIDDEN');
    expect(idsOf((await leader.get('/api/direct-line')).json())).toContain(id);
  });

  it('she answers: 已回复, the first reply timed, he is told', async () => {
    const before = await detail(fan, id);
    expect(before.messageAction).toEqual({ action: 'reply', label: '回复' });
    expect(actions(before)).toEqual(['close', 'to_proposal']);
    expectError(await fan.post(`/api/direct-line/${id}/actions`, { action: 'reply', input: { text: '' } }), 400, 'VALIDATION');
    const answered = await act(fan, id, 'reply', { text: '陈师傅您好，这个问题很实在，我先去超市和街道了解一下场地情况。' });
    expect(answered).toMatchObject({ state: 'answered', stateLabel: '已回复' });
    expect(answered.firstReplyAt).not.toBeNull();
    expect(await noticesOf(userIds.chen_jie, id)).toEqual([`范海珠 回复了您的诉求「${STATION.subject}」`]);
    const seen = await detail(chen, id);
    expect(seen.messageAction).toEqual({ action: 'follow_up', label: '追问' });
    expect(actions(seen)).toEqual(['close', 'rate']);
  });

  it('his follow-up reopens it for her; her second answer keeps the first reply’s time', async () => {
    const { firstReplyAt } = await detail(fan, id);
    const reopened = await act(chen, id, 'follow_up', { text: '谢谢范代表！超市东侧停车场旁边有块空地，骑手们都在那儿等单。' });
    expect(reopened.state).toBe('reopened');
    expect(await noticesOf(userIds.fan_haizhu, id)).toContain(`陈杰 追问了诉求「${STATION.subject}」`);
    const answered = await act(fan, id, 'reply', { text: '好的，这个位置很合适，我准备写成提案提交给工会。' });
    expect(answered.state).toBe('answered');
    expect(answered.firstReplyAt).toBe(firstReplyAt);
    expect(answered.messages.map((m) => m.fromWorker)).toEqual([true, false, true, false]);
  });

  it('she turns it into a proposal: a draft of hers, prefilled, that he follows once submitted', async () => {
    const turned = await act(fan, id, 'to_proposal');
    expect(turned.state).toBe('proposal');
    expect(turned.proposal).toMatchObject({ visible: true, state: 'draft', title: STATION.subject });
    expect(await noticesOf(userIds.chen_jie, id)).toContain(`范海珠 已将您的诉求「${STATION.subject}」转为提案`);
    const proposalId = turned.proposal!.id;
    const draft = (await fan.get(`/api/proposals/${proposalId}`)).json();
    expect(draft).toMatchObject({ field: 'welfare', worker: { userId: userIds.chen_jie, name: '陈杰' } });
    expect(draft.reasons).toContain(STATION.text);
    // A draft is its submitter's: the worker sees only that one is being written.
    expect((await detail(chen, id)).proposal).toMatchObject({ id: proposalId, visible: false, state: null });
    expectError(await chen.get(`/api/proposals/${proposalId}`), 404, 'NOT_FOUND');
    // Submitted, the worker opens it (his `worker` relation) and sees its state on the thread.
    expect((await fan.post(`/api/proposals/${proposalId}/actions`, { action: 'submit' })).statusCode).toBe(204);
    const followed = await chen.get(`/api/proposals/${proposalId}`);
    expect(followed.statusCode, followed.body).toBe(200);
    expect(followed.json()).toMatchObject({ title: STATION.subject, state: 'submitted' });
    expect((await detail(chen, id)).proposal).toMatchObject({ id: proposalId, visible: true, state: 'submitted', stateLabel: '征集附议' });
  });

  it('a request turned into a proposal cannot be turned again, nor written to', async () => {
    expectError(await fan.post(`/api/direct-line/${id}/actions`, { action: 'to_proposal' }), 409, 'INVALID_TRANSITION');
    expectError(await chen.post(`/api/direct-line/${id}/actions`, { action: 'follow_up', input: { text: '还有一个问题想问' } }), 409, 'INVALID_TRANSITION');
    const closed = await detail(chen, id);
    expect(closed.messageAction).toBeNull();
    expect(closed.allowedActions).toEqual([]);
    expect(closed.timeline.map((e) => e.action)).toEqual(['create', 'reply', 'follow_up', 'reply', 'to_proposal']);
  });
});

describe('the other ways a request goes', () => {
  it('to the union: its staff and its representatives are told; staff answer but only a representative proposes', async () => {
    const created = await ask(chen, { orgId: ids.danghu, subject: '夏天高温补贴怎么算', category: 'wages', text: '今年七八月份送单时间长，站点说骑手不算正式员工没有高温津贴，这个合理吗？' });
    expect(created.addresseeName).toBe('当湖街道总工会');
    expect(await noticesOf(userIds.danghu_staff, created.id)).toHaveLength(1);
    expect(await noticesOf(userIds.fan_haizhu, created.id)).toHaveLength(1);
    expect(await noticesOf(userIds.lu_haiyan, created.id)).toHaveLength(1);
    // 当湖's other representative sees a request to the union (not one to 范海珠 by name).
    expect((await detail(lu, created.id)).messageAction?.action).toBe('reply');
    const staffView = await detail(danghuStaff, created.id);
    expect(staffView.messageAction?.action).toBe('reply');
    expect(actions(staffView)).toEqual(['close']);
    await act(danghuStaff, created.id, 'reply', { text: '户外作业的骑手同样适用高温津贴标准，我们已转市人社局劳动监察核实。' });
    expect(actions(await detail(fan, created.id))).toEqual(['close', 'to_proposal']);
    expectError(await jin.get(`/api/direct-line/${created.id}`), 404, 'NOT_FOUND');
  });

  it('the worker rates the answer and it closes; rating before an answer is refused', async () => {
    const created = await ask(chen, { representativeUserId: userIds.fan_haizhu, subject: '驿站的饮水机坏了', category: 'workplace', text: '站点旁边驿站的饮水机坏了一个星期了，中午没有热水喝。' });
    expectError(await chen.post(`/api/direct-line/${created.id}/actions`, { action: 'rate', input: { rating: 'satisfied' } }), 409, 'INVALID_TRANSITION');
    await act(fan, created.id, 'reply', { text: '已联系驿站管理员，明天上午换新的饮水机。' });
    const bad = expectError(await chen.post(`/api/direct-line/${created.id}/actions`, { action: 'rate', input: { rating: 'great' } }), 400, 'VALIDATION');
    expect(bad.fields?.[0].field).toBe('rating');
    const rated = await act(chen, created.id, 'rate', { rating: 'satisfied', comment: '第二天就修好了' });
    expect(rated).toMatchObject({ state: 'closed', rating: 'satisfied', ratingLabel: '满意' });
    expect(await noticesOf(userIds.fan_haizhu, created.id)).toContain('陈杰 评价了诉求「驿站的饮水机坏了」：满意');
    expectError(await fan.post(`/api/direct-line/${created.id}/actions`, { action: 'reply', input: { text: '不客气' } }), 409, 'INVALID_TRANSITION');
  });

  it('the representative closes one; another rider cannot', async () => {
    const created = await ask(chen, { representativeUserId: userIds.fan_haizhu, subject: '请假扣钱的问题', category: 'rest', text: '站点请一天假要扣两百块，这样合规吗？我想问问清楚。' });
    expectError(await wang.post(`/api/direct-line/${created.id}/actions`, { action: 'close' }), 404, 'NOT_FOUND');
    const closed = await act(fan, created.id, 'close', { note: '已电话答复' });
    expect(closed.state).toBe('closed');
  });

  it('links a request to a proposal she already raised; one raised for another worker is refused', async () => {
    const existing = (await fan.post('/api/proposals', { title: '解决骑手电动车充电难的问题', field: 'new_forms', reasons: '商圈缺少集中充电设施，骑手在楼道充电有火灾隐患。', suggestions: '在驿站旁建设集中充换电柜。' })).json();
    const forWang = (await fan.post('/api/proposals', { title: '骑手午餐补贴', field: 'welfare', reasons: '骑手午餐多在路边解决，费用高，缺少补贴。', suggestions: '由平台发放午餐补贴。', workerUserId: userIds.wang_qiang })).json();
    const created = await ask(chen, { representativeUserId: userIds.fan_haizhu, subject: '充电太难了', category: 'safety', text: '晚上回去充电只能拉线到楼道，物业说不安全，附近也没有充电柜。' });
    const refused = expectError(await fan.post(`/api/direct-line/${created.id}/actions`, { action: 'to_proposal', input: { proposalId: forWang.id } }), 400, 'VALIDATION');
    expect(refused.fields?.[0].field).toBe('proposalId');
    expect((await detail(fan, created.id)).state).toBe('open');
    const linked = await act(fan, created.id, 'to_proposal', { proposalId: existing.id });
    expect(linked.proposal).toMatchObject({ id: existing.id, title: '解决骑手电动车充电难的问题' });
    expect((await fan.get(`/api/proposals/${existing.id}`)).json().worker).toEqual({ userId: userIds.chen_jie, name: '陈杰' });
  });

  it('lists what waits for an answer first, with filters and search', async () => {
    const waiting = await ask(chen, { representativeUserId: userIds.fan_haizhu, subject: '夜里送单的安全问题', category: 'safety', text: '晚上十点以后送单，工业园区的路灯很多不亮，好几个骑手摔过。' });
    const inbox = (await fan.get('/api/direct-line')).json() as { items: { id: number; state: string; lastMessage: string }[]; total: number };
    expect(inbox.items[0]).toMatchObject({ id: waiting.id, state: 'open', lastMessage: expect.stringContaining('路灯') });
    // 待回复 and 追问待回复 first, then the rest.
    const awaiting = inbox.items.map((r) => ['open', 'reopened'].includes(r.state));
    expect(awaiting).toContain(false);
    expect(awaiting).toEqual([...awaiting].sort((a, b) => Number(b) - Number(a)));
    expect((await fan.get('/api/direct-line?state=closed')).json().items.every((r: { state: string }) => r.state === 'closed')).toBe(true);
    expect(idsOf((await fan.get(`/api/direct-line?q=${encodeURIComponent('路灯')}`)).json())).toEqual([waiting.id]);
    const page = (await chen.get('/api/direct-line?pageSize=2&page=2')).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(6);
    // A rider's own list holds only his own.
    expect((await wang.get('/api/direct-line')).json().total).toBe(0);
  });
});

describe('the representatives’ record (履职监督)', () => {
  it('counts requests, answers, proposals, first-reply hours and ratings per representative', async () => {
    const db = t.database.db;
    // Three requests to 陆海燕, their times set so the delays are 2, 4 and 9 hours; one unanswered.
    const made = [];
    for (const subject of ['送餐超时罚款太重', '站点排班不公平', '头盔破损谁来换', '保险怎么理赔']) {
      made.push(await ask(chen, { representativeUserId: userIds.lu_haiyan, subject, category: 'rights', text: `${subject}，想请代表帮忙问一问，骑手们都很关心。` }));
    }
    for (const r of made.slice(0, 3)) await act(lu, r.id, 'reply', { text: '收到，我去站点了解情况后答复您。' });
    await act(chen, made[0].id, 'rate', { rating: 'satisfied' });
    await act(chen, made[1].id, 'rate', { rating: 'unsatisfied' });
    await act(lu, made[2].id, 'to_proposal');
    const base = new Date('2026-12-01T01:00:00Z');
    for (const [r, hours] of [
      [made[0], 2],
      [made[1], 4],
      [made[2], 9],
    ] as const) {
      await db
        .update(directLineRequests)
        .set({ createdAt: base, firstReplyAt: new Date(base.getTime() + hours * 3_600_000) })
        .where(eq(directLineRequests.id, r.id));
    }
    await db.update(directLineRequests).set({ createdAt: base }).where(eq(directLineRequests.id, made[3].id));
    // One of last month, outside the period.
    const old = await ask(chen, { representativeUserId: userIds.lu_haiyan, subject: '上个月的旧问题', category: 'other', text: '这是上个月提出的问题，不计入本月的统计范围。' });
    await db.update(directLineRequests).set({ createdAt: new Date('2026-11-20T01:00:00Z') }).where(inArray(directLineRequests.id, [old.id]));

    const response = await leader.get(`/api/direct-line/record?orgId=${ids.danghu}&from=2026-12-01&to=2026-12-31`);
    expect(response.statusCode, response.body).toBe(200);
    const luRecord = (response.json().items as { userId: number }[]).find((r) => r.userId === userIds.lu_haiyan);
    expect(luRecord).toEqual({
      userId: userIds.lu_haiyan,
      name: '陆海燕',
      received: 4,
      answered: 3,
      answeredOnTime: 3,
      proposals: 1,
      medianFirstReplyHours: 4,
      meanFirstReplyHours: 5,
      ratings: { satisfied: 1, basically_satisfied: 0, unsatisfied: 1 },
    });
  });

  it('is for the union’s staff, leaders and supervisors in scope only', async () => {
    expectError(await fan.get(`/api/direct-line/record?orgId=${ids.danghu}&from=2026-12-01&to=2026-12-31`), 403, 'FORBIDDEN');
    expectError(await zhongdaiStaff.get(`/api/direct-line/record?orgId=${ids.danghu}&from=2026-12-01&to=2026-12-31`), 404, 'NOT_FOUND');
    expect((await danghuStaff.get(`/api/direct-line/record?orgId=${ids.danghu}&from=2026-12-01&to=2026-12-31`)).statusCode).toBe(200);
  });
});
