import ExcelJS from 'exceljs';
import { count, eq } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { evaluationParticipations, evaluationResponses } from '../../src/server/modules/evaluations/schema.js';
import { runJob } from '../../src/server/platform/jobs.js';
import { createAccount, type TestApp, type TestClient } from '../support/app.js';
import { expectError, joinMember, newPerson, pinghuDemo } from '../support/members.js';

/**
 * 会员评家 (DESIGN §3.2): the county's union asks the members of its unions to
 * score them, period by period — a 2025年度 survey closed, a 2026年度 one open.
 * Members answer once, anonymously, within the dates; every scored question
 * and 1–5 checked with the field named; results by question and union, small
 * unions' scores withheld; the previous period compared; the xlsx read back;
 * a sibling street's staff and members see nothing of another street's survey.
 */

let today = '2025-12-01';
let t: TestApp;
let ids: Record<string, number>;
let admin: TestClient;
let pinghuStaff: TestClient;
let danghuStaff: TestClient;
let zhongdaiStaff: TestClient;
let leader: TestClient;
let chenJie: TestClient;
/** Riders of the station (with 陈杰, six answer: above the threshold), two workers of 嘉达 (below it), one of 顺通 (钟埭). */
const riders: TestClient[] = [];
const jiada: TestClient[] = [];
let shuntongWorker: TestClient;
const respondentNames: string[] = ['陈杰'];

type Detail = { id: number; state: string; version: number; questions: { id: number; position: number; text: string; weight: number }[]; allowedActions: { action: string }[]; canEdit: boolean };
type Results = {
  scope: string | null;
  responses: number;
  members: number;
  score: number | null;
  suppressed: boolean;
  questions: { text: string; average: number | null; distribution: number[] | null; previousAverage: number | null }[];
  unions: { orgId: number; orgName: string; responses: number; members: number; responseRate: number | null; score: number | null; previousScore: number | null; suppressed: boolean }[];
  previous: { period: string; score: number | null } | null;
  comments: { text: string; count: number }[];
};

const template = async () => (await pinghuStaff.get('/api/evaluations/template')).json() as { commentPrompt: string; questions: { text: string; weight: number }[] };

async function create(client: TestClient, body: Record<string, unknown>) {
  const response = await client.post('/api/evaluations', { ...(await template()), ...body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Detail;
}
async function act(client: TestClient, id: number, action: string) {
  const response = await client.post(`/api/evaluations/${id}/actions`, { action });
  expect(response.statusCode, `${action}: ${response.body}`).toBe(204);
}
const detail = async (client: TestClient, id: number) => (await client.get(`/api/evaluations/${id}`)).json() as Detail;
const answerAll = (survey: Detail, score: (position: number) => number) => ({ answers: survey.questions.map((q) => ({ questionId: q.id, score: score(q.position) })) });
const respond = (client: TestClient, id: number, body: unknown) => client.post(`/api/evaluations/${id}/responses`, body);
async function answered(client: TestClient, survey: Detail, score: (position: number) => number, comment?: string) {
  const response = await respond(client, survey.id, { ...answerAll(survey, score), comment });
  expect(response.statusCode, response.body).toBe(204);
}
async function results(client: TestClient, id: number) {
  const response = await client.get(`/api/evaluations/${id}/results`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Results;
}

let survey2025: Detail;
let survey2026: Detail;

beforeAll(async () => {
  const demo = await pinghuDemo(() => today);
  ({ t, ids, admin, leader } = demo);
  pinghuStaff = demo.pinghu;
  danghuStaff = demo.danghu;
  zhongdaiStaff = demo.zhongdai;
  chenJie = await t.login('chen_jie', DEMO_PASSWORD);
  const worker = async (username: string, displayName: string, org: string) => {
    respondentNames.push(displayName);
    return (await createAccount(t, admin, { username, displayName, homeOrgId: ids[org], grants: [{ role: 'worker', orgId: ids[org] }] })).client;
  };
  for (const [i, name] of ['王海军', '李晓峰', '张建平', '刘志刚', '周晨'].entries()) riders.push(await worker(`rider_${i}`, name, 'rider_station'));
  for (const [i, name] of ['沈丽娟', '顾文英'].entries()) jiada.push(await worker(`jiada_${i}`, name, 'jiada'));
  shuntongWorker = await worker('shuntong_0', '金国华', 'shuntong');
  // Eight members at the station: its response rate is counted against them.
  for (let i = 0; i < 8; i++) await joinMember(t, danghuStaff, newPerson(`骑手${'甲乙丙丁戊己庚辛'[i]}`), ids.rider_station);
}, 180_000);
afterAll(() => t?.close());

describe('drafting and publishing', () => {
  it('starts from the standard items and refuses bad drafts with the field named', async () => {
    const standard = await template();
    expect(standard.questions.map((q) => q.text.split('：')[0])).toEqual(['维权服务', '帮扶救助', '活动开展', '阵地建设', '民主管理', '会费使用公开', '工会干部作风']);
    const one = await pinghuStaff.post('/api/evaluations', { title: '2025年度会员评家', period: '2025年度', opensOn: '2025-12-01', closesOn: '2025-12-31', questions: [standard.questions[0]] });
    expect(expectError(one, 400, 'VALIDATION').fields?.map((f) => f.field)).toEqual(['questions']);
    const backwards = await pinghuStaff.post('/api/evaluations', { ...standard, title: '2025年度会员评家', period: '2025年度', opensOn: '2025-12-31', closesOn: '2025-12-01' });
    expect(expectError(backwards, 400, 'VALIDATION').fields).toEqual([{ field: 'closesOn', reason: '截止日期不能早于开始日期' }]);
    const weight = await pinghuStaff.post('/api/evaluations', { ...standard, title: '2025年度会员评家', period: '2025年度', opensOn: '2025-12-01', closesOn: '2025-12-31', questions: [{ text: '维权服务及时有效', weight: 11 }, ...standard.questions] });
    expect(expectError(weight, 400, 'VALIDATION').fields?.[0].field).toBe('questions.0.weight');
    expectError(await chenJie.post('/api/evaluations', { ...standard, title: '2025年度会员评家', period: '2025年度', opensOn: '2025-12-01', closesOn: '2025-12-31' }), 403, 'FORBIDDEN');
  });

  it('edits a draft, publishes it, and freezes its questions', async () => {
    survey2025 = await create(pinghuStaff, { title: '平湖市2025年度会员评家', period: '2025年度', opensOn: '2025-12-01', closesOn: '2025-12-31' });
    expect([survey2025.state, survey2025.canEdit, survey2025.allowedActions.map((a) => a.action)]).toEqual(['draft', true, ['publish']]);
    const standard = await template();
    const edited = await pinghuStaff.put(`/api/evaluations/${survey2025.id}`, { ...standard, version: survey2025.version, title: '平湖市2025年度“会员评家”测评', period: '2025年度', opensOn: '2025-12-01', closesOn: '2025-12-31' });
    expect(edited.statusCode, edited.body).toBe(200);
    expectError(await pinghuStaff.put(`/api/evaluations/${survey2025.id}`, { ...standard, version: survey2025.version, title: '旧版本的修改', period: '2025年度', opensOn: '2025-12-01', closesOn: '2025-12-31' }), 409, 'CONFLICT');
    await act(pinghuStaff, survey2025.id, 'publish');
    survey2025 = await detail(pinghuStaff, survey2025.id);
    expect([survey2025.state, survey2025.canEdit, survey2025.allowedActions.map((a) => a.action)]).toEqual(['open', false, ['close']]);
    const frozen = await pinghuStaff.put(`/api/evaluations/${survey2025.id}`, { ...standard, version: survey2025.version, title: '发布后再改', period: '2025年度', opensOn: '2025-12-01', closesOn: '2025-12-31' });
    expect(expectError(frozen, 409, 'INVALID_TRANSITION').message).toContain('不能再修改');
  });
});

describe('answering', () => {
  it('lists the open survey for the members of the unions it covers, not for a draft nor elsewhere', async () => {
    const mine = (await chenJie.get('/api/evaluations/mine')).json().items as { id: number; unionName: string; answered: boolean; questions: unknown[] }[];
    expect(mine.map((s) => [s.id, s.unionName, s.answered, s.questions.length])).toEqual([[survey2025.id, '平湖市外卖配送当湖站点工会', false, 7]]);
    const danghuOnly = await create(danghuStaff, { title: '当湖街道2025年度会员评家', period: '2025年度', opensOn: '2025-12-01', closesOn: '2025-12-31' });
    await act(danghuStaff, danghuOnly.id, 'publish');
    expect(((await shuntongWorker.get('/api/evaluations/mine')).json().items as { id: number }[]).map((s) => s.id)).toEqual([survey2025.id]);
    // A 钟埭 worker may not answer 当湖's survey: it is not there for them.
    expectError(await respond(shuntongWorker, danghuOnly.id, answerAll(danghuOnly, () => 4)), 404, 'NOT_FOUND');
  });

  it('requires every scored question, each 1–5, naming the field', async () => {
    const [first, ...rest] = survey2025.questions;
    const missing = await respond(chenJie, survey2025.id, { answers: rest.map((q) => ({ questionId: q.id, score: 4 })) });
    expect(expectError(missing, 400, 'VALIDATION').fields).toEqual([{ field: `questions.${first.id}`, reason: '第 1 题未作答，请选择满意程度' }]);
    const six = await respond(chenJie, survey2025.id, { answers: survey2025.questions.map((q, i) => ({ questionId: q.id, score: i === 2 ? 6 : 4 })) });
    expect(expectError(six, 400, 'VALIDATION').fields?.map((f) => [f.field, f.reason])).toEqual([['answers.2.score', '分数为 1–5']]);
    const zero = await respond(chenJie, survey2025.id, { answers: survey2025.questions.map((q) => ({ questionId: q.id, score: 0 })) });
    expect(expectError(zero, 400, 'VALIDATION').fields?.[0].field).toBe('answers.0.score');
    expect(await t.database.db.select({ n: count() }).from(evaluationResponses)).toEqual([{ n: 0 }]);
  });

  it('takes one answer per member: the second is refused, and of two at once exactly one counts', async () => {
    await answered(chenJie, survey2025, (p) => (p === 4 ? 3 : 4), '希望驿站晚上也能开放');
    const again = await respond(chenJie, survey2025.id, answerAll(survey2025, () => 5));
    expect(expectError(again, 409, 'CONFLICT').message).toBe('您已参加过本次测评，每人只能作答一次');
    const twice = await Promise.all([respond(riders[0], survey2025.id, answerAll(survey2025, () => 5)), respond(riders[0], survey2025.id, answerAll(survey2025, () => 5))]);
    expect(twice.map((r) => r.statusCode).sort()).toEqual([204, 409]);
    const responses = await t.database.db.select({ n: count() }).from(evaluationResponses).where(eq(evaluationResponses.surveyId, survey2025.id));
    const participations = await t.database.db.select({ n: count() }).from(evaluationParticipations).where(eq(evaluationParticipations.surveyId, survey2025.id));
    expect([responses[0].n, participations[0].n]).toEqual([2, 2]);
    expect(((await chenJie.get('/api/evaluations/mine')).json().items as { answered: boolean }[])[0].answered).toBe(true);
  });

  it('refuses answers to a survey not yet open, a draft, and a closed one, with the reason', async () => {
    const later = await create(pinghuStaff, { title: '平湖市2026年上半年会员评家', period: '2026年上半年', opensOn: '2026-06-01', closesOn: '2026-06-30' });
    expect(expectError(await respond(chenJie, later.id, answerAll(later, () => 4)), 409, 'INVALID_TRANSITION').message).toBe('测评尚未发布，暂不能作答');
    await act(pinghuStaff, later.id, 'publish');
    expect(expectError(await respond(chenJie, later.id, answerAll(later, () => 4)), 409, 'INVALID_TRANSITION').message).toBe('测评将于 2026-06-01 开始，届时再来作答');
    await act(pinghuStaff, later.id, 'close');
    expect(expectError(await respond(chenJie, later.id, answerAll(later, () => 4)), 409, 'INVALID_TRANSITION').message).toBe('测评已结束，不能再作答');
  });
});

describe('results', () => {
  it('closes after the end date, and counts per question and per union, small unions withheld', async () => {
    for (const [i, rider] of riders.slice(1).entries()) await answered(rider, survey2025, (p) => ((p + i) % 3) + 3, i < 2 ? '会费公开能再细一点' : undefined);
    for (const worker of jiada) await answered(worker, survey2025, () => 2);
    today = '2026-01-05';
    expectError(await respond(shuntongWorker, survey2025.id, answerAll(survey2025, () => 4)), 409, 'INVALID_TRANSITION');
    const job = t.services.jobs.find((j) => j.name === 'evaluations.close-ended')!;
    expect(await runJob(t.database.db, job, new Date('2026-01-05T02:00:00Z'))).toEqual({ ran: true, result: 2 });
    expect((await detail(pinghuStaff, survey2025.id)).state).toBe('closed');

    const r = await results(pinghuStaff, survey2025.id);
    expect([r.scope, r.responses, r.suppressed, r.previous]).toEqual([null, 8, false, null]);
    expect(r.questions[0].distribution?.reduce((a, b) => a + b, 0)).toBe(8);
    expect(r.questions[0].distribution?.[1]).toBe(2); // the two 嘉达 workers gave 2
    const station = r.unions.find((u) => u.orgId === ids.rider_station)!;
    expect([station.responses, station.members, station.responseRate, station.suppressed]).toEqual([6, 8, 0.75, false]);
    expect(station.score).toBeGreaterThan(3);
    const jiadaRow = r.unions.find((u) => u.orgId === ids.jiada)!;
    expect([jiadaRow.responses, jiadaRow.score, jiadaRow.suppressed]).toEqual([2, null, true]);
    // The same words from two members are one line, with their count.
    expect(r.comments).toEqual([
      { text: '会费公开能再细一点', count: 2 },
      { text: '希望驿站晚上也能开放', count: 1 },
    ]);
  });

  it('never tells who gave which scores', async () => {
    const body = JSON.stringify(await results(pinghuStaff, survey2025.id)) + JSON.stringify((await pinghuStaff.get(`/api/evaluations/${survey2025.id}`)).json());
    for (const name of respondentNames) expect(body).not.toContain(name);
    expect(body).not.toMatch(/userId|username/);
    // The table of scores has no column that could name a person or a moment.
    expect(getTableConfig(evaluationResponses).columns.map((c) => c.name).sort()).toEqual(['comment', 'id', 'org_id', 'org_path', 'scores', 'survey_id', 'tenant_id']);
  });

  it('compares with the previous period, and a street reads only its own unions', async () => {
    survey2026 = await create(pinghuStaff, { title: '平湖市2026年度会员评家', period: '2026年度', opensOn: '2026-01-05', closesOn: '2026-01-31' });
    await act(pinghuStaff, survey2026.id, 'publish');
    survey2026 = await detail(pinghuStaff, survey2026.id);
    for (const client of [chenJie, ...riders]) await answered(client, survey2026, () => 5);
    const r = await results(pinghuStaff, survey2026.id);
    expect(r.previous?.period).toBe('2025年度');
    expect(r.previous?.score).toBeGreaterThan(2);
    expect(r.score).toBe(5);
    expect(r.questions.every((q) => q.previousAverage !== null && q.average === 5)).toBe(true);
    expect(r.unions.find((u) => u.orgId === ids.rider_station)?.previousScore).toBeGreaterThan(3);

    const street = await results(danghuStaff, survey2026.id);
    expect(street.scope).toBe('当湖街道总工会');
    expect(street.unions.map((u) => u.orgId)).toContain(ids.rider_station);
    const sibling = await results(zhongdaiStaff, survey2026.id);
    expect([sibling.scope, sibling.responses, sibling.score, sibling.comments]).toEqual(['钟埭街道总工会', 0, null, []]);
    expect(sibling.unions.map((u) => u.orgId)).not.toContain(ids.rider_station);
    expect((await results(leader, survey2026.id)).responses).toBe(6);
  });

  it('keeps a street’s own survey from a sibling street, and the leader may not manage', async () => {
    const list = (await danghuStaff.get('/api/evaluations?q=当湖')).json() as { items: { id: number; title: string }[] };
    const danghuOnly = list.items.find((s) => s.title.startsWith('当湖街道'))!;
    for (const url of [`/api/evaluations/${danghuOnly.id}`, `/api/evaluations/${danghuOnly.id}/results`, `/api/evaluations/${danghuOnly.id}/results.xlsx`]) {
      expectError(await zhongdaiStaff.get(url), 404, 'NOT_FOUND');
    }
    expect(((await zhongdaiStaff.get('/api/evaluations?pageSize=50')).json().items as { id: number }[]).map((s) => s.id)).not.toContain(danghuOnly.id);
    expectError(await zhongdaiStaff.post(`/api/evaluations/${danghuOnly.id}/actions`, { action: 'close' }), 404, 'NOT_FOUND');
    expectError(await leader.post(`/api/evaluations/${survey2026.id}/actions`, { action: 'close' }), 403, 'FORBIDDEN');
    expectError(await chenJie.get(`/api/evaluations/${survey2026.id}/results`), 403, 'FORBIDDEN');
    // Staff read the survey but do not answer it; a sibling street's staff are told nothing of 当湖's.
    expect(expectError(await pinghuStaff.post(`/api/evaluations/${survey2026.id}/responses`, answerAll(survey2026, () => 5)), 403, 'FORBIDDEN').message).toBe('只有所在工会的职工和会员代表可以参加测评');
    expectError(await zhongdaiStaff.post(`/api/evaluations/${danghuOnly.id}/responses`, answerAll(survey2026, () => 5)), 404, 'NOT_FOUND');
  });

  it('lists by state, and exports the results as a workbook', async () => {
    const closed = (await pinghuStaff.get('/api/evaluations?state=closed')).json() as { total: number; items: { period: string }[] };
    expect(closed.items.map((s) => s.period).sort()).toEqual(['2025年度', '2025年度', '2026年上半年']);
    const response = await pinghuStaff.get(`/api/evaluations/${survey2025.id}/results.xlsx`);
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['总体与各题', '各工会', '意见建议']);
    const overview = workbook.getWorksheet('总体与各题')!;
    expect(overview.getRow(5).getCell(2).value).toContain('维权服务');
    const unions = workbook.getWorksheet('各工会')!;
    const rows = unions.getSheetValues().slice(2) as unknown[][];
    const station = rows.find((row) => row[1] === '平湖市外卖配送当湖站点工会')!;
    expect([station[2], station[3], station[4]]).toEqual([6, 8, 0.75]);
    expect(rows.find((row) => row[1] === '平湖嘉达光电科技有限公司工会')?.[5]).toBe('不足 5 人不显示');
    const commentSheet = workbook.getWorksheet('意见建议')!;
    expect([commentSheet.getCell('A2').value, commentSheet.getCell('B2').value, commentSheet.getCell('A3').value, commentSheet.getCell('B3').value]).toEqual(['会费公开能再细一点', 2, '希望驿站晚上也能开放', 1]);
    const audit = await admin.get('/api/audit?pageSize=5');
    expect(JSON.stringify(audit.json())).toContain('导出会员评家测评结果');
  });
});

