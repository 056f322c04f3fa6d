import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directLineRequests } from '../../src/server/modules/direct-line/schema.js';
import { expectError } from '../support/members.js';
import { act, cosign, detail, draft, type ProposalWorld, proposalWorld, rate } from '../support/proposals.js';

/**
 * 履职监督 (DESIGN §3.2, issue 12): a small known situation in 当湖 — 范海珠's
 * proposals (accepted, concluded with ratings, put to the county's review
 * group), 陆海燕's own, the co-signatures of 陆 and 周, a group vote where
 * 钟埭's 金晓东 stays away, requests from the rider 陈杰 answered in time and
 * late — and every figure, the points and the ranking per union; the scope;
 * 我的履职; the workbook.
 */

let w: ProposalWorld;
const PERIOD = 'from=2026-01-01&to=2026-12-31';

type Row = { userId: number; name: string; orgName: string; rank: number; score: number; points: Record<string, number> } & Record<string, unknown>;
const rowOf = (items: Row[], userId: number) => items.find((r) => r.userId === userId)!;

async function ask(subject: string, representative: number) {
  const response = await w.chenJie.post('/api/direct-line', { representativeUserId: representative, subject, category: 'rights', text: `${subject}，想请代表帮忙问一问，骑手们都很关心。` });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as number;
}
async function reply(id: number) {
  const response = await w.fan.post(`/api/direct-line/${id}/actions`, { action: 'reply', input: { text: '收到，我去站点了解情况后答复您。' } });
  expect(response.statusCode, response.body).toBe(200);
}

beforeAll(async () => {
  w = await proposalWorld(() => '2026-12-06');
  const { fan, lu, zhou, userIds, ids } = w;

  // 范海珠: one concluded with three good ratings, one accepted, one draft (not counted).
  const concluded = await w.awaitingRatings();
  await rate(fan, concluded, 'satisfied');
  await rate(lu, concluded, 'satisfied');
  await rate(zhou, concluded, 'basically_satisfied');
  expect((await detail(fan, concluded)).state).toBe('concluded');
  await w.accepted({ title: '关于延长职工驿站夜间开放时间的提案' });
  await draft(fan, { title: '关于在新城区增设快递员休息点的提案' });
  // 陆海燕: one submitted, not yet co-signed.
  const own = await draft(lu, { title: '关于为骑手统一配发反光背心的提案' });
  await act(lu, own.id, 'submit');

  // The county's review group: 陆 and 周 vote on 范海珠's next proposal, 金晓东 does not; it is accepted.
  const group = await w.pinghuStaff.post('/api/review-groups', { orgId: ids.pinghu, name: '市总工会提案审查小组', quorum: 2, memberUserIds: [userIds.lu_haiyan, userIds.zhou_jianming, userIds.jin_xiaodong] });
  expect(group.statusCode, group.body).toBe(201);
  const putToGroup = async (title: string) => {
    const p = await draft(fan, { title });
    await act(fan, p.id, 'submit');
    await cosign(lu, p.id);
    await cosign(zhou, p.id);
    await act(w.danghuStaff, p.id, 'start_review', { reviewGroupId: group.json().id });
    return p.id;
  };
  const reviewed = await putToGroup('关于在外卖站点配备急救药箱的提案');
  await act(lu, reviewed, 'vote', { vote: 'accept' });
  await act(zhou, reviewed, 'vote', { vote: 'accept' });
  await act(w.danghuStaff, reviewed, 'accept');
  // Still in review: 陆海燕 has voted (counted), the others have not yet (no absence yet).
  const open = await putToGroup('关于骑手夏季高温补贴按月发放的提案');
  await act(lu, open, 'vote', { vote: 'accept' });

  // 陈杰 asks 范海珠 twice and 陆海燕 once; times set so one answer is in time across a weekend and one late.
  const inTime = await ask('站点充电桩不够用', userIds.fan_haizhu);
  const late = await ask('午休没有地方吃饭', userIds.fan_haizhu);
  await ask('头盔破损谁来换', userIds.lu_haiyan);
  await reply(inTime);
  await reply(late);
  const rated = await w.chenJie.post(`/api/direct-line/${inTime}/actions`, { action: 'rate', input: { rating: 'satisfied' } });
  expect(rated.statusCode, rated.body).toBe(200);
  const at = (s: string) => new Date(`${s}+08:00`);
  // Friday 10:00 → Tuesday 17:00: the second working day after Friday is Tuesday.
  await w.t.database.db.update(directLineRequests).set({ createdAt: at('2026-12-04T10:00:00'), firstReplyAt: at('2026-12-08T17:00:00') }).where(eq(directLineRequests.id, inTime));
  // Tuesday 09:00 → Friday 09:00: the second working day was Thursday.
  await w.t.database.db.update(directLineRequests).set({ createdAt: at('2026-12-01T09:00:00'), firstReplyAt: at('2026-12-04T09:00:00') }).where(eq(directLineRequests.id, late));
}, 240_000);
afterAll(() => w.t.close());

describe('the table of representatives (履职监督)', () => {
  let items: Row[];

  beforeAll(async () => {
    const response = await w.leader.get(`/api/duty-records?orgId=${w.ids.pinghu}&${PERIOD}`);
    expect(response.statusCode, response.body).toBe(200);
    items = response.json().items;
  });

  it('gives 范海珠 every figure: requests, proposals, ratings, and the points of each', () => {
    expect(rowOf(items, w.userIds.fan_haizhu)).toMatchObject({
      name: '范海珠',
      orgName: '当湖街道总工会',
      received: 2,
      answered: 2,
      answeredOnTime: 1,
      requestsToProposals: 0,
      medianFirstReplyHours: 87.5,
      submitted: 4,
      accepted: 3,
      concluded: 1,
      cosigned: 0,
      reviews: 0,
      votes: 0,
      attendanceRate: null,
      proposalsRated: 3,
      proposalSatisfactionRate: 1,
      requestsRated: 1,
      requestSatisfactionRate: 1,
      satisfactionRate: 1,
      points: { submitted: 8, accepted: 15, cosigned: 0, answeredOnTime: 3, attendance: 0, satisfaction: 10 },
      score: 36,
      rank: 1,
    });
  });

  it('counts co-signatures and attendance at reviews; an absent member attends 0 of 1', () => {
    expect(rowOf(items, w.userIds.lu_haiyan)).toMatchObject({
      received: 1,
      answered: 0,
      answeredOnTime: 0,
      medianFirstReplyHours: null,
      submitted: 1,
      accepted: 0,
      cosigned: 4,
      reviews: 2,
      votes: 2,
      attendanceRate: 1,
      satisfactionRate: null,
      points: { submitted: 2, accepted: 0, cosigned: 4, answeredOnTime: 0, attendance: 10, satisfaction: 0 },
      score: 16,
      rank: 2,
    });
    expect(rowOf(items, w.userIds.zhou_jianming)).toMatchObject({ submitted: 0, cosigned: 4, reviews: 1, votes: 1, attendanceRate: 1, score: 14, rank: 3 });
    expect(rowOf(items, w.userIds.jin_xiaodong)).toMatchObject({ orgName: '钟埭街道总工会', reviews: 1, votes: 0, attendanceRate: 0, score: 0 });
  });

  it('ranks within each union, by union then rank, or by a figure', async () => {
    const danghu = items.filter((r) => r.orgName === '当湖街道总工会');
    expect(danghu.slice(0, 3).map((r) => [r.name, r.rank])).toEqual([
      ['范海珠', 1],
      ['陆海燕', 2],
      ['周建明', 3],
    ]);
    // Each union ranks from 1: 金晓东 of 钟埭 is not behind 当湖's representatives.
    expect(rowOf(items, w.userIds.jin_xiaodong).rank).toBe(1 + items.filter((r) => r.orgName === '钟埭街道总工会' && r.score > 0).length);
    const byCosigned = (await w.leader.get(`/api/duty-records?orgId=${w.ids.pinghu}&${PERIOD}&sort=cosigned`)).json().items as Row[];
    expect(byCosigned.slice(0, 2).map((r) => r.name).sort()).toEqual(['周建明', '陆海燕']);
  });

  it('counts only the period: last year is empty', async () => {
    const response = await w.leader.get(`/api/duty-records?orgId=${w.ids.pinghu}&from=2025-01-01&to=2025-12-31`);
    expect(rowOf(response.json().items, w.userIds.fan_haizhu)).toMatchObject({ received: 0, submitted: 0, score: 0 });
    const backwards = expectError(await w.leader.get(`/api/duty-records?orgId=${w.ids.pinghu}&from=2026-12-31&to=2026-01-01`), 400, 'VALIDATION');
    expect(backwards.fields).toEqual([{ field: 'to', reason: '结束日期不能早于开始日期' }]);
  });

  it('defaults to the actor’s union and this year', async () => {
    const response = await w.danghuStaff.get('/api/duty-records');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ orgName: '当湖街道总工会', from: '2026-01-01', to: '2026-12-06' });
    expect((response.json().items as Row[]).map((r) => r.name)).not.toContain('金晓东');
  });
});

describe('scope', () => {
  it('another street’s staff cannot see 当湖; representatives and workers not at all', async () => {
    expectError(await w.zhongdaiStaff.get(`/api/duty-records?orgId=${w.ids.danghu}&${PERIOD}`), 403, 'FORBIDDEN');
    expectError(await w.zhongdaiStaff.get(`/api/duty-records.xlsx?orgId=${w.ids.danghu}&${PERIOD}`), 403, 'FORBIDDEN');
    expectError(await w.fan.get(`/api/duty-records?${PERIOD}`), 403, 'FORBIDDEN');
    expectError(await w.chenJie.get('/api/duty-records/me'), 403, 'FORBIDDEN');
    expectError(await w.danghuStaff.get('/api/duty-records/me'), 403, 'FORBIDDEN');
  });

  it('a representative sees her own record only', async () => {
    const response = await w.fan.get(`/api/duty-records/me?${PERIOD}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ userId: w.userIds.fan_haizhu, name: '范海珠', orgName: '当湖街道总工会', submitted: 4, accepted: 3, answeredOnTime: 1, score: 36 });
    const jin = (await w.zhongdaiRep.get(`/api/duty-records/me?${PERIOD}`)).json();
    expect(jin).toMatchObject({ name: '金晓东', reviews: 1, votes: 0, attendanceRate: 0, submitted: 0, score: 0 });
  });
});

describe('export', () => {
  it('writes the table as a workbook, read back with every figure', async () => {
    const response = await w.danghuStaff.get(`/api/duty-records.xlsx?orgId=${w.ids.danghu}&${PERIOD}`);
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('会员代表履职')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('当湖街道总工会会员代表履职情况（2026-01-01 至 2026-12-31）');
    expect(sheet.getRow(2).getCell(1).value).toContain('立案×5');
    const rows = sheet.getSheetValues().slice(3) as unknown[][];
    expect(rows[0].slice(1)).toEqual(['工会内排名', '姓名', '所在工会', '收到诉求', '已回复', '两个工作日内回复', '首次回复用时中位数（小时）', '提交提案', '立案', '办结', '附议', '应参加审议', '审议投票', '审议出席率', '满意率', '履职积分']);
    expect(rows[1].slice(1)).toEqual([1, '范海珠', '当湖街道总工会', 2, 2, 1, 87.5, 4, 3, 1, 0, 0, 0, '', 1, 36]);
    expect(rows[2].slice(1, 3)).toEqual([2, '陆海燕']);
  });
});
