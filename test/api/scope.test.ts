import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stationPhoto } from '../../src/server/demo/files.js';
import { DEMO_PASSWORD, loadDemo } from '../../src/server/demo/load.js';
import { PRIVACY_NOTICE_VERSION } from '../../src/server/modules/members/privacy-notice.js';
import { users } from '../../src/server/platform/accounts/schema.js';
import { beijingToday } from '../../src/server/platform/beijing-time.js';
import { computeCreditCodeCheckChar, computeResidentIdCheckChar } from '../../src/server/platform/cn-ids.js';
import { ADMIN, createAccount, createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { multipartBody, rosterCsv, uploadRoster } from '../support/roster.js';
import { smsOutbox } from '../../src/server/platform/sms/schema.js';

/**
 * DESIGN §6: "a user of one town union gets 404 for every org and user of a
 * sibling town". 当湖 and 钟埭 are sibling streets of 平湖; danghu_staff is
 * union_staff at 当湖 (orgs.manage there; accounts are administrators' only).
 * A 403 for a record of 钟埭 would tell the caller the record exists.
 */

let t: TestApp;
let ids: Record<string, number>;
let root: TestClient;
let danghuStaff: TestClient;
/** Admin at 当湖: holds every permission, but only over 当湖's subtree. */
let danghuAdmin: TestClient;
let zhongdaiStaff: TestClient;

type Org = { id: number; path: string; version: number; name: string };
type User = { id: number; username: string; homeOrgId: number; version: number; grants: { id: number; orgId: number }[] };

let zhongdaiOrgs: Org[];
let zhongdaiUsers: User[];
let zhongdaiNotificationId: number;
let zhongdaiSessionId: string;

/** Create an account as root and sign it in with a password of our choosing. */
const createAndSignIn = (username: string, displayName: string, homeOrgId: number, grants: { role: string; orgId: number }[]) =>
  createAccount(t, root, { username, displayName, homeOrgId, grants });

const userIdOf = async (username: string): Promise<number> => {
  const { items } = (await root.get(`/api/users?q=${username}`)).json() as { items: User[] };
  return items.find((u) => u.username === username)!.id;
};

let personSerial = 500;
/** A person with a valid resident ID of 平湖 (330482) and a unique mobile number. */
const newPerson = (name: string) => {
  const n = ++personSerial;
  const first17 = `33048219880612${String(n).padStart(3, '0')}`;
  return { name, residentId: first17 + computeResidentIdCheckChar(first17), phone: `1360573${String(n).padStart(4, '0')}` };
};

/** 一键入会 on the public page; returns the pending application's id as the union's staff sees it. */
async function applyToJoin(staff: TestClient, orgId: number, person: ReturnType<typeof newPerson>) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/public/join',
    payload: { orgId, name: person.name, residentId: person.residentId, phone: person.phone, consent: true, sensitiveConsent: true, consentVersion: PRIVACY_NOTICE_VERSION, employmentForm: 'standard', employerName: '平湖某制造有限公司' },
  });
  expect(response.statusCode, response.body).toBe(201);
  const { items } = (await staff.get('/api/join-applications?state=pending&pageSize=200')).json() as { items: { id: number; name: string }[] };
  return items.find((a) => a.name === person.name)!.id;
}

/** Apply and have the union's staff approve: returns the new membership's id. */
async function joinMember(staff: TestClient, orgId: number, person: ReturnType<typeof newPerson>) {
  const applicationId = await applyToJoin(staff, orgId, person);
  const approved = await staff.post(`/api/join-applications/${applicationId}/actions`, { action: 'approve' });
  expect(approved.statusCode, approved.body).toBe(204);
  const { items } = (await staff.get(`/api/members?q=${encodeURIComponent(person.name)}`)).json() as { items: { id: number; name: string }[] };
  return items.find((m) => m.name === person.name)!.id;
}

async function requestTransfer(staff: TestClient, membershipId: number, toOrgId: number) {
  const response = await staff.post('/api/transfers', { membershipId, toOrgId, reason: '调动工作单位' });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as number;
}

const expectNotFound = (response: { statusCode: number; body: string; json(): any }, what: string) => {
  expect(response.statusCode, `${what}: ${response.body}`).toBe(404);
  expect(response.json().error.code, what).toBe('NOT_FOUND');
};

beforeAll(async () => {
  t = await createTestApp();
  ids = await loadDemo(t.database.db, t.services);
  root = await t.login(ADMIN.username, ADMIN.password);
  danghuStaff = await t.login('danghu_staff', DEMO_PASSWORD);
  zhongdaiStaff = await t.login('zhongdai_staff', DEMO_PASSWORD);

  // A second account homed deeper in 钟埭, at a grassroots union.
  const shuntongUser = await root.post('/api/users', {
    username: 'shuntong_hr',
    displayName: '顺通物流 工会干事',
    homeOrgId: ids.shuntong,
    phone: '13905731234',
    grants: [{ role: 'representative', orgId: ids.shuntong }],
  });
  expect(shuntongUser.statusCode, shuntongUser.body).toBe(201);
  danghuAdmin = (await createAndSignIn('danghu_admin', '当湖街道工会 管理员', ids.danghu, [{ role: 'admin', orgId: ids.danghu }])).client;

  const zhongdai = (await root.get(`/api/orgs/${ids.zhongdai}`)).json() as Org;
  const all = (await root.get('/api/orgs?pageSize=200')).json().items as Org[];
  const inZhongdai = all.filter((o) => o.path === zhongdai.path || o.path.startsWith(`${zhongdai.path}.`));
  zhongdaiOrgs = await Promise.all(inZhongdai.map(async (o) => (await root.get(`/api/orgs/${o.id}`)).json() as Org));
  expect(zhongdaiOrgs.map((o) => o.id).sort((a, b) => a - b)).toEqual([ids.zhongdai, ids.shuntong, ids.hengli].sort((a, b) => a - b));

  zhongdaiUsers = (await root.get(`/api/users?orgId=${ids.zhongdai}`)).json().items;
  expect(zhongdaiUsers.map((u) => u.username).sort()).toEqual(['shuntong_hr', 'zhongdai_staff']);

  const zhongdaiStaffId = await userIdOf('zhongdai_staff');
  await t.services.notifications.notify(t.database.db, [{ userId: zhongdaiStaffId, kind: 'member', title: '钟埭街道的待办' }]);
  zhongdaiNotificationId = (await zhongdaiStaff.get('/api/notifications')).json().items[0].id;

  const sessions = (await root.get('/api/sessions')).json().items as { id: string; username: string }[];
  zhongdaiSessionId = sessions.find((s) => s.username === 'zhongdai_staff')!.id;
});
afterAll(() => t.close());

describe('orgs of a sibling town are invisible: 404, never 403', () => {
  it('danghu_staff can see its own town (the checks below are about scope, not about the account)', async () => {
    expect((await danghuStaff.get(`/api/orgs/${ids.danghu}`)).statusCode).toBe(200);
    expect((await danghuStaff.get(`/api/orgs/${ids.jiada}`)).statusCode).toBe(200);
  });

  it('GET detail and children of every org of 钟埭', async () => {
    for (const org of zhongdaiOrgs) {
      expectNotFound(await danghuStaff.get(`/api/orgs/${org.id}`), `detail ${org.name}`);
      expectNotFound(await danghuStaff.get(`/api/orgs/children?parentId=${org.id}`), `children ${org.name}`);
    }
  });

  it('PATCH, move, deactivate and reactivate of every org of 钟埭', async () => {
    for (const org of zhongdaiOrgs) {
      expectNotFound(await danghuStaff.patch(`/api/orgs/${org.id}`, { version: org.version, chairName: '越界修改' }), `patch ${org.name}`);
      expectNotFound(await danghuStaff.post(`/api/orgs/${org.id}/move`, { newParentId: ids.danghu, version: org.version }), `move ${org.name}`);
      expectNotFound(await danghuStaff.post(`/api/orgs/${org.id}/deactivate`, { version: org.version }), `deactivate ${org.name}`);
      expectNotFound(await danghuStaff.post(`/api/orgs/${org.id}/reactivate`, { version: org.version }), `reactivate ${org.name}`);
    }
    // Nothing changed.
    for (const org of zhongdaiOrgs) expect((await root.get(`/api/orgs/${org.id}`)).json()).toMatchObject({ version: org.version, path: org.path, active: true });
  });

  it('creating an org under any org of 钟埭', async () => {
    for (const org of zhongdaiOrgs) {
      expectNotFound(await danghuStaff.post('/api/orgs', { parentId: org.id, name: '越界新建的工会', type: 'grassroots' }), `create under ${org.name}`);
    }
    expect((await root.get(`/api/orgs?q=${encodeURIComponent('越界新建')}`)).json().total).toBe(0);
  });

  it('moving one of its own orgs into 钟埭', async () => {
    const station = (await danghuStaff.get(`/api/orgs/${ids.rider_station}`)).json() as Org;
    expectNotFound(await danghuStaff.post(`/api/orgs/${ids.rider_station}/move`, { newParentId: ids.zhongdai, version: station.version }), 'move into 钟埭');
    expect((await root.get(`/api/orgs/${ids.rider_station}`)).json()).toMatchObject({ path: station.path, version: station.version });
  });

  it('the answer for a 钟埭 org is the answer for an org that does not exist', async () => {
    const sibling = await danghuStaff.get(`/api/orgs/${ids.zhongdai}`);
    const missing = await danghuStaff.get('/api/orgs/987654321');
    expect(sibling.statusCode).toBe(missing.statusCode);
    expect(sibling.json()).toEqual(missing.json());
  });
});

describe('users of a sibling town are invisible: 404, never 403', () => {
  it('danghu_staff (union staff) neither reads nor manages accounts, not even of its own town (403)', async () => {
    const fan = await userIdOf('fan_haizhu');
    expect((await danghuStaff.get(`/api/users/${fan}`)).statusCode).toBe(403);
    expect((await danghuStaff.get('/api/users')).statusCode).toBe(403);
    expect((await danghuStaff.post(`/api/users/${fan}/reset-password`)).statusCode).toBe(403);
  });

  it('GET, PATCH, reset-password, unlock and grants of every user homed in 钟埭, for the admin of 当湖', async () => {
    for (const user of zhongdaiUsers) {
      const who = user.username;
      expectNotFound(await danghuAdmin.get(`/api/users/${user.id}`), `get ${who}`);
      expectNotFound(await danghuAdmin.patch(`/api/users/${user.id}`, { version: user.version, displayName: '越界' }), `patch ${who}`);
      expectNotFound(await danghuAdmin.patch(`/api/users/${user.id}`, { version: user.version, active: false }), `disable ${who}`);
      expectNotFound(await danghuAdmin.post(`/api/users/${user.id}/reset-password`), `reset ${who}`);
      expectNotFound(await danghuAdmin.post(`/api/users/${user.id}/unlock`), `unlock ${who}`);
      expectNotFound(await danghuAdmin.post(`/api/users/${user.id}/grants`, { role: 'worker', orgId: ids.danghu }), `grant ${who}`);
      expectNotFound(await danghuAdmin.delete(`/api/users/${user.id}/grants/${user.grants[0].id}`), `revoke ${who}`);
    }
    // The sibling account still works, untouched.
    expect((await zhongdaiStaff.get('/api/auth/me')).statusCode).toBe(200);
    for (const user of zhongdaiUsers) expect((await root.get(`/api/users/${user.id}`)).json()).toMatchObject({ version: user.version, active: true, grants: user.grants });
  });

  it('the same holds for an admin of 当湖, who holds users.manage there', async () => {
    for (const user of zhongdaiUsers) {
      expectNotFound(await danghuAdmin.get(`/api/users/${user.id}`), `get ${user.username}`);
      expectNotFound(await danghuAdmin.post(`/api/users/${user.id}/reset-password`), `reset ${user.username}`);
      expectNotFound(await danghuAdmin.delete(`/api/users/${user.id}/grants/${user.grants[0].id}`), `revoke ${user.username}`);
    }
  });

  it('a 钟埭 org given as home org or grant org is refused exactly like an org that does not exist', async () => {
    for (const field of ['homeOrgId', 'grant'] as const) {
      const body = (orgId: number) =>
        field === 'homeOrgId'
          ? { username: `probe_${orgId}`, displayName: '探测', homeOrgId: orgId }
          : { username: `probe_${orgId}`, displayName: '探测', homeOrgId: ids.danghu, grants: [{ role: 'worker', orgId }] };
      const sibling = await danghuAdmin.post('/api/users', body(ids.zhongdai));
      const missing = await danghuAdmin.post('/api/users', body(987654321));
      expect(sibling.statusCode, sibling.body).toBe(400);
      expect(sibling.json().error.fields).toEqual(missing.json().error.fields);
    }
  });
});

describe('lists never show a sibling town’s rows', () => {
  const zhongdaiIds = () => new Set(zhongdaiOrgs.map((o) => o.id));

  it('the roots of danghu_staff’s tree are 当湖 only', async () => {
    expect((await danghuStaff.get('/api/orgs/children')).json().items.map((o: Org) => o.id)).toEqual([ids.danghu]);
  });

  it('org search returns no 钟埭 org, by name, pinyin, credit code or unfiltered', async () => {
    const everything = (await danghuStaff.get('/api/orgs?pageSize=200')).json();
    expect(everything.items.length).toBeGreaterThan(0);
    expect(everything.total).toBe(everything.items.length);
    expect(everything.items.filter((o: Org) => zhongdaiIds().has(o.id))).toEqual([]);
    const shuntong = (await root.get(`/api/orgs/${ids.shuntong}`)).json();
    for (const q of ['钟埭', 'zhongdai', '顺通物流', shuntong.creditCode]) {
      const response = (await danghuStaff.get(`/api/orgs?q=${encodeURIComponent(q)}`)).json();
      expect(response, q).toMatchObject({ total: 0, items: [] });
      // The same search as root does find it: the query itself is fine.
      expect((await root.get(`/api/orgs?q=${encodeURIComponent(q)}`)).json().total, q).toBeGreaterThan(0);
    }
  });

  it('the user list (of the admin of 当湖) and the account picker (of its staff) return no 钟埭 user', async () => {
    const list = (await danghuAdmin.get('/api/users?pageSize=200')).json();
    expect(list.items.length).toBeGreaterThan(0);
    const usernames = list.items.map((u: User) => u.username);
    expect(usernames).toContain('danghu_staff');
    for (const user of zhongdaiUsers) expect(usernames).not.toContain(user.username);
    for (const q of ['zhongdai', '钟埭', 'shuntong', '13905731234']) {
      expect((await danghuAdmin.get(`/api/users?q=${encodeURIComponent(q)}`)).json(), q).toMatchObject({ total: 0, items: [] });
    }
    expect((await danghuAdmin.get(`/api/users?orgId=${ids.zhongdai}`)).json()).toMatchObject({ total: 0, items: [] });
    for (const q of ['zhongdai', '钟埭']) expect((await danghuStaff.get(`/api/users/pick?q=${encodeURIComponent(q)}`)).json(), q).toEqual({ items: [] });
  });

  it('the online sessions of an admin of 当湖 show no 钟埭 session', async () => {
    const { items } = (await danghuAdmin.get('/api/sessions')).json() as { items: { id: string; username: string }[] };
    expect(items.map((s) => s.username)).toContain('danghu_staff');
    expect(items.map((s) => s.username)).not.toContain('zhongdai_staff');
    expect(items.map((s) => s.id)).not.toContain(zhongdaiSessionId);
  });

  it('notifications are one’s own only', async () => {
    const { items } = (await danghuStaff.get('/api/notifications')).json() as { items: { id: number }[] };
    expect(items.map((n) => n.id)).not.toContain(zhongdaiNotificationId);
  });

  it('audit, login log and sessions need their permission: 403 for union staff', async () => {
    for (const url of ['/api/audit', '/api/login-log', '/api/sessions']) {
      const response = await danghuStaff.get(url);
      expect(response.statusCode, url).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN');
    }
  });

  it('an admin of 平湖 sees 平湖’s audit rows but none about orgs outside 平湖', async () => {
    const nanhu = await root.post('/api/orgs', { parentId: ids.jiaxing, name: '嘉兴市南湖区总工会', type: 'county', divisionCode: '330402' });
    expect(nanhu.statusCode, nanhu.body).toBe(201);
    const nanhuId = nanhu.json().id as number;
    const outside = new Set([1, ids.zhejiang, ids.jiaxing, nanhuId].map(String));

    const pinghuAdmin = await t.login('pinghu_admin', DEMO_PASSWORD);
    const { items, total } = (await pinghuAdmin.get('/api/audit?entityType=org&pageSize=200')).json() as { items: { entityId: string; summary: string }[]; total: number };
    expect(total).toBe(items.length);
    const seen = new Set(items.map((r) => r.entityId));
    for (const key of ['pinghu', 'danghu', 'zhongdai', 'jiada', 'shuntong']) expect(seen.has(String(ids[key])), key).toBe(true);
    expect(items.filter((r) => outside.has(r.entityId))).toEqual([]);
    expect((await pinghuAdmin.get(`/api/audit?entityId=${nanhuId}`)).json().total).toBe(0);
    expect((await pinghuAdmin.get(`/api/audit?q=${encodeURIComponent('南湖区')}`)).json().total).toBe(0);
    // …and no rows about users outside 平湖 either (the root admin's own creation).
    const userRows = (await pinghuAdmin.get('/api/audit?entityType=user&pageSize=200')).json().items as { entityId: string }[];
    expect(userRows.map((r) => r.entityId)).not.toContain(String(await userIdOf('admin')));
    expect(userRows.map((r) => r.entityId)).toContain(String(await userIdOf('danghu_staff')));

    // The root admin does see the row: the filter is scope, not a missing row.
    expect((await root.get(`/api/audit?entityId=${nanhuId}&entityType=org`)).json().total).toBe(1);
  });
});

/**
 * The generic walk: every route with an `:id` (or `:somethingId`) path
 * parameter, found in the running app (so routes added later are covered
 * automatically; a new collection fails until it has a fixture), is called
 * with ids of 钟埭 and must answer 404. Each route is also called on a 当湖
 * record by the admin of 当湖 with the same kind of body (or, for read-only
 * collections 当湖 cannot hold, on the same record by the root admin), which
 * must not be 404 or 400: so the 404 comes from scope, not from a bad body or
 * a broken route. Public routes (the workers' phone pages) are left out.
 */
describe('every route with an :id answers 404 for a sibling town’s record', () => {
  interface Route {
    method: string;
    url: string;
  }

  /** All routes of the app, parsed from the route tree Fastify prints (hidden routes included). */
  function routesOf(app: FastifyInstance): Route[] {
    const routes: Route[] = [];
    const prefixes: string[] = [];
    for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
      const match = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
      if (!match) continue;
      const depth = match[1].length / 4;
      const path = (depth > 0 ? prefixes[depth - 1] : '') + match[2];
      prefixes[depth] = path;
      prefixes.length = depth + 1;
      for (const method of match[3]?.split(', ') ?? []) if (method !== 'HEAD') routes.push({ method, url: path });
    }
    return routes;
  }

  type Schema = { type?: string; enum?: unknown[]; default?: unknown; properties?: Record<string, Schema>; required?: string[]; minimum?: number; minLength?: number; pattern?: string; anyOf?: Schema[]; oneOf?: Schema[]; nullable?: boolean; items?: Schema; minItems?: number };

  /** A minimal valid value for a JSON schema: required properties only; hints fill in fields by name. */
  function sample(schema: Schema, hints: Record<string, unknown>, name = ''): unknown {
    if (name in hints) return hints[name];
    if (name.endsWith('Id') && hints.anyOrgId !== undefined && (schema.type === 'integer' || schema.type === 'number')) return hints.anyOrgId;
    if (schema.default !== undefined) return schema.default;
    if (schema.enum) return schema.enum[0];
    const choice = schema.anyOf ?? schema.oneOf;
    if (choice) return sample(choice.find((s) => s.type !== 'null') ?? choice[0], hints, name);
    switch (schema.type) {
      case 'object':
        return Object.fromEntries(
          Object.keys(schema.properties ?? {})
            .filter((key) => schema.required?.includes(key) || key in hints)
            .map((key) => [key, sample(schema.properties![key], hints, key)]),
        );
      case 'array':
        return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items ?? {}, hints));
      case 'integer':
      case 'number':
        return Math.max(schema.minimum ?? 1, 1);
      case 'boolean':
        return false;
      case 'string':
        if (schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return '2025-06-03';
        return '测试'.padEnd(Math.max(schema.minLength ?? 2, 2), '试');
      default:
        return null;
    }
  }

  type Params = Record<string, string | number>;
  /** Routes every visitor may call without an account (the workers' phone pages): not scoped, checked separately. */
  const PUBLIC_PREFIX = '/api/public/';
  let spec: { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> }; parameters?: { in: string; name: string; required?: boolean; schema: Schema }[] }>> };
  /** A path parameter naming a record: `:id`, or `:somethingId`. */
  const ID_PARAM = /\/:(id|\w+Id)(?=\/|$)/;
  /** The collection an :id route acts on: its URL up to the first id, e.g. `/api/users` for `/api/users/:id/unlock`. */
  const resourceOf = (route: Route) => route.url.slice(0, route.url.search(ID_PARAM));
  /** Records of 钟埭 (and its users), by resource. */
  let sibling: Record<string, Params[]>;
  /**
   * One record of 当湖 per resource, which the admin of 当湖 may act on; or 'root' for a
   * collection 当湖 cannot hold (a town issues no bulletins): the root admin then repeats
   * the very request on the sibling record, which is allowed for GET routes only.
   */
  let control: Record<string, Params | 'root'>;
  let zhongdaiMembers: number[];
  let zhongdaiApplicationId: number;
  let zhongdaiTransferId: number;
  /** Body fields a resource's routes need to be meaningful (e.g. a workflow action), for both kinds of call. */
  const bodyHints: Record<string, Record<string, unknown>> = {
    '/api/members': { action: 'retain', input: { cause: 'retired' } },
    '/api/join-applications': { action: 'approve' },
    '/api/transfers': { action: 'confirm' },
    '/api/my/transfers': { action: 'cancel' },
    '/api/proposals': { action: 'start_review' },
    '/api/direct-line': { action: 'close' },
    '/api/mediation/cases': { action: 'add_note', input: { notes: '与职工电话沟通' } },
    // Distinct statements (a survey refuses the same one twice) and dates still ahead, so 发布 is possible.
    '/api/risk-signals': { action: 'take', input: { follower: '当湖街道工会 张敏' }, description: '职工反映工资迟发半个月。', reportedOn: '2026-01-05' },
    '/api/evaluations': { action: 'publish', questions: [{ text: '维权服务及时有效' }, { text: '会费使用公开透明' }], opensOn: '2026-12-01', closesOn: '2026-12-31' },
  };

  beforeAll(async () => {
    spec = (await root.get('/api/openapi.json')).json();

    const tempOrg = await root.post('/api/orgs', { parentId: ids.danghu, name: '当湖街道临时测试企业工会', type: 'grassroots' });
    expect(tempOrg.statusCode, tempOrg.body).toBe(201);
    const tempUser = await root.post('/api/users', { username: 'danghu_temp', displayName: '当湖 临时账号', homeOrgId: ids.danghu, grants: [{ role: 'representative', orgId: ids.danghu }] });
    expect(tempUser.statusCode, tempUser.body).toBe(201);
    const { client: sessionHolder } = await createAndSignIn('danghu_session', '当湖 在线账号', ids.danghu, []);
    expect((await sessionHolder.get('/api/auth/me')).statusCode).toBe(200);
    const sessions = (await root.get('/api/sessions')).json().items as { id: string; username: string }[];
    const danghuAdminId = await userIdOf('danghu_admin');
    await t.services.notifications.notify(t.database.db, [{ userId: danghuAdminId, kind: 'member', title: '当湖街道的待办' }]);
    const ownNotification = (await danghuAdmin.get('/api/notifications')).json().items[0].id as number;

    // Members, join applications and transfers of 钟埭 (handled by its staff) and of 当湖.
    const zhongdaiMember = await joinMember(zhongdaiStaff, ids.shuntong, newPerson('金晓东'));
    const zhongdaiMover = await joinMember(zhongdaiStaff, ids.shuntong, newPerson('沈丽娟'));
    const zhongdaiApplication = await applyToJoin(zhongdaiStaff, ids.hengli, newPerson('王志刚'));
    const zhongdaiTransfer = await requestTransfer(zhongdaiStaff, zhongdaiMover, ids.hengli);
    zhongdaiMembers = [zhongdaiMember, zhongdaiMover];
    zhongdaiApplicationId = zhongdaiApplication;
    zhongdaiTransferId = zhongdaiTransfer;
    const danghuMember = await joinMember(danghuAdmin, ids.jiada, newPerson('顾海峰'));
    const danghuMover = await joinMember(danghuAdmin, ids.jiada, newPerson('陆春燕'));
    const danghuApplication = await applyToJoin(danghuAdmin, ids.meiyi, newPerson('朱建华'));
    const danghuTransfer = await requestTransfer(danghuAdmin, danghuMover, ids.meiyi);
    // 我的会籍: the 当湖 admin's account belongs to a member of 当湖 who asked to move; another person's transfer is not theirs.
    const adminAsMember = newPerson('吕晓光');
    await joinMember(danghuAdmin, ids.jiada, adminAsMember);
    await t.database.db.update(users).set({ personHash: t.services.cipher.hashResidentId(adminAsMember.residentId) }).where(eq(users.username, 'danghu_admin'));
    const ownTransfer = await danghuAdmin.post('/api/my/transfers', { toOrgId: ids.meiyi });
    expect(ownTransfer.statusCode, ownTransfer.body).toBe(201);
    // Roster imports (previews) of a 钟埭 union and of a 当湖 union.
    const zhongdaiImport = await uploadRoster(zhongdaiStaff, ids.shuntong, '顺通花名册.csv', rosterCsv([newPerson('钱学森')]));
    expect(zhongdaiImport.statusCode, zhongdaiImport.body).toBe(201);
    const danghuImport = await uploadRoster(danghuAdmin, ids.jiada, '嘉达花名册.csv', rosterCsv([newPerson('邓稼先')]));
    // A text message about a 钟埭 union and one about a 当湖 union, both failed (the outbox's 重新发送).
    const failedMessage = async (orgId: number) => {
      const org = (await t.services.orgs.byId(orgId))!;
      const queued = await t.database.db.transaction((tx) =>
        t.services.sms.queue(tx, { phone: '13900001111', template: 'deadline_reminder', params: { subject: '测试', dueOn: '12月9日' }, org: { tenantId: org.tenantId, path: org.path } }),
      );
      await t.database.db.update(smsOutbox).set({ status: 'failed', attempts: 5, nextAttemptAt: null, error: '测试' }).where(eq(smsOutbox.id, queued!));
      return queued!;
    };
    const zhongdaiMessage = await failedMessage(ids.shuntong);
    const danghuMessage = await failedMessage(ids.jiada);
    expect(danghuImport.statusCode, danghuImport.body).toBe(201);

    // A bulletin of 嘉兴 (only county and city federations issue them), which ranks counties: outside 当湖 too.
    // (平湖's bulletins rank 当湖 and 钟埭 alike and are circulated to both: 当湖 reads them.)
    const bulletin = await root.post('/api/member-reports/bulletins', { orgId: ids.jiaxing, periodEnd: '2026-03-15' });
    expect(bulletin.statusCode, bulletin.body).toBe(201);

    // A submitted proposal of each town, by a representative there; a handler unit of each town with its account.
    const proposalBy = async (username: string, orgId: number, title: string) => {
      const { client } = await createAndSignIn(username, `${title.slice(0, 2)} 会员代表`, orgId, [{ role: 'representative', orgId }]);
      const created = await client.post('/api/proposals', { title, field: 'welfare', reasons: '街道辖区内骑手午间没有歇脚和充电的地方。', suggestions: '请在辖区内增设职工驿站。' });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as number;
      expect((await client.post(`/api/proposals/${id}/actions`, { action: 'submit' })).statusCode).toBe(204);
      // A photo of the place, attached while it is still editable.
      const { payload, contentType } = await multipartBody({}, { name: '现场.png', content: stationPhoto() });
      const attached = await client.request({ method: 'POST', url: `/api/proposals/${id}/attachments`, payload, headers: { 'content-type': contentType } });
      expect(attached.statusCode, attached.body).toBe(201);
      return { id, attachmentId: attached.json().id as number };
    };
    const zhongdaiProposal = await proposalBy('zhongdai_rep', ids.zhongdai, '钟埭街道增设骑手驿站');
    const danghuProposal = await proposalBy('danghu_rep', ids.danghu, '当湖街道增设骑手驿站');
    const unitOf = async (registrar: TestClient, username: string, orgId: number, name: string) => {
      const { user } = await createAndSignIn(username, `${name} 账号`, orgId, [{ role: 'handler', orgId }]);
      const unit = await registrar.post('/api/handler-units', { orgId, name, kind: 'government' });
      expect(unit.statusCode, unit.body).toBe(201);
      const added = await registrar.post(`/api/handler-units/${unit.json().id}/accounts`, { userId: user.id });
      expect(added.statusCode, added.body).toBe(200);
      return { id: unit.json().id as number, userId: user.id };
    };
    // A 零距离 request of each town, from a worker there to the representative above (by name: the towns' staff get no notice).
    const requestBy = async (username: string, orgId: number, representative: string) => {
      const { client } = await createAndSignIn(username, `${username} 职工`, orgId, [{ role: 'worker', orgId }]);
      const created = await client.post('/api/direct-line', { representativeUserId: await userIdOf(representative), subject: '驿站饮水机坏了', category: 'workplace', text: '驿站的饮水机坏了一个星期，中午没有热水喝。' });
      expect(created.statusCode, created.body).toBe(201);
      return created.json().id as number;
    };
    const zhongdaiRequest = await requestBy('zhongdai_worker', ids.shuntong, 'zhongdai_rep');
    const danghuRequest = await requestBy('danghu_worker', ids.jiada, 'danghu_rep');
    const zhongdaiUnit = await unitOf(root, 'zhongdai_handler', ids.zhongdai, '钟埭街道社会事务办公室');
    const danghuUnit = await unitOf(danghuAdmin, 'danghu_handler', ids.danghu, '当湖街道社会事务办公室');
    bodyHints['/api/handler-units'] = { userId: danghuUnit.userId };
    // A 会员评家 survey of each town, drafted by its staff.
    const surveyBy = async (staff: TestClient, orgId: number, title: string) => {
      const created = await staff.post('/api/evaluations', { orgId, title, period: '2026年度', ...bodyHints['/api/evaluations'] });
      expect(created.statusCode, created.body).toBe(201);
      return created.json().id as number;
    };
    const zhongdaiSurvey = await surveyBy(zhongdaiStaff, ids.zhongdai, '钟埭街道2026年度会员评家');
    const danghuSurvey = await surveyBy(danghuAdmin, ids.danghu, '当湖街道2026年度会员评家');
    // A review group of each town (its representative and two more) with a congress session reviewed by it.
    const reviewBy = async (staff: TestClient, town: 'zhongdai' | 'danghu') => {
      const members = [await userIdOf(`${town}_rep`)];
      let representative: TestClient | undefined;
      for (const n of [1, 2]) {
        const created = await createAndSignIn(`${town}_rep${n}`, `${town} 会员代表${n}`, ids[town], [{ role: 'representative', orgId: ids[town] }]);
        members.push(created.user.id);
        representative = created.client;
      }
      const group = await staff.post('/api/review-groups', { orgId: ids[town], name: '提案审议小组', quorum: 2, memberUserIds: members });
      expect(group.statusCode, group.body).toBe(201);
      const session = await staff.post('/api/congress-sessions', { orgId: ids[town], name: '第一届职工代表大会第一次会议', collectFrom: '2026-01-01', collectUntil: '2026-12-31', minCosigners: 1, reviewGroupId: group.json().id });
      expect(session.statusCode, session.body).toBe(201);
      return { group: group.json().id as number, session: session.json().id as number, representative: representative! };
    };
    const zhongdaiReview = await reviewBy(zhongdaiStaff, 'zhongdai');
    const danghuReview = await reviewBy(danghuAdmin, 'danghu');
    // A 职工事大家议 topic of each town, opened by its staff, with a poll and a representative's comment.
    const topicBy = async (staff: TestClient, orgId: number, commenter: TestClient) => {
      const poll = { question: '驿站几点开门最方便？', maxChoices: 1, options: ['早上七点', '早上八点'] };
      const created = await staff.post('/api/discussions', { orgId, title: '驿站开放时间征求意见', body: '请大家说说驿站每天几点开门、几点关门最方便。', opensOn: '2026-01-01', closesOn: '2026-12-31', polls: [poll] });
      expect(created.statusCode, created.body).toBe(201);
      const comment = await commenter.post(`/api/discussions/${created.json().id}/comments`, { body: '建议早上七点开门，早班骑手用得上。' });
      expect(comment.statusCode, comment.body).toBe(201);
      return { id: created.json().id as number, pollId: created.json().polls[0].id as number, commentId: comment.json().id as number };
    };
    const zhongdaiTopic = await topicBy(zhongdaiStaff, ids.zhongdai, zhongdaiReview.representative);
    const danghuTopic = await topicBy(danghuAdmin, ids.danghu, danghuReview.representative);
    // An enterprise of each town's (a joint union's for 当湖) with a risk signal.
    const enterpriseBy = async (staff: TestClient, orgId: number, orgCode: string) => {
      const creditCode = `91330482${orgCode}${computeCreditCodeCheckChar(`91330482${orgCode}`)}`;
      const created = await staff.post('/api/enterprises', { orgId, name: `${orgCode} 有限公司`, creditCode, hasUnion: false });
      expect(created.statusCode, created.body).toBe(201);
      const signal = await staff.post(`/api/enterprises/${created.json().id}/signals`, { kind: 'wage_arrears', level: 'blue', source: 'visit', description: '职工反映工资迟发半个月。', workersAffected: 5, reportedOn: '2026-01-05' });
      expect(signal.statusCode, signal.body).toBe(201);
      return { id: created.json().id as number, creditCode, signalId: signal.json().id as number };
    };
    const zhongdaiEnterprise = await enterpriseBy(zhongdaiStaff, ids.zhongdai, 'MA2YD0001');
    const danghuEnterprise = await enterpriseBy(danghuAdmin, ids.danghu_park, 'MA2DH0001');
    bodyHints['/api/enterprises'] = { creditCode: danghuEnterprise.creditCode, reportedOn: '2026-01-05', visitedOn: '2026-01-05', description: '职工反映工资迟发半个月。', findings: '工资发放台账齐全。', summary: '重点关注工资发放。', measures: '每月走访一次。', basedOn: 0 };
    // A 连心舱 studio of each town with a volunteer on its team, on duty every morning, but for one day cancelled.
    const studioBy = async (staff: TestClient, orgId: number) => {
      const created = await staff.post('/api/mediation/studios', { orgId, name: '连心舱劳动争议调解工作室' });
      expect(created.statusCode, created.body).toBe(201);
      const studio = `/api/mediation/studios/${created.json().id}`;
      const member = await staff.post(`${studio}/members`, { role: 'volunteer', name: '志愿者甲' });
      expect(member.statusCode, member.body).toBe(200);
      const memberId = member.json().members[0].id as number;
      const rule = await staff.post(`${studio}/duty-rules`, { memberId, recurrence: 'weekly', weekdays: [1, 2, 3, 4, 5, 6, 7], slot: 'morning', validFrom: '2026-01-01', onRestDays: true });
      expect(rule.statusCode, rule.body).toBe(201);
      const exception = await staff.post(`${studio}/duty-exceptions`, { ruleId: rule.json().id, day: '2026-12-08', kind: 'cancel', reason: '志愿者请假' });
      expect(exception.statusCode, exception.body).toBe(201);
      const opened = await staff.post('/api/mediation/cases', {
        studioId: created.json().id,
        source: 'consultation',
        subject: '职工追索拖欠工资',
        facts: '职工反映单位拖欠两个月工资，请求调解。',
        enterpriseName: '某某制衣有限公司',
        workers: [{ name: '职工甲' }],
        claims: [{ type: 'wages', amount: 800_000 }],
      });
      expect(opened.statusCode, opened.body).toBe(201);
      return { id: created.json().id as number, memberId, ruleId: rule.json().id as number, exceptionId: exception.json().id as number, caseId: opened.json().id as number };
    };
    const zhongdaiStudio = await studioBy(zhongdaiStaff, ids.zhongdai);
    const danghuStudio = await studioBy(danghuAdmin, ids.danghu);
    const noticeBy = async (staff: TestClient, orgId: number) => {
      const created = await staff.post('/api/notices', { orgId, title: '关于报送年度工作总结的通知', body: '请于月底前报送。' });
      expect(created.statusCode, created.body).toBe(201);
      return created.json().id as number;
    };
    const zhongdaiNotice = await noticeBy(zhongdaiStaff, ids.zhongdai);
    const danghuNotice = await noticeBy(danghuAdmin, ids.danghu);
    // A payroll naming the union's member (commits), and an activity today (its check-in code is for the day).
    const duesBy = async (staff: TestClient, orgId: number, membershipId: number) => {
      const member = (await staff.get(`/api/members/${membershipId}`)).json() as { name: string; cardNo: string };
      const { payload, contentType } = await multipartBody({}, { name: '工资表.csv', content: `姓名,会员证号,应发工资\n${member.name},${member.cardNo},5000\n` });
      const payroll = await staff.request({ method: 'POST', url: `/api/dues/imports?orgId=${orgId}&month=${beijingToday().slice(0, 7)}`, payload, headers: { 'content-type': contentType } });
      expect(payroll.statusCode, payroll.body).toBe(201);
      const activity = await staff.post('/api/activities', { orgId, title: '职工读书会', heldOn: beijingToday(), place: '职工之家' });
      expect(activity.statusCode, activity.body).toBe(201);
      return { importId: payroll.json().id as number, activityId: activity.json().id as number };
    };
    const zhongdaiDues = await duesBy(zhongdaiStaff, ids.shuntong, zhongdaiMember);
    const danghuDues = await duesBy(danghuAdmin, ids.jiada, danghuMember);
    bodyHints['/api/activities'] = { membershipIds: [danghuMember] };
    // A new duty rule (a full day, unlike the morning rule above) and an exception on another day of that rule.
    bodyHints['/api/mediation/studios'] = { memberId: danghuStudio.memberId, weekdays: [3], validFrom: '2026-12-01', ruleId: danghuStudio.ruleId, day: '2026-12-09' };

    sibling = {
      '/api/proposals': [zhongdaiProposal],
      '/api/direct-line': [{ id: zhongdaiRequest }],
      '/api/enterprises': [{ id: zhongdaiEnterprise.id }],
      '/api/risk-signals': [{ id: zhongdaiEnterprise.signalId }],
      '/api/evaluations': [{ id: zhongdaiSurvey }],
      '/api/review-groups': [{ id: zhongdaiReview.group }],
      '/api/congress-sessions': [{ id: zhongdaiReview.session }],
      '/api/discussions': [zhongdaiTopic],
      '/api/mediation/studios': [zhongdaiStudio],
      '/api/mediation/cases': [{ id: zhongdaiStudio.caseId }],
      '/api/handler-units': [zhongdaiUnit],
      '/api/member-reports/bulletins': [{ id: bulletin.json().id }],
      '/api/orgs': zhongdaiOrgs.map((o) => ({ id: o.id })),
      '/api/users': zhongdaiUsers.map((u) => ({ id: u.id, grantId: u.grants[0].id })),
      '/api/notifications': [{ id: zhongdaiNotificationId }],
      '/api/sessions': [{ id: zhongdaiSessionId }],
      '/api/members': [{ id: zhongdaiMember }, { id: zhongdaiMover }],
      '/api/join-applications': [{ id: zhongdaiApplication }],
      '/api/transfers': [{ id: zhongdaiTransfer }],
      '/api/my/transfers': [{ id: zhongdaiTransfer }],
      '/api/member-imports': [{ id: zhongdaiImport.json().id }],
      '/api/sms/outbox': [{ id: zhongdaiMessage }],
      '/api/notices': [{ id: zhongdaiNotice }],
      '/api/dues/rules': [{ id: ids.shuntong }],
      '/api/dues/imports': [{ id: zhongdaiDues.importId }],
      '/api/activities': [{ id: zhongdaiDues.activityId }],
    };
    control = {
      '/api/proposals': danghuProposal,
      '/api/direct-line': { id: danghuRequest },
      '/api/enterprises': { id: danghuEnterprise.id },
      '/api/risk-signals': { id: danghuEnterprise.signalId },
      '/api/evaluations': { id: danghuSurvey },
      '/api/review-groups': { id: danghuReview.group },
      '/api/congress-sessions': { id: danghuReview.session },
      '/api/discussions': danghuTopic,
      '/api/mediation/studios': danghuStudio,
      '/api/mediation/cases': { id: danghuStudio.caseId },
      '/api/handler-units': danghuUnit,
      '/api/member-reports/bulletins': 'root',
      '/api/orgs': { id: tempOrg.json().id },
      '/api/users': { id: tempUser.json().user.id, grantId: tempUser.json().user.grants[0].id },
      '/api/notifications': { id: ownNotification },
      '/api/sessions': { id: sessions.find((s) => s.username === 'danghu_session')!.id },
      '/api/members': { id: danghuMember },
      '/api/join-applications': { id: danghuApplication },
      '/api/transfers': { id: danghuTransfer },
      '/api/my/transfers': { id: ownTransfer.json().id },
      '/api/member-imports': { id: danghuImport.json().id },
      '/api/sms/outbox': { id: danghuMessage },
      '/api/notices': { id: danghuNotice },
      '/api/dues/rules': { id: ids.jiada },
      '/api/dues/imports': { id: danghuDues.importId },
      '/api/activities': { id: danghuDues.activityId },
    };
    // A record of every resource of two towns, made through the API: longer than a hook's default minute on a busy machine.
  }, 240_000);

  /** The request for a route and a record: path params filled in, a valid body built from the route's schema. */
  async function requestFor(route: Route, params: Params) {
    const resource = resourceOf(route);
    const url = route.url.replace(/:(\w+)/g, (_, name: string) => {
      if (!(name in params)) throw new Error(`${route.method} ${route.url}: no value for :${name} in the ${resource} fixture`);
      return String(params[name]);
    });
    const operation = spec.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
    // The record's current version, read as root, so that a version check can never be what refuses.
    const current = await root.get(`${resource}/${params[ID_PARAM.exec(route.url)![1]]}`);
    const hints: Record<string, unknown> = { anyOrgId: ids.danghu_park, version: current.statusCode === 200 ? (current.json().version ?? 1) : 1, ...bodyHints[resource] };
    const query = (operation?.parameters ?? [])
      .filter((p) => p.in === 'query' && p.required)
      .map((p) => `${p.name}=${encodeURIComponent(String(sample(p.schema, hints, p.name)))}`)
      .join('&');
    const bodySchema = operation?.requestBody?.content['application/json']?.schema;
    return {
      method: route.method as 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
      url: query ? `${url}?${query}` : url,
      ...(bodySchema ? { payload: sample(bodySchema, hints) as object } : route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
    };
  }

  /** Each walk calls every :id route, a hundred and growing with the modules: more than a test's default half-minute on a loaded machine. */
  const WALK_TIMEOUT = 120_000;
  const idRoutes = () => routesOf(t.app).filter((r) => r.url.startsWith('/api/') && !r.url.startsWith(PUBLIC_PREFIX) && ID_PARAM.test(r.url));

  it('finds the routes: every documented operation is in the route table, and the :id routes include the known ones', () => {
    const routes = routesOf(t.app);
    const keys = new Set(routes.map((r) => `${r.method} ${r.url}`));
    for (const [path, operations] of Object.entries(spec.paths)) {
      for (const method of Object.keys(operations)) expect(keys.has(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`), `${method} ${path}`).toBe(true);
    }
    const withId = idRoutes().map((r) => `${r.method} ${r.url}`);
    expect(withId).toEqual(
      expect.arrayContaining([
        'GET /api/orgs/:id',
        'PATCH /api/orgs/:id',
        'POST /api/orgs/:id/move',
        'POST /api/orgs/:id/deactivate',
        'POST /api/orgs/:id/reactivate',
        'GET /api/users/:id',
        'PATCH /api/users/:id',
        'POST /api/users/:id/reset-password',
        'POST /api/users/:id/unlock',
        'POST /api/users/:id/grants',
        'DELETE /api/users/:id/grants/:grantId',
        'POST /api/notifications/:id/read',
        'DELETE /api/sessions/:id',
      ]),
    );
  });

  it('the routes left out as public answer a visitor without an account', async () => {
    const publicRoutes = routesOf(t.app).filter((r) => r.url.startsWith(PUBLIC_PREFIX) && ID_PARAM.test(r.url));
    for (const route of publicRoutes) {
      const url = route.url.replace(/:tenantId/g, String(ids.pinghu)).replace(/:(id|\w+Id)\b/g, String(ids.shuntong)).replace(/:\w+/g, 'A'.repeat(16));
      const response = await t.app.inject({ method: route.method as 'GET', url });
      expect(response.statusCode, `${route.method} ${route.url}: ${response.body}`).not.toBe(401);
    }
  });

  it('every :id route has a 钟埭 fixture (add one when adding a resource)', () => {
    const missing = [...new Set(idRoutes().map(resourceOf))].filter((resource) => !sibling[resource] || !control[resource]);
    expect(missing, 'resources with :id routes but no sibling-town fixture in scope.test.ts').toEqual([]);
  });

  it('the admin of 当湖 (every permission, scope 当湖) gets 404 for every 钟埭 record on every :id route', async () => {
    const failures: string[] = [];
    for (const route of idRoutes()) {
      for (const params of sibling[resourceOf(route)] ?? []) {
        const request = await requestFor(route, params);
        const response = await danghuAdmin.request(request);
        if (response.statusCode !== 404 || response.json().error?.code !== 'NOT_FOUND') {
          failures.push(`${request.method} ${request.url} ${JSON.stringify(request.payload ?? null)} → ${response.statusCode} ${response.body}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, WALK_TIMEOUT);

  it('danghu_staff gets 404 for every 钟埭 org on every :id route, and never an answer that depends on the record elsewhere', async () => {
    // DESIGN §6 names orgs and users. Orgs are 404 whatever the staff's permissions; accounts are now the
    // administrators' only, so staff get the same 403 for any account (the admin of 当湖 gets the 404s above).
    // For those and other resources a 403 is acceptable only when the staff lacks the permission everywhere,
    // i.e. when the same 403 comes back for an id that does not exist: such an answer tells nothing.
    const strict = new Set(['/api/orgs']);
    const failures: string[] = [];
    for (const route of idRoutes()) {
      const resource = resourceOf(route);
      for (const params of sibling[resource] ?? []) {
        const request = await requestFor(route, params);
        const response = await danghuStaff.request(request);
        if (response.statusCode === 404 && response.json().error?.code === 'NOT_FOUND') continue;
        if (!strict.has(resource) && response.statusCode === 403) {
          const missingParams = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' ? 2_000_000_000 : v.replace(/./g, 'f')]));
          const missing = await danghuStaff.request(await requestFor(route, missingParams));
          if (missing.statusCode === 403 && missing.body === response.body) continue;
        }
        failures.push(`${request.method} ${request.url} ${JSON.stringify(request.payload ?? null)} → ${response.statusCode} ${response.body}`);
      }
    }
    expect(failures).toEqual([]);
  }, WALK_TIMEOUT);

  it('the same requests on a 当湖 record (or as root) are accepted: the 404s above come from scope', async () => {
    const failures: string[] = [];
    for (const route of idRoutes()) {
      const params = control[resourceOf(route)];
      if (!params) continue;
      if (params === 'root' && route.method !== 'GET') {
        failures.push(`${route.method} ${route.url}: a root control only suits GET routes; give the fixture a 当湖 record`);
        continue;
      }
      const request = await requestFor(route, params === 'root' ? sibling[resourceOf(route)][0] : params);
      const response = await (params === 'root' ? root : danghuAdmin).request(request);
      if (response.statusCode === 404 || response.statusCode === 400 || response.statusCode >= 500) {
        failures.push(`${request.method} ${request.url} ${JSON.stringify(request.payload ?? null)} → ${response.statusCode} ${response.body}`);
      }
    }
    expect(failures).toEqual([]);
  }, WALK_TIMEOUT);

  it('the 钟埭 records are unchanged after the walk', async () => {
    for (const org of zhongdaiOrgs) expect((await root.get(`/api/orgs/${org.id}`)).json(), org.name).toMatchObject({ version: org.version, active: true, path: org.path });
    for (const user of zhongdaiUsers) expect((await root.get(`/api/users/${user.id}`)).json(), user.username).toMatchObject({ version: user.version, active: true, grants: user.grants });
    expect((await zhongdaiStaff.get('/api/auth/me')).statusCode).toBe(200);
    // Still unread (public applications the walk sent to 钟埭's unions ring its bell, rightly, so the count moves).
    const notices = (await zhongdaiStaff.get('/api/notifications?pageSize=100')).json().items as { id: number; readAt: string | null }[];
    expect(notices.find((n) => n.id === zhongdaiNotificationId)).toMatchObject({ readAt: null });
    for (const id of zhongdaiMembers) expect((await zhongdaiStaff.get(`/api/members/${id}`)).json()).toMatchObject({ status: 'active', version: 1 });
    const pending = (await zhongdaiStaff.get('/api/join-applications?state=pending')).json().items as { id: number }[];
    expect(pending.map((a) => a.id)).toContain(zhongdaiApplicationId);
    const open = (await zhongdaiStaff.get('/api/transfers?state=requested')).json().items as { id: number }[];
    expect(open.map((tr) => tr.id)).toContain(zhongdaiTransferId);
  });
});
