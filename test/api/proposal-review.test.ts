import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { notifications } from '../../src/server/platform/notifications/schema.js';
import { createAccount, type TestApp, type TestClient } from '../support/app.js';
import { expectError, pinghuDemo } from '../support/members.js';
import { zipText } from '../support/zip-text.js';

/**
 * 小组审议 and 职代会 (DESIGN §3.2, issue 12): a review group of representatives
 * votes on a proposal and the union records the decision only as a majority
 * of a quorum decided; a workers' congress session collects motions within its
 * period, with its own co-signer minimum and its review committee, and counts
 * them as the seed's congress did (32 motions, 10 accepted).
 */

let today = '2026-03-02';
let t: TestApp;
let ids: Record<string, number>;
let admin: TestClient;
let danghuStaff: TestClient;
let pinghuStaff: TestClient;
let zhongdaiStaff: TestClient;
let fan: TestClient;
/** Representatives: 陆 and 周 of 当湖, 金 of 钟埭. */
let lu: TestClient;
let zhou: TestClient;
let jin: TestClient;
const userIds: Record<string, number> = {};

const MOTION = {
  title: '关于为一线职工增设夏季高温休息点的提案',
  field: 'safety',
  reasons: '夏季高温时段户外作业职工缺少遮阳、饮水和休息的地方，中暑风险逐年上升，职工反映强烈。',
  suggestions: '请在主要作业区域设置高温休息点，配备饮水、降温药品和座椅。',
};

type Review = { quorum: number; accepting: number; refusing: number; votes: { name: string; vote: string; opinion: string | null }[]; notVoted: string[] } | null;

async function draft(client: TestClient, body: Record<string, unknown> = {}) {
  const response = await client.post('/api/proposals', { ...MOTION, ...body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as number;
}
const detail = async (client: TestClient, id: number) => {
  const response = await client.get(`/api/proposals/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { state: string; review: Review; congressSession: { id: number; name: string } | null; allowedActions: { action: string }[] };
};
const fire = (client: TestClient, id: number, action: string, input?: unknown) => client.post(`/api/proposals/${id}/actions`, { action, ...(input === undefined ? {} : { input }) });
async function act(client: TestClient, id: number, action: string, input?: unknown) {
  const response = await fire(client, id, action, input);
  expect(response.statusCode, `${action}: ${response.body}`).toBe(204);
}
async function cosign(client: TestClient, id: number) {
  const response = await client.post(`/api/proposals/${id}/cosign`);
  expect(response.statusCode, response.body).toBe(204);
}
const actions = async (client: TestClient, id: number) => (await detail(client, id)).allowedActions.map((a) => a.action);

beforeAll(async () => {
  const demo = await pinghuDemo(() => today);
  ({ t, ids, admin, pinghu: pinghuStaff, danghu: danghuStaff, zhongdai: zhongdaiStaff } = demo);
  fan = await t.login('fan_haizhu', DEMO_PASSWORD);
  const account = async (username: string, displayName: string, orgId: number) => {
    const created = await createAccount(t, admin, { username, displayName, homeOrgId: orgId, grants: [{ role: 'representative', orgId }] });
    userIds[username] = created.user.id;
    return created.client;
  };
  lu = await account('lu_haiyan', '陆海燕', ids.danghu);
  zhou = await account('zhou_jianming', '周建明', ids.danghu);
  jin = await account('jin_xiaodong', '金晓东', ids.zhongdai);
  const users = (await admin.get('/api/users?pageSize=200')).json().items as { id: number; username: string }[];
  for (const u of users) userIds[u.username] ??= u.id;
}, 120_000);
afterAll(() => t.close());

describe('review groups (小组审议)', () => {
  let groupId: number;

  it('are set up by the union with representatives of its subtree and a quorum over half the members', async () => {
    const body = { orgId: ids.pinghu, name: '市总工会提案审查小组', quorum: 2, memberUserIds: [userIds.lu_haiyan, userIds.zhou_jianming, userIds.jin_xiaodong] };
    const halfOnly = expectError(await pinghuStaff.post('/api/review-groups', { ...body, quorum: 1 }), 400, 'VALIDATION');
    expect(halfOnly.fields).toContainEqual(expect.objectContaining({ field: 'quorum' }));
    const staffMember = expectError(await pinghuStaff.post('/api/review-groups', { ...body, memberUserIds: [...body.memberUserIds, userIds.danghu_staff] }), 400, 'VALIDATION');
    expect(staffMember.fields![0]).toMatchObject({ field: 'memberUserIds', reason: expect.stringContaining('不是本工会或下属工会的会员代表') });
    expectError(await pinghuStaff.post('/api/review-groups', { ...body, memberUserIds: body.memberUserIds.slice(0, 2) }), 400, 'VALIDATION');
    // 钟埭's staff cannot set one up at the county.
    expectError(await zhongdaiStaff.post('/api/review-groups', body), 404, 'NOT_FOUND');

    const created = await pinghuStaff.post('/api/review-groups', body);
    expect(created.statusCode, created.body).toBe(201);
    groupId = created.json().id;
    expect(created.json()).toMatchObject({ name: '市总工会提案审查小组', quorum: 2, canManage: true, members: [{ name: '陆海燕' }, { name: '周建明' }, { name: '金晓东' }] });
    expectError(await pinghuStaff.post('/api/review-groups', body), 409, 'CONFLICT');
    // The candidates offered for membership are the representatives of the subtree.
    const candidates = (await pinghuStaff.get(`/api/review-groups/candidates?orgId=${ids.pinghu}`)).json().items.map((c: { name: string }) => c.name);
    expect(candidates).toEqual(expect.arrayContaining(['陆海燕', '周建明', '金晓东', '范海珠']));
    expect(candidates).not.toContain('陈杰');
    // 当湖's staff see the county's group (it reviews their proposals) but do not manage it.
    const seen = (await danghuStaff.get('/api/review-groups')).json().items.find((g: { id: number }) => g.id === groupId);
    expect(seen).toMatchObject({ canManage: false });
  });

  it('a proposal is put to a group (required where the union has one); its members are asked to vote and may see it', async () => {
    const id = await draft(fan);
    await act(fan, id, 'submit');
    await cosign(lu, id);
    await cosign(zhou, id);
    const missing = expectError(await fire(danghuStaff, id, 'start_review', {}), 400, 'VALIDATION');
    expect(missing.fields).toEqual([{ field: 'reviewGroupId', reason: '请选择审议小组' }]);
    await act(danghuStaff, id, 'start_review', { reviewGroupId: groupId });
    // 金晓东 of 钟埭 sees a proposal of 当湖 because he sits on the group that reviews it.
    expect(await actions(jin, id)).toEqual(['vote']);
    // …and among his own (view=mine), though he neither submitted nor co-signed it; staff with none of their own have an empty list.
    const jinMine = (await jin.get('/api/proposals?view=mine&pageSize=100')).json().items.map((p: { id: number }) => p.id);
    expect(jinMine).toContain(id);
    expect((await zhongdaiStaff.get('/api/proposals?view=mine')).json().items).toEqual([]);
    const asked = await t.database.db
      .select({ title: notifications.title })
      .from(notifications)
      .where(and(eq(notifications.userId, userIds.jin_xiaodong), like(notifications.link, `/proposals/${id}`)));
    expect(asked.map((n) => n.title)).toEqual([`请审议提案「${MOTION.title}」（市总工会提案审查小组）`]);
  });

  it('the union cannot decide before the quorum has voted, nor against the majority; a tie is no majority', async () => {
    const id = await draft(fan, { title: '关于延长职工驿站夜间开放时间的提案' });
    await act(fan, id, 'submit');
    await cosign(lu, id);
    await cosign(zhou, id);
    await act(danghuStaff, id, 'start_review', { reviewGroupId: groupId });
    expect(await actions(danghuStaff, id)).not.toContain('accept');
    expect(expectError(await fire(danghuStaff, id, 'accept'), 409, 'INVALID_TRANSITION').message).toBe('审议小组投票未达法定人数：需 2 人投票，目前 0 人');

    // Outsiders and the submitter do not vote; bad input names the field.
    expectError(await fire(fan, id, 'vote', { vote: 'accept' }), 403, 'FORBIDDEN');
    expect(expectError(await fire(lu, id, 'vote', { vote: 'maybe' }), 400, 'VALIDATION').fields![0].field).toBe('vote');

    // Two votes at once from one member: one counts.
    const twice = await Promise.all([fire(lu, id, 'vote', { vote: 'accept', opinion: '确有必要' }), fire(lu, id, 'vote', { vote: 'accept' })]);
    expect(twice.map((r) => r.statusCode).sort()).toEqual([204, 409]);
    await act(zhou, id, 'vote', { vote: 'not_accept', opinion: '建议并入驿站建设提案' });
    expect(expectError(await fire(danghuStaff, id, 'accept'), 409, 'INVALID_TRANSITION').message).toBe('同意立案的票数未过半数（1/2），不能立案');
    // A tie is no majority for taking it up: the union may refuse it.
    await act(danghuStaff, id, 'not_accept', { reason: '审议未获多数同意，作为意见建议转有关部门参考' });
    expect((await detail(fan, id)).state).toBe('not_accepted');
  });

  it('with the quorum and a majority, the union records the decision; the tally is everyone’s, the names the group’s and the union’s', async () => {
    const id = await draft(fan, { title: '关于在城东片区增设户外劳动者驿站的提案' });
    await act(fan, id, 'submit');
    await cosign(lu, id);
    await cosign(zhou, id);
    await act(danghuStaff, id, 'start_review', { reviewGroupId: groupId });
    await act(lu, id, 'vote', { vote: 'accept', opinion: '同意' });
    await act(jin, id, 'vote', { vote: 'accept' });
    expect(expectError(await fire(danghuStaff, id, 'not_accept', { reason: '不同意' }), 409, 'INVALID_TRANSITION').message).toBe('审议小组多数同意立案（2/2），不能不予立案');
    const staffView = (await detail(danghuStaff, id)).review!;
    expect(staffView).toMatchObject({ quorum: 2, accepting: 2, refusing: 0, notVoted: ['周建明'] });
    expect(staffView.votes.map((v) => v.name)).toEqual(['陆海燕', '金晓东']);
    const submitterView = (await detail(fan, id)).review!;
    expect(submitterView).toMatchObject({ accepting: 2, refusing: 0, votes: [], notVoted: [] });
    // Nor does the history name them to her: it says two votes were cast.
    const votes = ((await fan.get(`/api/proposals/${id}`)).json().timeline as { action: string; actorName: string | null; payload: unknown }[]).filter((e) => e.action === 'vote');
    expect(votes).toEqual([expect.objectContaining({ actorName: null, payload: null }), expect.objectContaining({ actorName: null, payload: null })]);
    const staffVotes = ((await danghuStaff.get(`/api/proposals/${id}`)).json().timeline as { action: string; actorName: string | null }[]).filter((e) => e.action === 'vote');
    expect(staffVotes.map((e) => e.actorName)).toEqual(['陆海燕', '金晓东']);
    await act(danghuStaff, id, 'accept');
    expect((await detail(fan, id)).state).toBe('accepted');
  });

  it('a changed group keeps its version; a stale edit is 409', async () => {
    const group = (await pinghuStaff.get('/api/review-groups')).json().items.find((g: { id: number }) => g.id === groupId);
    const edited = await pinghuStaff.patch(`/api/review-groups/${groupId}`, { version: group.version, quorum: 3 });
    expect(edited.statusCode, edited.body).toBe(200);
    expectError(await pinghuStaff.patch(`/api/review-groups/${groupId}`, { version: group.version, quorum: 2 }), 409, 'CONFLICT');
    expectError(await pinghuStaff.patch(`/api/review-groups/${groupId}`, { version: group.version + 1, quorum: 4 }), 400, 'VALIDATION');
  });
});

describe('workers’ congress (职代会)', () => {
  let committee: number;
  let sessionId: number;

  beforeAll(async () => {
    const created = await pinghuStaff.post('/api/review-groups', {
      orgId: ids.pinghu,
      name: '职代会提案审查委员会',
      quorum: 2,
      memberUserIds: [userIds.lu_haiyan, userIds.zhou_jianming, userIds.jin_xiaodong],
    });
    expect(created.statusCode, created.body).toBe(201);
    committee = created.json().id;
  });

  it('a session collects motions within its period, each with the session’s co-signers, reviewed by its committee', async () => {
    const body = { orgId: ids.pinghu, name: '平湖市第十届职工代表大会第三次会议', collectFrom: '2026-03-01', collectUntil: '2026-03-20', minCosigners: 1, reviewGroupId: committee };
    expect(expectError(await pinghuStaff.post('/api/congress-sessions', { ...body, collectUntil: '2026-02-01' }), 400, 'VALIDATION').fields![0].field).toBe('collectUntil');
    expect(expectError(await pinghuStaff.post('/api/congress-sessions', { ...body, collectFrom: '2026-3-1' }), 400, 'VALIDATION').fields![0].field).toBe('collectFrom');
    const created = await pinghuStaff.post('/api/congress-sessions', body);
    expect(created.statusCode, created.body).toBe(201);
    sessionId = created.json().id;
    expect(created.json()).toMatchObject({ collecting: true, minCosigners: 1, motions: { submitted: 0 } });
    // Representatives see the session to submit motions to it.
    expect((await fan.get('/api/congress-sessions')).json().items.map((s: { id: number }) => s.id)).toContain(sessionId);

    const id = await draft(fan, { congressSessionId: sessionId });
    expect((await detail(fan, id)).congressSession).toEqual({ id: sessionId, name: body.name });
    await act(fan, id, 'submit');
    // One co-signer is this session's minimum.
    await cosign(lu, id);
    // The committee reviews a motion whatever group is named.
    await act(pinghuStaff, id, 'start_review', {});
    expect((await detail(pinghuStaff, id)).review).toMatchObject({ quorum: 2 });
    expect(await actions(jin, id)).toEqual(['vote']);
  });

  it('a motion is not submitted outside the collection period', async () => {
    const id = await draft(fan, { congressSessionId: sessionId, title: '关于提高职工疗休养补贴标准的提案' });
    today = '2026-03-21';
    try {
      expect(await actions(fan, id)).toEqual(['withdraw']);
      expect(expectError(await fire(fan, id, 'submit'), 409, 'INVALID_TRANSITION').message).toBe('「平湖市第十届职工代表大会第三次会议」提案征集已于 2026-03-20 截止');
      expect(expectError(await fan.post('/api/proposals', { ...MOTION, congressSessionId: sessionId }), 400, 'VALIDATION').fields![0].field).toBe('congressSessionId');
    } finally {
      today = '2026-03-02';
    }
  });

  it('counts its motions as the seed’s congress: 32 submitted, 10 accepted, the rest kept as opinions', async () => {
    const session = (
      await pinghuStaff.post('/api/congress-sessions', {
        orgId: ids.pinghu,
        name: '第二十二届一次职工代表大会',
        collectFrom: '2026-03-01',
        collectUntil: '2026-03-31',
        minCosigners: 0,
        reviewGroupId: committee,
      })
    ).json();
    for (let n = 1; n <= 32; n++) {
      const id = await draft(fan, { congressSessionId: session.id, title: `第二十二届一次职代会第 ${n} 号提案` });
      await act(fan, id, 'submit');
      await act(pinghuStaff, id, 'start_review', {});
      const vote = n <= 10 ? 'accept' : 'not_accept';
      await act(lu, id, 'vote', { vote });
      await act(zhou, id, 'vote', { vote });
      if (n <= 10) await act(pinghuStaff, id, 'accept');
      else await act(pinghuStaff, id, 'not_accept', { reason: '作为意见建议转有关部门参考' });
    }
    const counted = (await pinghuStaff.get('/api/congress-sessions')).json().items.find((s: { id: number }) => s.id === session.id);
    expect(counted.motions).toEqual({ submitted: 32, accepted: 10, notAccepted: 22, merged: 0, inReview: 0, concluded: 0 });
    const listed = (await pinghuStaff.get(`/api/proposals?congressSessionId=${session.id}&state=accepted&pageSize=50`)).json();
    expect(listed.total).toBe(10);

    // The committee's report says the same, with the accepted motions and the opinions listed.
    const report = await pinghuStaff.get(`/api/congress-sessions/${session.id}/report.docx`);
    expect(report.statusCode, report.body).toBe(200);
    expect(report.headers['content-disposition']).toContain(encodeURIComponent('第二十二届一次职工代表大会提案审查情况报告.docx'));
    const text = zipText(report.rawPayload);
    expect(text).toContain('共收到职工代表提案 32 件。经提案审查委员会审查，建议立案办理 10 件，不予立案、作为意见建议转有关部门参考 22 件。');
    expect(text).toContain('一、立案提案（10 件）');
    expect(text).toContain('二、作为意见建议处理的提案（22 件）');
    expect(text).toContain('第二十二届一次职代会第 32 号提案');
    // 钟埭's staff see the county's session (their representatives submit to it) but not its report, which names every motion.
    expectError(await zhongdaiStaff.get(`/api/congress-sessions/${session.id}/report.docx`), 403, 'FORBIDDEN');
  }, 120_000);
});

describe('the five steps, as the worker follows them', () => {
  it('every state belongs to exactly one step of 线上提交—小组审议—办理落实—执行督查—总结反馈', async () => {
    const { loop } = (await fan.get('/api/proposals/meta')).json() as { loop: { label: string; short: string; states: string[] }[] };
    expect(loop.map((s) => s.label)).toEqual(['线上提交', '小组审议', '办理落实', '执行督查', '总结反馈']);
    const { states } = (await fan.get('/api/workflows/proposal')).json() as { states: { state: string }[] };
    expect(loop.flatMap((s) => s.states).sort()).toEqual(states.map((s) => s.state).sort());
  });

  it('the worker a proposal was raised for finds it under 我的提案 once submitted, and nothing else', async () => {
    const chen = await t.login('chen_jie', DEMO_PASSWORD);
    const id = await draft(fan, { title: '关于在大润发超市周边增设骑手充电点的提案', workerUserId: userIds.chen_jie });
    const mine = async () => (await chen.get('/api/proposals?view=mine')).json().items.map((p: { id: number }) => p.id) as number[];
    expect(await mine()).not.toContain(id);
    await act(fan, id, 'submit');
    expect(await mine()).toEqual([id]);
    expect((await chen.get(`/api/proposals/${id}`)).json()).toMatchObject({ state: 'submitted', worker: { name: '陈杰' }, allowedActions: [] });
    // The county's list is not his.
    expectError(await chen.get('/api/proposals?view=all'), 403, 'FORBIDDEN');
  });
});
