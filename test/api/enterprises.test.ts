import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { actorOf } from '../../src/server/demo/proposals.js';
import { auditLog } from '../../src/server/platform/audit/schema.js';
import { computeCreditCodeCheckChar } from '../../src/server/platform/cn-ids.js';
import { notifications } from '../../src/server/platform/notifications/schema.js';
import { AppError } from '../../src/server/platform/errors.js';
import type { TestApp, TestClient } from '../support/app.js';
import { expectError, pinghuDemo } from '../support/members.js';

/**
 * 一企一策 (DESIGN §3.3, seeds/002 预警识别 and 主动访查): the unions' enterprises,
 * their risk signals through the workflow, visits, plans; bad input field by
 * field; scope (a town sees its subtree, a mediator reads and cannot edit); the
 * red signal told to the leaders once; and what the mediation module calls.
 */

const TODAY = '2026-12-06';
let t: TestApp;
let ids: Record<string, number>;
let danghu: TestClient;
let zhongdai: TestClient;
let leader: TestClient;
let mediator: TestClient;
let leaderUserId: number;

/** A valid 统一社会信用代码 of a Pinghu company (authority 9, type 1), numbered. */
const codeOf = (n: number) => {
  const first17 = `91330482MA2B${String(n).padStart(5, '0')}`;
  return first17 + computeCreditCodeCheckChar(first17);
};
/** The same code with a wrong check character. */
const badCheck = (code: string) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0');

type Detail = { id: number; name: string; creditCode: string; contactPhone: string | null; canManage: boolean; version: number; signals: { id: number }[]; visits: { id: number; findings: string }[]; plan: { revision: number; summary: string }[] };
type Signal = {
  id: number;
  state: string;
  stateLabel: string;
  level: string;
  source: string;
  follower: string | null;
  resolution: string | null;
  caseId: number | null;
  caseLabel: string | null;
  visitId: number | null;
  workersAffected: number;
  version: number;
  canEdit: boolean;
  leadersNotifiedAt: string | null;
  timeline: { action: string; to: string }[];
  allowedActions: { action: string }[];
};

const enterprise = (orgId: number, n: number, extra: Record<string, unknown> = {}) => ({
  orgId,
  name: `平湖测试企业${n}有限公司`,
  creditCode: codeOf(n),
  industry: '电子元件制造',
  address: '平湖市当湖街道新华中路 1 号',
  employeeCount: 120,
  contactName: '王经理',
  contactPhone: '13857300001',
  hasUnion: false,
  ...extra,
});
const ARREARS = { kind: 'wage_arrears', level: 'orange', source: 'worker_report', description: '职工反映十月、十一月工资未发，涉及车间一线工人。', workersAffected: 36, amountFen: 86_400_000, reportedOn: '2026-12-01' };

async function register(client: TestClient, body: Record<string, unknown>) {
  const response = await client.post('/api/enterprises', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Detail;
}
async function raise(client: TestClient, enterpriseId: number, body: Record<string, unknown> = {}) {
  const response = await client.post(`/api/enterprises/${enterpriseId}/signals`, { ...ARREARS, ...body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Signal;
}
async function act(client: TestClient, id: number, action: string, input?: unknown) {
  const response = await client.post(`/api/risk-signals/${id}/actions`, { action, ...(input === undefined ? {} : { input }) });
  expect(response.statusCode, `${action}: ${response.body}`).toBe(200);
  return response.json() as Signal;
}
const fieldsOf = (response: Parameters<typeof expectError>[0]) => expectError(response, 400, 'VALIDATION').fields?.map((f) => f.field).sort();
const idsOf = (page: { items: { id: number }[] }) => page.items.map((r) => r.id);
async function noticesOf(userId: number, signalId: number) {
  const rows = await t.database.db
    .select({ title: notifications.title })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), like(notifications.link, `/risk-signals/${signalId}`)));
  return rows.map((r) => r.title);
}

let park: Detail;
let zhong: Detail;
let town: Detail;

beforeAll(async () => {
  const demo = await pinghuDemo(() => TODAY);
  ({ t, ids, leader } = demo);
  danghu = demo.danghu;
  zhongdai = demo.zhongdai;
  mediator = await t.login('lianxin_mediator', DEMO_PASSWORD);
  leaderUserId = (await actorOf(t.database.db, t.services, 'pinghu_leader')).userId!;
  park = await register(danghu, enterprise(ids.danghu_park, 1, { name: '平湖测试光电有限公司' }));
  town = await register(danghu, enterprise(ids.danghu, 2, { name: '平湖测试配送服务有限公司', hasUnion: true }));
  zhong = await register(zhongdai, enterprise(ids.zhongdai, 3, { name: '平湖测试物流有限公司' }));
}, 120_000);
afterAll(() => t.close());

describe('enterprises', () => {
  it('registers them under a town or joint union, with the code as stored', async () => {
    expect(park).toMatchObject({ creditCode: codeOf(1), canManage: true, contactPhone: '13857300001', signals: [], visits: [], plan: [] });
    // Full-width characters and lower case are folded.
    const folded = await register(danghu, enterprise(ids.danghu_park, 4, { creditCode: codeOf(4).toLowerCase() }));
    expect(folded.creditCode).toBe(codeOf(4));
  });

  it('refuses bad input field by field, and writes nothing', async () => {
    const before = (await danghu.get('/api/enterprises')).json().total as number;
    const bad = await danghu.post('/api/enterprises', enterprise(ids.danghu_park, 5, { creditCode: badCheck(codeOf(5)), contactPhone: '12345', employeeCount: -3 }));
    expect(fieldsOf(bad)).toEqual(['contactPhone', 'creditCode', 'employeeCount']);
    expect(bad.json().error.fields.find((f: { field: string }) => f.field === 'creditCode').reason).toContain('校验码错误');
    expect(fieldsOf(await danghu.post('/api/enterprises', enterprise(ids.danghu_park, 5, { creditCode: '9133048212' })))).toEqual(['creditCode']);
    // The same code again, even under another union of the county.
    const duplicate = await danghu.post('/api/enterprises', enterprise(ids.danghu, 1, { name: '另一家' }));
    expect(fieldsOf(duplicate)).toEqual(['creditCode']);
    expect(fieldsOf(await zhongdai.post('/api/enterprises', enterprise(ids.zhongdai, 1)))).toEqual(['creditCode']);
    // A grassroots union does not look after enterprises; nor may a town's staff choose another town.
    expect(fieldsOf(await danghu.post('/api/enterprises', enterprise(ids.jiada, 6)))).toEqual(['orgId']);
    expect(fieldsOf(await zhongdai.post('/api/enterprises', enterprise(ids.danghu_park, 6)))).toEqual(['orgId']);
    expect(fieldsOf(await danghu.post('/api/enterprises', enterprise(ids.danghu_park, 6, { name: ' ' })))).toEqual(['name']);
    expect((await danghu.get('/api/enterprises')).json().total).toBe(before);
  });

  it('corrects one, refusing a stale version and a duplicate code', async () => {
    const response = await danghu.put(`/api/enterprises/${park.id}`, { ...enterprise(ids.danghu_park, 1, { name: '平湖测试光电有限公司', employeeCount: 150 }), version: park.version });
    expect(response.statusCode, response.body).toBe(200);
    park = response.json() as Detail;
    expect(park.version).toBe(2);
    expectError(await danghu.put(`/api/enterprises/${park.id}`, { ...enterprise(ids.danghu_park, 1), version: 1 }), 409, 'CONFLICT');
    expect(fieldsOf(await danghu.put(`/api/enterprises/${park.id}`, { ...enterprise(ids.danghu_park, 2), version: park.version }))).toEqual(['creditCode']);
  });

  it('keeps each to its subtree: a town sees its own, a mediator reads and cannot edit', async () => {
    const list = async (client: TestClient, query = '') => idsOf((await client.get(`/api/enterprises${query}`)).json());
    expect(await list(zhongdai)).toEqual([zhong.id]);
    expect(await list(danghu)).toEqual(expect.arrayContaining([park.id, town.id]));
    expect(await list(danghu)).not.toContain(zhong.id);
    expect(await list(leader)).toEqual(expect.arrayContaining([park.id, town.id, zhong.id]));
    // The mediator's park: not the town's own enterprises.
    const mine = await list(mediator);
    expect(mine).toContain(park.id);
    expect(mine).not.toContain(town.id);
    expectError(await zhongdai.get(`/api/enterprises/${park.id}`), 404, 'NOT_FOUND');
    expectError(await mediator.get(`/api/enterprises/${town.id}`), 404, 'NOT_FOUND');
    const read = (await mediator.get(`/api/enterprises/${park.id}`)).json() as Detail;
    expect(read).toMatchObject({ canManage: false, contactPhone: '138****0001' });
    expectError(await mediator.put(`/api/enterprises/${park.id}`, { ...enterprise(ids.danghu_park, 1), version: park.version }), 403, 'FORBIDDEN');
    expectError(await mediator.post(`/api/enterprises/${park.id}/signals`, ARREARS), 403, 'FORBIDDEN');
    expectError(await mediator.post(`/api/enterprises/${park.id}/visits`, { visitedOn: TODAY, visitors: '领航员', findings: '一切正常，工资按时发放。' }), 403, 'FORBIDDEN');
    // Filters: the union's subtree, 建会, a name or a code.
    expect(await list(danghu, `?orgId=${ids.danghu_park}`)).not.toContain(town.id);
    expect(await list(danghu, '?hasUnion=true')).toEqual([town.id]);
    expect(await list(danghu, `?q=${encodeURIComponent('光电')}`)).toEqual([park.id]);
    expect(await list(leader, `?q=${codeOf(3)}`)).toEqual([zhong.id]);
  });
});

describe('risk signals', () => {
  let signal: Signal;

  it('refuses bad facts field by field: negative amounts and workers, a day still to come', async () => {
    const bad = await danghu.post(`/api/enterprises/${park.id}/signals`, { ...ARREARS, amountFen: -100, workersAffected: -1, reportedOn: '2026-12-07', description: '欠' });
    expect(fieldsOf(bad)).toEqual(['amountFen', 'description', 'reportedOn', 'workersAffected']);
    expect(fieldsOf(await danghu.post(`/api/enterprises/${park.id}/signals`, { ...ARREARS, reportedOn: '2026-02-30' }))).toEqual(['reportedOn']);
    expect(fieldsOf(await danghu.post(`/api/enterprises/${park.id}/signals`, { ...ARREARS, kind: 'gossip' }))).toEqual(['kind']);
    expect((await danghu.get(`/api/enterprises/${park.id}`)).json().signals).toEqual([]);
  });

  it('goes open → in hand → resolved, each step offered only to staff', async () => {
    signal = await raise(danghu, park.id);
    expect(signal).toMatchObject({ state: 'open', stateLabel: '待处置', canEdit: true, leadersNotifiedAt: null });
    expect(signal.allowedActions.map((a) => a.action).sort()).toEqual(['resolve', 'take']);
    const read = (await mediator.get(`/api/risk-signals/${signal.id}`)).json() as Signal;
    expect(read).toMatchObject({ canEdit: false, allowedActions: [] });
    expectError(await mediator.post(`/api/risk-signals/${signal.id}/actions`, { action: 'take', input: { follower: '领航员' } }), 403, 'FORBIDDEN');
    expectError(await zhongdai.get(`/api/risk-signals/${signal.id}`), 404, 'NOT_FOUND');

    expect(fieldsOf(await danghu.post(`/api/risk-signals/${signal.id}/actions`, { action: 'take', input: { follower: '' } }))).toEqual(['follower']);
    signal = await act(danghu, signal.id, 'take', { follower: '当湖连心舱 舱长 张敏' });
    expect(signal).toMatchObject({ state: 'in_hand', follower: '当湖连心舱 舱长 张敏' });
    signal = await act(danghu, signal.id, 'hand_over', { follower: '园区联合工会 陈洁' });
    expect(signal.follower).toBe('园区联合工会 陈洁');
    expectError(await danghu.post(`/api/risk-signals/${signal.id}/actions`, { action: 'take', input: { follower: '张敏' } }), 409, 'INVALID_TRANSITION');
    // Only the mediation module turns a signal into a case.
    expectError(await danghu.post(`/api/risk-signals/${signal.id}/actions`, { action: 'open_case', input: { id: 1, label: '案件' } }), 403, 'FORBIDDEN');
    expect(fieldsOf(await danghu.post(`/api/risk-signals/${signal.id}/actions`, { action: 'resolve', input: { resolution: '企业已补发全部工资。', resolvedOn: '2026-12-09' } }))).toEqual(['resolvedOn']);
    signal = await act(danghu, signal.id, 'resolve', { resolution: '约谈企业负责人，企业已于 12 月 5 日补发全部工资。', resolvedOn: '2026-12-05' });
    expect(signal).toMatchObject({ state: 'resolved', resolution: '约谈企业负责人，企业已于 12 月 5 日补发全部工资。', canEdit: false, allowedActions: [] });
    expect(signal.timeline.map((e) => e.action)).toEqual(['create', 'take', 'hand_over', 'resolve']);
    expectError(await danghu.post(`/api/risk-signals/${signal.id}/actions`, { action: 'resolve', input: { resolution: '再次化解了一次', resolvedOn: TODAY } }), 409, 'INVALID_TRANSITION');
    expect(fieldsOf(await danghu.put(`/api/risk-signals/${signal.id}`, { ...ARREARS, version: signal.version }))).toEqual(['state']);
  });

  it('tells the leaders of a red signal at once, and only once', async () => {
    const red = await raise(danghu, park.id, { level: 'red', kind: 'relocation', description: '企业设备夜间外运，疑似关停搬迁，职工担心工资和补偿。', workersAffected: 120, amountFen: null });
    expect(red.leadersNotifiedAt).not.toBeNull();
    expect(await noticesOf(leaderUserId, red.id)).toEqual(['严重预警：平湖测试光电有限公司（搬迁/关停，涉及 120 名职工）']);
    const saved = await danghu.put(`/api/risk-signals/${red.id}`, { ...ARREARS, level: 'red', kind: 'relocation', workersAffected: 130, amountFen: null, version: red.version });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await noticesOf(leaderUserId, red.id)).toHaveLength(1);
    // An orange one raised to red is told when it becomes red.
    const orange = await raise(danghu, town.id);
    expect(await noticesOf(leaderUserId, orange.id)).toEqual([]);
    const raised = await danghu.put(`/api/risk-signals/${orange.id}`, { ...ARREARS, level: 'red', version: orange.version });
    expect(raised.statusCode, raised.body).toBe(200);
    await danghu.put(`/api/risk-signals/${orange.id}`, { ...ARREARS, level: 'red', workersAffected: 40, version: (raised.json() as Signal).version });
    expect(await noticesOf(leaderUserId, orange.id)).toEqual(['严重预警：平湖测试配送服务有限公司（欠薪，涉及 36 名职工，涉及金额 864,000 元）']);
    expectError(await danghu.put(`/api/risk-signals/${orange.id}`, { ...ARREARS, version: 1 }), 409, 'CONFLICT');
  });

  it('lists the red first, filters and searches, and counts by kind, level and state', async () => {
    const blue = await raise(zhongdai, zhong.id, { level: 'blue', kind: 'social_insurance', reportedOn: '2026-11-20' });
    const list = async (client: TestClient, query = '') => (await client.get(`/api/risk-signals${query}`)).json() as { items: { id: number; level: string; enterpriseName: string }[]; total: number };
    const all = await list(leader);
    const levels = all.items.map((r) => r.level);
    expect(levels.indexOf('blue')).toBeGreaterThan(levels.lastIndexOf('red'));
    expect(levels[0]).toBe('red');
    expect(idsOf(await list(zhongdai))).toEqual([blue.id]);
    expect(idsOf(await list(leader, '?level=blue'))).toEqual([blue.id]);
    expect(idsOf(await list(leader, '?kind=social_insurance'))).toEqual([blue.id]);
    expect((await list(leader, '?state=resolved')).items.map((r) => r.id)).toEqual([signal.id]);
    expect((await list(leader, `?orgId=${ids.zhongdai}`)).total).toBe(1);
    expect(idsOf(await list(leader, `?q=${codeOf(3)}`))).toEqual([blue.id]);
    expect((await list(leader, `?q=${encodeURIComponent('配送服务')}`)).items.every((r) => r.enterpriseName === '平湖测试配送服务有限公司')).toBe(true);
    expect((await list(leader, '?sort=reportedOn')).items[0].id).toBe(blue.id);
    expectError(await leader.get('/api/risk-signals?sort=amountFen;drop'), 400, 'VALIDATION');

    const stats = (await leader.get('/api/risk-signals/statistics')).json() as { total: number; byLevel: { code: string; count: number }[]; byKind: { code: string; count: number }[]; byState: { code: string; count: number }[] };
    expect(stats.total).toBe(all.total);
    const count = (rows: { code: string; count: number }[], code: string) => rows.find((r) => r.code === code)?.count;
    expect(count(stats.byLevel, 'red')).toBe(2);
    expect(count(stats.byLevel, 'blue')).toBe(1);
    expect(count(stats.byKind, 'social_insurance')).toBe(1);
    expect(count(stats.byState, 'resolved')).toBe(1);
    const town = (await zhongdai.get('/api/risk-signals/statistics')).json() as typeof stats;
    expect(town.total).toBe(1);
  });
});

describe('visits and the plan', () => {
  it('records a visit, which may raise a signal from 主动访查, and refuses a day still to come', async () => {
    expect(fieldsOf(await danghu.post(`/api/enterprises/${town.id}/visits`, { visitedOn: '2026-12-08', visitors: '', findings: '' }))).toEqual(['findings', 'visitedOn', 'visitors']);
    // A bad signal rolls the visit back too.
    expect(fieldsOf(await danghu.post(`/api/enterprises/${town.id}/visits`, { visitedOn: TODAY, visitors: '张敏', findings: '骑手反映配送费拖欠。', signal: { ...ARREARS, amountFen: -1 } }))).toEqual(['amountFen']);
    expect((await danghu.get(`/api/enterprises/${town.id}`)).json().visits).toEqual([]);
    const response = await danghu.post(`/api/enterprises/${town.id}/visits`, {
      visitedOn: '2026-12-04',
      visitors: '当湖街道工会 张敏、律师 李华',
      findings: '站点 8 名骑手反映十月、十一月配送费未结，站长称平台未打款。',
      signal: { kind: 'wage_arrears', level: 'orange', description: '8 名骑手两个月配送费未结。', workersAffected: 8, amountFen: 9_600_000 },
    });
    expect(response.statusCode, response.body).toBe(201);
    const detail = response.json() as Detail;
    expect(detail.visits.map((v) => v.findings)).toEqual(['站点 8 名骑手反映十月、十一月配送费未结，站长称平台未打款。']);
    const signals = await Promise.all(detail.signals.map(async (s) => (await danghu.get(`/api/risk-signals/${s.id}`)).json() as Signal));
    expect(signals.filter((s) => s.visitId === detail.visits[0].id)).toEqual([expect.objectContaining({ source: 'visit', state: 'open', workersAffected: 8 })]);
  });

  it('keeps every revision of the plan, refusing one saved over another', async () => {
    const save = (client: TestClient, basedOn: number, summary: string) =>
      client.put(`/api/enterprises/${park.id}/plan`, { summary, measures: '每月走访一次；工资支付情况按月报送；设立劳动争议调解小组。', responsiblePerson: '陈洁', basedOn });
    expect(fieldsOf(await danghu.put(`/api/enterprises/${park.id}/plan`, { summary: '', measures: '', responsiblePerson: '', basedOn: 0 }))).toEqual(['measures', 'responsiblePerson', 'summary']);
    expect((await save(danghu, 0, '企业订单下滑，存在欠薪风险，列为重点关注。')).statusCode).toBe(200);
    expectError(await save(danghu, 0, '另一位同事同时写的版本。'), 409, 'CONFLICT');
    expectError(await save(mediator, 1, '调解员不能修改。'), 403, 'FORBIDDEN');
    const second = await save(danghu, 1, '工资已补发，风险降低，保持每月走访。');
    expect(second.statusCode, second.body).toBe(200);
    expect((second.json() as Detail).plan.map((p) => [p.revision, p.summary])).toEqual([
      [2, '工资已补发，风险降低，保持每月走访。'],
      [1, '企业订单下滑，存在欠薪风险，列为重点关注。'],
    ]);
    const audits = await t.database.db.select({ summary: auditLog.summary }).from(auditLog).where(and(eq(auditLog.action, 'enterprise.plan'), eq(auditLog.entityId, String(park.id))));
    expect(audits.map((a) => a.summary).sort()).toEqual(['修订「平湖测试光电有限公司」的一企一策（第 2 版）', '制定「平湖测试光电有限公司」的一企一策（第 1 版）']);
  });
});

describe('handing an enterprise to another union', () => {
  it('takes its signals along: the park’s mediator no longer sees them', async () => {
    const moving = await register(danghu, enterprise(ids.danghu_park, 9, { name: '平湖迁出测试有限公司' }));
    const signal = await raise(danghu, moving.id, { level: 'blue' });
    expect((await mediator.get(`/api/risk-signals/${signal.id}`)).statusCode).toBe(200);
    const moved = await danghu.put(`/api/enterprises/${moving.id}`, { ...enterprise(ids.danghu, 9, { name: '平湖迁出测试有限公司' }), version: moving.version });
    expect(moved.statusCode, moved.body).toBe(200);
    expectError(await mediator.get(`/api/risk-signals/${signal.id}`), 404, 'NOT_FOUND');
    expectError(await mediator.get(`/api/enterprises/${moving.id}`), 404, 'NOT_FOUND');
    expect(idsOf((await danghu.get(`/api/risk-signals?orgId=${ids.danghu}&level=blue`)).json())).toContain(signal.id);
    expect(idsOf((await danghu.get(`/api/risk-signals?orgId=${ids.danghu_park}&level=blue`)).json())).not.toContain(signal.id);
  });
});

describe('what the mediation module calls', () => {
  it('finds an enterprise by its code within a county, and ensures one exists', async () => {
    const services = t.services.enterprises;
    const lianxin = await actorOf(t.database.db, t.services, 'lianxin_mediator');
    const tenantId = (await danghu.get(`/api/enterprises/${park.id}`)).json().tenantId as number;
    expect(await services.findByCreditCode(lianxin, { tenantId, creditCode: codeOf(1) })).toMatchObject({ id: park.id, name: '平湖测试光电有限公司' });
    expect(await services.findByCreditCode(lianxin, { tenantId, creditCode: codeOf(99) })).toBeNull();
    expect(await services.findByCreditCode(lianxin, { tenantId: tenantId + 999, creditCode: codeOf(1) })).toBeNull();
    expect((await services.ensureEnterprise(lianxin, { orgId: ids.danghu_park, name: '平湖测试光电有限公司', creditCode: codeOf(1) })).id).toBe(park.id);
    const created = await services.ensureEnterprise(lianxin, { orgId: ids.danghu_park, name: '平湖新到配送有限公司', creditCode: codeOf(7) });
    expect(created).toMatchObject({ name: '平湖新到配送有限公司', creditCode: codeOf(7), hasUnion: false, tenantId });
    await expect(services.ensureEnterprise(lianxin, { orgId: ids.danghu_park, name: '坏代码', creditCode: badCheck(codeOf(8)) })).rejects.toMatchObject({ code: 'VALIDATION' });
    // Not under another union than the mediator's.
    await expect(services.ensureEnterprise(lianxin, { orgId: ids.zhongdai, name: '别处', creditCode: codeOf(8) })).rejects.toBeInstanceOf(AppError);
  });

  it('links a signal to the case it opened, once, and only a signal in hand', async () => {
    const services = t.services.enterprises;
    const lianxin = await actorOf(t.database.db, t.services, 'lianxin_mediator');
    const open = await raise(danghu, park.id, { description: '8 名骑手被拖欠工资，已到法院起诉。', workersAffected: 8 });
    expect(await services.signal(lianxin, open.id)).toMatchObject({ state: 'open', enterpriseName: '平湖测试光电有限公司', creditCode: codeOf(1), workersAffected: 8, kind: 'wage_arrears' });
    await services.markSignalCase(lianxin, open.id, { id: 42, label: '平湖连心调〔2026〕42号' });
    const marked = (await danghu.get(`/api/risk-signals/${open.id}`)).json() as Signal;
    expect(marked).toMatchObject({ state: 'case_opened', stateLabel: '已转调解', caseId: 42, caseLabel: '平湖连心调〔2026〕42号', allowedActions: [] });
    expect(marked.timeline.at(-1)).toMatchObject({ action: 'open_case', to: 'case_opened' });
    await expect(services.markSignalCase(lianxin, open.id, { id: 43, label: '第二件' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    const resolved = (await danghu.get('/api/risk-signals?state=resolved')).json().items[0].id as number;
    await expect(services.markSignalCase(lianxin, resolved, { id: 44, label: '已化解的' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    const elsewhere = (await zhongdai.get('/api/risk-signals')).json().items[0].id as number;
    await expect(services.markSignalCase(lianxin, elsewhere, { id: 45, label: '别处的' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(services.signal(lianxin, elsewhere)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
