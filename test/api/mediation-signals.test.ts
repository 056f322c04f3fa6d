import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { mediationCases } from '../../src/server/modules/mediation/schema.js';
import { computeCreditCodeCheckChar } from '../../src/server/platform/cn-ids.js';
import { createAccount, type TestApp, type TestClient } from '../support/app.js';
import { expectError, pinghuDemo } from '../support/members.js';

/**
 * 一企一策 meets 连心舱 (DESIGN §3.3, "a signal can open a case"): a mediator
 * on the studio's team opens a case from a risk signal (转调解) — its source
 * the warning, its enterprise the signal's — and the signal ends as 已转调解
 * pointing at it, in one transaction; who may not; and the enterprise's page
 * listing its cases as each viewer may see them.
 */

let t: TestApp;
let ids: Record<string, number>;
let danghuStaff: TestClient;
let zhongdaiStaff: TestClient;
let pinghuStaff: TestClient;
let leader: TestClient;
let mediator: TestClient;
let chen: TestClient;
let zhongdaiMediator: TestClient;
const userIds: Record<string, number> = {};

const codeOf = (n: number) => {
  const first17 = `91330482MA2C${String(n).padStart(5, '0')}`;
  return first17 + computeCreditCodeCheckChar(first17);
};
const CODE = codeOf(1);
const NAME = '平湖华星五金制品有限公司';

type Signal = { id: number; state: string; caseId: number | null; caseLabel: string | null; allowedActions: { action: string }[] };
type Case = { id: number; source: string; enterpriseName: string; enterpriseCreditCode: string | null; signalId: number | null; studioName: string; deadline: { dueOn: string } | null };
type CasePage = { items: (Case & { facts?: string; entries?: unknown })[]; total: number };

async function ok<T>(response: { statusCode: number; body: string; json(): unknown }, status = 200) {
  expect(response.statusCode, response.body).toBe(status);
  return response.json() as T;
}

let studioId: number;
let zhongdaiStudioId: number;
let enterpriseId: number;
let signalId: number;

/** A case from the signal as the 转调解 form sends it: the enterprise fields come prefilled, and the server takes the signal's anyway. */
const fromSignal = (extra: Record<string, unknown> = {}) => ({
  studioId,
  source: 'early_warning',
  signalId,
  subject: '36 名职工追索十月、十一月工资',
  facts: '预警显示企业十月、十一月工资未发，涉及车间一线工人 36 人，职工要求工会介入调解。',
  enterpriseName: '随便写的名字',
  enterpriseCreditCode: null,
  workers: [{ name: '陈杰', userId: userIds.chen_jie, isMember: true }, { name: '周敏' }],
  claims: [{ type: 'wages', amount: 86_400_000 }],
  receivedOn: '2026-12-04',
  ...extra,
});

beforeAll(async () => {
  const demo = await pinghuDemo(() => '2026-12-06');
  ({ t, ids, leader } = demo);
  danghuStaff = demo.danghu;
  zhongdaiStaff = demo.zhongdai;
  pinghuStaff = demo.pinghu;
  [mediator, chen] = await Promise.all(['lianxin_mediator', 'chen_jie'].map((u) => t.login(u, DEMO_PASSWORD)));
  const users = (await demo.admin.get('/api/users?pageSize=200')).json().items as { id: number; username: string }[];
  for (const u of users) userIds[u.username] = u.id;
  const created = await createAccount(t, demo.admin, { username: 'zhongdai_mediator2', displayName: '钟埭 调解员', homeOrgId: ids.zhongdai, grants: [{ role: 'mediator', orgId: ids.zhongdai }] });
  zhongdaiMediator = created.client;

  studioId = (await ok<{ id: number }>(await danghuStaff.post('/api/mediation/studios', { orgId: ids.danghu, name: '当湖街道“连心舱”劳动争议调解工作室' }), 201)).id;
  await ok(await danghuStaff.post(`/api/mediation/studios/${studioId}/members`, { role: 'cabin_chief', name: '沈建明', userId: userIds.lianxin_mediator }));
  zhongdaiStudioId = (await ok<{ id: number }>(await zhongdaiStaff.post('/api/mediation/studios', { orgId: ids.zhongdai, name: '钟埭街道调解工作室' }), 201)).id;
  await ok(await zhongdaiStaff.post(`/api/mediation/studios/${zhongdaiStudioId}/members`, { role: 'cabin_chief', name: '钟埭舱长', userId: created.user.id }));

  enterpriseId = (
    await ok<{ id: number }>(
      await danghuStaff.post('/api/enterprises', { orgId: ids.danghu_park, name: NAME, creditCode: CODE, industry: '五金制品', address: '平湖市当湖街道', employeeCount: 180, contactName: '王经理', contactPhone: '13857300001', hasUnion: false }),
      201,
    )
  ).id;
  const signal = { kind: 'wage_arrears', level: 'orange', source: 'worker_report', description: '职工反映十月、十一月工资未发，涉及车间一线工人。', workersAffected: 36, amountFen: 86_400_000, reportedOn: '2026-12-01' };
  signalId = (await ok<Signal>(await danghuStaff.post(`/api/enterprises/${enterpriseId}/signals`, signal), 201)).id;
}, 120_000);
afterAll(() => t.close());

describe('转调解: a signal opens a case', () => {
  let caseId: number;

  it('refuses those who may not open cases at the studio, and writes nothing', async () => {
    // A leader reads the studio and the signal but does not open cases; 钟埭's mediator sees neither.
    expectError(await leader.post('/api/mediation/cases', fromSignal()), 403, 'FORBIDDEN');
    expectError(await zhongdaiMediator.post('/api/mediation/cases', fromSignal()), 404, 'NOT_FOUND');
    // 钟埭's staff at their own studio: the signal of 当湖 is beyond their sight.
    expectError(await zhongdaiStaff.post('/api/mediation/cases', fromSignal({ studioId: zhongdaiStudioId })), 404, 'NOT_FOUND');
    expect(await t.database.db.select().from(mediationCases)).toEqual([]);
    expect((await ok<Signal>(await danghuStaff.get(`/api/risk-signals/${signalId}`))).state).toBe('open');
  });

  it('the cabin chief opens it: the warning its source, the signal’s enterprise its party, the 15-day period from the day received', async () => {
    const c = await ok<Case>(await mediator.post('/api/mediation/cases', fromSignal()), 201);
    caseId = c.id;
    expect(c).toMatchObject({ source: 'early_warning', enterpriseName: NAME, enterpriseCreditCode: CODE, signalId, deadline: { dueOn: '2026-12-21' } });
    const signal = await ok<Signal>(await danghuStaff.get(`/api/risk-signals/${signalId}`));
    expect(signal).toMatchObject({ state: 'case_opened', caseId: c.id, caseLabel: `${c.studioName}：36 名职工追索十月、十一月工资` });
    expect(signal.allowedActions).toEqual([]);
    // The worker party follows the case but is not shown the union's signal.
    expect((await ok<Case>(await chen.get(`/api/mediation/cases/${c.id}`))).signalId).toBeNull();
    expect((await ok<Case>(await leader.get(`/api/mediation/cases/${c.id}`))).signalId).toBe(signalId);
  });

  it('a signal already turned into a case is not turned again; the second case is not written', async () => {
    expectError(await danghuStaff.post('/api/mediation/cases', fromSignal()), 409, 'INVALID_TRANSITION');
    expect((await t.database.db.select({ id: mediationCases.id }).from(mediationCases)).map((r) => r.id)).toEqual([caseId]);
  });

  it('a resolved signal opens no case either', async () => {
    const signal = { kind: 'social_insurance', level: 'blue', source: 'visit', description: '部分职工社保断缴两个月。', workersAffected: 12, amountFen: null, reportedOn: '2026-12-02' };
    const other = (await ok<Signal>(await danghuStaff.post(`/api/enterprises/${enterpriseId}/signals`, signal), 201)).id;
    await ok(await danghuStaff.post(`/api/risk-signals/${other}/actions`, { action: 'resolve', input: { resolution: '企业已补缴两个月社保', resolvedOn: '2026-12-05' } }));
    expectError(await mediator.post('/api/mediation/cases', fromSignal({ signalId: other })), 409, 'INVALID_TRANSITION');
    expect(await t.database.db.select({ id: mediationCases.id }).from(mediationCases).where(and(eq(mediationCases.signalId, other)))).toEqual([]);
  });
});

describe('the enterprise’s page: its cases', () => {
  it('lists the cases naming its credit code, each viewer only those they see, never the notes', async () => {
    // A case of the same enterprise at 钟埭's studio, entered by hand with the code.
    const zhongdaiCase = await ok<Case>(
      await zhongdaiMediator.post('/api/mediation/cases', fromSignal({ studioId: zhongdaiStudioId, signalId: null, source: 'complaint', enterpriseName: NAME, enterpriseCreditCode: CODE, workers: [{ name: '吴刚' }] })),
      201,
    );
    // And one of another enterprise at 当湖.
    await ok(await mediator.post('/api/mediation/cases', fromSignal({ signalId: null, source: 'consultation', enterpriseName: '别家公司', enterpriseCreditCode: codeOf(2) })), 201);
    const listed = async (client: TestClient) => ok<CasePage>(await client.get(`/api/mediation/cases?enterpriseId=${enterpriseId}`));

    const county = await listed(pinghuStaff);
    expect(county.total).toBe(2);
    expect(county.items.map((c) => c.enterpriseCreditCode)).toEqual([CODE, CODE]);
    expect(county.items.map((c) => c.id)).toContain(zhongdaiCase.id);
    // The 当湖 team's mediator sees the enterprise and only his studio's case of it.
    const mine = await listed(mediator);
    expect(mine.items.map((c) => [c.source, c.studioName])).toEqual([['early_warning', '当湖街道“连心舱”劳动争议调解工作室']]);
    for (const row of [...county.items, ...mine.items]) expect(row).not.toHaveProperty('entries');
    // 钟埭's mediator does not see a 当湖 enterprise at all.
    expectError(await zhongdaiMediator.get(`/api/mediation/cases?enterpriseId=${enterpriseId}`), 404, 'NOT_FOUND');
    expectError(await danghuStaff.get('/api/mediation/cases?enterpriseId=abc'), 400, 'VALIDATION');
  });
});
