import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposals } from '../../src/server/modules/proposals/schema.js';
import { notifications } from '../../src/server/platform/notifications/schema.js';
import { runJob } from '../../src/server/platform/jobs.js';
import { createAccount, type TestApp, type TestClient } from '../support/app.js';
import { expectError } from '../support/members.js';
import { act, cosign, detail, draft, type ProposalWorld, proposalWorld, rate, STATION } from '../support/proposals.js';

/**
 * 提案 (DESIGN §3.2, seeds/002): the five-step loop as the Pinghu story tells
 * it — the rider 陈杰 asks his representative 范海珠 for a new station near the
 * 大润发 supermarket, she drafts the proposal, two representatives co-sign,
 * the union reviews and accepts it, assigns it to 人社局, the bureau reports
 * progress and answers, the supervisor approves, and everyone who raised it
 * rates it — then each refused step with its reason, the working-day deadline
 * over National Day, 不满意 reopening once, 并案, serial numbers under
 * concurrency, and the deadline job's reminders and escalations.
 */

/** The business date the app sees; tests move it. */
let today = '2025-09-22';
let t: TestApp;
let ids: Record<string, number>;
let admin: TestClient;
let danghuStaff: TestClient;
let pinghuStaff: TestClient;
let supervisor: TestClient;
let fan: TestClient;
let chenJie: TestClient;
let rsj: TestClient;
/** Two more representatives of 当湖 (co-signers), one of 钟埭 (outside the union), the account of 交通局. */
let lu: TestClient;
let zhou: TestClient;
let zhongdaiRep: TestClient;
let jtj: TestClient;
let userIds: Record<string, number>;
let rsjUnit: number;
let jtjUnit: number;
let accepted: ProposalWorld['accepted'];
let awaitingRatings: ProposalWorld['awaitingRatings'];

/** Notifications of a user about a proposal, by title. */
async function noticesOf(userId: number, proposalId: number) {
  const rows = await t.database.db
    .select({ title: notifications.title })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), like(notifications.link, `/proposals/${proposalId}`)));
  return rows.map((r) => r.title);
}

beforeAll(async () => {
  ({ t, ids, admin, danghuStaff, pinghuStaff, supervisor, fan, chenJie, rsj, lu, zhou, zhongdaiRep, jtj, userIds, rsjUnit, jtjUnit, accepted, awaitingRatings } = await proposalWorld(
    () => today,
  ));
}, 120_000);
afterAll(() => t.close());

describe('the Pinghu story, end to end', () => {
  let id: number;

  it('范海珠 drafts the station proposal 陈杰 raised: a draft only she sees', async () => {
    const created = await draft(fan, { workerUserId: userIds.chen_jie });
    id = created.id;
    expect(created).toMatchObject({ state: 'draft', serialNo: null, worker: { userId: userIds.chen_jie, name: '陈杰' }, canEdit: true, canCosign: false, cosignerCount: 0 });
    expect(created.allowedActions.map((a) => a.action).sort()).toEqual(['submit', 'withdraw']);
    // Nobody else sees a draft, not even the union's staff or the worker.
    expectError(await danghuStaff.get(`/api/proposals/${id}`), 404, 'NOT_FOUND');
    expectError(await chenJie.get(`/api/proposals/${id}`), 404, 'NOT_FOUND');
    expect((await danghuStaff.get('/api/proposals')).json().items.map((p: { id: number }) => p.id)).not.toContain(id);
  });

  it('she edits it from the version she read; a stale version is 409', async () => {
    const { version } = await detail(fan, id);
    const edited = await fan.patch(`/api/proposals/${id}`, { version, suggestions: `${STATION.suggestions}驿站名称建议为“大润发骑手之家”。` });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().version).toBe(version + 1);
    expectError(await fan.patch(`/api/proposals/${id}`, { version, title: '过期的修改' }), 409, 'CONFLICT');
  });

  it('submitting numbers it for the county and the year', async () => {
    await act(fan, id, 'submit');
    const submitted = await detail(fan, id);
    expect(submitted.state).toBe('submitted');
    expect(submitted.serialNo).toMatch(/^2025-\d{4}$/);
    expect(submitted.submittedAt).not.toBeNull();
  });

  it('two representatives of 当湖 co-sign (附议)', async () => {
    expect((await detail(lu, id)).canCosign).toBe(true);
    await cosign(lu, id);
    await cosign(zhou, id);
    const signed = await detail(danghuStaff, id);
    expect(signed.cosignerCount).toBe(2);
    expect(signed.cosigners.map((c) => c.name)).toEqual(['陆海燕', '周建明']);
    expect(await noticesOf(userIds.fan_haizhu, id)).toContain(`陆海燕 附议了您的提案「${STATION.title}」`);
  });

  it('the review group takes it up and accepts it (立案)', async () => {
    await act(danghuStaff, id, 'start_review');
    await act(danghuStaff, id, 'accept');
    expect((await detail(fan, id)).state).toBe('accepted');
    expect(await noticesOf(userIds.fan_haizhu, id)).toContain('您的提案已立案');
  });

  it('the county assigns it to 人社局 on 2025-09-26: 60 working days on the China calendar, over National Day', async () => {
    today = '2025-09-26';
    const units = (await pinghuStaff.get(`/api/handler-units?proposalId=${id}`)).json().items as { id: number; name: string }[];
    expect(units.map((u) => u.name)).toEqual(expect.arrayContaining(['平湖市人力资源和社会保障局', '平湖市交通运输局']));
    await act(pinghuStaff, id, 'assign', { leadHandlerId: rsjUnit, note: '请会同当湖街道、大润发超市落实选址' });
    const assigned = await detail(fan, id);
    const calendar = await t.services.calendar.calendar();
    // From Fri 09-26: 调休 Sun 09-28 and Sat 10-11 are worked, 10-01…10-08 are not; Mon–Fri alone gives 12-19.
    expect(calendar.addWorkingDays('2025-09-26', 60)).toBe('2025-12-25');
    expect(assigned).toMatchObject({ state: 'assigned', dueOn: '2025-12-25', deadlineStatus: 'on_track', handlers: { lead: { id: rsjUnit, name: '平湖市人力资源和社会保障局' }, co: [] } });
    expect(await noticesOf(userIds.rsj_handler, id)).toContain(`新交办提案（主办）：${STATION.title}`);
  });

  it('人社局 sees it among its assignments, starts and reports 40 %', async () => {
    const listed = (await rsj.get('/api/proposals')).json();
    expect(listed.items.map((p: { id: number }) => p.id)).toContain(id);
    await act(rsj, id, 'start');
    expect((await detail(rsj, id)).dueOn).toBe('2025-12-25');
    await act(rsj, id, 'post_progress', { percent: 40, text: '已与大润发超市达成意向，驿站选址在超市东侧停车场。' });
    const reported = await detail(fan, id);
    expect(reported).toMatchObject({ state: 'in_progress', progressPercent: 40, dueOn: '2025-12-25' });
    expect(reported.progress).toEqual([expect.objectContaining({ percent: 40, unitName: '平湖市人力资源和社会保障局', authorName: '人社局 劳动关系科' })]);
  });

  it('人社局 answers A; the supervisor approves the answer; the raters are asked', async () => {
    await act(rsj, id, 'answer', { category: 'A', answer: '新驿站已建成，配备饮水机、充电柜和休息区，8 月 8 日启用。' });
    const answered = await detail(fan, id);
    expect(answered).toMatchObject({ state: 'answered', progressPercent: 100, dueOn: null, answer: { category: 'A', categoryLabel: '已解决或采纳' } });
    await act(supervisor, id, 'approve_answer');
    expect((await detail(fan, id)).state).toBe('feedback');
    for (const who of ['fan_haizhu', 'lu_haiyan', 'zhou_jianming', 'chen_jie']) expect(await noticesOf(userIds[who], id), who).toContain('提案已答复，请评价办理结果');
  });

  it('the submitter, the co-signers and 陈杰 rate 满意: concluded', async () => {
    const seen = await detail(chenJie, id);
    expect(seen.allowedActions.map((a) => a.action)).toEqual(['rate']);
    for (const client of [fan, lu, zhou]) await rate(client, id, 'satisfied');
    expect((await detail(fan, id)).state).toBe('feedback');
    await rate(chenJie, id, 'satisfied');
    const concluded = await detail(chenJie, id);
    expect(concluded.state).toBe('concluded');
    expect(concluded.concludedAt).not.toBeNull();
    expect(concluded.ratings.map((r) => [r.name, r.ratingLabel, r.round])).toEqual([
      ['范海珠', '满意', 1],
      ['陆海燕', '满意', 1],
      ['周建明', '满意', 1],
      ['陈杰', '满意', 1],
    ]);
    expect(concluded.timeline.map((e) => e.action)).toEqual([
      'create',
      'submit',
      'start_review',
      'accept',
      'assign',
      'start',
      'post_progress',
      'answer',
      'approve_answer',
      'rate',
      'rate',
      'rate',
      'rate',
      'close_rated',
    ]);
    expect(concluded.allowedActions).toEqual([]);
  });

  it('the worker follows it in his own list', async () => {
    const mine = (await chenJie.get('/api/proposals')).json();
    expect(mine.items).toEqual([expect.objectContaining({ id, state: 'concluded', stateLabel: '已办结', fieldLabel: '新就业形态劳动者权益', orgName: '当湖街道总工会', cosignerCount: 2 })]);
  });
});

describe('refused steps, each with its reason', () => {
  it('the review with fewer than two co-signers', async () => {
    const created = await draft(fan);
    await act(fan, created.id, 'submit');
    await cosign(lu, created.id);
    const error = expectError(await danghuStaff.post(`/api/proposals/${created.id}/actions`, { action: 'start_review' }), 409, 'INVALID_TRANSITION');
    expect(error.message).toBe('附议人数不足：至少需要 2 名代表附议，目前 1 名');
    // The page is not offered what the server would refuse.
    expect((await detail(danghuStaff, created.id)).allowedActions.map((a) => a.action)).not.toContain('start_review');
  });

  it('co-signing twice, one’s own, and by someone who is no representative', async () => {
    const created = await draft(fan);
    await act(fan, created.id, 'submit');
    await cosign(lu, created.id);
    expect(expectError(await lu.post(`/api/proposals/${created.id}/cosign`), 409, 'CONFLICT').message).toBe('您已附议过这件提案，每位代表只能附议一次');
    expect(expectError(await fan.post(`/api/proposals/${created.id}/cosign`), 409, 'CONFLICT').message).toBe('提案人不能附议自己的提案');
    expect(expectError(await danghuStaff.post(`/api/proposals/${created.id}/cosign`), 403, 'FORBIDDEN').message).toBe('只有本工会的会员代表可以附议');
    expect((await detail(fan, created.id)).cosignerCount).toBe(1);
  });

  it('a representative outside the union neither sees, co-signs nor drafts there', async () => {
    const created = await draft(fan);
    await act(fan, created.id, 'submit');
    expectError(await zhongdaiRep.get(`/api/proposals/${created.id}`), 404, 'NOT_FOUND');
    expectError(await zhongdaiRep.post(`/api/proposals/${created.id}/cosign`), 404, 'NOT_FOUND');
    expectError(await zhongdaiRep.post('/api/proposals', { ...STATION, orgId: ids.danghu }), 404, 'NOT_FOUND');
    expect((await zhongdaiRep.get('/api/proposals')).json().items.map((p: { id: number }) => p.id)).not.toContain(created.id);
    // Staff draft nothing: proposals come from representatives.
    expectError(await danghuStaff.post('/api/proposals', STATION), 403, 'FORBIDDEN');
  });

  it('editing after submission by anyone but the submitter, or once under review', async () => {
    const created = await draft(fan);
    await act(fan, created.id, 'submit');
    const { version } = await detail(fan, created.id);
    expect(expectError(await lu.patch(`/api/proposals/${created.id}`, { version, title: '代表改别人的提案' }), 403, 'FORBIDDEN').message).toBe('只有提案人可以修改提案');
    await cosign(lu, created.id);
    await cosign(zhou, created.id);
    await act(danghuStaff, created.id, 'start_review');
    const now = await detail(fan, created.id);
    expect(now.canEdit).toBe(false);
    expect(expectError(await fan.patch(`/api/proposals/${created.id}`, { version: now.version, title: '审议中再修改' }), 409, 'INVALID_TRANSITION').message).toBe(
      '提案当前为「小组审议」，不能修改',
    );
  });

  it('bad text is refused naming the field', async () => {
    const error = expectError(await fan.post('/api/proposals', { ...STATION, title: 'x'.repeat(101), field: 'parking' }), 400, 'VALIDATION');
    expect(error.fields!.map((f) => f.field).sort()).toEqual(['field', 'title']);
    const worker = expectError(await fan.post('/api/proposals', { ...STATION, workerUserId: userIds.jin_xiaodong }), 400, 'VALIDATION');
    expect(worker.fields).toEqual([{ field: 'workerUserId', reason: '找不到该职工的账号（须是本工会或下属工会的职工）' }]);
  });

  describe('while it is handled', () => {
    let id: number;
    beforeAll(async () => {
      id = await accepted({ title: '骑手午间用餐难的问题' });
      await act(pinghuStaff, id, 'assign', { leadHandlerId: rsjUnit });
      await act(rsj, id, 'start');
    });

    it('a handler of another unit gets 404, on the detail and on every action', async () => {
      expectError(await jtj.get(`/api/proposals/${id}`), 404, 'NOT_FOUND');
      expectError(await jtj.post(`/api/proposals/${id}/actions`, { action: 'post_progress', input: { percent: 10, text: '越权报送' } }), 404, 'NOT_FOUND');
      expect((await jtj.get('/api/proposals')).json().items).toEqual([]);
    });

    it('progress going backwards', async () => {
      await act(rsj, id, 'post_progress', { percent: 60, text: '已协调两家餐饮企业提供骑手优惠餐。' });
      const error = expectError(await rsj.post(`/api/proposals/${id}/actions`, { action: 'post_progress', input: { percent: 30, text: '重新评估中' } }), 400, 'VALIDATION');
      expect(error.fields).toEqual([{ field: 'percent', reason: '办理进度不能倒退：上次报送 60%，本次 30%' }]);
      expect((await detail(rsj, id)).progress).toHaveLength(1);
    });

    it('answering without a category', async () => {
      const error = expectError(await rsj.post(`/api/proposals/${id}/actions`, { action: 'answer', input: { answer: '已协调餐饮企业提供优惠餐，问题基本解决。' } }), 400, 'VALIDATION');
      expect(error.fields).toEqual([{ field: 'category', reason: '请选择答复类别' }]);
      expect((await detail(rsj, id)).state).toBe('in_progress');
    });

    it('a supervisor’s 催办 leaves it where it is and reaches the handler', async () => {
      await act(supervisor, id, 'urge', { message: '请加快办理进度' });
      expect((await detail(rsj, id)).state).toBe('in_progress');
      expect(await noticesOf(userIds.rsj_handler, id)).toContain('提案催办');
    });

    it('assigning to a unit that does not exist or has no account', async () => {
      const other = await accepted({ title: '快递员停车难' });
      const bare = await pinghuStaff.post('/api/handler-units', { orgId: ids.pinghu, name: '平湖市住房和城乡建设局', kind: 'government' });
      expect(bare.statusCode, bare.body).toBe(201);
      expect(expectError(await pinghuStaff.post(`/api/proposals/${other}/actions`, { action: 'assign', input: { leadHandlerId: 987654 } }), 400, 'VALIDATION').fields).toEqual([
        { field: 'leadHandlerId', reason: '承办单位（编号 987654）不存在' },
      ]);
      expect(expectError(await pinghuStaff.post(`/api/proposals/${other}/actions`, { action: 'assign', input: { leadHandlerId: bare.json().id } }), 400, 'VALIDATION').fields).toEqual([
        { field: 'leadHandlerId', reason: '主办单位「平湖市住房和城乡建设局」还没有承办账号，请先在承办单位管理中添加' },
      ]);
      expect((await detail(fan, other)).state).toBe('accepted');
    });
  });

  it('rating twice', async () => {
    const id = await awaitingRatings({ title: '骑手子女暑期托管' });
    await rate(lu, id, 'satisfied');
    const error = expectError(await lu.post(`/api/proposals/${id}/actions`, { action: 'rate', input: { rating: 'unsatisfied' } }), 409, 'INVALID_TRANSITION');
    expect(error.message).toBe('您已评价过本轮办理结果');
    expect((await detail(lu, id)).ratings).toHaveLength(1);
  });
});

describe('不满意 reopens once', () => {
  it('the submitter’s 不满意 sends it back for 20 working days; the second round concludes whatever it says', async () => {
    today = '2025-11-03';
    const id = await awaitingRatings({ title: '新建驿站夜间开放' });
    await rate(fan, id, 'unsatisfied');
    await rate(lu, id, 'satisfied');
    await rate(zhou, id, 'basically_satisfied');
    const reopened = await detail(fan, id);
    const calendar = await t.services.calendar.calendar();
    expect(reopened).toMatchObject({ state: 'in_progress', reopened: true, dueOn: calendar.addWorkingDays('2025-11-03', 20) });
    expect(reopened.timeline.at(-1)).toMatchObject({ action: 'reopen', to: 'in_progress' });
    expect(await noticesOf(userIds.rsj_handler, id)).toContain('提案人对答复不满意，请重新办理');

    await act(rsj, id, 'answer', { category: 'A', answer: '驿站已调整为 24 小时开放，夜间由门禁卡进入。' });
    await act(supervisor, id, 'approve_answer');
    // A new round: everyone may rate again.
    expect((await detail(lu, id)).allowedActions.map((a) => a.action)).toEqual(['rate']);
    await rate(fan, id, 'unsatisfied');
    await rate(lu, id, 'satisfied');
    await rate(zhou, id, 'satisfied');
    const concluded = await detail(fan, id);
    expect(concluded.state).toBe('concluded');
    expect(concluded.ratings.map((r) => [r.name, r.rating, r.round])).toEqual([
      ['范海珠', 'unsatisfied', 1],
      ['陆海燕', 'satisfied', 1],
      ['周建明', 'basically_satisfied', 1],
      ['范海珠', 'unsatisfied', 2],
      ['陆海燕', 'satisfied', 2],
      ['周建明', 'satisfied', 2],
    ]);
  });

  it('the union may conclude one whose raters do not all answer', async () => {
    const id = await awaitingRatings({ title: '外卖骑手职业伤害保障宣传' });
    await rate(fan, id, 'satisfied');
    await act(pinghuStaff, id, 'conclude');
    expect(await detail(fan, id)).toMatchObject({ state: 'concluded', concludedAt: expect.any(String) });
  });
});

describe('并案', () => {
  it('the merged proposal’s submitter and co-signers become co-signers of the one it joins, once each', async () => {
    const target = await draft(fan, { title: '大润发周边骑手驿站建设' });
    await act(fan, target.id, 'submit');
    await cosign(lu, target.id);
    await cosign(zhou, target.id);
    await act(danghuStaff, target.id, 'start_review');

    const duplicate = await draft(zhou, { title: '超市周边增设骑手休息点' });
    await act(zhou, duplicate.id, 'submit');
    await cosign(lu, duplicate.id);
    await cosign(fan, duplicate.id);
    const rider = await createAccount(t, admin, { username: 'he_yun', displayName: '何云', homeOrgId: ids.danghu, grants: [{ role: 'representative', orgId: ids.danghu }] });
    await cosign(rider.client, duplicate.id);
    await act(danghuStaff, duplicate.id, 'start_review');

    // Not into itself, nor into one the review group has not taken up.
    const early = await draft(fan, { title: '尚在征集附议的提案' });
    const into = (intoId: number) => danghuStaff.post(`/api/proposals/${duplicate.id}/actions`, { action: 'merge', input: { intoId, reason: '同一事项' } });
    expect(expectError(await into(duplicate.id), 400, 'VALIDATION').fields).toEqual([{ field: 'intoId', reason: '不能并入本提案自身' }]);
    // A draft is nobody's business but its submitter's: as if it did not exist.
    expect(expectError(await into(early.id), 400, 'VALIDATION').fields).toEqual([{ field: 'intoId', reason: '要并入的提案不存在或不在您的管理范围内' }]);
    await act(fan, early.id, 'submit');
    expect(expectError(await into(early.id), 400, 'VALIDATION').fields![0].reason).toBe('提案「尚在征集附议的提案」当前为「征集附议」，只能并入已进入审议、未被退回或撤回的提案');

    await act(danghuStaff, duplicate.id, 'merge', { intoId: target.id, reason: '与大润发周边驿站提案为同一事项，并案办理' });
    const merged = await detail(zhou, duplicate.id);
    expect(merged).toMatchObject({ state: 'merged', mergedInto: { id: target.id } });
    const joined = await detail(fan, target.id);
    // 周建明 (the duplicate's submitter) and 陆海燕 co-signed already; 范海珠 submitted it; 何云 is new.
    expect(joined.cosigners.map((c) => c.name)).toEqual(['陆海燕', '周建明', '何云']);
    expect(await noticesOf(rider.user.id, target.id)).toContain('提案「超市周边增设骑手休息点」已并入提案「大润发周边骑手驿站建设」');
  });
});

describe('serial numbers', () => {
  it('concurrent submissions get distinct, consecutive numbers', async () => {
    today = '2026-01-05';
    const drafts = await Promise.all(Array.from({ length: 6 }, (_, i) => draft(fan, { title: `并发提交的提案第 ${i + 1} 件` })));
    const responses = await Promise.all(drafts.map((d) => fan.post(`/api/proposals/${d.id}/actions`, { action: 'submit' })));
    for (const response of responses) expect(response.statusCode, response.body).toBe(204);
    const rows = await t.database.db.select({ serialNo: proposals.serialNo }).from(proposals).where(like(proposals.serialNo, '2026-%'));
    expect(rows.map((r) => r.serialNo).sort()).toEqual(['2026-0001', '2026-0002', '2026-0003', '2026-0004', '2026-0005', '2026-0006']);
  });
});

describe('lists and search', () => {
  it('filters by state and field, searches the text, and finds similar proposals', async () => {
    const byState = (await danghuStaff.get('/api/proposals?state=concluded')).json();
    expect(byState.total).toBeGreaterThanOrEqual(3);
    expect(byState.items.every((p: { state: string }) => p.state === 'concluded')).toBe(true);
    const found = (await danghuStaff.get(`/api/proposals?pageSize=100&q=${encodeURIComponent('大润发')}`)).json();
    expect(found.items.map((p: { title: string }) => p.title)).toEqual(expect.arrayContaining([STATION.title, '大润发周边骑手驿站建设']));
    expect((await danghuStaff.get(`/api/proposals?q=${encodeURIComponent('码头')}`)).json().total).toBe(0);
  });

  it('similar proposals: ranked by shared words, five at most, only what the representative may see', async () => {
    const truck = await draft(fan, {
      title: '港区货车司机停车难',
      field: 'welfare',
      reasons: '乍浦港区周边货车司机等待装卸时没有停车和休息的地方，只能把车停在路边。',
      suggestions: '建议在港区附近建设货车司机之家，提供停车位、淋浴和餐饮。',
    });
    await act(fan, truck.id, 'submit');
    const similar = async (client: TestClient, q: string) => {
      const response = await client.get(`/api/proposals/similar?q=${encodeURIComponent(q)}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json().items as { id: number; title: string }[];
    };
    expect((await similar(lu, '港区的货车司机没地方停车'))[0]).toMatchObject({ id: truck.id, title: '港区货车司机停车难' });
    const station = await similar(lu, '大润发旁边建骑手驿站');
    expect(station.length).toBe(5);
    expect(station.map((p) => p.id)).not.toContain(truck.id);
    expect(await similar(zhongdaiRep, '港区的货车司机没地方停车')).toEqual([]);
  });

  it('mine: what I submitted or co-signed', async () => {
    const mine = (await lu.get('/api/proposals?view=mine&pageSize=100')).json().items as { submitterName: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.some((p) => p.submitterName === '范海珠')).toBe(true);
    // 钟埭's representative has none here.
    expect((await zhongdaiRep.get('/api/proposals?view=mine')).json().total).toBe(0);
  });

  it('the code lists', async () => {
    const meta = (await fan.get('/api/proposals/meta')).json();
    expect(meta.answerCategories).toEqual([
      { code: 'A', label: '已解决或采纳' },
      { code: 'B', label: '列入计划逐步解决' },
      { code: 'C', label: '因条件限制留作参考' },
    ]);
    expect(meta.ratings.map((r: { label: string }) => r.label)).toEqual(['满意', '基本满意', '不满意']);
  });
});

describe('deadline reminders and escalation', () => {
  it('remind the handler accounts once when at risk, tell the county’s supervisors once when overdue', async () => {
    today = '2025-09-26';
    const id = await accepted({ title: '快递网点夏季防暑降温' });
    await act(pinghuStaff, id, 'assign', { leadHandlerId: rsjUnit, coHandlerIds: [jtjUnit] });
    // Never started: 已交办 is watched as much as 办理中.
    expect((await detail(rsj, id)).dueOn).toBe('2025-12-25');
    const job = t.services.jobs.find((j) => j.name === 'workflow.deadline-notices.proposal')!;
    const round = async () => {
      const outcome = await runJob(t.database.db, job);
      expect(outcome.ran).toBe(true);
    };
    const supervisorId = userIds.pinghu_supervisor;

    today = '2025-12-01'; // 18 working days before: on track, nothing sent
    await round();
    expect(await noticesOf(userIds.rsj_handler, id)).toEqual([`新交办提案（主办）：快递网点夏季防暑降温`]);

    today = '2025-12-15'; // eight working days before 12-25
    expect((await detail(rsj, id)).deadlineStatus).toBe('at_risk');
    await round();
    await round();
    const title = `提案即将到期：${(await detail(rsj, id)).serialNo}「快递网点夏季防暑降温」`;
    for (const who of ['rsj_handler', 'jtj_handler']) expect((await noticesOf(userIds[who], id)).filter((n) => n === title), who).toHaveLength(1);
    expect(await noticesOf(supervisorId, id)).toEqual([]);

    today = '2025-12-26';
    expect((await detail(rsj, id)).deadlineStatus).toBe('overdue');
    expect((await supervisor.get('/api/proposals?deadline=overdue')).json().items.map((p: { id: number }) => p.id)).toContain(id);
    await round();
    await round();
    const overdue = (await noticesOf(supervisorId, id)).filter((n) => n.startsWith('提案办理逾期'));
    expect(overdue).toHaveLength(1);
    // Only the county's supervisors: the handler got its reminder, not the escalation.
    expect((await noticesOf(userIds.rsj_handler, id)).filter((n) => n.startsWith('提案办理逾期'))).toEqual([]);
  });
});

describe('handler units', () => {
  it('a town’s staff see the county’s units but manage only their own', async () => {
    const own = await danghuStaff.post('/api/handler-units', { orgId: ids.danghu, name: '当湖街道社会事务办公室', kind: 'government' });
    expect(own.statusCode, own.body).toBe(201);
    const list = (await danghuStaff.get('/api/handler-units')).json().items as { id: number; name: string; canManage: boolean; accounts: unknown[] }[];
    expect(list.find((u) => u.id === rsjUnit)).toMatchObject({ canManage: false, accounts: [] });
    expect(list.find((u) => u.id === own.json().id)).toMatchObject({ canManage: true });
    expectError(await danghuStaff.patch(`/api/handler-units/${rsjUnit}`, { contact: '改别人的' }), 403, 'FORBIDDEN');
    expectError(await danghuStaff.post('/api/handler-units', { orgId: ids.zhongdai, name: '钟埭街道办', kind: 'government' }), 404, 'NOT_FOUND');
    expect(expectError(await danghuStaff.post('/api/handler-units', { orgId: ids.danghu, name: '当湖街道社会事务办公室', kind: 'other' }), 409, 'CONFLICT').message).toBe(
      '本工会已登记名为「当湖街道社会事务办公室」的承办单位',
    );
  });

  it('only accounts holding the handler role act for a unit; removing one ends its access', async () => {
    const notHandler = expectError(await pinghuStaff.post(`/api/handler-units/${jtjUnit}/accounts`, { userId: userIds.fan_haizhu }), 400, 'VALIDATION');
    expect(notHandler.fields).toEqual([{ field: 'userId', reason: '「范海珠」没有「承办单位」角色，请先在账号管理中授予' }]);
    expectError(await pinghuStaff.post(`/api/handler-units/${jtjUnit}/accounts`, { userId: userIds.jtj_handler }), 409, 'CONFLICT');
    const seen = (await jtj.get('/api/proposals?view=handling')).json().total as number;
    expect(seen).toBeGreaterThan(0);
    const removed = await pinghuStaff.delete(`/api/handler-units/${jtjUnit}/accounts/${userIds.jtj_handler}`);
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await jtj.get('/api/proposals?view=handling')).json().total).toBe(0);
  });
});
