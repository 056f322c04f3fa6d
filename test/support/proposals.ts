import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { createAccount, type TestClient } from './app.js';
import { pinghuDemo } from './members.js';

/**
 * The proposals tests' world (seeds/002): the Pinghu demo with 范海珠, 陈杰 and
 * 人社局 signed in, two more representatives of 当湖 to co-sign, one of 钟埭,
 * the county's 承办单位 人社局 and 交通局 with their accounts; and the steps of
 * the loop as one call each.
 */

export type Detail = {
  id: number;
  serialNo: string | null;
  state: string;
  version: number;
  dueOn: string | null;
  deadlineStatus: string | null;
  progressPercent: number;
  cosignerCount: number;
  cosigners: { userId: number; name: string }[];
  worker: { userId: number | null; name: string } | null;
  handlers: { lead: { id: number; name: string } | null; co: { id: number; name: string }[] };
  progress: { percent: number; text: string; unitName: string | null; authorName: string }[];
  answer: { category: string; categoryLabel: string; text: string } | null;
  ratings: { name: string; rating: string; ratingLabel: string; round: number }[];
  reopened: boolean;
  mergedInto: { id: number } | null;
  concludedAt: string | null;
  submittedAt: string | null;
  canEdit: boolean;
  canCosign: boolean;
  timeline: { action: string; actionLabel: string; to: string; actorName: string | null }[];
  allowedActions: { action: string; input: Record<string, unknown> | null }[];
};

export const STATION = {
  title: '在大润发超市周边增设一个职工驿站',
  field: 'new_forms',
  reasons: '大润发超市周边外卖订单集中，骑手午间和雨天没有歇脚、喝水、给电动车充电的地方，最近的驿站骑行要十五分钟。',
  suggestions: '请市总工会协调超市和街道，在超市周边选址新建一个职工驿站，配备饮水、充电和休息设施。',
};

export async function draft(client: TestClient, body: Record<string, unknown> = {}) {
  const response = await client.post('/api/proposals', { ...STATION, ...body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Detail;
}
export async function detail(client: TestClient, id: number) {
  const response = await client.get(`/api/proposals/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Detail;
}
export async function act(client: TestClient, id: number, action: string, input?: unknown) {
  const response = await client.post(`/api/proposals/${id}/actions`, { action, ...(input === undefined ? {} : { input }) });
  expect(response.statusCode, `${action}: ${response.body}`).toBe(204);
}
export async function cosign(client: TestClient, id: number) {
  const response = await client.post(`/api/proposals/${id}/cosign`);
  expect(response.statusCode, response.body).toBe(204);
}
export const rate = (client: TestClient, id: number, rating: string) => act(client, id, 'rate', { rating });

/** The world; `today` is the business date the app sees (tests move it). */
export async function proposalWorld(today: () => string) {
  const demo = await pinghuDemo(today);
  const { t, ids, admin } = demo;
  const [fan, chenJie, rsj] = await Promise.all(['fan_haizhu', 'chen_jie', 'rsj_handler'].map((u) => t.login(u, DEMO_PASSWORD)));
  const userIds: Record<string, number> = {};
  const account = async (username: string, displayName: string, orgId: number, role: string) => {
    const created = await createAccount(t, admin, { username, displayName, homeOrgId: orgId, grants: [{ role, orgId }] });
    userIds[username] = created.user.id;
    return created.client;
  };
  const lu = await account('lu_haiyan', '陆海燕', ids.danghu, 'representative');
  const zhou = await account('zhou_jianming', '周建明', ids.danghu, 'representative');
  const zhongdaiRep = await account('jin_xiaodong', '金晓东', ids.zhongdai, 'representative');
  const jtj = await t.login('jtj_handler', DEMO_PASSWORD);
  const users = (await admin.get('/api/users?pageSize=200')).json().items as { id: number; username: string }[];
  for (const u of users) userIds[u.username] ??= u.id;

  // 承办单位 of the county, each with its account.
  const unit = async (name: string, username: string) => {
    const created = await demo.pinghu.post('/api/handler-units', { orgId: ids.pinghu, name, kind: 'government', contact: '0573-85012345' });
    expect(created.statusCode, created.body).toBe(201);
    const added = await demo.pinghu.post(`/api/handler-units/${created.json().id}/accounts`, { userId: userIds[username] });
    expect(added.statusCode, added.body).toBe(200);
    return created.json().id as number;
  };
  const rsjUnit = await unit('平湖市人力资源和社会保障局', 'rsj_handler');
  const jtjUnit = await unit('平湖市交通运输局', 'jtj_handler');

  /** A proposal of 范海珠 (or of `by`, a representative of 当湖) submitted and co-signed by 陆 and 周, put to the review group. */
  async function inReview(body: Record<string, unknown> = {}) {
    const created = await draft(fan, body);
    await act(fan, created.id, 'submit');
    await cosign(lu, created.id);
    await cosign(zhou, created.id);
    await act(demo.danghu, created.id, 'start_review');
    return created.id;
  }
  /** …accepted by the union. */
  async function accepted(body: Record<string, unknown> = {}) {
    const id = await inReview(body);
    await act(demo.danghu, id, 'accept');
    return id;
  }
  /** …then assigned to 人社局 (or `unit`) and answered in `category`, the answer approved: awaiting the ratings. */
  async function awaitingRatings(body: Record<string, unknown> = {}, options: { category?: string; unit?: 'rsj' | 'jtj' } = {}) {
    const id = await accepted(body);
    const handler = options.unit === 'jtj' ? jtj : rsj;
    await act(demo.pinghu, id, 'assign', { leadHandlerId: options.unit === 'jtj' ? jtjUnit : rsjUnit });
    await act(handler, id, 'start');
    await act(handler, id, 'answer', { category: options.category ?? 'B', answer: '已列入明年民生实事项目，年内完成选址论证。' });
    await act(demo.supervisor, id, 'approve_answer');
    return id;
  }

  return {
    t,
    ids,
    admin,
    danghuStaff: demo.danghu,
    zhongdaiStaff: demo.zhongdai,
    pinghuStaff: demo.pinghu,
    leader: demo.leader,
    supervisor: demo.supervisor,
    fan,
    chenJie,
    rsj,
    lu,
    zhou,
    zhongdaiRep,
    jtj,
    userIds,
    rsjUnit,
    jtjUnit,
    inReview,
    accepted,
    awaitingRatings,
  };
}
export type ProposalWorld = Awaited<ReturnType<typeof proposalWorld>>;
