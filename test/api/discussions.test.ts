import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { discussionVotes } from '../../src/server/modules/discussions/schema.js';
import { auditLog } from '../../src/server/platform/audit/schema.js';
import { createAccount, type TestApp, type TestClient } from '../support/app.js';
import { expectError, pinghuDemo } from '../support/members.js';

/**
 * 职工事大家议 (DESIGN §3.2): 当湖's staff put the choice of a new riders' station to the street's
 * workers (the Pinghu story of seeds/002: riders asked for one near 大润发); the rider 陈杰, who belongs
 * to the station union below 当湖, comments and votes; a rider of 钟埭 cannot; one vote each, even sent
 * twice at once; the results hidden from voters until the poll closes; the topic closing by date.
 */

/** The business date the app sees; tests move it. */
let today = '2026-07-01';
let t: TestApp;
let ids: Record<string, number>;
let danghuStaff: TestClient;
let zhongdaiStaff: TestClient;
let leader: TestClient;
let fan: TestClient;
let chenJie: TestClient;
/** Another rider of the station, a worker of 钟埭's logistics company (outside 当湖). */
let wangLei: TestClient;
let zhongdaiWorker: TestClient;

interface Poll {
  id: number;
  status: string;
  maxChoices: number;
  voters: number;
  resultsVisible: boolean;
  resultsHiddenFromVoters: boolean;
  myChoice: number[] | null;
  canVote: boolean;
  options: { id: number; label: string; votes: number | null; share: number | null }[];
}
interface Topic {
  id: number;
  status: string;
  statusLabel: string;
  commentCount: number;
  canComment: boolean;
  canModerate: boolean;
  canClose: boolean;
  polls: Poll[];
}

const STATION_TOPIC = {
  title: '骑手驿站选址征求意见',
  body: '当湖街道计划在骑手集中的商圈新建一个暖心驿站，提供饮水、充电、热饭和休息。请骑手和快递小哥说说最需要建在哪里。',
  opensOn: '2026-07-01',
  closesOn: '2026-07-15',
  polls: [
    { question: '新驿站建在哪里最方便？', maxChoices: 1, resultsHiddenUntilClosed: true, options: ['大润发超市东侧停车场', '万达广场北门', '平湖高铁站出租车候客区'] },
    { question: '驿站最需要哪些设施？（最多选 2 项）', maxChoices: 2, resultsHiddenUntilClosed: false, options: ['饮水机', '充电柜', '微波炉', '休息座椅'] },
  ],
};

async function open(client: TestClient, body: Record<string, unknown> = {}) {
  const response = await client.post('/api/discussions', { ...STATION_TOPIC, orgId: ids.danghu, ...body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Topic;
}
async function detail(client: TestClient, id: number) {
  const response = await client.get(`/api/discussions/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Topic;
}
const vote = (client: TestClient, topic: Topic, poll: Poll, optionIds: number[]) => client.post(`/api/discussions/${topic.id}/polls/${poll.id}/votes`, { optionIds });

beforeAll(async () => {
  const demo = await pinghuDemo(() => today);
  ({ t, ids } = demo);
  danghuStaff = demo.danghu;
  zhongdaiStaff = demo.zhongdai;
  leader = demo.leader;
  [fan, chenJie] = await Promise.all(['fan_haizhu', 'chen_jie'].map((u) => t.login(u, DEMO_PASSWORD)));
  wangLei = (await createAccount(t, demo.admin, { username: 'wang_lei', displayName: '王磊', homeOrgId: ids.rider_station, grants: [{ role: 'worker', orgId: ids.rider_station }] })).client;
  zhongdaiWorker = (await createAccount(t, demo.admin, { username: 'jin_tao', displayName: '金涛', homeOrgId: ids.shuntong, grants: [{ role: 'worker', orgId: ids.shuntong }] })).client;
}, 120_000);
afterAll(() => t?.close());

describe('opening a topic', () => {
  it('puts it to the union’s subtree: the rider below 当湖 sees it, 钟埭 does not', async () => {
    const topic = await open(danghuStaff);
    expect(topic).toMatchObject({ status: 'open', statusLabel: '征集中', canModerate: true, canClose: true, canComment: false });
    expect(topic.polls.map((p) => [p.maxChoices, p.options.length])).toEqual([
      [1, 3],
      [2, 4],
    ]);
    const asRider = await detail(chenJie, topic.id);
    expect(asRider).toMatchObject({ canComment: true, canModerate: false, canClose: false });
    const listed = (await chenJie.get('/api/discussions')).json() as { items: { id: number }[] };
    expect(listed.items.map((i) => i.id)).toContain(topic.id);
    // The county's leader reads it (down the tree) but does not take part.
    expect(await detail(leader, topic.id)).toMatchObject({ canComment: false });
    for (const outsider of [zhongdaiStaff, zhongdaiWorker]) {
      expectError(await outsider.get(`/api/discussions/${topic.id}`), 404, 'NOT_FOUND');
      expectError(await outsider.get(`/api/discussions/${topic.id}/comments`), 404, 'NOT_FOUND');
      expectError(await outsider.post(`/api/discussions/${topic.id}/comments`, { body: '我也想说两句' }), 404, 'NOT_FOUND');
      expectError(await vote(outsider, topic, topic.polls[0], [topic.polls[0].options[0].id]), 404, 'NOT_FOUND');
      expect(((await outsider.get('/api/discussions')).json() as { items: { id: number }[] }).items.map((i) => i.id)).not.toContain(topic.id);
    }
  });

  it('lets a representative open one for her union, not for a sibling street; workers open none', async () => {
    const byFan = await open(fan, { title: '夏季送清凉物资选择', polls: [] });
    expect(byFan.canClose).toBe(true);
    expectError(await fan.post('/api/discussions', { ...STATION_TOPIC, orgId: ids.zhongdai }), 404, 'NOT_FOUND');
    expectError(await chenJie.post('/api/discussions', { ...STATION_TOPIC, orgId: ids.rider_station }), 403, 'FORBIDDEN');
    // Pinning is the staff's.
    expectError(await fan.post('/api/discussions', { ...STATION_TOPIC, pinned: true }), 403, 'FORBIDDEN');
  });

  it('refuses bad periods, polls and options with the field and the reason, writing nothing', async () => {
    const before = ((await danghuStaff.get('/api/discussions?pageSize=200')).json() as { total: number }).total;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ closesOn: '2026-06-30' }, 'closesOn', /早于/],
      [{ opensOn: '2026-06-01', closesOn: '2026-06-20' }, 'closesOn', /早于今天/],
      [{ polls: [{ ...STATION_TOPIC.polls[0], options: ['大润发'] }] }, 'polls.0.options', /至少要有 2 个选项/],
      [{ polls: [{ ...STATION_TOPIC.polls[0], options: Array.from({ length: 21 }, (_, i) => `地点${i}`) }] }, 'polls.0.options', /最多 20 个/],
      [{ polls: [{ ...STATION_TOPIC.polls[0], options: ['万达', '万达'] }] }, 'polls.0.options', /重复/],
      [{ polls: [{ ...STATION_TOPIC.polls[0], maxChoices: 4 }] }, 'polls.0.maxChoices', /不能超过选项数/],
      [{ polls: [{ ...STATION_TOPIC.polls[0], closesOn: '2026-07-20' }] }, 'polls.0.closesOn', /晚于议题截止/],
      [{ polls: [{ ...STATION_TOPIC.polls[0], opensOn: '2026-06-20' }] }, 'polls.0.opensOn', /早于议题开始/],
    ];
    for (const [body, field, reason] of cases) {
      const error = expectError(await danghuStaff.post('/api/discussions', { ...STATION_TOPIC, orgId: ids.danghu, ...body }), 400, 'VALIDATION');
      expect(error.fields, JSON.stringify(body)).toContainEqual({ field, reason: expect.stringMatching(reason) });
    }
    expect(((await danghuStaff.get('/api/discussions?pageSize=200')).json() as { total: number }).total).toBe(before);
  });
});

describe('voting', () => {
  let topic: Topic;
  let station: Poll;
  let facilities: Poll;
  beforeAll(async () => {
    topic = await open(danghuStaff, { title: '骑手驿站选址第二轮征求意见' });
    [station, facilities] = topic.polls;
  });

  it('refuses unknown options, too many and none, naming the rule', async () => {
    const other = topic.polls[1].options[0].id;
    expect(expectError(await vote(chenJie, topic, station, [other]), 400, 'VALIDATION').fields).toEqual([{ field: 'optionIds', reason: '所选选项不属于这个投票' }]);
    expect(expectError(await vote(chenJie, topic, station, [station.options[0].id, station.options[1].id]), 400, 'VALIDATION').fields![0].reason).toBe('这是单选投票，只能选一项');
    expect(expectError(await vote(chenJie, topic, facilities, facilities.options.slice(0, 3).map((o) => o.id)), 400, 'VALIDATION').fields![0].reason).toBe('最多可选 2 项');
    expect(expectError(await vote(chenJie, topic, facilities, []), 400, 'VALIDATION').fields![0].reason).toBe('请至少选择一项');
    expect(expectError(await vote(chenJie, topic, facilities, [facilities.options[0].id, facilities.options[0].id]), 400, 'VALIDATION').fields![0].reason).toMatch(/只能选一次/);
    // A poll of another topic is no poll of this one.
    const elsewhere = await open(danghuStaff, { title: '另一个议题的投票' });
    expectError(await vote(chenJie, topic, elsewhere.polls[0], [elsewhere.polls[0].options[0].id]), 404, 'NOT_FOUND');
    // Those who only read do not vote.
    expectError(await vote(leader, topic, station, [station.options[0].id]), 403, 'FORBIDDEN');
  });

  it('counts one vote per account, even two sent at once', async () => {
    const choice = [station.options[0].id];
    const answers = await Promise.all([vote(chenJie, topic, station, choice), vote(chenJie, topic, station, choice)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([204, 409]);
    expect(answers.find((a) => a.statusCode === 409)!.json().error.message).toBe('您已经投过票了，每人只能投一次');
    const again = expectError(await vote(chenJie, topic, station, [station.options[1].id]), 409, 'CONFLICT');
    expect(again.message).toMatch(/每人只能投一次/);
    const ballots = await t.database.db.select().from(discussionVotes).where(eq(discussionVotes.pollId, station.id));
    expect(ballots).toHaveLength(1);
    // The log says who voted, never for what.
    const [logged] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'discussion.vote'));
    expect(logged.summary).toContain('新驿站建在哪里最方便');
    expect(JSON.stringify(logged)).not.toContain('大润发超市东侧停车场');
  });

  it('hides the counts from voters until the poll closes, shows the organisers, and the voter their own choice', async () => {
    await vote(wangLei, topic, station, [station.options[2].id]);
    await vote(fan, topic, station, [station.options[0].id]);
    await vote(wangLei, topic, facilities, [facilities.options[0].id, facilities.options[1].id]);
    await vote(chenJie, topic, facilities, [facilities.options[1].id]);

    const [hidden, open] = (await detail(chenJie, topic.id)).polls;
    expect(hidden).toMatchObject({ resultsVisible: false, resultsHiddenFromVoters: true, voters: 3, myChoice: [station.options[0].id], canVote: false });
    expect(hidden.options.every((o) => o.votes === null && o.share === null)).toBe(true);
    expect(open.resultsVisible).toBe(true);
    expect(open.options.map((o) => [o.label, o.votes, o.share])).toEqual([
      ['饮水机', 1, 0.5],
      ['充电柜', 2, 1],
      ['微波炉', 0, 0],
      ['休息座椅', 0, 0],
    ]);

    const organiser = (await detail(danghuStaff, topic.id)).polls[0];
    expect(organiser).toMatchObject({ resultsVisible: true, resultsHiddenFromVoters: true, myChoice: null, canVote: false });
    expect(organiser.options.map((o) => o.votes)).toEqual([2, 0, 1]);

    // The day after the poll closes, everyone sees it.
    today = '2026-07-16';
    try {
      const closed = (await detail(chenJie, topic.id)).polls[0];
      expect(closed).toMatchObject({ status: 'closed', resultsVisible: true, resultsHiddenFromVoters: false, canVote: false });
      expect(closed.options.map((o) => [o.votes, Number(o.share!.toFixed(3))])).toEqual([
        [2, 0.667],
        [0, 0],
        [1, 0.333],
      ]);
    } finally {
      today = '2026-07-01';
    }
  });

  it('takes no vote before a poll opens or after it closes', async () => {
    const later = await open(danghuStaff, {
      title: '年度职工疗休养目的地',
      polls: [{ question: '今年疗休养去哪里？', maxChoices: 1, opensOn: '2026-07-10', options: ['安吉', '千岛湖', '普陀山'] }],
    });
    const poll = later.polls[0];
    expect(poll).toMatchObject({ status: 'upcoming', canVote: false });
    expect(expectError(await vote(chenJie, later, poll, [poll.options[0].id]), 409, 'INVALID_TRANSITION').message).toBe('投票尚未开始，7 月 10 日起可以投票');
    today = '2026-07-16';
    try {
      expect(expectError(await vote(chenJie, later, poll, [poll.options[0].id]), 409, 'INVALID_TRANSITION').message).toBe('投票已经截止，不能再投票');
    } finally {
      today = '2026-07-01';
    }
  });
});

describe('comments', () => {
  let topic: Topic;
  beforeAll(async () => {
    topic = await open(danghuStaff, { title: '骑手驿站开放时间征求意见', polls: [] });
  });

  it('are written by the union’s workers and representatives, newest or oldest first, a page at a time', async () => {
    for (const [client, body] of [
      [chenJie, '大润发那边中午单子最多，建在那里最方便。'],
      [fan, '建议同时考虑快递员，万达北门快递车也多。'],
      [wangLei, '希望晚上十点以后也能开门。'],
    ] as const) {
      const response = await client.post(`/api/discussions/${topic.id}/comments`, { body });
      expect(response.statusCode, response.body).toBe(201);
    }
    expectError(await leader.post(`/api/discussions/${topic.id}/comments`, { body: '看看大家的意见' }), 403, 'FORBIDDEN');
    expect(expectError(await chenJie.post(`/api/discussions/${topic.id}/comments`, { body: ' ' }), 400, 'VALIDATION').fields![0].field).toBe('body');
    const newest = (await chenJie.get(`/api/discussions/${topic.id}/comments?pageSize=2`)).json();
    expect(newest.total).toBe(3);
    expect(newest.items.map((c: { authorName: string }) => c.authorName)).toEqual(['王磊', '范海珠']);
    const oldest = (await chenJie.get(`/api/discussions/${topic.id}/comments?order=oldest&pageSize=2&page=2`)).json();
    expect(oldest.items.map((c: { authorName: string; mine: boolean }) => [c.authorName, c.mine])).toEqual([['王磊', false]]);
    expect((await detail(chenJie, topic.id)).commentCount).toBe(3);
  });

  it('may be hidden by the staff with a reason, which the author sees and others do not', async () => {
    const { items } = (await danghuStaff.get(`/api/discussions/${topic.id}/comments`)).json() as { items: { id: number; authorName: string; canHide: boolean }[] };
    const wangs = items.find((c) => c.authorName === '王磊')!;
    expect(wangs.canHide).toBe(true);
    expectError(await fan.post(`/api/discussions/${topic.id}/comments/${wangs.id}/hide`, { reason: '与议题无关' }), 403, 'FORBIDDEN');
    expectError(await danghuStaff.post(`/api/discussions/${topic.id}/comments/${wangs.id}/hide`, { reason: '' }), 400, 'VALIDATION');
    const hidden = await danghuStaff.post(`/api/discussions/${topic.id}/comments/${wangs.id}/hide`, { reason: '含有他人电话号码，已隐藏' });
    expect(hidden.statusCode, hidden.body).toBe(204);
    expectError(await danghuStaff.post(`/api/discussions/${topic.id}/comments/${wangs.id}/hide`, { reason: '重复操作' }), 409, 'CONFLICT');

    const seenBy = async (client: TestClient) => ((await client.get(`/api/discussions/${topic.id}/comments`)).json() as { items: { authorName: string; hidden: { reason: string } | null }[] }).items;
    expect((await seenBy(chenJie)).map((c) => c.authorName)).toEqual(['范海珠', '陈杰']);
    expect((await seenBy(wangLei)).find((c) => c.authorName === '王磊')!.hidden).toMatchObject({ reason: '含有他人电话号码，已隐藏' });
    expect((await seenBy(danghuStaff)).find((c) => c.authorName === '王磊')!.hidden).not.toBeNull();
    expect((await detail(chenJie, topic.id)).commentCount).toBe(2);
    // Each count the topic's own: the list's 2 条评论, and the page's, which lists the hidden one apart to those who see it.
    const counts = async (client: TestClient) => {
      const page = (await client.get(`/api/discussions/${topic.id}/comments`)).json() as { total: number; hidden: number };
      return [page.total - page.hidden, page.hidden];
    };
    expect(await counts(chenJie)).toEqual([2, 0]);
    expect(await counts(wangLei)).toEqual([2, 1]);
    expect(await counts(danghuStaff)).toEqual([2, 1]);
    const notices = (await wangLei.get('/api/notifications')).json() as { items: { title: string }[] };
    expect(notices.items.map((n) => n.title)).toContainEqual(expect.stringContaining('已被隐藏：含有他人电话号码'));
    const [logged] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'discussion.hide_comment'));
    expect(logged.summary).toContain('王磊');
  });

  it('stop when the topic is closed early, by its opener or the staff', async () => {
    expectError(await fan.post(`/api/discussions/${topic.id}/close`), 403, 'FORBIDDEN');
    expect((await danghuStaff.post(`/api/discussions/${topic.id}/close`)).statusCode).toBe(204);
    const closed = await detail(chenJie, topic.id);
    expect(closed).toMatchObject({ status: 'closed', canComment: false });
    expect(expectError(await chenJie.post(`/api/discussions/${topic.id}/comments`, { body: '还有一点想法' }), 409, 'INVALID_TRANSITION').message).toBe('议题已经结束，不能再发表评论');
    expectError(await danghuStaff.post(`/api/discussions/${topic.id}/close`), 409, 'CONFLICT');
  });
});

describe('the list', () => {
  it('shows open topics first (pinned leading), then upcoming, then closed; by status and text', async () => {
    const upcoming = await open(danghuStaff, { title: '职工书屋开放时间调整', opensOn: '2026-08-01', closesOn: '2026-08-10', polls: [] });
    const pinned = await open(danghuStaff, { title: '夏季高温津贴发放情况反映', pinned: true, polls: [] });
    const { items } = (await chenJie.get('/api/discussions?pageSize=50')).json() as { items: { id: number; status: string; pinned: boolean }[] };
    const ranks = items.map((i) => ['open', 'upcoming', 'closed'].indexOf(i.status));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(items[0].id).toBe(pinned.id);
    expect(items.find((i) => i.id === upcoming.id)!.status).toBe('upcoming');
    const closedOnly = (await chenJie.get('/api/discussions?status=closed')).json() as { items: { status: string }[] };
    expect(closedOnly.items.length).toBeGreaterThan(0);
    expect(closedOnly.items.every((i) => i.status === 'closed')).toBe(true);
    const found = (await chenJie.get(`/api/discussions?q=${encodeURIComponent('高温津贴')}`)).json() as { items: { title: string }[] };
    expect(found.items.map((i) => i.title)).toEqual(['夏季高温津贴发放情况反映']);
    // A topic closes by itself the day after its closing day.
    today = '2026-07-16';
    try {
      expect((await detail(chenJie, pinned.id)).status).toBe('closed');
    } finally {
      today = '2026-07-01';
    }
  });

  it('pins by the staff only', async () => {
    const topic = await open(fan, { title: '会员代表联络站值班安排', polls: [] });
    expectError(await fan.request({ method: 'PUT', url: `/api/discussions/${topic.id}/pin`, payload: { pinned: true } }), 403, 'FORBIDDEN');
    expect((await danghuStaff.put(`/api/discussions/${topic.id}/pin`, { pinned: true })).statusCode).toBe(204);
    expect(((await chenJie.get('/api/discussions')).json() as { items: { id: number }[] }).items[0].id).toBe(topic.id);
  });
});
