import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemo } from '../../src/server/demo/load.js';
import { CONTINUING_STATUSES, memberSinceFor } from '../../src/server/modules/members/member-since.js';
import { memberships, persons } from '../../src/server/modules/members/schema.js';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { hashOf, joinMember, membershipRow, membershipsOf, newPerson, type Person, personRow, transferRow } from '../support/members.js';
import { uploadRoster } from '../support/roster.js';

/**
 * 会龄 (membership years) by one rule on every path that opens a membership
 * (modules/members/member-since.ts): continuous across a transfer, also from a
 * retained membership; anew after withdrawal, deemed withdrawal or expulsion,
 * whether the person rejoins online or is imported again with a roster. The
 * person row carries the open membership's start and nothing once it ends.
 */

let today = '2026-11-24';
let t: TestApp;
let ids: Record<string, number>;
let pinghu: TestClient;

const act = async (id: number, action: string, input?: unknown) => {
  const response = await pinghu.post(`/api/members/${id}/actions`, input === undefined ? { action } : { action, input });
  expect(response.statusCode, response.body).toBe(204);
};
const detail = async (id: number) => {
  const response = await pinghu.get(`/api/members/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

/** Move `membershipId` to `toOrgId` (pinghu_staff acts for both unions); returns the new membership's id. */
async function transfer(membershipId: number, toOrgId: number) {
  const requested = await pinghu.post('/api/transfers', { membershipId, toOrgId, reason: '更换工作单位' });
  expect(requested.statusCode, requested.body).toBe(201);
  const { id } = requested.json() as { id: number };
  for (const action of ['confirm', 'accept']) {
    const response = await pinghu.post(`/api/transfers/${id}/actions`, { action });
    expect(response.statusCode, response.body).toBe(204);
  }
  const done = await transferRow(t, id);
  expect(done.state).toBe('completed');
  return done.newMembershipId!;
}

/** Join online on `on` and have 平湖 approve: returns the membership id. */
async function joinOn(p: Person, orgId: number, on: string) {
  today = on;
  return (await joinMember(t, pinghu, p, orgId)).membershipId;
}

/** A csv roster of 姓名,身份证号,入会日期 imported into `orgId` and committed. */
async function importRoster(orgId: number, people: { p: Person; joinedOn?: string }[]) {
  const csv = ['姓名,身份证号,入会日期', ...people.map(({ p, joinedOn }) => `${p.name},${p.residentId},${joinedOn ?? ''}`)].join('\r\n') + '\r\n';
  const uploaded = await uploadRoster(pinghu, orgId, '会龄测试花名册.csv', csv);
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  const summary = uploaded.json() as { id: number; counts: { new: number } };
  expect(summary.counts.new).toBe(people.length);
  const committed = await pinghu.post(`/api/member-imports/${summary.id}/commit`);
  expect(committed.statusCode, committed.body).toBe(200);
}

/** The person's open membership (active or retained). */
async function openMembershipOf(p: Person) {
  const open = (await membershipsOf(t, p.residentId)).filter((m) => m.status === 'active' || m.status === 'retained');
  expect(open).toHaveLength(1);
  return open[0];
}

beforeAll(async () => {
  t = await createTestApp({ today: () => today });
  ids = await loadDemo(t.database.db, t.services);
  pinghu = await t.login('pinghu_staff', DEMO_PASSWORD);
});
afterAll(() => t.close());

describe('the rule', () => {
  it('continues from an open or transferred membership, starts anew after any other ending', () => {
    expect(memberSinceFor(null, '2027-01-01')).toBe('2027-01-01');
    expect(memberSinceFor(undefined, '2027-01-01')).toBe('2027-01-01');
    expect([...CONTINUING_STATUSES].sort()).toEqual(['active', 'retained', 'transferred']);
    for (const status of CONTINUING_STATUSES) expect(memberSinceFor({ status, memberSince: '2015-03-12' }, '2027-01-01')).toBe('2015-03-12');
    for (const status of ['withdrawn', 'deemed_withdrawn', 'expelled'] as const) expect(memberSinceFor({ status, memberSince: '2015-03-12' }, '2027-01-01')).toBe('2027-01-01');
  });
});

describe('transfers keep 会龄', () => {
  it('from an active membership, twice in a row', async () => {
    const p = newPerson('房立新');
    const first = await joinOn(p, ids.jiada, '2026-11-24');
    today = '2027-02-01';
    const second = await transfer(first, ids.hengli);
    today = '2027-05-01';
    const third = await transfer(second, ids.shuntong);
    expect(await membershipRow(t, third)).toMatchObject({ joinedOn: '2027-05-01', memberSince: '2026-11-24', source: 'transfer' });
    expect((await personRow(t, p.residentId)).memberSince).toBe('2026-11-24');
  });

  it('from a retained membership (保留会籍: laid off, then a new job elsewhere)', async () => {
    const p = newPerson('房立业');
    const first = await joinOn(p, ids.jiada, '2026-11-24');
    today = '2027-01-10';
    await act(first, 'retain', { cause: 'laid_off' });
    expect((await personRow(t, p.residentId)).memberSince).toBe('2026-11-24');
    today = '2027-04-01';
    const moved = await transfer(first, ids.hengli);
    expect(await membershipRow(t, first)).toMatchObject({ status: 'transferred', memberSince: '2026-11-24' });
    expect(await membershipRow(t, moved)).toMatchObject({ status: 'active', joinedOn: '2027-04-01', memberSince: '2026-11-24' });
    expect((await detail(moved)).memberSince).toBe('2026-11-24');
  });
});

describe('after the 会籍 ended, joining again starts 会龄 anew', () => {
  it('online, after withdrawal on request; the person row holds no 会龄 in between', async () => {
    const p = newPerson('房志远');
    const first = await joinOn(p, ids.jiada, '2026-11-24');
    today = '2027-01-15';
    await act(first, 'withdraw', { requestedOn: '2027-01-10' });
    expect(await personRow(t, p.residentId)).toMatchObject({ openMembershipId: null, memberSince: null });
    const again = await joinOn(p, ids.meiyi, '2027-06-01');
    expect(await membershipRow(t, again)).toMatchObject({ joinedOn: '2027-06-01', memberSince: '2027-06-01', source: 'online' });
    expect((await personRow(t, p.residentId)).memberSince).toBe('2027-06-01');
    // The earlier membership keeps its own dates in the history.
    expect(await membershipRow(t, first)).toMatchObject({ status: 'withdrawn', memberSince: '2026-11-24' });
  });

  it('online, after deemed withdrawal (six months without dues or taking part)', async () => {
    const p = newPerson('房志明');
    const first = await joinOn(p, ids.jiada, '2026-11-24');
    today = '2027-06-01';
    // Dues on record since joining, none paid (the dues module's evidence).
    await t.database.db.update(memberships).set({ duesFrom: '2026-11-01' }).where(eq(memberships.id, first));
    await act(first, 'confirm_deemed_withdrawal');
    expect((await personRow(t, p.residentId)).memberSince).toBeNull();
    const again = await joinOn(p, ids.jiada, '2027-07-01');
    expect(await membershipRow(t, again)).toMatchObject({ memberSince: '2027-07-01' });
  });

  it('online, after expulsion', async () => {
    const p = newPerson('房志刚');
    const first = await joinOn(p, ids.jiada, '2026-11-24');
    today = '2027-02-01';
    await act(first, 'expel', { decisionNo: '平工发〔2027〕9号', decidedOn: '2027-01-30', reason: '严重违法被依法判处刑罚' });
    expect((await personRow(t, p.residentId)).memberSince).toBeNull();
    const again = await joinOn(p, ids.hengli, '2029-03-01');
    expect(await membershipRow(t, again)).toMatchObject({ memberSince: '2029-03-01' });
  });

  it('after a transfer and then a withdrawal, anew too: the latest membership decides', async () => {
    const p = newPerson('房志强');
    const first = await joinOn(p, ids.jiada, '2026-11-24');
    today = '2027-02-01';
    const moved = await transfer(first, ids.hengli);
    today = '2027-03-01';
    await act(moved, 'withdraw', { requestedOn: '2027-03-01' });
    const again = await joinOn(p, ids.shuntong, '2027-09-01');
    expect(await membershipRow(t, again)).toMatchObject({ memberSince: '2027-09-01' });
  });

  it('by roster import: withdrawn and expelled people start from the roster’s date (or the import day); others by the same rule', async () => {
    const withdrawn = newPerson('房晓东');
    const expelled = newPerson('房晓西');
    const fresh = newPerson('房晓南');
    const w = await joinOn(withdrawn, ids.jiada, '2026-11-24');
    const e = await joinOn(expelled, ids.jiada, '2026-11-24');
    today = '2027-03-01';
    await act(w, 'withdraw', { requestedOn: '2027-03-01' });
    await act(e, 'expel', { decisionNo: '平工发〔2027〕10号', decidedOn: '2027-03-01', reason: '严重违法被依法判处刑罚' });

    // The import reads the latest membership, not the person row: a row still carrying the old date (as before the
    // rule was one) changes nothing.
    await t.database.db.update(persons).set({ memberSince: '2026-11-24' }).where(eq(persons.idHash, hashOf(expelled.residentId)));
    // Parity with memberSinceFor on a continuing status: a latest membership closed by a transfer whose successor
    // is gone (repaired data; the API never leaves this) carries over.
    const orphan = newPerson('房晓北');
    const o = await joinOn(orphan, ids.jiada, '2026-11-24');
    await t.database.db.update(memberships).set({ status: 'transferred', endedOn: '2027-03-01' }).where(eq(memberships.id, o));
    await t.database.db.update(persons).set({ openMembershipId: null, openMembershipTenantId: null, memberSince: null }).where(eq(persons.idHash, hashOf(orphan.residentId)));

    today = '2027-08-20';
    await importRoster(ids.meiyi, [{ p: withdrawn, joinedOn: '2027-08-01' }, { p: expelled }, { p: fresh, joinedOn: '2019-05-06' }, { p: orphan, joinedOn: '2027-08-02' }]);
    expect(await openMembershipOf(withdrawn)).toMatchObject({ source: 'import', joinedOn: '2027-08-01', memberSince: '2027-08-01' });
    expect(await openMembershipOf(expelled)).toMatchObject({ source: 'import', joinedOn: '2027-08-20', memberSince: '2027-08-20' });
    expect(await openMembershipOf(fresh)).toMatchObject({ source: 'import', joinedOn: '2019-05-06', memberSince: '2019-05-06' });
    expect(await openMembershipOf(orphan)).toMatchObject({ source: 'import', joinedOn: '2027-08-02', memberSince: '2026-11-24' });
    for (const p of [withdrawn, expelled, fresh, orphan]) expect((await personRow(t, p.residentId)).memberSince).toBe((await openMembershipOf(p)).memberSince);
  });
});
