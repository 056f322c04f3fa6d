import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../src/server/platform/jobs.js';
import type { TestClient } from '../support/app.js';
import { expectError } from '../support/members.js';
import { act, draft, type ProposalWorld, proposalWorld, rate } from '../support/proposals.js';
import { zipText } from '../support/zip-text.js';

/**
 * 提案统计 and 提案汇编 (docs/architecture.md, "Proposal statistics"): nine
 * proposals of 当湖's representative 范海珠 driven through the loop to every
 * end, then each rate computed from them — 立案率 without 并案, 办复率, 办结率,
 * the A/B/C shares, 满意率 by each rater's latest rating, the overdue count and
 * 按期办复率 by the deadline job's escalations — by handler, field and union;
 * nothing to divide by gives null; the scope; the book as .xlsx and .docx.
 */

let today = '2026-01-05';
let w: ProposalWorld;
/** Submission is stamped by the clock, the business date by `today`: the tests' period spans both. */
const ALL_TIME = 'from=2000-01-01&to=2100-12-31';
const titles: Record<string, string> = {};

type Figures = {
  total: number;
  submitted: number;
  accepted: number;
  notAccepted: number;
  merged: number;
  assigned: number;
  answered: number;
  concluded: number;
  overdue: number;
  rated: number;
  ratedSatisfied: number;
  averageHandlingDays: number | null;
  categories: { code: string; count: number; share: number | null }[];
  acceptanceRate: number | null;
  answerRate: number | null;
  conclusionRate: number | null;
  onTimeRate: number | null;
  satisfactionRate: number | null;
};
type Statistics = {
  org: { id: number; name: string };
  from: string;
  to: string;
  totals: Figures;
  byState: { state: string; count: number }[];
  byField: (Figures & { field: string })[];
  byHandler: (Figures & { unitId: number; name: string })[];
  byUnion: (Figures & { orgId: number; name: string; own: boolean })[];
};

async function statistics(client: TestClient, query = ALL_TIME) {
  const response = await client.get(`/api/proposals/statistics?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Statistics;
}
const titled = (key: string, title: string, field = 'new_forms') => {
  titles[key] = title;
  return { title, field };
};

beforeAll(async () => {
  w = await proposalWorld(() => today);
  const { fan, lu, zhou, rsj, jtj, supervisor, danghuStaff } = w;

  // 办结: answered A by 人社局, rated 满意, 基本满意, 不满意 (a co-signer's 不满意 reopens nothing).
  const concluded = await w.awaitingRatings(titled('concluded', '在大润发超市周边增设一个职工驿站'), { category: 'A' });
  await rate(fan, concluded, 'satisfied');
  await rate(lu, concluded, 'basically_satisfied');
  await rate(zhou, concluded, 'unsatisfied');

  // Reopened by the submitter's 不满意, answered again and rated anew: only the second round counts.
  const reopened = await w.awaitingRatings(titled('reopened', '骑手驿站延长夜间开放时间'), { category: 'B' });
  await rate(fan, reopened, 'unsatisfied');
  await rate(lu, reopened, 'unsatisfied');
  await rate(zhou, reopened, 'unsatisfied');
  await act(rsj, reopened, 'answer', { category: 'A', answer: '驿站已调整为 24 小时开放，夜间由门禁卡进入。' });
  await act(supervisor, reopened, 'approve_answer');
  await rate(fan, reopened, 'satisfied');
  await rate(lu, reopened, 'satisfied');
  await rate(zhou, reopened, 'basically_satisfied');

  // With 交通局 (another field), and with 人社局 never started: both will pass their deadline.
  const late = await w.accepted(titled('late', '快递网点夏季防暑降温', 'safety'));
  await act(w.pinghuStaff, late, 'assign', { leadHandlerId: w.jtjUnit });
  await act(jtj, late, 'start');
  const overdue = await w.accepted(titled('overdue', '外卖骑手职业伤害保障宣传'));
  await act(w.pinghuStaff, overdue, 'assign', { leadHandlerId: w.rsjUnit });

  // 立案 and waiting; 不予立案; 并案 into the one waiting; withdrawn after submission; a draft.
  const waiting = await w.accepted(titled('waiting', '新就业形态劳动者技能培训补贴'));
  const refused = await w.inReview(titled('refused', '为骑手统一配发雨衣'));
  await act(danghuStaff, refused, 'not_accept', { reason: '属企业日常管理事项，转意见建议' });
  const merged = await w.inReview(titled('merged', '增加技能培训补贴名额'));
  await act(danghuStaff, merged, 'merge', { intoId: waiting, reason: '与新就业形态劳动者技能培训补贴为同一事项' });
  const withdrawn = await draft(fan, titled('withdrawn', '撤回的提案标题'));
  await act(fan, withdrawn.id, 'submit');
  await act(fan, withdrawn.id, 'withdraw');
  await draft(fan, titled('draft', '仍在起草的提案'));

  // Past both deadlines: the deadline job escalates both; 交通局 then answers, late.
  today = '2026-06-01';
  await runJob(w.t.database.db, w.t.services.jobs.find((j) => j.name === 'workflow.deadline-notices.proposal')!);
  await act(jtj, late, 'answer', { category: 'C', answer: '受场地条件限制，先在现有网点增设遮阳棚和饮水点，留作参考。' });
  await act(supervisor, late, 'approve_answer');
  await rate(fan, late, 'satisfied');
}, 300_000);
afterAll(() => w.t.close());

describe('the rates of 当湖', () => {
  it('counts what was submitted, by state; a draft is nobody’s statistics', async () => {
    const s = await statistics(w.danghuStaff);
    expect(s.org.id).toBe(w.ids.danghu);
    expect(s.totals).toMatchObject({ total: 8, submitted: 7, accepted: 5, notAccepted: 1, merged: 1, assigned: 4, answered: 3, concluded: 2 });
    const byState = Object.fromEntries(s.byState.map((r) => [r.state, r.count]));
    expect(byState).toMatchObject({ concluded: 2, feedback: 1, assigned: 1, accepted: 1, not_accepted: 1, merged: 1, withdrawn: 1, submitted: 0 });
    expect(byState).not.toHaveProperty('draft');
  });

  it('立案率 leaves 并案 out; 办复率 over the assigned; 办结率 over the accepted', async () => {
    const { totals } = await statistics(w.danghuStaff);
    expect(totals.acceptanceRate).toBeCloseTo(5 / 6);
    expect(totals.answerRate).toBeCloseTo(3 / 4);
    expect(totals.conclusionRate).toBeCloseTo(2 / 5);
  });

  it('A/B/C among the answered: the reopened one counts by its last answer', async () => {
    const { totals } = await statistics(w.danghuStaff);
    expect(totals.categories.map((c) => [c.code, c.count])).toEqual([
      ['A', 2],
      ['B', 0],
      ['C', 1],
    ]);
    expect(totals.categories.map((c) => c.share)).toEqual([2 / 3, 0, 1 / 3]);
  });

  it('满意率 by each rater’s latest rating: the first round of the reopened one is not counted', async () => {
    const { totals } = await statistics(w.danghuStaff);
    expect(totals).toMatchObject({ rated: 7, ratedSatisfied: 6 });
    expect(totals.satisfactionRate).toBeCloseTo(6 / 7);
  });

  it('overdue: the open one past its deadline; 按期办复率: answers not escalated by the deadline job', async () => {
    const { totals, byHandler } = await statistics(w.danghuStaff);
    expect(totals.overdue).toBe(1);
    expect(totals.onTimeRate).toBeCloseTo(2 / 3);
    expect(totals.averageHandlingDays).toEqual(expect.any(Number));
    expect(byHandler.map((h) => [h.name, h.assigned, h.answered, h.overdue, h.onTimeRate, h.satisfactionRate])).toEqual([
      ['平湖市人力资源和社会保障局', 3, 2, 1, 1, 5 / 6],
      ['平湖市交通运输局', 1, 1, 0, 0, 1],
    ]);
  });

  it('by field, every field listed, and by union from the county down', async () => {
    const { byField } = await statistics(w.danghuStaff);
    expect(byField.map((f) => f.field)).toEqual(['wages', 'safety', 'welfare', 'new_forms', 'democracy', 'skills', 'other']);
    expect(byField.find((f) => f.field === 'safety')).toMatchObject({ submitted: 1, accepted: 1, answered: 1, onTimeRate: 0 });
    expect(byField.find((f) => f.field === 'wages')).toMatchObject({ submitted: 0, acceptanceRate: null, satisfactionRate: null });

    const county = await statistics(w.pinghuStaff, `orgId=${w.ids.pinghu}&${ALL_TIME}`);
    expect(county.totals).toMatchObject({ submitted: 7, accepted: 5 });
    const danghu = county.byUnion.find((u) => u.orgId === w.ids.danghu);
    expect(danghu).toMatchObject({ name: expect.stringContaining('当湖'), own: false, submitted: 7, concluded: 2 });
    expect(county.byUnion.filter((u) => u.orgId !== w.ids.danghu).every((u) => u.submitted === 0)).toBe(true);
  });
});

describe('nothing to divide by', () => {
  it('a union without proposals, or a period without any: counts 0 and every rate null', async () => {
    for (const s of [await statistics(w.zhongdaiStaff), await statistics(w.danghuStaff, 'from=2001-01-01&to=2001-12-31')]) {
      expect(s.totals).toMatchObject({ total: 0, submitted: 0, overdue: 0, averageHandlingDays: null });
      for (const rate of ['acceptanceRate', 'answerRate', 'conclusionRate', 'onTimeRate', 'satisfactionRate'] as const) expect(s.totals[rate], rate).toBeNull();
      expect(s.totals.categories.every((c) => c.share === null)).toBe(true);
      expect(s.byHandler).toEqual([]);
    }
  });

  it('the period defaults to this year to today; a reversed period is 400 naming the field', async () => {
    const s = await statistics(w.danghuStaff, '');
    expect([s.from, s.to]).toEqual(['2026-01-01', today]);
    const reversed = expectError(await w.danghuStaff.get('/api/proposals/statistics?from=2026-05-01&to=2026-04-01'), 400, 'VALIDATION');
    expect(reversed.fields).toEqual([{ field: 'to', reason: '结束日期不能早于开始日期' }]);
    expectError(await w.danghuStaff.get('/api/proposals/statistics?from=2026-02-30'), 400, 'VALIDATION');
  });
});

describe('scope', () => {
  it('another town’s union is 403, an unknown one 404; representatives and handlers have no statistics', async () => {
    expect((await w.danghuStaff.get(`/api/proposals/statistics?orgId=${w.ids.zhongdai}`)).statusCode).toBe(403);
    expect((await w.zhongdaiStaff.get(`/api/proposals/book.xlsx?orgId=${w.ids.danghu}`)).statusCode).toBe(403);
    expect((await w.danghuStaff.get('/api/proposals/statistics?orgId=999999999')).statusCode).toBe(404);
    for (const client of [w.fan, w.rsj, w.chenJie]) expect((await client.get('/api/proposals/statistics')).statusCode).toBe(403);
    // The leader and the supervisor of the county see it.
    for (const client of [w.leader, w.supervisor]) expect((await statistics(client)).totals.submitted).toBe(7);
  });
});

describe('提案汇编', () => {
  it('as .xlsx: one row per submitted proposal in serial order, frozen header, a safe Chinese file name', async () => {
    const response = await w.danghuStaff.get(`/api/proposals/book.xlsx?${ALL_TIME}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''%E/);
    expect(decodeURIComponent(String(response.headers['content-disposition']).split("''")[1])).toMatch(/提案汇编（2000-01-01至2100-12-31）\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('提案汇编')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header).toEqual(['提案号', '标题', '提案人', '附议人', '所在工会', '提案类别', '办理状态', '案由', '建议', '承办单位', '答复类别', '答复', '满意度测评']);
    const rows = sheet.getSheetValues().slice(2) as string[][];
    expect(rows.map((r) => r[2]).sort()).toEqual(['concluded', 'reopened', 'late', 'overdue', 'waiting', 'refused', 'merged'].map((k) => titles[k]).sort());
    const serials = rows.map((r) => r[1]);
    expect(serials).toEqual([...serials].sort());
    const concluded = rows.find((r) => r[2] === titles.concluded)!;
    expect(concluded.slice(3, 5)).toEqual(['范海珠', '陆海燕、周建明']);
    expect(concluded.slice(10, 14)).toEqual(['主办：平湖市人力资源和社会保障局', 'A', expect.any(String), '满意 1 人，基本满意 1 人，不满意 1 人']);
    expect(sheet.getColumn(2).width).toBeGreaterThan(20);
  });

  it('only the accepted ones when asked', async () => {
    const response = await w.danghuStaff.get(`/api/proposals/book.xlsx?${ALL_TIME}&acceptedOnly=true`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.getWorksheet('提案汇编')!.getSheetValues().slice(2) as string[][];
    expect(rows.map((r) => r[2]).sort()).toEqual(['concluded', 'reopened', 'late', 'overdue', 'waiting'].map((k) => titles[k]).sort());
  });

  it('as .docx: the cover, the contents and every proposal with its answer; withdrawn and drafts left out', async () => {
    const response = await w.danghuStaff.get(`/api/proposals/book.docx?${ALL_TIME}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const text = zipText(response.rawPayload);
    expect(text).toContain('提案汇编');
    expect(text).toContain('目\u3000录');
    expect(text).toContain('当湖');
    for (const key of ['concluded', 'reopened', 'late', 'overdue', 'waiting', 'refused', 'merged']) expect(text, key).toContain(titles[key]);
    for (const key of ['withdrawn', 'draft']) expect(text, key).not.toContain(titles[key]);
    expect(text).toContain('驿站已调整为 24 小时开放');
    expect(text).toContain('满意 2 人，基本满意 1 人');
  });
});
