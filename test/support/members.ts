import { and, count, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../src/server/db/client.js';
import { expect } from 'vitest';
import { DEMO_PASSWORD, loadDemo } from '../../src/server/demo/load.js';
import { PRIVACY_NOTICE_VERSION } from '../../src/server/modules/members/privacy-notice.js';
import { joinApplications, memberships, persons, transfers } from '../../src/server/modules/members/schema.js';
import { computeResidentIdCheckChar } from '../../src/server/platform/cn-ids.js';
import { createPersonalDataCipher } from '../../src/server/platform/personal-data.js';
import { workflowTimeline } from '../../src/server/platform/workflow/schema.js';
import { ADMIN, createTestApp, TEST_SECRET, type TestApp, type TestClient } from './app.js';

/** Helpers shared by the members, transfers and join API tests. */

/** Two of the demo's grassroots unions, as lists and messages name them. */
export const JIADA = '平湖嘉达光电科技有限公司工会';
export const HENGLI = '平湖恒力精密机械有限公司工会';

/**
 * A fresh app holding the Pinghu demo, with the admin and the county's staff
 * signed in: 当湖 and 钟埭 (town) staff, the county's staff, its leader and
 * its supervisor. `today` is the business date the app sees.
 */
export async function pinghuDemo(today: () => string) {
  const t = await createTestApp({ today });
  const ids = await loadDemo(t.database.db, t.services);
  const admin = await t.login(ADMIN.username, ADMIN.password);
  const [danghu, zhongdai, pinghu, leader, supervisor] = await Promise.all(
    ['danghu_staff', 'zhongdai_staff', 'pinghu_staff', 'pinghu_leader', 'pinghu_supervisor'].map((u) => t.login(u, DEMO_PASSWORD)),
  );
  return { t, ids, admin, danghu, zhongdai, pinghu, leader, supervisor };
}

export interface Person {
  name: string;
  residentId: string;
  phone: string;
}

let serial = 10;

/** A valid 18-digit resident ID (平湖 330482) for the birth date `yyyymmdd`, with sequence `seq`. */
export const residentIdOf = (birth: string, seq: number) => {
  const first17 = `330482${birth}${String(seq).padStart(3, '0')}`;
  return first17 + computeResidentIdCheckChar(first17);
};

/**
 * A fresh person. The sequence number makes the ID's last four digits unique
 * (and start with 0), and phones end in 9xxx, so neither collides with the
 * other in digit searches.
 */
export function newPerson(name: string, birth = '19900315'): Person {
  const n = ++serial;
  if (n >= 900) throw new Error('too many test persons');
  return { name, residentId: residentIdOf(birth, n), phone: `137${String(n).padStart(4, '0')}9${String(n).padStart(3, '0')}` };
}

export const joinBody = (person: Person, orgId: number, extra: Record<string, unknown> = {}) => ({
  orgId,
  name: person.name,
  residentId: person.residentId,
  phone: person.phone,
  consent: true,
  sensitiveConsent: true,
  consentVersion: PRIVACY_NOTICE_VERSION,
  employmentForm: 'standard',
  employerName: '平湖嘉达光电科技有限公司',
  ...extra,
});

/** POST /api/members: a person entered at the union's desk (窗口登记) with the signed paper form. */
export const deskEntryBody = (person: Person, orgId: number, extra: Record<string, unknown> = {}) => ({
  orgId,
  name: person.name,
  residentId: person.residentId,
  phone: person.phone,
  employmentForm: 'standard',
  employerName: '平湖嘉达光电科技有限公司',
  consentOnPaper: true,
  ...extra,
});

export const cipher = createPersonalDataCipher(TEST_SECRET);
export const hashOf = (residentId: string) => cipher.hashResidentId(residentId);

export const applyToJoin = (t: TestApp, body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/public/join', payload: body });

export async function applicationByCode(t: TestApp, tenantId: number, code: string) {
  const [row] = await t.database.db
    .select()
    .from(joinApplications)
    .where(and(eq(joinApplications.tenantId, tenantId), eq(joinApplications.trackingCode, code)));
  expect(row, `application ${code}`).toBeDefined();
  return row;
}

export const progress = (t: TestApp, tenantId: number, code: string) => t.app.inject({ method: 'GET', url: `/api/public/join/${tenantId}/${code}` });

/** Apply on the public page; returns the tracking code, tenant and application id. */
export async function submitApplication(t: TestApp, person: Person, orgId: number, extra: Record<string, unknown> = {}) {
  const response = await applyToJoin(t, joinBody(person, orgId, extra));
  expect(response.statusCode, response.body).toBe(201);
  const { trackingCode, tenantId } = response.json() as { trackingCode: string; tenantId: number };
  const application = await applicationByCode(t, tenantId, trackingCode);
  return { trackingCode, tenantId, applicationId: application.id };
}

/** Apply and have `staff` approve: the person becomes a member of `orgId`. */
export async function joinMember(t: TestApp, staff: TestClient, person: Person, orgId: number, extra: Record<string, unknown> = {}) {
  const submitted = await submitApplication(t, person, orgId, extra);
  const approved = await staff.post(`/api/join-applications/${submitted.applicationId}/actions`, { action: 'approve' });
  expect(approved.statusCode, approved.body).toBe(204);
  const application = await applicationByCode(t, submitted.tenantId, submitted.trackingCode);
  expect(application.state).toBe('approved');
  return { ...submitted, membershipId: application.membershipId! };
}

export async function personRow(t: TestApp, residentId: string) {
  const [row] = await t.database.db.select().from(persons).where(eq(persons.idHash, hashOf(residentId)));
  return row;
}

export async function membershipsOf(t: TestApp, residentId: string) {
  return t.database.db.select().from(memberships).where(eq(memberships.personHash, hashOf(residentId)));
}

export async function membershipRow(t: TestApp, id: number) {
  const [row] = await t.database.db.select().from(memberships).where(eq(memberships.id, id));
  return row;
}

export async function transferRow(t: TestApp, id: number) {
  const [row] = await t.database.db.select().from(transfers).where(eq(transfers.id, id));
  return row;
}

/** Row counts of the tables a join or a transfer writes. */
export async function rowCounts(t: TestApp) {
  const { db } = t.database;
  const [[a], [m], [p], [tr], [w]] = await Promise.all([
    db.select({ n: count() }).from(joinApplications),
    db.select({ n: count() }).from(memberships),
    db.select({ n: count() }).from(persons),
    db.select({ n: count() }).from(transfers),
    db.select({ n: count() }).from(workflowTimeline),
  ]);
  return { joinApplications: a.n, memberships: m.n, persons: p.n, transfers: tr.n, timeline: w.n };
}

export const errorOf = (response: { statusCode: number; json(): any }) => response.json().error as { code: string; message: string; messageEn: string; fields?: { field: string; reason: string }[] };

/** The response is this error; the Chinese message is present. */
export function expectError(response: { statusCode: number; body: string; json(): any }, status: number, code: string) {
  expect(response.statusCode, response.body).toBe(status);
  const error = errorOf(response);
  expect(error.code).toBe(code);
  expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  return error;
}

export const NEW_PASSWORD = 'Chosen2026pass';

/**
 * A second county federation under 嘉兴市总工会 (its own tenant) with a grassroots
 * union, and a union_staff account there, all made through the API as the root admin.
 */
export async function createSecondCounty(t: TestApp, admin: TestClient, jiaxingId: number, key = 'nanhu') {
  const county = await admin.post('/api/orgs', { parentId: jiaxingId, name: '嘉兴市南湖区总工会', type: 'county', divisionCode: '330402' });
  expect(county.statusCode, county.body).toBe(201);
  const countyId = county.json().id as number;
  expect(county.json().tenantId).toBe(countyId);
  const union = await admin.post('/api/orgs', { parentId: countyId, name: '嘉兴南湖科创电子有限公司工会', type: 'grassroots' });
  expect(union.statusCode, union.body).toBe(201);
  expect(union.json().tenantId).toBe(countyId);
  const user = await admin.post('/api/users', {
    username: `${key}_staff`,
    displayName: '南湖区总工会 干事',
    homeOrgId: countyId,
    grants: [{ role: 'union_staff', orgId: countyId }],
  });
  expect(user.statusCode, user.body).toBe(201);
  const oneTimePassword = user.json().oneTimePassword as string;
  const first = await t.login(`${key}_staff`, oneTimePassword);
  const changed = await first.post('/api/auth/password', { currentPassword: oneTimePassword, newPassword: NEW_PASSWORD });
  expect(changed.statusCode, changed.body).toBe(204);
  const staff = await t.login(`${key}_staff`, NEW_PASSWORD);
  return { countyId, unionId: union.json().id as number, unionVersion: union.json().version as number, staff };
}

/** Turn on (or off) automatic approval of join applications for a union, as admin. */
export async function setAutoApprove(admin: TestClient, orgId: number, on: boolean) {
  const org = await admin.get(`/api/orgs/${orgId}`);
  expect(org.statusCode, org.body).toBe(200);
  const response = await admin.patch(`/api/orgs/${orgId}`, { version: org.json().version, autoApproveJoins: on });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.json().autoApproveJoins).toBe(on);
}

/**
 * The composition kept by the trigger on memberships (membership_counts, migrations/0039) is the recount of
 * memberships: called after each test of the files whose operations write memberships (joins, imports,
 * transfers, status changes, edits, subtree moves, deletions).
 */
export async function expectCountsKept(t: TestApp) {
  const recount = await queryRows<{ key: string; n: number | string }>(
    t.database.db,
    sql`select tenant_id || ' ' || org_path::text || ' ' || status || ' ' || employment_form as key, count(*) as n from memberships group by 1 order by 1`,
  );
  const kept = await queryRows<{ key: string; n: number | string }>(
    t.database.db,
    sql`select tenant_id || ' ' || org_path::text || ' ' || status || ' ' || employment_form as key, members as n from membership_counts where members <> 0 order by 1`,
  );
  expect(kept.map((r) => [r.key, Number(r.n)])).toEqual(recount.map((r) => [r.key, Number(r.n)]));
}
