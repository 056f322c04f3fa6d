import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinApplications } from '../../src/server/modules/members/schema.js';
import { auditLog } from '../../src/server/platform/audit/schema.js';
import { workflowTimeline } from '../../src/server/platform/workflow/schema.js';
import type { TestApp, TestClient } from '../support/app.js';
import {
  applicationByCode,
  createSecondCounty,
  deskEntryBody,
  expectError,
  HENGLI,
  membershipsOf,
  newPerson,
  type Person,
  pinghuDemo,
  progress,
  submitApplication,
} from '../support/members.js';
import { rosterCsv, uploadRoster } from '../support/roster.js';

/**
 * A person with a pending one-click application (一键入会) who becomes a member
 * by another path — entered at a union's desk, imported with a roster, or
 * approved on another application — has the pending application closed in the
 * same transaction (state `closed`, 已通过其他途径入会), through the workflow:
 * a timeline entry naming the membership, an audit row. The applicant's
 * progress page says where they are a member; staff see the union only where
 * their scope reaches; approving the closed application is refused.
 */

let t: TestApp;
let ids: Record<string, number>;
let danghu: TestClient;
let zhongdai: TestClient;
let pinghu: TestClient;
let nanhu: Awaited<ReturnType<typeof createSecondCounty>>;

const CLOSED = { state: 'closed', stateLabel: '已通过其他途径入会' };

interface Progress {
  state: string;
  stateLabel: string;
  decisionReason: string | null;
  cardNo: string | null;
  canCancel: boolean;
  timeline: { seq: number; action: string; from: string | null; to: string; toLabel: string; actorName: string | null; payload: unknown }[];
}
interface ListedApplication {
  id: number;
  state: string;
  stateLabel: string;
  decisionReason: string | null;
  allowedActions: { action: string }[];
}

const progressOf = async (submitted: { tenantId: number; trackingCode: string }) => {
  const response = await progress(t, submitted.tenantId, submitted.trackingCode);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Progress;
};
const decide = (client: TestClient, id: number, action: string, input?: unknown) => client.post(`/api/join-applications/${id}/actions`, input === undefined ? { action } : { action, input });
const cancel = (submitted: { tenantId: number; trackingCode: string }) => t.app.inject({ method: 'POST', url: `/api/public/join/${submitted.tenantId}/${submitted.trackingCode}/cancel` });

/** The application as `client` lists it (all states). */
async function listed(client: TestClient, id: number) {
  const response = await client.get('/api/join-applications?pageSize=100');
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().items as ListedApplication[]).find((a) => a.id === id);
}

async function enterAtDesk(client: TestClient, p: Person, orgId: number, employerName: string) {
  const response = await client.post('/api/members', deskEntryBody(p, orgId, { employerName }));
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: number; tenantId: number; cardNo: string };
}

const closingAudits = (tenantId: number, applicationId: number) =>
  t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'join_application.close_joined_elsewhere'), eq(auditLog.tenantId, tenantId), eq(auditLog.entityId, String(applicationId))));

/** The closing's payload as the timeline keeps it (the phone page shows only its reason). */
const storedClosing = async (tenantId: number, applicationId: number) => {
  const [entry] = await t.database.db
    .select({ payload: workflowTimeline.payload })
    .from(workflowTimeline)
    .where(and(eq(workflowTimeline.tenantId, tenantId), eq(workflowTimeline.recordId, applicationId), eq(workflowTimeline.action, 'close_joined_elsewhere')));
  return entry.payload;
};

beforeAll(async () => {
  let admin: TestClient;
  ({ t, ids, admin, danghu, zhongdai, pinghu } = await pinghuDemo(() => '2026-11-24'));
  nanhu = await createSecondCounty(t, admin, ids.jiaxing);
});
afterAll(() => t.close());

describe('a staff entry at the desk', () => {
  it('closes the person’s pending applications, in this county and another, each with its timeline entry and audit row', async () => {
    const p = newPerson('柏文静');
    const here = await submitApplication(t, p, ids.jiada);
    const there = await submitApplication(t, p, nanhu.unionId, { employerName: '嘉兴南湖科创电子有限公司' });
    const entered = await enterAtDesk(zhongdai, p, ids.hengli, '平湖恒力精密机械有限公司');

    const joined = { reason: '已通过其他途径入会', source: 'staff', orgId: ids.hengli, tenantId: ids.pinghu, membershipId: entered.id };
    for (const submitted of [here, there]) {
      const row = await applicationByCode(t, submitted.tenantId, submitted.trackingCode);
      expect(row).toMatchObject({ state: 'closed', decisionReason: null, membershipId: null, autoApproved: false });
      const page = await progressOf(submitted);
      // The link's holder is told the person is a member, and how; not where (another union), nor the card number.
      expect(page).toMatchObject({ ...CLOSED, decisionReason: '已通过其他途径入会（窗口登记，其他工会）', cardNo: null, canCancel: false });
      expect(JSON.stringify(page)).not.toContain(entered.cardNo);
      expect(page.timeline.map((e) => e.action)).toEqual(['create', 'close_joined_elsewhere']);
      expect(page.timeline[1]).toMatchObject({ seq: 2, from: 'pending', to: 'closed', toLabel: '已通过其他途径入会', actorName: '钟埭街道工会 干事', payload: { reason: joined.reason } });
      expect(await storedClosing(submitted.tenantId, submitted.applicationId)).toEqual(joined);
      const audits = await closingAudits(submitted.tenantId, submitted.applicationId);
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ actorName: '钟埭街道工会 干事', before: { state: 'pending' }, after: expect.objectContaining({ state: 'closed' }) });
    }
    expect(await membershipsOf(t, p.residentId)).toHaveLength(1);
  });

  it('names the union to staff whose scope reaches it, and only to them; nothing is left to do', async () => {
    const p = newPerson('柏文清');
    const here = await submitApplication(t, p, ids.jiada);
    const there = await submitApplication(t, p, nanhu.unionId, { employerName: '嘉兴南湖科创电子有限公司' });
    await enterAtDesk(zhongdai, p, ids.hengli, '平湖恒力精密机械有限公司');

    // 当湖 sees 嘉达 but not 恒力 (钟埭); the county sees both; 南湖 is another county.
    expect(await listed(danghu, here.applicationId)).toMatchObject({ ...CLOSED, decisionReason: '已通过其他途径入会（窗口登记，其他工会）', allowedActions: [] });
    expect(await listed(pinghu, here.applicationId)).toMatchObject({ ...CLOSED, decisionReason: `已通过其他途径入会（窗口登记，「${HENGLI}」）`, allowedActions: [] });
    expect(await listed(nanhu.staff, there.applicationId)).toMatchObject({ ...CLOSED, decisionReason: '已通过其他途径入会（窗口登记，其他工会）', allowedActions: [] });
    // The state filter knows the new state.
    const filtered = await danghu.get('/api/join-applications?state=closed&pageSize=100');
    expect(filtered.statusCode, filtered.body).toBe(200);
    expect(filtered.json().items.map((a: ListedApplication) => a.id)).toContain(here.applicationId);
  });

  it('approving or cancelling the closed application is refused with a clear reason, and opens nothing', async () => {
    const p = newPerson('柏文秀');
    const here = await submitApplication(t, p, ids.jiada);
    await enterAtDesk(zhongdai, p, ids.hengli, '平湖恒力精密机械有限公司');

    const approve = expectError(await decide(danghu, here.applicationId, 'approve'), 409, 'INVALID_TRANSITION');
    expect(approve.message).toBe('当前状态「已通过其他途径入会」不能执行「批准入会」');
    expectError(await decide(danghu, here.applicationId, 'reject', { reason: '重复申请' }), 409, 'INVALID_TRANSITION');
    expectError(await cancel(here), 409, 'INVALID_TRANSITION');
    // Staff cannot fire the system's closing themselves.
    const other = await submitApplication(t, newPerson('柏文英'), ids.jiada);
    expectError(await decide(danghu, other.applicationId, 'close_joined_elsewhere', { reason: '已通过其他途径入会' }), 403, 'FORBIDDEN');
    expect((await applicationByCode(t, other.tenantId, other.trackingCode)).state).toBe('pending');

    expect(await membershipsOf(t, p.residentId)).toHaveLength(1);
    expect((await progressOf(here)).timeline.map((e) => e.action)).toEqual(['create', 'close_joined_elsewhere']);
  });

  it('leaves applications already decided or withdrawn, and other people’s, as they were', async () => {
    const p = newPerson('柏文华');
    const withdrawn = await submitApplication(t, p, nanhu.unionId, { employerName: '嘉兴南湖科创电子有限公司' });
    expect((await cancel(withdrawn)).statusCode).toBe(204);
    const bystander = await submitApplication(t, newPerson('柏文兰'), ids.jiada);
    await enterAtDesk(danghu, p, ids.jiada, '平湖嘉达光电科技有限公司');

    expect((await progressOf(withdrawn)).timeline.map((e) => e.action)).toEqual(['create', 'cancel']);
    expect((await applicationByCode(t, withdrawn.tenantId, withdrawn.trackingCode)).state).toBe('cancelled');
    expect((await applicationByCode(t, bystander.tenantId, bystander.trackingCode)).state).toBe('pending');
  });
});

describe('an application the joining did not see', () => {
  /**
   * An application written while a desk entry's transaction ran is not among those it closes. Here the entry
   * (at 恒力, 钟埭) closed a 嘉达 application, and the test puts it back to pending as if that had never happened.
   */
  async function missedByDeskEntry(p: Person) {
    const missed = await submitApplication(t, p, ids.jiada);
    const entered = await enterAtDesk(zhongdai, p, ids.hengli, '平湖恒力精密机械有限公司');
    const { db } = t.database;
    await db.delete(workflowTimeline).where(and(eq(workflowTimeline.tenantId, missed.tenantId), eq(workflowTimeline.recordId, missed.applicationId), eq(workflowTimeline.action, 'close_joined_elsewhere')));
    await db.update(joinApplications).set({ state: 'pending', decisionReason: null }).where(and(eq(joinApplications.tenantId, missed.tenantId), eq(joinApplications.id, missed.applicationId)));
    return { missed, entered };
  }

  it('is closed when staff approve it, with a clear message, and opens nothing', async () => {
    const p = newPerson('柏文芳');
    const { missed, entered } = await missedByDeskEntry(p);

    // 当湖 may not see 恒力 (钟埭): the message does not name it; the county's staff would see it named.
    const refused = expectError(await decide(danghu, missed.applicationId, 'approve'), 409, 'CONFLICT');
    expect(refused.message).toBe('此人已通过其他途径入会，本申请已关闭（已通过其他途径入会），无需审批');
    expect(await membershipsOf(t, p.residentId)).toHaveLength(1);
    const page = await progressOf(missed);
    expect(page).toMatchObject({ ...CLOSED, decisionReason: '已通过其他途径入会（窗口登记，其他工会）', cardNo: null });
    expect(page.timeline.map((e) => e.action)).toEqual(['create', 'close_joined_elsewhere']);
    expect(page.timeline[1]).toMatchObject({ actorName: '当湖街道工会 干事', payload: { reason: '已通过其他途径入会' } });
    expect(await storedClosing(missed.tenantId, missed.applicationId)).toMatchObject({ source: 'staff', orgId: ids.hengli, membershipId: entered.id });
    expect(await listed(danghu, missed.applicationId)).toMatchObject({ ...CLOSED, allowedActions: [] });
  });

  it('names the union in the message to staff who may see it', async () => {
    const { missed } = await missedByDeskEntry(newPerson('柏文娟'));

    const refused = expectError(await decide(pinghu, missed.applicationId, 'approve'), 409, 'CONFLICT');
    expect(refused.message).toBe(`此人已通过其他途径入会（「${HENGLI}」），本申请已关闭（已通过其他途径入会），无需审批`);
    expect((await applicationByCode(t, missed.tenantId, missed.trackingCode)).state).toBe('closed');
  });
});

describe('approving one application', () => {
  it('closes the person’s application at another union, naming the way (线上申请)', async () => {
    const p = newPerson('柏文峰');
    const here = await submitApplication(t, p, ids.jiada);
    const there = await submitApplication(t, p, nanhu.unionId, { employerName: '嘉兴南湖科创电子有限公司' });
    expect((await decide(danghu, here.applicationId, 'approve')).statusCode).toBe(204);

    const approved = await applicationByCode(t, here.tenantId, here.trackingCode);
    expect(approved).toMatchObject({ state: 'approved', decisionReason: null });
    expect((await progressOf(here)).timeline.map((e) => e.action)).toEqual(['create', 'approve']);

    const page = await progressOf(there);
    expect(page).toMatchObject({ ...CLOSED, decisionReason: '已通过其他途径入会（线上申请，其他工会）', cardNo: null });
    expect(page.timeline[1]).toMatchObject({ action: 'close_joined_elsewhere', actorName: '当湖街道工会 干事', payload: { reason: '已通过其他途径入会' } });
    expect(await storedClosing(there.tenantId, there.applicationId)).toMatchObject({ source: 'online', orgId: ids.jiada, tenantId: ids.pinghu, membershipId: approved.membershipId });
    expect(await listed(nanhu.staff, there.applicationId)).toMatchObject({ ...CLOSED, decisionReason: '已通过其他途径入会（线上申请，其他工会）' });
    expectError(await decide(nanhu.staff, there.applicationId, 'approve'), 409, 'INVALID_TRANSITION');
  });
});

describe('a roster import', () => {
  it('closes the pending applications of the people it makes members, in the commit’s transaction', async () => {
    const applicant = newPerson('柏文斌');
    const other = newPerson('柏文杰');
    const notOnRoster = newPerson('柏文龙');
    const atHengli = await submitApplication(t, applicant, ids.hengli, { employerName: '平湖恒力精密机械有限公司' });
    const inNanhu = await submitApplication(t, other, nanhu.unionId, { employerName: '嘉兴南湖科创电子有限公司' });
    const bystander = await submitApplication(t, notOnRoster, ids.hengli, { employerName: '平湖恒力精密机械有限公司' });

    const uploaded = await uploadRoster(danghu, ids.jiada, '嘉达花名册.csv', rosterCsv([applicant, other, newPerson('柏文涛')]));
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    // The preview changes nothing yet.
    expect((await applicationByCode(t, atHengli.tenantId, atHengli.trackingCode)).state).toBe('pending');
    const committed = await danghu.post(`/api/member-imports/${uploaded.json().id}/commit`);
    expect(committed.statusCode, committed.body).toBe(200);
    expect(committed.json().counts.new).toBe(3);

    const [membership] = await membershipsOf(t, applicant.residentId);
    expect(membership).toMatchObject({ source: 'import', orgId: ids.jiada, status: 'active' });
    const page = await progressOf(atHengli);
    expect(page).toMatchObject({ ...CLOSED, decisionReason: '已通过其他途径入会（花名册导入，其他工会）', cardNo: null, canCancel: false });
    expect(page.timeline.map((e) => e.action)).toEqual(['create', 'close_joined_elsewhere']);
    expect(page.timeline[1]).toMatchObject({
      seq: 2,
      from: 'pending',
      to: 'closed',
      toLabel: '已通过其他途径入会',
      actorName: '当湖街道工会 干事',
      payload: { reason: '已通过其他途径入会' },
    });
    expect(await storedClosing(atHengli.tenantId, atHengli.applicationId)).toEqual({ reason: '已通过其他途径入会', source: 'import', orgId: ids.jiada, tenantId: ids.pinghu, membershipId: membership.id });
    expect(await applicationByCode(t, atHengli.tenantId, atHengli.trackingCode)).toMatchObject({ state: 'closed', decisionReason: null, membershipId: null });
    // Across counties too; staff there are not told which union.
    expect(await listed(nanhu.staff, inNanhu.applicationId)).toMatchObject({ ...CLOSED, decisionReason: '已通过其他途径入会（花名册导入，其他工会）', allowedActions: [] });
    // Someone not on the roster keeps their application.
    expect((await applicationByCode(t, bystander.tenantId, bystander.trackingCode)).state).toBe('pending');

    // The import's audit row counts them.
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'member.import'), eq(auditLog.entityId, String(uploaded.json().id))));
    expect(audit.after).toMatchObject({ applicationsClosed: 2 });
    expect(audit.summary).toContain('其中 2 人的待审核入会申请已关闭');

    const refused = expectError(await decide(zhongdai, atHengli.applicationId, 'approve'), 409, 'INVALID_TRANSITION');
    expect(refused.message).toContain('已通过其他途径入会');
    expect(await membershipsOf(t, applicant.residentId)).toHaveLength(1);
  });
});
