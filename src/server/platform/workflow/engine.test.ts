/**
 * The workflow engine on its own, on a real database: a small aid-application
 * workflow defined here, records in a table created for the test.
 */
import { sql } from 'drizzle-orm';
import { bigint, date, pgTable, text } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../test/support/app.js';
import { type Database, type Db, queryRows } from '../../db/client.js';
import type { Role } from '../accounts/roles.js';
import type { Actor } from '../actor.js';
import { officialCalendarOverrides, WorkingDayCalendar } from '../calendar/working-days.js';
import { AppError } from '../errors.js';
import type { NewNotification } from '../notifications/service.js';
import { deadlineNoticesJob } from './deadline-notices.js';
import { createWorkflowEngine, deadlineStatus, defineWorkflow, dueDate, statesWith, type WorkflowRecord } from './engine.js';
import { runJob } from '../jobs.js';

type AidState = 'draft' | 'submitted' | 'checking' | 'approved' | 'rejected' | 'withdrawn';

interface AidRecord extends WorkflowRecord<AidState> {
  applicantUserId: number;
  amount: number;
}

const AMOUNT_LIMIT = 5000;
/** An amount whose approval's effect fails (a payment refused), to see the whole transition roll back. */
const EFFECT_FAILS = 4321;
const OVER_LIMIT_REASON = `救助金额超过 ${AMOUNT_LIMIT} 元，须报上级工会审批`;

// Org tree of the test: 1 (province) → 1.10 (county, tenant 10) → 1.10.20 (town) → 1.10.20.30 (grassroots).
const TENANT = 10;
const RECORD_PATH = '1.10.20.30';

/** The test's own records table (created in beforeAll): the engine writes their state. */
const testRecords = pgTable('test_records', {
  tenantId: bigint('tenant_id', { mode: 'number' }).notNull(),
  id: bigint('id', { mode: 'number' }).notNull(),
  state: text('state').notNull(),
  orgPath: text('org_path').notNull(),
  dueOn: date('due_on'),
});

/** What the effects of the test workflow saw: the state as written, in the same transaction. */
const effectsSeen: { action: string; stateWritten: string; input: unknown }[] = [];

const aid = defineWorkflow<AidState, AidRecord>({
  id: 'test_aid',
  label: '困难职工救助申请',
  createdLabel: '填写申请',
  store: { table: testRecords, state: testRecords.state, dueOn: testRecords.dueOn, orgPath: testRecords.orgPath },
  states: {
    draft: { label: '草稿', open: true },
    submitted: { label: '待审批', deadline: { workingDays: 15 }, open: true, needsAttention: true, flags: ['in_review'] },
    // 入户核查: the 15 working days of the decision go on meanwhile.
    checking: { label: '入户核查中', deadline: { running: true }, open: true },
    approved: { label: '已批准', terminal: true },
    rejected: { label: '已驳回', terminal: true },
    withdrawn: { label: '已撤回', terminal: true },
  },
  relationsOf: (actor, record) => (actor.userId === record.applicantUserId ? ['applicant'] : []),
  transitions: [
    { action: 'submit', label: '提交', from: ['draft'], to: 'submitted', relations: ['applicant'] },
    // 急难救助: decided within 15 days as the law counts periods, instead of the state's 15 working days.
    { action: 'submit_urgent', label: '紧急提交', from: ['draft'], to: 'submitted', relations: ['applicant'], deadline: { calendarDays: 15, atRiskWorkingDays: 3 } },
    { action: 'withdraw', label: '撤回', from: ['draft', 'submitted'], to: 'withdrawn', relations: ['applicant'] },
    { action: 'check', label: '入户核查', from: ['submitted'], to: 'checking', permission: 'members.manage', system: true },
    // Fired by a service (the applicant left the union), never offered to anyone.
    { action: 'lapse', label: '自动失效', from: ['draft', 'submitted'], to: 'withdrawn', permission: 'members.manage', system: true },
    {
      action: 'approve',
      label: '批准',
      from: ['submitted'],
      to: 'approved',
      permission: 'members.manage',
      guard: ({ record }) => (record.amount > AMOUNT_LIMIT ? OVER_LIMIT_REASON : null),
      effect: async ({ tx, record, input }) => {
        const [row] = await queryRows<{ state: string }>(tx, sql`select state from test_records where tenant_id = ${record.tenantId} and id = ${record.id}`);
        effectsSeen.push({ action: 'approve', stateWritten: row.state, input });
        if (record.amount === EFFECT_FAILS) throw new AppError('CONFLICT', '拨付失败', 'Payment failed');
      },
      notify: ({ record }) => [{ userId: record.applicantUserId, kind: 'aid', title: '您的救助申请已批准', link: `/aid/${record.id}` }],
    },
    {
      action: 'reject',
      label: '驳回',
      from: ['submitted'],
      to: 'rejected',
      permission: 'members.manage',
      destructive: true,
      warning: '驳回后申请人须重新提交',
      input: z.object({ reason: z.string().min(2).meta({ title: '驳回理由' }) }),
      notify: ({ record, input }) => [
        { userId: record.applicantUserId, kind: 'aid', title: '您的救助申请被驳回', body: input.reason, link: `/aid/${record.id}` },
      ],
    },
  ],
});

let grantSeq = 0;
const actorWith = (userId: number, displayName: string, grants: { role: Role; orgPath: string }[]): Actor => ({
  userId,
  username: `u${userId}`,
  displayName,
  homeOrgId: null,
  grants: grants.map((g) => ({ id: ++grantSeq, role: g.role, orgId: Number(g.orgPath.split('.').at(-1)), orgName: `组织${g.orgPath}`, orgPath: g.orgPath, tenantId: TENANT })),
});

const applicant = actorWith(501, '张三', [{ role: 'worker', orgPath: RECORD_PATH }]);
const otherWorker = actorWith(502, '李四', [{ role: 'worker', orgPath: RECORD_PATH }]);
const countyStaff = actorWith(601, '县总干事', [{ role: 'union_staff', orgPath: '1.10' }]);
const grassrootsStaff = actorWith(602, '基层干事', [{ role: 'union_staff', orgPath: RECORD_PATH }]);
const siblingStaff = actorWith(603, '邻镇干事', [{ role: 'union_staff', orgPath: '1.10.21' }]);
// '1.10.2' is a string prefix of '1.10.20' but not an ancestor in the tree.
const prefixStaff = actorWith(604, '前缀干事', [{ role: 'union_staff', orgPath: '1.10.2' }]);
const provinceLeader = actorWith(605, '省总领导', [{ role: 'leader', orgPath: '1' }]);

let database: Database;
let db: Db;
const notified: NewNotification[] = [];

const engine = createWorkflowEngine({
  calendar: async () => new WorkingDayCalendar(officialCalendarOverrides()),
  notify: async (tx, items) => {
    notified.push(...items);
    // Written in the caller's transaction, like the real notification service.
    for (const n of items) {
      await tx.execute(sql`insert into notifications (user_id, kind, title, body, link) values (${n.userId}, ${n.kind}, ${n.title}, ${n.body ?? null}, ${n.link ?? null})`);
    }
  },
  today: () => '2025-09-26',
});

let nextId = 1;

/** Create a record in `draft` and open its timeline. */
async function createRecord(amount = 3000, applicantUserId = applicant.userId!): Promise<AidRecord> {
  const record: AidRecord = { id: nextId++, tenantId: TENANT, state: 'draft', orgPath: RECORD_PATH, applicantUserId, amount };
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into test_records (tenant_id, id, state, org_path, applicant_id, amount) values (${record.tenantId}, ${record.id}, ${record.state}, ${record.orgPath}, ${record.applicantUserId}, ${record.amount})`,
    );
    await engine.start(tx, aid, applicant, record, { amount });
  });
  return record;
}

async function load(id: number, tx: Db = db): Promise<AidRecord & { dueOn: string | null }> {
  const [row] = await queryRows<{ id: number | string; tenant_id: number | string; state: AidState; org_path: string; applicant_id: number | string; amount: number; due_on: string | null }>(
    tx,
    sql`select id, tenant_id, state, org_path, applicant_id, amount, due_on::text as due_on from test_records where tenant_id = ${TENANT} and id = ${id}`,
  );
  return { id: Number(row.id), tenantId: Number(row.tenant_id), state: row.state, orgPath: row.org_path, applicantUserId: Number(row.applicant_id), amount: row.amount, dueOn: row.due_on };
}

/** Fire in a transaction of its own, as a route would. */
const fire = (actor: Actor, record: AidRecord, action: string, input?: unknown) => db.transaction((tx) => engine.fire(tx, aid, actor, record, action, input));

async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected AppError ${code}, but the call succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

const timelineRows = (recordId: number) =>
  queryRows<{ seq: number }>(db, sql`select seq from workflow_timeline where tenant_id = ${TENANT} and workflow = ${aid.id} and record_id = ${recordId} order by seq`);

const auditRows = (recordId: number) =>
  queryRows<{ action: string; tenant_id: number | string; entity_type: string; entity_id: string; org_path: string; actor_user_id: number | string; actor_name: string; summary: string; before: unknown; after: unknown }>(
    db,
    sql`select action, tenant_id, entity_type, entity_id, org_path::text as org_path, actor_user_id, actor_name, summary, before, after
        from audit_log where entity_type = ${aid.id} and entity_id = ${String(recordId)} order by id`,
  );

const notificationRows = (userId: number, link: string) =>
  queryRows<{ title: string; body: string | null }>(db, sql`select title, body from notifications where user_id = ${userId} and link = ${link} order by id`);

/** Nothing of a refused or rolled-back action may remain. */
async function expectUntouched(record: AidRecord, timelineLength: number, auditLength: number) {
  expect((await load(record.id)).state).toBe(record.state);
  expect(await timelineRows(record.id)).toHaveLength(timelineLength);
  expect(await auditRows(record.id)).toHaveLength(auditLength);
}

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.db;
  await db.execute(sql`create table test_records (
    tenant_id bigint not null, id bigint not null, state text not null, org_path text not null,
    applicant_id bigint not null, amount integer not null, due_on date,
    primary key (tenant_id, id))`);
});
afterAll(() => database?.close());

describe('allowedActions', () => {
  const actions = (actor: Actor, record: AidRecord) => engine.allowedActions(aid, actor, record).map((a) => a.action);

  it('lets the applicant submit or withdraw a draft, and nobody else', () => {
    const draft: AidRecord = { id: 1, tenantId: TENANT, state: 'draft', orgPath: RECORD_PATH, applicantUserId: applicant.userId!, amount: 100 };
    expect(actions(applicant, draft)).toEqual(['submit', 'submit_urgent', 'withdraw']);
    expect(actions(otherWorker, draft)).toEqual([]);
    expect(actions(countyStaff, draft)).toEqual([]);
  });

  it('reaches the record through a role held at the record org or an ancestor', () => {
    const submitted: AidRecord = { id: 1, tenantId: TENANT, state: 'submitted', orgPath: RECORD_PATH, applicantUserId: applicant.userId!, amount: 100 };
    expect(engine.allowedActions(aid, countyStaff, submitted)).toEqual([
      { action: 'approve', label: '批准', to: 'approved', destructive: false, warning: null, input: null },
      {
        action: 'reject',
        label: '驳回',
        to: 'rejected',
        destructive: true,
        warning: '驳回后申请人须重新提交',
        // The input form as JSON Schema, with the field's title: the UI renders it without a form of its own.
        input: { type: 'object', properties: { reason: { type: 'string', minLength: 2, title: '驳回理由' } }, required: ['reason'] },
      },
    ]);
    expect(actions(grassrootsStaff, submitted)).toEqual(['approve', 'reject']);
    expect(actions(applicant, submitted)).toEqual(['withdraw']);
  });

  it('does not reach it from a sibling org, a path that is only a string prefix, or a role without the transition’s permission', () => {
    const submitted: AidRecord = { id: 1, tenantId: TENANT, state: 'submitted', orgPath: RECORD_PATH, applicantUserId: applicant.userId!, amount: 100 };
    expect(actions(siblingStaff, submitted)).toEqual([]);
    expect(actions(prefixStaff, submitted)).toEqual([]);
    expect(actions(provinceLeader, submitted)).toEqual([]);
    expect(actions(otherWorker, submitted)).toEqual([]);
  });

  it('hides an action its guard blocks, and offers nothing in a terminal state', () => {
    const big: AidRecord = { id: 1, tenantId: TENANT, state: 'submitted', orgPath: RECORD_PATH, applicantUserId: applicant.userId!, amount: AMOUNT_LIMIT + 1 };
    expect(actions(countyStaff, big)).toEqual(['reject']);
    const atLimit = { ...big, amount: AMOUNT_LIMIT };
    expect(actions(countyStaff, atLimit)).toEqual(['approve', 'reject']);
    for (const state of ['approved', 'rejected', 'withdrawn'] as const) {
      expect(actions(countyStaff, { ...big, state })).toEqual([]);
      expect(actions(applicant, { ...big, state })).toEqual([]);
    }
  });
});

describe('fire refuses without changing anything', () => {
  it('an action that is not possible in the current state: INVALID_TRANSITION', async () => {
    const record = await createRecord();
    const error = await expectAppError(fire(countyStaff, record, 'approve'), 'INVALID_TRANSITION');
    expect(error.message).toContain('草稿');
    expect(error.message).toContain('批准');
    expect(error.status).toBe(409);
    await expectUntouched(record, 1, 0);
  });

  it('an action the workflow does not know: VALIDATION on field action', async () => {
    const record = await createRecord();
    const error = await expectAppError(fire(applicant, record, 'teleport'), 'VALIDATION');
    expect(error.fields).toEqual([{ field: 'action', reason: '未知操作' }]);
    await expectUntouched(record, 1, 0);
  });

  it('an actor without the role or relation: FORBIDDEN', async () => {
    const record = await createRecord();
    await expectAppError(fire(otherWorker, record, 'submit'), 'FORBIDDEN');
    await expectAppError(fire(countyStaff, record, 'submit'), 'FORBIDDEN');
    await fire(applicant, record, 'submit');
    const submitted = { ...record, state: 'submitted' as const };
    await expectAppError(fire(siblingStaff, submitted, 'approve'), 'FORBIDDEN');
    await expectAppError(fire(prefixStaff, submitted, 'approve'), 'FORBIDDEN');
    await expectAppError(fire(provinceLeader, submitted, 'approve'), 'FORBIDDEN');
    await expectAppError(fire(applicant, submitted, 'approve'), 'FORBIDDEN');
    await expectUntouched(submitted, 2, 1);
  });

  it('a guard: INVALID_TRANSITION with the guard reason', async () => {
    const record = await createRecord(AMOUNT_LIMIT + 3000);
    await fire(applicant, record, 'submit');
    const submitted = { ...record, state: 'submitted' as const };
    const error = await expectAppError(fire(countyStaff, submitted, 'approve'), 'INVALID_TRANSITION');
    expect(error.message).toBe(OVER_LIMIT_REASON);
    await expectUntouched(submitted, 2, 1);
  });

  it('bad input: VALIDATION naming the fields, before anything is written', async () => {
    const record = await createRecord();
    await fire(applicant, record, 'submit');
    const submitted = { ...record, state: 'submitted' as const };
    for (const input of [undefined, {}, { reason: '短' }, { reason: 42 }]) {
      const error = await expectAppError(fire(countyStaff, submitted, 'reject', input), 'VALIDATION');
      expect(error.fields?.map((f) => f.field)).toEqual(['reason']);
      expect(error.fields?.[0].reason).toBeTruthy();
    }
    await expectUntouched(submitted, 2, 1);
  });
});

describe('fire moves the record', () => {
  it('submit computes the 15-working-day deadline on the Chinese calendar', async () => {
    // From Fri 2025-09-26, counting working days strictly after it:
    //  1 Sun 09-28 (调休上班)  2 Mon 09-29  3 Tue 09-30
    //    Wed 10-01 … Wed 10-08: National Day + Mid-Autumn holiday
    //  4 Thu 10-09  5 Fri 10-10  6 Sat 10-11 (调休上班)   (Sun 10-12 off)
    //  7 Mon 10-13  8 10-14  9 10-15  10 10-16  11 Fri 10-17
    // 12 Mon 10-20  13 10-21  14 10-22  15 Thu 10-23
    const expected = '2025-10-23';
    // Mon–Fri alone would give 2025-10-17; holidays without the make-up days 2025-10-27.
    const record = await createRecord();
    const result = await fire(applicant, record, 'submit');
    expect(result).toEqual({ from: 'draft', to: 'submitted', dueOn: expected });
    const stored = await load(record.id);
    expect(stored.state).toBe('submitted');
    expect(stored.dueOn).toBe(expected);
    // Entering a state without a deadline clears it.
    expect(await fire(countyStaff, stored, 'approve')).toEqual({ from: 'submitted', to: 'approved', dueOn: null });
    expect((await load(record.id)).dueOn).toBeNull();
  });

  it('a state with a running deadline keeps the one an earlier step started', async () => {
    const record = await createRecord();
    await fire(applicant, record, 'submit');
    const submitted = await load(record.id);
    const checked = await db.transaction((tx) => engine.fire(tx, aid, countyStaff, submitted, 'check', undefined, { system: true }));
    expect(checked).toEqual({ from: 'submitted', to: 'checking', dueOn: '2025-10-23' });
    expect((await load(record.id)).dueOn).toBe('2025-10-23');
  });

  it('appends timeline entries seq 1..n and one audit row per action, and timeline() labels the states', async () => {
    notified.length = 0;
    const record = await createRecord(1200);
    await fire(applicant, record, 'submit');
    const submitted = await load(record.id);
    const result = await db.transaction((tx) =>
      engine.fire(tx, aid, countyStaff, submitted, 'reject', { reason: '材料不全' }, { note: '请补充收入证明' }),
    );
    expect(result).toEqual({ from: 'submitted', to: 'rejected', dueOn: null });
    expect((await load(record.id)).state).toBe('rejected');

    const timeline = await engine.timeline(db, aid, TENANT, record.id);
    expect(timeline.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(timeline.map(({ action, actionLabel, from, to, toLabel, actorName }) => ({ action, actionLabel, from, to, toLabel, actorName }))).toEqual([
      { action: 'create', actionLabel: '填写申请', from: null, to: 'draft', toLabel: '草稿', actorName: '张三' },
      { action: 'submit', actionLabel: '提交', from: 'draft', to: 'submitted', toLabel: '待审批', actorName: '张三' },
      { action: 'reject', actionLabel: '驳回', from: 'submitted', to: 'rejected', toLabel: '已驳回', actorName: '县总干事' },
    ]);
    expect(timeline[0].payload).toEqual({ amount: 1200 });
    expect(timeline[2].payload).toEqual({ reason: '材料不全' });
    expect(timeline[2].note).toBe('请补充收入证明');
    expect(timeline.every((e) => e.at instanceof Date)).toBe(true);

    const audit = await auditRows(record.id);
    expect(audit.map((a) => a.action)).toEqual(['test_aid.submit', 'test_aid.reject']);
    const reject = audit[1];
    expect(Number(reject.tenant_id)).toBe(TENANT);
    expect(reject.org_path).toBe(RECORD_PATH);
    expect(Number(reject.actor_user_id)).toBe(countyStaff.userId);
    expect(reject.actor_name).toBe('县总干事');
    expect(reject.summary).toContain('驳回');
    expect(reject.before).toEqual({ state: 'submitted' });
    expect(reject.after).toEqual({ state: 'rejected', dueOn: null, input: { reason: '材料不全' } });
    expect(audit[0].after).toMatchObject({ state: 'submitted', dueOn: '2025-10-23' });

    // Another record's timeline starts again at 1 and does not see this one.
    const other = await createRecord();
    expect((await engine.timeline(db, aid, TENANT, other.id)).map((e) => e.seq)).toEqual([1]);
  });

  it('the applicant may withdraw before approval, not after', async () => {
    const record = await createRecord();
    await fire(applicant, record, 'submit');
    const submitted = await load(record.id);
    expect((await fire(applicant, submitted, 'withdraw')).to).toBe('withdrawn');

    const approvedRecord = await createRecord();
    await fire(applicant, approvedRecord, 'submit');
    await fire(countyStaff, await load(approvedRecord.id), 'approve');
    await expectAppError(fire(applicant, await load(approvedRecord.id), 'withdraw'), 'INVALID_TRANSITION');
  });

  it('notifies the applicant through the notify callback, in the transaction', async () => {
    notified.length = 0;
    const record = await createRecord();
    await fire(applicant, record, 'submit');
    expect(notified).toEqual([]); // submit declares no notification
    await fire(grassrootsStaff, await load(record.id), 'approve');
    expect(notified).toEqual([{ userId: applicant.userId, kind: 'aid', title: '您的救助申请已批准', link: `/aid/${record.id}` }]);
    expect(await notificationRows(applicant.userId!, `/aid/${record.id}`)).toEqual([{ title: '您的救助申请已批准', body: null }]);

    notified.length = 0;
    const rejected = await createRecord();
    await fire(applicant, rejected, 'submit');
    await fire(countyStaff, await load(rejected.id), 'reject', { reason: '不符合救助条件' });
    expect(notified).toEqual([{ userId: applicant.userId, kind: 'aid', title: '您的救助申请被驳回', body: '不符合救助条件', link: `/aid/${rejected.id}` }]);
  });
});

describe('system transitions', () => {
  it('are never offered and only a service may fire them', async () => {
    const record = await createRecord();
    expect(engine.allowedActions(aid, countyStaff, record).map((a) => a.action)).not.toContain('lapse');
    await expectAppError(fire(countyStaff, record, 'lapse'), 'FORBIDDEN');
    await expectUntouched(record, 1, 0);
    const result = await db.transaction((tx) => engine.fire(tx, aid, countyStaff, record, 'lapse', undefined, { system: true }));
    expect(result).toEqual({ from: 'draft', to: 'withdrawn', dueOn: null });
    expect((await engine.timeline(db, aid, TENANT, record.id)).map((e) => e.action)).toEqual(['create', 'lapse']);
  });
});

describe('transactions and concurrency', () => {
  it('writes everything in the caller transaction: a rollback leaves no state change, timeline, audit or notification', async () => {
    const record = await createRecord();
    await fire(applicant, record, 'submit');
    const submitted = await load(record.id);
    notified.length = 0;
    const failure = new Error('later step of the same request failed');
    await expect(
      db.transaction(async (tx) => {
        await engine.fire(tx, aid, countyStaff, submitted, 'approve', undefined);
        // Inside the transaction the change is visible…
        expect((await load(record.id, tx)).state).toBe('approved');
        throw failure;
      }),
    ).rejects.toBe(failure);
    // …and after the rollback nothing of it remains.
    expect(notified).toHaveLength(1);
    await expectUntouched(submitted, 2, 1);
    expect(await notificationRows(applicant.userId!, `/aid/${record.id}`)).toEqual([]);
  });

  it('a row that moved on meanwhile is a CONFLICT and writes nothing', async () => {
    const record = await createRecord();
    await fire(applicant, record, 'submit');
    const readByA = await load(record.id);
    const readByB = await load(record.id);
    await fire(countyStaff, readByA, 'approve');
    const error = await expectAppError(fire(grassrootsStaff, readByB, 'reject', { reason: '材料不全' }), 'CONFLICT');
    expect(error.status).toBe(409);
    expect((await load(record.id)).state).toBe('approved');
    expect((await engine.timeline(db, aid, TENANT, record.id)).map((e) => e.action)).toEqual(['create', 'submit', 'approve']);
    expect((await auditRows(record.id)).map((a) => a.action)).toEqual(['test_aid.submit', 'test_aid.approve']);
  });

  it('two actors firing at the same time: exactly one wins, the other gets CONFLICT', async () => {
    const record = await createRecord();
    await fire(applicant, record, 'submit');
    const submitted = await load(record.id);
    const results = await Promise.allSettled([
      fire(countyStaff, { ...submitted }, 'approve'),
      fire(grassrootsStaff, { ...submitted }, 'reject', { reason: '材料不全' }),
      fire(applicant, { ...submitted }, 'withdraw'),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((r) => (r.reason as AppError).code)).toEqual(['CONFLICT', 'CONFLICT']);
    const winner = (won[0] as PromiseFulfilledResult<{ to: AidState }>).value.to;
    expect((await load(record.id)).state).toBe(winner);
    const timeline = await engine.timeline(db, aid, TENANT, record.id);
    expect(timeline.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(timeline[2].to).toBe(winner);
    expect(await auditRows(record.id)).toHaveLength(2);
  });
});

/** A second workflow whose transition's effect moves an aid record: closing a round of applications lapses one. */
interface RoundRecord extends WorkflowRecord<'open' | 'closed'> {
  lapsing: AidRecord;
}
const round = defineWorkflow<'open' | 'closed', RoundRecord>({
  id: 'test_round',
  label: '救助申报批次',
  createdLabel: '开始申报',
  store: { table: testRecords, state: testRecords.state },
  states: { open: { label: '申报中', open: true }, closed: { label: '已截止', terminal: true } },
  transitions: [{ action: 'close', label: '截止申报', from: ['open'], to: 'closed', permission: 'members.manage', effect: ({ record, fire }) => fire(aid, record.lapsing, 'lapse').then(() => undefined) }],
});

describe('effects', () => {
  it('run in the transaction right after the state is written, with the parsed input', async () => {
    effectsSeen.length = 0;
    const record = await createRecord();
    await fire(applicant, record, 'submit');
    await fire(countyStaff, await load(record.id), 'approve');
    expect(effectsSeen).toEqual([{ action: 'approve', stateWritten: 'approved', input: undefined }]);
  });

  it('a failing effect rolls the whole transition back: state, timeline, audit', async () => {
    const record = await createRecord(EFFECT_FAILS);
    await fire(applicant, record, 'submit');
    const submitted = await load(record.id);
    const error = await expectAppError(fire(countyStaff, submitted, 'approve'), 'CONFLICT');
    expect(error.message).toBe('拨付失败');
    await expectUntouched(submitted, 2, 1);
  });

  it('fire further transitions through the engine, recorded as caused by the first; a system transition is allowed there only', async () => {
    const lapsing = await createRecord();
    await fire(applicant, lapsing, 'submit');
    const submitted = await load(lapsing.id);
    const roundRecord: RoundRecord = { id: nextId++, tenantId: TENANT, state: 'open', orgPath: RECORD_PATH, lapsing: submitted };
    await db.execute(sql`insert into test_records (tenant_id, id, state, org_path, applicant_id, amount) values (${TENANT}, ${roundRecord.id}, 'open', ${RECORD_PATH}, 0, 0)`);
    await db.transaction((tx) => engine.start(tx, round, countyStaff, roundRecord));

    // Staff may not lapse it themselves (a system transition)…
    await expectAppError(fire(countyStaff, submitted, 'lapse'), 'FORBIDDEN');
    // …but closing the round does, as its consequence.
    await db.transaction((tx) => engine.fire(tx, round, countyStaff, roundRecord, 'close', undefined));
    expect((await load(lapsing.id)).state).toBe('withdrawn');
    const lapsed = (await engine.timeline(db, aid, TENANT, lapsing.id)).at(-1)!;
    expect(lapsed).toMatchObject({ action: 'lapse', from: 'submitted', to: 'withdrawn', actorName: '县总干事', cause: { workflow: 'test_round', tenantId: TENANT, recordId: roundRecord.id, seq: 2 } });
    expect((await engine.timeline(db, round, TENANT, roundRecord.id)).map((e) => [e.action, e.cause])).toEqual([
      ['create', null],
      ['close', null],
    ]);
    expect((await auditRows(lapsing.id)).map((a) => a.action)).toEqual(['test_aid.submit', 'test_aid.lapse']);
  });
});

describe('state flags', () => {
  it('are what services read instead of state names', () => {
    expect(statesWith(aid.states, 'open')).toEqual(['draft', 'submitted', 'checking']);
    expect(statesWith(aid.states, 'needsAttention')).toEqual(['submitted']);
    expect(statesWith(aid.states, 'terminal')).toEqual(['approved', 'rejected', 'withdrawn']);
    expect(statesWith(aid.states, 'in_review')).toEqual(['submitted']);
    expect(statesWith(aid.states, 'no_such_flag')).toEqual([]);
  });
});

describe('deadlines', () => {
  const calendar = new WorkingDayCalendar(officialCalendarOverrides());

  it('in working days on the China calendar, or in calendar days as the law counts them', () => {
    expect(dueDate(calendar, '2025-09-26', { workingDays: 15 })).toBe('2025-10-23');
    // 15 days from 09-20 end on 10-05, a holiday: the period ends on the next working day.
    expect(dueDate(calendar, '2025-09-20', { calendarDays: 15 })).toBe('2025-10-09');
  });

  it('start begins the first state’s deadline: from today, from the day received, or on the day given', async () => {
    const started = async (state: AidState, options?: { startedOn?: string; dueOn?: string | null }) => {
      const record: AidRecord = { id: nextId++, tenantId: TENANT, state, orgPath: RECORD_PATH, applicantUserId: applicant.userId!, amount: 100 };
      const result = await db.transaction(async (tx) => {
        await tx.execute(sql`insert into test_records (tenant_id, id, state, org_path, applicant_id, amount) values (${TENANT}, ${record.id}, ${state}, ${RECORD_PATH}, ${applicant.userId}, 100)`);
        return engine.start(tx, aid, applicant, record, { amount: 100 }, options);
      });
      const [entry] = await queryRows<{ payload: unknown }>(db, sql`select payload from workflow_timeline where tenant_id = ${TENANT} and workflow = ${aid.id} and record_id = ${record.id}`);
      return { result, stored: (await load(record.id)).dueOn, payload: entry.payload };
    };
    // Created straight into 待审批 on Fri 2025-09-26: 15 working days, as `submit` would start.
    expect(await started('submitted')).toEqual({ result: { dueOn: '2025-10-23' }, stored: '2025-10-23', payload: { amount: 100, dueOn: '2025-10-23' } });
    // Received on 09-19, entered a week later: counted from the day received.
    expect((await started('submitted', { startedOn: '2025-09-19' })).stored).toBe('2025-10-16');
    // A date set by someone else (a court's) is taken as it is.
    expect((await started('submitted', { dueOn: '2025-12-31' })).stored).toBe('2025-12-31');
    // A first state without a deadline starts none, and the entry keeps its payload as given.
    expect(await started('draft')).toEqual({ result: { dueOn: null }, stored: null, payload: { amount: 100 } });
  });

  it('a transition may start its own deadline instead of its state’s', async () => {
    const record = await createRecord();
    // Today is Fri 2025-09-26: the 15th day is Sat 10-11, worked by 调休.
    expect(await fire(applicant, record, 'submit_urgent')).toEqual({ from: 'draft', to: 'submitted', dueOn: '2025-10-11' });
    expect((await load(record.id)).dueOn).toBe('2025-10-11');
  });

  it('each record is on track, at risk (within its rule’s working days) or overdue', async () => {
    // Three working days left (10-21, 10-22, 10-23) is on track; two (the default) is at risk.
    expect(deadlineStatus(calendar, '2025-10-20', '2025-10-23')).toBe('on_track');
    expect(deadlineStatus(calendar, '2025-10-20', '2025-10-23', { workingDays: 15, atRiskWorkingDays: 3 })).toBe('at_risk');
    expect(deadlineStatus(calendar, '2025-10-21', '2025-10-23')).toBe('at_risk');
    expect(deadlineStatus(calendar, '2025-10-23', '2025-10-23')).toBe('at_risk');
    expect(deadlineStatus(calendar, '2025-10-24', '2025-10-23')).toBe('overdue');
    // Holidays do not count as days left: from 09-30, 10-09 is one working day away.
    expect(deadlineStatus(calendar, '2025-09-30', '2025-10-09')).toBe('at_risk');
    const standing = await engine.deadlines(aid);
    expect(standing({ state: 'submitted', dueOn: '2025-10-23' })).toEqual({ dueOn: '2025-10-23', status: 'on_track' });
    expect(standing({ state: 'submitted', dueOn: '2025-09-29' })).toEqual({ dueOn: '2025-09-29', status: 'at_risk' });
    expect(standing({ state: 'submitted', dueOn: '2025-09-25' })).toEqual({ dueOn: '2025-09-25', status: 'overdue' });
    expect(standing({ state: 'approved', dueOn: null })).toBeNull();
  });

  it('the job reminds before a deadline and escalates after it, once per record and deadline, in the notification centre', async () => {
    let today = '2025-10-20';
    const job = deadlineNoticesJob(
      {
        calendar: async () => calendar,
        notify: async (tx, items) => {
          for (const n of items) await tx.execute(sql`insert into notifications (user_id, kind, title, body, link) values (${n.userId}, ${n.kind}, ${n.title}, ${n.body ?? null}, ${n.link ?? null})`);
        },
        today: () => today,
      },
      [
        {
          definition: aid,
          record: (row) => ({ id: Number(row.id), tenantId: Number(row.tenantId), state: row.state as AidState, orgPath: RECORD_PATH, applicantUserId: 0, amount: 0 }),
          remind: async (record, dueOn) => [{ userId: countyStaff.userId!, kind: 'deadline', title: `救助申请 ${record.id} 将于 ${dueOn} 到期`, link: `/aid/${record.id}` }],
          escalate: async (record, dueOn) => [{ userId: provinceLeader.userId!, kind: 'deadline', title: `救助申请 ${record.id} 已于 ${dueOn} 逾期`, link: `/aid/${record.id}` }],
        },
      ],
    );
    const seeded = async (dueOn: string) => {
      const record = await createRecord();
      await db.execute(sql`update test_records set state = 'submitted', due_on = ${dueOn} where tenant_id = ${TENANT} and id = ${record.id}`);
      return record.id;
    };
    const near = await seeded('2025-10-22');
    const late = await seeded('2025-10-17');
    const far = await seeded('2025-11-20');
    const notices = async (id: number) =>
      queryRows<{ user_id: number | string; title: string }>(db, sql`select user_id, title from notifications where link = ${`/aid/${id}`} order by id`);

    // Two rounds at once (two instances): the lock and the notice's key let each notice out once.
    // (Earlier tests' records with deadlines are watched too: only these three are looked at.)
    await Promise.all([runJob(db, job), runJob(db, job)]);
    expect(await notices(near)).toEqual([{ user_id: expect.anything(), title: `救助申请 ${near} 将于 2025-10-22 到期` }]);
    expect(Number((await notices(near))[0].user_id)).toBe(countyStaff.userId);
    expect((await notices(late)).map((n) => Number(n.user_id))).toEqual([provinceLeader.userId]);
    expect(await notices(far)).toEqual([]);

    // The next day the near one is still at risk, and was reminded already; once past its day it is escalated, once.
    today = '2025-10-21';
    await runJob(db, job);
    expect(await notices(near)).toHaveLength(1);
    today = '2025-10-23';
    await runJob(db, job);
    await runJob(db, job);
    expect((await notices(near)).map((n) => n.title)).toEqual([`救助申请 ${near} 将于 2025-10-22 到期`, `救助申请 ${near} 已于 2025-10-22 逾期`]);
    expect(await notices(late)).toHaveLength(1);
    // A record that left the state with the deadline is no longer watched.
    await db.execute(sql`update test_records set state = 'approved', due_on = null where tenant_id = ${TENANT} and id = ${far}`);
    today = '2025-11-21';
    await runJob(db, job);
    expect(await notices(far)).toEqual([]);
  });
});

describe('set-based transitions', () => {
  it('move every selected record in one statement, with a timeline entry and an audit row each; records no longer in a from state stay', async () => {
    const [a, b] = [await createRecord(), await createRecord()];
    await fire(applicant, b, 'submit');
    const done = await createRecord();
    await fire(applicant, done, 'submit');
    await fire(countyStaff, await load(done.id), 'approve');
    const ids = [a.id, b.id, done.id];
    const moved = await db.transaction((tx) =>
      engine.fireMany(tx, aid, countyStaff, 'lapse', sql`select tenant_id, id, jsonb_build_object('reason', '申报批次已截止', 'batch', id % 2) as payload from test_records where id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`),
    );
    expect(moved).toBe(2);
    expect((await load(a.id)).state).toBe('withdrawn');
    expect((await load(b.id)).state).toBe('withdrawn');
    expect((await load(done.id)).state).toBe('approved');
    expect((await engine.timeline(db, aid, TENANT, b.id)).at(-1)).toMatchObject({ seq: 3, action: 'lapse', from: 'submitted', to: 'withdrawn', actorName: '县总干事', payload: { reason: '申报批次已截止', batch: b.id % 2 } });
    expect((await engine.timeline(db, aid, TENANT, a.id)).at(-1)).toMatchObject({ seq: 2, action: 'lapse', from: 'draft' });
    const audit = await auditRows(a.id);
    expect(audit.at(-1)).toMatchObject({ action: 'test_aid.lapse', org_path: RECORD_PATH, before: { state: 'draft' }, after: { state: 'withdrawn', dueOn: null, input: { reason: '申报批次已截止', batch: a.id % 2 } } });
    expect((await auditRows(done.id)).map((r) => r.action)).toEqual(['test_aid.submit', 'test_aid.approve']);
  });

  it('refuse a transition whose effect, guard or notifications must run per record', async () => {
    await expect(db.transaction((tx) => engine.fireMany(tx, aid, countyStaff, 'approve', sql`select 0::bigint as tenant_id, 0::bigint as id, null::jsonb as payload`))).rejects.toThrow(/cannot be fired set-based/);
  });
});
