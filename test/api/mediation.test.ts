import { and, eq, like, sql } from 'drizzle-orm';
import { queryRows } from '../../src/server/db/client.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { notifications } from '../../src/server/platform/notifications/schema.js';
import { runJob } from '../../src/server/platform/jobs.js';
import { createAccount, type TestApp, type TestClient } from '../support/app.js';
import { expectError, pinghuDemo } from '../support/members.js';

/**
 * 连心舱 · 诉调对接 (DESIGN §3.3, seeds 001–004): the 当湖 studio and its team,
 * who sees which studio, and who mediates; then the court's case of eight
 * riders through 识、访、议、调 to an agreement, judicial confirmation and
 * closing, the rider's side on the phone, every refusal, the 15-day period
 * over the National Day holiday and a weekend, its reminders, and the
 * mass-incident alarm.
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
let pinghuStaff: TestClient;
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

/** The business day the app sees; the deadline tests move it. */
let today = '2026-12-06';

beforeAll(async () => {
  const demo = await pinghuDemo(() => today);
  ({ t, ids, leader } = demo);
  danghuStaff = demo.danghu;
  zhongdaiStaff = demo.zhongdai;
  pinghuStaff = demo.pinghu;
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

interface Case {
  id: number;
  state: string;
  stateLabel: string;
  source: string;
  workerCount: number;
  claimedTotal: number;
  agreedTotal: number | null;
  leadName: string | null;
  receivedOn: string;
  deadline: { dueOn: string; status: string } | null;
  courtCaseNo: string | null;
  courtDueOn: string | null;
  massIncident: boolean;
  canSeeNotes: boolean;
  workers: { id: number; name: string; phone: string | null; hasAccount: boolean; receiptSignedAt: string | null; rating: string | null }[];
  claims: { type: string; amount: number }[];
  entries: { kind: string; heldOn: string | null; notes: string | null; people: string | null }[];
  agreement: { total: number; shares: { partyId: number; name: string; amount: number }[]; instalments: { dueOn: string; amount: number }[] } | null;
  confirmationRuling: string | null;
  myParty: { id: number } | null;
  canSign: boolean;
  canRate: boolean;
  timeline: { action: string; to: string; payload: unknown }[];
  allowedActions: { action: string }[];
}

const RIDERS = ['陈杰', '王强', '李建国', '张伟', '刘洋', '赵磊', '孙浩', '周明'];
/** 8 riders, each owed 4,650 yuan of delivery fees: 37,200 yuan in all. */
const OWED_EACH = 465_000;
const riderCase = (extra: Record<string, unknown> = {}) => ({
  studioId: studio.id,
  source: 'court_pre_filing',
  subject: '8 名外卖骑手追索拖欠的配送费',
  facts: '8 名骑手在某配送站点工作，站点承包商 2026 年 9 月至 11 月未结算配送费，骑手起诉至平湖市人民法院，法院立案前委派连心舱调解。',
  enterpriseName: '平湖市速达配送服务有限公司',
  enterpriseCreditCode: '91330482MA2B3C4D5Y',
  workers: RIDERS.map((name, i) => ({ name, phone: `1380573${String(1000 + i)}`, isMember: true, ...(name === '陈杰' ? { userId: userIds.chen_jie } : {}) })),
  claims: [{ type: 'wages', amount: OWED_EACH * RIDERS.length, note: '2026 年 9—11 月配送费' }],
  receivedOn: '2026-12-01',
  court: { name: '平湖市人民法院', caseNo: '(2026)浙0482民诉前调123号', dueOn: '2026-12-31' },
  ...extra,
});

interface Statistics {
  cases: number;
  consultations: number;
  agreements: number;
  concluded: number;
  successRate: number | null;
  recovered: number;
  workersHelped: number;
  bySource: { source: string; cases: number }[];
  byType: { type: string; cases: number; claimed: number }[];
  ratings: { rating: string; workers: number }[];
  satisfactionRate: number | null;
}
/** 当湖's figures this year, as the county's leader reads them. */
const danghuThisYear = async () => ok<Statistics>(await leader.get(`/api/mediation/statistics?orgId=${ids.danghu}&from=2026-01-01&to=2026-12-31`));

async function act(client: TestClient, id: number, action: string, input?: unknown) {
  return ok<Case>(await client.post(`/api/mediation/cases/${id}/actions`, { action, ...(input === undefined ? {} : { input }) }));
}
const actions = (c: Case) => c.allowedActions.map((a) => a.action).sort();
async function noticesOf(userId: number, id: number) {
  const rows = await t.database.db
    .select({ title: notifications.title })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), like(notifications.link, `/mediation/cases/${id}`)));
  return rows.map((r) => r.title);
}

describe('the court sends the eight riders’ case; the cabin chief takes it to an agreement', () => {
  let id: number;
  let c: Case;

  it('the chief opens it with the court’s number and deadline; he leads it; the riders with an account are told', async () => {
    c = await ok<Case>(await mediator.post('/api/mediation/cases', riderCase()), 201);
    id = c.id;
    expect(c).toMatchObject({ state: 'identify', source: 'court_pre_filing', workerCount: 8, claimedTotal: 3_720_000, leadName: '沈建明', courtCaseNo: '（2026）浙0482民诉前调123号', courtDueOn: '2026-12-31', massIncident: false });
    // The court's own deadline is the case's.
    expect(c.deadline).toMatchObject({ dueOn: '2026-12-31', status: 'on_track' });
    expect(await noticesOf(userIds.chen_jie, id)).toEqual([expect.stringContaining('已受理您的调解案件')]);
    expect(actions(c)).toEqual(expect.arrayContaining(['start_visit', 'consult', 'add_note', 'withdraw', 'refer']));
    expect(actions(c)).not.toContain('take');
  });

  it('is seen by the team, the leader and the union’s staff; not by 钟埭 nor a mediator of another studio', async () => {
    for (const client of [leader, danghuStaff, pinghuStaff]) expect((await ok<{ items: { id: number }[] }>(await client.get('/api/mediation/cases'))).items.map((r) => r.id)).toContain(id);
    for (const client of [zhongdaiStaff, zhongdaiMediator]) {
      expectError(await client.get(`/api/mediation/cases/${id}`), 404, 'NOT_FOUND');
      expect((await ok<{ items: unknown[] }>(await client.get('/api/mediation/cases'))).items).toEqual([]);
    }
    expectError(await zhongdaiMediator.post(`/api/mediation/cases/${id}/actions`, { action: 'add_note', input: { notes: '外人备注' } }), 404, 'NOT_FOUND');
    // A leader reads, but does not mediate.
    expect((await ok<Case>(await leader.get(`/api/mediation/cases/${id}`))).allowedActions).toEqual([]);
    expectError(await leader.post(`/api/mediation/cases/${id}/actions`, { action: 'consult' }), 403, 'FORBIDDEN');
  });

  it('a visit before the case came in is refused; the visit, a note and a session are recorded', async () => {
    const early = expectError(await mediator.post(`/api/mediation/cases/${id}/actions`, { action: 'start_visit', input: { heldOn: '2026-11-30', place: '配送站点', people: '舱长沈建明', notes: '走访站点' } }), 400, 'VALIDATION');
    expect(early.fields?.map((f) => f.field)).toEqual(['heldOn']);
    c = await act(mediator, id, 'start_visit', { heldOn: '2026-12-02', place: '当湖街道配送站点', people: '舱长沈建明、志愿者顾丽萍', notes: '站点负责人承认欠款，称承包商资金周转困难。' });
    expect(c.state).toBe('visit');
    c = await act(mediator, id, 'add_note', { notes: '承包商老板私下表示可以先付一半，注意不要向骑手透露。' });
    c = await act(mediator, id, 'consult');
    c = await act(mediator, id, 'record_session', { heldOn: '2026-12-04', people: '骑手代表陈杰、王强，承包商负责人，舱长沈建明', notes: '双方同意分两期支付。' });
    expect(c.state).toBe('mediate');
    expect(c.entries.map((e) => e.kind)).toEqual(['visit', 'session', 'note']);
    // The deadline runs on through the stages.
    expect(c.deadline?.dueOn).toBe('2026-12-31');
  });

  it('the rider sees when the team visited and met, never the notes', async () => {
    const seen = await ok<Case>(await chen.get(`/api/mediation/cases/${id}`));
    expect(seen.canSeeNotes).toBe(false);
    expect(seen.entries).toEqual([expect.objectContaining({ kind: 'visit', heldOn: '2026-12-02', notes: null, people: null }), expect.objectContaining({ kind: 'session', heldOn: '2026-12-04', notes: null })]);
    expect(JSON.stringify(seen)).not.toContain('私下');
    expect(JSON.stringify(seen)).not.toContain('周转困难');
    expect(seen.timeline.every((e) => e.payload === null)).toBe(true);
    // His co-parties' phones are not his to see; his own is.
    expect(seen.workers.find((w) => w.name === '王强')!.phone).toBeNull();
    expect(seen.workers.find((w) => w.name === '陈杰')!.phone).toBe('13805731000');
    expect(seen.allowedActions.map((a) => a.action)).toEqual(['withdraw']);
    expect(seen).toMatchObject({ canSign: false, canRate: false });
    // A leader sees the case but not the notes, and phones masked.
    const read = await ok<Case>(await leader.get(`/api/mediation/cases/${id}`));
    expect(read.entries.every((e) => e.notes === null)).toBe(true);
    expect(read.workers[1].phone).toBe('138****1001');
  });

  it('refuses an agreement without amounts or workers, with shares of strangers, or instalments that do not add up', async () => {
    const path = `/api/mediation/cases/${id}/actions`;
    const shares = c.workers.map((w) => ({ partyId: w.id, amount: OWED_EACH }));
    const base = { agreedOn: '2026-12-05', terms: '承包商分两期向 8 名骑手支付拖欠的配送费。', shares, instalments: [{ dueOn: '2026-12-10', amount: 1_860_000 }, { dueOn: '2026-12-25', amount: 1_860_000 }] };
    expect(expectError(await mediator.post(path, { action: 'agree', input: { ...base, shares: [] } }), 400, 'VALIDATION').fields?.map((f) => f.field)).toContain('shares');
    const zero = expectError(await mediator.post(path, { action: 'agree', input: { ...base, shares: shares.map((s) => ({ ...s, amount: 0 })), instalments: [{ dueOn: '2026-12-10', amount: 0 }] } }), 400, 'VALIDATION');
    expect(zero.fields?.map((f) => f.field)).toContain('shares');
    const negative = expectError(await mediator.post(path, { action: 'agree', input: { ...base, shares: [{ partyId: shares[0].partyId, amount: -100 }] } }), 400, 'VALIDATION');
    expect(negative.fields?.map((f) => f.field)).toEqual(['shares.0.amount']);
    const stranger = expectError(await mediator.post(path, { action: 'agree', input: { ...base, shares: [...shares.slice(1), { partyId: 999_999, amount: OWED_EACH }] } }), 400, 'VALIDATION');
    expect(stranger.fields?.map((f) => f.field)).toEqual(['shares.7.partyId']);
    const sums = expectError(await mediator.post(path, { action: 'agree', input: { ...base, instalments: [{ dueOn: '2026-12-10', amount: 1_000_000 }] } }), 400, 'VALIDATION');
    expect(sums.fields?.[0]).toMatchObject({ field: 'instalments', reason: expect.stringContaining('37200.00') });
    const order = expectError(await mediator.post(path, { action: 'agree', input: { ...base, instalments: [...base.instalments].reverse() } }), 400, 'VALIDATION');
    expect(order.fields?.map((f) => f.field)).toEqual(['instalments.1.dueOn']);
    expect((await ok<Case>(await mediator.get(`/api/mediation/cases/${id}`))).state).toBe('mediate');

    c = await act(mediator, id, 'agree', base);
    expect(c).toMatchObject({ state: 'agreed', agreedTotal: 3_720_000, deadline: null });
    expect(c.agreement?.shares.map((s) => s.name)).toEqual(RIDERS);
  });

  it('prints the agreement as a Word document', async () => {
    const response = await chen.get(`/api/mediation/cases/${id}/agreement.docx`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml');
    expect(response.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('the rider signs for it once; judicial confirmation is requested and registered; the case is closed, and closing twice is refused', async () => {
    const signed = await ok<Case>(await chen.post(`/api/mediation/cases/${id}/receipt`));
    expect(signed.workers.find((w) => w.name === '陈杰')!.receiptSignedAt).not.toBeNull();
    expectError(await chen.post(`/api/mediation/cases/${id}/receipt`), 409, 'CONFLICT');
    // The staff see the case but are no party to it.
    expectError(await danghuStaff.post(`/api/mediation/cases/${id}/receipt`), 403, 'FORBIDDEN');
    c = await act(mediator, id, 'request_confirmation', { court: '平湖市人民法院' });
    expect(c.state).toBe('confirmation_requested');
    c = await act(mediator, id, 'confirm', { ruling: '（2026）浙0482民特45号' });
    expect(c).toMatchObject({ state: 'confirmed', confirmationRuling: '（2026）浙0482民特45号' });
    c = await act(mediator, id, 'close', { note: '两期款项均已支付' });
    expect(c.state).toBe('closed');
    expect(c.allowedActions).toEqual([]);
    expectError(await mediator.post(`/api/mediation/cases/${id}/actions`, { action: 'close', input: {} }), 409, 'INVALID_TRANSITION');
  });

  it('the rider rates the result once, and the statistics count his rating', async () => {
    const satisfied = (s: Statistics) => s.ratings.find((r) => r.rating === 'satisfied')?.workers;
    expect(await danghuThisYear()).toMatchObject({ satisfactionRate: null });
    expect(satisfied(await danghuThisYear())).toBe(0);
    const rated = await ok<Case>(await chen.post(`/api/mediation/cases/${id}/rating`, { rating: 'satisfied', comment: '感谢连心舱，钱拿到了' }));
    expect(rated.workers.find((w) => w.name === '陈杰')!.rating).toBe('satisfied');
    expect(rated.canRate).toBe(false);
    expectError(await chen.post(`/api/mediation/cases/${id}/rating`, { rating: 'unsatisfied' }), 409, 'CONFLICT');
    const after = await danghuThisYear();
    expect(satisfied(after)).toBe(1);
    expect(after.satisfactionRate).toBe(1);
    expect((await ok<{ items: { id: number }[] }>(await chen.get('/api/mediation/cases'))).items.map((r) => r.id)).toEqual([id]);
  });
});

describe('refused cases', () => {
  const refused = async (body: Record<string, unknown>, fields: string[]) => {
    const error = expectError(await mediator.post('/api/mediation/cases', body), 400, 'VALIDATION');
    expect(error.fields?.map((f) => f.field)).toEqual(fields);
    return error;
  };

  it('negative, absurd or fractional amounts, naming the line', async () => {
    const claims = (amount: number) => [{ type: 'wages', amount: 100 }, { type: 'overtime', amount }];
    await refused(riderCase({ claims: claims(-1) }), ['claims.1.amount']);
    const absurd = await refused(riderCase({ claims: claims(20_000_000_000) }), ['claims.1.amount']);
    expect(absurd.fields?.[0].reason).toContain('1 亿元');
    await refused(riderCase({ claims: claims(10.5) }), ['claims.1.amount']);
    await refused(riderCase({ claims: [] }), ['claims']);
  });

  it('no worker, a bad credit code or phone, a bad court number, dates in the wrong order', async () => {
    await refused(riderCase({ workers: [] }), ['workers']);
    await refused(riderCase({ enterpriseCreditCode: '91330482MA2B3C4D5X' }), ['enterpriseCreditCode']);
    await refused(riderCase({ workers: [{ name: '王强', phone: '1234' }] }), ['workers.0.phone']);
    const number = await refused(riderCase({ court: { name: '平湖市人民法院', caseNo: '浙0482民诉前调123号', dueOn: '2026-12-31' } }), ['court.caseNo']);
    expect(number.fields?.[0].reason).toContain('（2026）浙0482民诉前调123号');
    await refused(riderCase({ court: { name: '平湖市人民法院', caseNo: '（2027）浙0482民诉前调1号', dueOn: '2026-12-31' } }), ['court.caseNo']);
    await refused(riderCase({ court: { name: '平湖市人民法院', caseNo: '（2026）浙0482民诉前调123号', dueOn: '2026-11-30' } }), ['court.dueOn']);
    await refused(riderCase({ court: null }), ['court']);
    await refused(riderCase({ source: 'consultation' }), ['court']);
    await refused(riderCase({ receivedOn: '2026-12-07', court: { name: '平湖市人民法院', caseNo: '（2026）浙0482民诉前调123号', dueOn: '2026-12-31' } }), ['receivedOn']);
  });

  it('a mediator outside the studio: neither opens a case there nor is made its lead', async () => {
    expectError(await zhongdaiMediator.post('/api/mediation/cases', riderCase()), 404, 'NOT_FOUND');
    const volunteer = studio.members.find((m) => m.userId === null)!;
    await refused(riderCase({ leadMemberId: volunteer.id }), ['leadMemberId']);
    // A leader sees the studio but does not open cases.
    expectError(await leader.post('/api/mediation/cases', riderCase()), 403, 'FORBIDDEN');
  });
});

describe('the 15-day period of art. 14 and its reminders', () => {
  const walkIn = (receivedOn: string, extra: Record<string, unknown> = {}) => ({
    studioId: studio.id,
    source: 'consultation',
    subject: '车间工人追索加班费',
    facts: '工人反映 2026 年下半年每周六加班未支付加班费，要求用人单位补发。',
    enterpriseName: '平湖美衣服饰有限公司',
    workers: [{ name: '顾晓红' }],
    claims: [{ type: 'overtime', amount: 680_000 }],
    receivedOn,
    ...extra,
  });

  it('over the National Day holiday: received 09-22, the 15th day (10-07) is a holiday, it ends on 10-08; a period through the holiday is not extended', async () => {
    expect((await ok<Case>(await mediator.post('/api/mediation/cases', walkIn('2026-09-22')), 201)).deadline?.dueOn).toBe('2026-10-08');
    expect((await ok<Case>(await mediator.post('/api/mediation/cases', walkIn('2026-09-28')), 201)).deadline?.dueOn).toBe('2026-10-13');
  });

  it('over an ordinary weekend: received Friday 11-06, the 15th day is Saturday 11-21, it ends on Monday 11-23', async () => {
    const c = await ok<Case>(await mediator.post('/api/mediation/cases', walkIn('2026-11-06')), 201);
    expect(c.deadline).toMatchObject({ dueOn: '2026-11-23', status: 'overdue' });
    expect((await ok<{ items: { id: number }[] }>(await mediator.get('/api/mediation/cases?standing=overdue'))).items.map((r) => r.id)).toContain(c.id);
  });

  it('reminds the lead and the worker three working days before it ends, once; tells them when it has passed', async () => {
    const c = await ok<Case>(await mediator.post('/api/mediation/cases', walkIn('2026-12-04', { workers: [{ name: '陈杰', userId: userIds.chen_jie }] })), 201);
    expect(c.deadline).toMatchObject({ dueOn: '2026-12-21', status: 'on_track' });
    expect((await ok<{ items: { id: number }[] }>(await mediator.get('/api/mediation/cases?standing=on_track&sort=due'))).items.map((r) => r.id)).toContain(c.id);
    today = '2026-12-16';
    try {
      await runJob(t.database.db, t.services.mediation.deadlineJob);
      await runJob(t.database.db, t.services.mediation.deadlineJob);
      expect(await noticesOf(userIds.lianxin_mediator, c.id)).toEqual([expect.stringContaining('即将到期')]);
      expect(await noticesOf(userIds.chen_jie, c.id)).toEqual([expect.stringContaining('已受理'), expect.stringContaining('调解期限至 2026-12-21')]);
      today = '2026-12-22';
      await runJob(t.database.db, t.services.mediation.deadlineJob);
      expect(await noticesOf(userIds.chen_jie, c.id)).toContainEqual(expect.stringContaining('已超过调解期限'));
    } finally {
      today = '2026-12-06';
    }
  });
});

describe('a mass incident', () => {
  it('a case of ten workers tells the county’s leader at once, once; nine do not', async () => {
    const workers = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `工人${String.fromCharCode(0x7532 + i)}` }));
    const body = (n: number) => ({
      studioId: studio.id,
      source: 'early_warning',
      subject: `${n} 名工人被拖欠工资`,
      facts: '企业停产，老板失联，工人聚集在厂门口讨要工资。',
      enterpriseName: '平湖嘉达光电科技有限公司',
      workers: workers(n),
      claims: [{ type: 'wages', amount: n * 500_000 }],
    });
    const nine = await ok<Case>(await mediator.post('/api/mediation/cases', body(9)), 201);
    expect(nine.massIncident).toBe(false);
    expect(await noticesOf(userIds.pinghu_leader, nine.id)).toEqual([]);
    const ten = await ok<Case>(await mediator.post('/api/mediation/cases', body(10)), 201);
    expect(ten.massIncident).toBe(true);
    expect(await noticesOf(userIds.pinghu_leader, ten.id)).toEqual([expect.stringContaining('群体性劳动争议')]);
    // Steps on the case tell no leader again.
    await act(mediator, ten.id, 'add_note', { notes: '已联系街道和人社部门。' });
    expect(await noticesOf(userIds.pinghu_leader, ten.id)).toHaveLength(1);
  });
});

describe('a worker applies online (一件事)', () => {
  it('陈杰 asks for mediation from his phone; it opens at his union’s studio with the 15-day period; the team is told; its claim is counted', async () => {
    const other = async () => (await danghuThisYear()).byType.find((r) => r.type === 'other');
    expect(await other()).toMatchObject({ cases: 0, claimed: 0 });
    const c = await ok<Case>(
      await chen.post('/api/mediation/applications', {
        kind: 'mediation',
        subject: '站点扣押我的押金不退',
        facts: '我 11 月离职，站点扣着 2000 元装备押金一直不退，请工会帮忙调解。',
        enterpriseName: '平湖市速达配送服务有限公司',
        phone: '13805731000',
        claims: [{ type: 'other', amount: 200_000, note: '装备押金' }],
      }),
      201,
    );
    expect(c).toMatchObject({ state: 'identify', source: 'complaint', leadName: null, deadline: { dueOn: '2026-12-21' } });
    expect(c.myParty).not.toBeNull();
    expect(await other()).toMatchObject({ cases: 1, claimed: 200_000 });
    // Nothing to sign for or rate yet.
    expectError(await chen.post(`/api/mediation/cases/${c.id}/rating`, { rating: 'satisfied' }), 409, 'INVALID_TRANSITION');
    expectError(await chen.post(`/api/mediation/cases/${c.id}/receipt`), 409, 'INVALID_TRANSITION');
    expect(await noticesOf(userIds.lianxin_mediator, c.id)).toEqual([expect.stringContaining('新调解案件')]);
    // Nobody leads it yet: the chief takes it.
    const taken = await act(mediator, c.id, 'take');
    expect(taken.leadName).toBe('沈建明');
    expect(actions(taken)).not.toContain('take');
    expectError(await danghuStaff.post('/api/mediation/applications', { kind: 'mediation', subject: '工资问题咨询', facts: '想咨询一下工资的问题。', enterpriseName: '某公司', claims: [{ type: 'wages', amount: 0 }] }), 403, 'FORBIDDEN');
  });
});

describe('statistics of a subtree and period', () => {
  it('counts this file’s cases of 当湖 this year: consultations, sources, claim types, success rate, amount recovered, workers helped, satisfaction', async () => {
    const s = await danghuThisYear();
    // The riders' case, four walk-ins about overtime, the cases of nine and ten workers, 陈杰's application.
    expect(s).toMatchObject({ cases: 8, consultations: 4, agreements: 1, concluded: 1, successRate: 1, recovered: 3_720_000, workersHelped: 8, satisfactionRate: 1 });
    const bySource = Object.fromEntries(s.bySource.map((r) => [r.source, r.cases]));
    expect(bySource).toMatchObject({ court_pre_filing: 1, consultation: 4, early_warning: 2, complaint: 1, visit: 0 });
    expect(s.byType.find((r) => r.type === 'wages')).toMatchObject({ cases: 3, claimed: 3_720_000 + 9 * 500_000 + 10 * 500_000 });
    expect(s.byType.find((r) => r.type === 'overtime')).toMatchObject({ cases: 4, claimed: 4 * 680_000 });
    expect(s.ratings.find((r) => r.rating === 'satisfied')?.workers).toBe(1);
    // A period before any case: nothing to divide by.
    const empty = await ok<{ cases: number; successRate: number | null }>(await leader.get(`/api/mediation/statistics?orgId=${ids.danghu}&from=2026-01-01&to=2026-06-30`));
    expect(empty).toMatchObject({ cases: 0, successRate: null });
    // 钟埭 has no case; 当湖 is not theirs to count.
    expect((await ok<{ cases: number }>(await zhongdaiStaff.get('/api/mediation/statistics'))).cases).toBe(0);
    expectError(await zhongdaiStaff.get(`/api/mediation/statistics?orgId=${ids.danghu}`), 404, 'NOT_FOUND');
    expectError(await leader.get(`/api/mediation/statistics?from=2026-12-31&to=2026-01-01`), 400, 'VALIDATION');
    const workbook = await leader.get(`/api/mediation/statistics.xlsx?orgId=${ids.danghu}&from=2026-01-01&to=2026-12-31`);
    expect(workbook.statusCode, workbook.body).toBe(200);
    expect(workbook.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('reads whole months from the monthly figures and the days around them from the cases: the year cut anywhere adds up to the year', async () => {
    const period = async (from: string, to: string) => ok<Statistics>(await leader.get(`/api/mediation/statistics?orgId=${ids.danghu}&from=${from}&to=${to}`));
    /** Every figure that adds up across periods, flat. */
    const additive = (s: Statistics) => ({
      cases: s.cases,
      consultations: s.consultations,
      agreements: s.agreements,
      concluded: s.concluded,
      recovered: s.recovered,
      workersHelped: s.workersHelped,
      ...Object.fromEntries(s.bySource.map((r) => [`source.${r.source}`, r.cases])),
      ...Object.fromEntries(s.byType.flatMap((r) => [[`type.${r.type}`, r.cases], [`claimed.${r.type}`, r.claimed]])),
      ...Object.fromEntries(s.ratings.map((r) => [`rating.${r.rating}`, r.workers])),
    });
    const year = additive(await danghuThisYear());
    // Whole months and a part of September; part of September, October whole, part of November; part of November and
    // December whole; and within December alone (no whole month) — each holding some of this file's cases.
    for (const cuts of [
      [['2026-01-01', '2026-09-25'], ['2026-09-26', '2026-11-10'], ['2026-11-11', '2026-12-31']],
      [['2026-01-01', '2026-11-30'], ['2026-12-01', '2026-12-03'], ['2026-12-04', '2026-12-31']],
    ]) {
      const parts = await Promise.all(cuts.map(([from, to]) => period(from, to)));
      for (const part of parts) expect(part.cases).toBeGreaterThan(0);
      const summed = Object.fromEntries(Object.keys(year).map((key) => [key, parts.reduce((sum, part) => sum + additive(part)[key as keyof typeof year], 0)]));
      expect(summed).toEqual(year);
    }
  });

  it('the monthly figures are the sum over the cases after every step this file took (opening, transitions, agreements, ratings)', async () => {
    const [difference] = await queryRows<{ rows: number; kept: number }>(
      t.database.db,
      sql`with fresh as (
            select c.tenant_id, date_trunc('month', c.received_on::timestamp)::date as month, c.org_path::text as org_path, f.figure, f.key,
                   sum(f.cases)::int as cases, sum(f.amount)::bigint as amount, sum(f.workers)::int as workers
            from mediation_cases c
            cross join lateral mediation_case_figures(c.state, c.source, c.agreed_total, c.worker_count, c.claimed_by_type, c.rating_counts) f
            group by 1, 2, 3, 4, 5),
          kept as (
            select tenant_id, month, org_path::text as org_path, figure, key, cases, amount, workers from mediation_case_months
            where cases <> 0 or amount <> 0 or workers <> 0)
          select (select count(*) from ((select * from fresh except select * from kept) union all (select * from kept except select * from fresh)) d)::int as rows,
                 (select count(*) from kept)::int as kept`,
    );
    expect(difference.kept).toBeGreaterThan(10);
    expect(difference.rows).toBe(0);
  });
});
