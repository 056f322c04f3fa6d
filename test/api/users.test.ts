import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemo } from '../../src/server/demo/load.js';
import { ADMIN, createTestApp, type TestApp, type TestClient } from '../support/app.js';

/**
 * Staff account administration: creation with a one-time password, the
 * first-login password change, validation, versions, disabling, resetting,
 * unlocking, grants, listing and the audit trail of every change.
 */

let t: TestApp;
let ids: Record<string, number>;
let admin: TestClient;
let pinghuAdmin: TestClient;

type Grant = { id: number; role: string; roleLabel: string; orgId: number; orgName: string };
type User = {
  id: number;
  username: string;
  displayName: string;
  phone: string | null;
  active: boolean;
  homeOrgId: number;
  homeOrgName: string;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  version: number;
  grants: Grant[];
};

const fieldsOf = (response: { json(): any }) => (response.json().error?.fields ?? []).map((f: { field: string }) => f.field);

async function createUser(client: TestClient, body: Record<string, unknown>): Promise<{ user: User; oneTimePassword: string }> {
  const response = await client.post('/api/users', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const getUser = async (id: number): Promise<User> => {
  const response = await admin.get(`/api/users/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

const userIdOf = async (username: string) => ((await admin.get(`/api/users?q=${username}`)).json().items as User[]).find((u) => u.username === username)!.id;

/** Sign in and set a password of our own, as a new user must. */
async function signInFirstTime(username: string, oneTimePassword: string, newPassword = 'Xinmima2026ok') {
  const client = await t.login(username, oneTimePassword);
  expect((await client.post('/api/auth/password', { currentPassword: oneTimePassword, newPassword })).statusCode).toBe(204);
  return client;
}

const loginStatus = async (username: string, password: string) =>
  (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })).statusCode;

const auditActions = async (userId: number) =>
  ((await admin.get(`/api/audit?entityType=user&entityId=${userId}&pageSize=200`)).json().items as { action: string; summary: string; actorName: string; before: unknown; after: unknown }[]);

/** Every route of the app, from Fastify's printed route tree. */
function allRoutes(): { method: string; url: string }[] {
  const routes: { method: string; url: string }[] = [];
  const prefixes: string[] = [];
  for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
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

beforeAll(async () => {
  t = await createTestApp();
  ids = await loadDemo(t.database.db, t.services);
  admin = await t.login(ADMIN.username, ADMIN.password);
  pinghuAdmin = await t.login('pinghu_admin', DEMO_PASSWORD);
});
afterAll(() => t.close());

describe('creating a user', () => {
  let created: { user: User; oneTimePassword: string };

  it('returns the user with its grants and a one-time password', async () => {
    created = await createUser(pinghuAdmin, {
      username: 'caoqiao_staff',
      displayName: '曹桥街道工会 干事',
      homeOrgId: ids.caoqiao,
      phone: '138 0573 1234',
      grants: [
        { role: 'union_staff', orgId: ids.caoqiao },
        { role: 'leader', orgId: ids.caoqiao_textile },
      ],
    });
    expect(created.oneTimePassword).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(created.user).toMatchObject({
      username: 'caoqiao_staff',
      displayName: '曹桥街道工会 干事',
      homeOrgId: ids.caoqiao,
      homeOrgName: '曹桥街道总工会',
      phone: '13805731234',
      active: true,
      mustChangePassword: true,
      version: 1,
    });
    expect(created.user.grants.map((g) => [g.role, g.orgId, g.roleLabel])).toEqual([
      ['union_staff', ids.caoqiao, '工会工作人员'],
      ['leader', ids.caoqiao_textile, '领导'],
    ]);
    expect(await getUser(created.user.id)).toEqual(created.user);
  });

  it('the new user signs in with it and must change the password first', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'caoqiao_staff', password: created.oneTimePassword } });
    expect(login.statusCode).toBe(200);
    expect(login.json().user).toMatchObject({ username: 'caoqiao_staff', mustChangePassword: true, homeOrgId: ids.caoqiao });
  });

  it('until then every API but me, password, logout and unread-count answers 403', async () => {
    const client = await t.login('caoqiao_staff', created.oneTimePassword);
    const allowed = new Set(['GET /api/auth/me', 'POST /api/auth/password', 'POST /api/auth/logout', 'GET /api/notifications/unread-count']);
    const routes = allRoutes().filter((r) => r.url.startsWith('/api/') && !allowed.has(`${r.method} ${r.url}`));
    expect(routes.length).toBeGreaterThan(25);
    const leaks: string[] = [];
    for (const route of routes) {
      const url = route.url.replace(/:date/g, '2025-10-01').replace(/:\w+/g, '1').replace(/\*$/, 'index.html');
      const response = await client.request({ method: route.method as 'GET', url, ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }) });
      const error = response.statusCode === 403 ? response.json().error : null;
      if (!error || error.code !== 'FORBIDDEN' || error.fields?.[0]?.reason !== 'PASSWORD_CHANGE_REQUIRED') leaks.push(`${route.method} ${url} → ${response.statusCode}`);
    }
    expect(leaks).toEqual([]);

    const me = await client.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.mustChangePassword).toBe(true);
    expect((await client.get('/api/notifications/unread-count')).statusCode).toBe(200);

    // A weak or unchanged password is refused; a good one opens the rest of the API.
    const weak = await client.post('/api/auth/password', { currentPassword: created.oneTimePassword, newPassword: '12345678' });
    expect(weak.statusCode).toBe(400);
    expect(fieldsOf(weak)).toEqual(['newPassword']);
    expect((await client.post('/api/auth/password', { currentPassword: created.oneTimePassword, newPassword: 'Caoqiao2026ok' })).statusCode).toBe(204);
    expect((await client.get('/api/auth/me')).json().user.mustChangePassword).toBe(false);
    expect((await client.get(`/api/orgs/${ids.caoqiao}`)).statusCode).toBe(200);
    expect((await client.get('/api/orgs?pageSize=200')).json().items.map((o: { id: number }) => o.id).sort((a: number, b: number) => a - b)).toEqual(
      [ids.caoqiao, ids.caoqiao_textile].sort((a, b) => a - b),
    );
    expect(await loginStatus('caoqiao_staff', created.oneTimePassword)).toBe(401);
    expect(await loginStatus('caoqiao_staff', 'Caoqiao2026ok')).toBe(200);
  });

  it('refuses a username already taken, whatever its case, naming `username`', async () => {
    for (const username of ['CAOQIAO_STAFF', 'Pinghu_Staff', 'admin']) {
      const response = await admin.post('/api/users', { username, displayName: '重名', homeOrgId: ids.pinghu });
      expect(response.statusCode, username).toBe(400);
      expect(fieldsOf(response)).toEqual(['username']);
    }
    const badChars = await admin.post('/api/users', { username: '张三 zhang', displayName: '张三', homeOrgId: ids.pinghu });
    expect(badChars.statusCode).toBe(400);
    expect(fieldsOf(badChars)).toEqual(['username']);
  });

  it('refuses an invalid mobile number, naming `phone`', async () => {
    for (const phone of ['12345678901', '1380573123', '0573-85123456']) {
      const response = await admin.post('/api/users', { username: 'bad_phone', displayName: '手机号错误', homeOrgId: ids.pinghu, phone });
      expect(response.statusCode, phone).toBe(400);
      expect(fieldsOf(response)).toEqual(['phone']);
    }
  });

  it('refuses a home org or a grant outside the admin’s scope', async () => {
    const home = await pinghuAdmin.post('/api/users', { username: 'jiaxing_one', displayName: '嘉兴 某人', homeOrgId: ids.jiaxing });
    expect(home.statusCode).toBe(400);
    expect(fieldsOf(home)).toEqual(['homeOrgId']);
    const grant = await pinghuAdmin.post('/api/users', { username: 'jiaxing_two', displayName: '嘉兴 某人', homeOrgId: ids.pinghu, grants: [{ role: 'leader', orgId: ids.jiaxing }] });
    expect(grant.statusCode).toBe(400);
    expect(fieldsOf(grant)).toEqual(['grants.0.orgId']);
    // Nothing was created by the refused requests.
    expect((await admin.get('/api/users?q=jiaxing_')).json().total).toBe(0);
  });

  it('needs users.manage: union staff and leaders may not create users', async () => {
    const staff = await t.login('pinghu_staff', DEMO_PASSWORD);
    expect((await staff.post('/api/users', { username: 'by_staff', displayName: '工作人员建的', homeOrgId: ids.pinghu })).statusCode).toBe(403);
    const leader = await t.login('pinghu_leader', DEMO_PASSWORD);
    expect((await leader.get('/api/users')).statusCode).toBe(403);
  });
});

describe('editing a user', () => {
  it('saves with the current version and refuses a stale one with 409', async () => {
    const id = await userIdOf('rsj_handler');
    const before = await getUser(id);
    const saved = await pinghuAdmin.patch(`/api/users/${id}`, { version: before.version, displayName: '平湖市人社局 劳动监察', phone: '13905730001' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ displayName: '平湖市人社局 劳动监察', phone: '13905730001', version: before.version + 1 });
    const stale = await pinghuAdmin.patch(`/api/users/${id}`, { version: before.version, displayName: '被覆盖' });
    expect(stale.statusCode).toBe(409);
    expect((await getUser(id)).displayName).toBe('平湖市人社局 劳动监察');
    expect((await pinghuAdmin.patch(`/api/users/${id}`, { version: before.version + 1, phone: '110' })).statusCode).toBe(400);
  });

  it('grants and revokes roles, only at orgs in the admin’s scope', async () => {
    const id = await userIdOf('fan_haizhu');
    const granted = await pinghuAdmin.post(`/api/users/${id}/grants`, { role: 'union_staff', orgId: ids.danghu_park });
    expect(granted.statusCode, granted.body).toBe(200);
    const grant = (granted.json() as User).grants.find((g) => g.role === 'union_staff')!;
    expect(grant).toMatchObject({ orgId: ids.danghu_park, orgName: '当湖街道小微企业园联合工会' });
    expect((await pinghuAdmin.post(`/api/users/${id}/grants`, { role: 'union_staff', orgId: ids.danghu_park })).statusCode).toBe(409);

    const outside = await pinghuAdmin.post(`/api/users/${id}/grants`, { role: 'leader', orgId: ids.jiaxing });
    expect(outside.statusCode).toBe(400);
    expect(fieldsOf(outside)).toEqual(['orgId']);

    const revoked = await pinghuAdmin.delete(`/api/users/${id}/grants/${grant.id}`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect((revoked.json() as User).grants.map((g) => g.id)).not.toContain(grant.id);
    expect((await pinghuAdmin.delete(`/api/users/${id}/grants/${grant.id}`)).statusCode).toBe(404);
  });

  it('a new grant takes effect on the user’s next request', async () => {
    const id = await userIdOf('chen_jie');
    const worker = await t.login('chen_jie', DEMO_PASSWORD);
    // Finding accounts to link is union staff's (users.pick); the account list stays the administrators'.
    expect((await worker.get('/api/users/pick?q=chen')).statusCode).toBe(403);
    await pinghuAdmin.post(`/api/users/${id}/grants`, { role: 'union_staff', orgId: ids.rider_station });
    expect((await worker.get('/api/users/pick?q=chen')).statusCode).toBe(200);
    expect((await worker.get('/api/users')).statusCode).toBe(403);
  });
});

describe('disabling, resetting and unlocking', () => {
  it('disabling a user ends their sessions and refuses their sign-in; enabling restores it', async () => {
    const { user, oneTimePassword } = await createUser(pinghuAdmin, { username: 'xincang_staff', displayName: '新仓镇工会 干事', homeOrgId: ids.xincang, grants: [{ role: 'union_staff', orgId: ids.xincang }] });
    const client = await signInFirstTime('xincang_staff', oneTimePassword);
    const other = await t.login('xincang_staff', 'Xinmima2026ok');
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);

    const disabled = await pinghuAdmin.patch(`/api/users/${user.id}`, { version: user.version, active: false });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json().active).toBe(false);
    for (const session of [client, other]) {
      const response = await session.get('/api/auth/me');
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHENTICATED');
    }
    expect(await loginStatus('xincang_staff', 'Xinmima2026ok')).toBe(403);
    expect((await pinghuAdmin.get('/api/users?active=false')).json().items.map((u: User) => u.username)).toContain('xincang_staff');

    const enabled = await pinghuAdmin.patch(`/api/users/${user.id}`, { version: disabled.json().version, active: true });
    expect(enabled.statusCode).toBe(200);
    expect(await loginStatus('xincang_staff', 'Xinmima2026ok')).toBe(200);
  });

  it('resetting the password gives a new one-time password and ends the sessions', async () => {
    const id = await userIdOf('xincang_staff');
    const client = await t.login('xincang_staff', 'Xinmima2026ok');
    const reset = await pinghuAdmin.post(`/api/users/${id}/reset-password`);
    expect(reset.statusCode, reset.body).toBe(200);
    const { oneTimePassword } = reset.json();
    expect(oneTimePassword).toMatch(/^[A-Za-z0-9]{12}$/);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
    expect(await loginStatus('xincang_staff', 'Xinmima2026ok')).toBe(401);
    const fresh = await t.login('xincang_staff', oneTimePassword);
    expect((await fresh.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
    expect((await fresh.get('/api/orgs')).statusCode).toBe(403);
  });

  it('an admin cannot disable their own account', async () => {
    for (const [client, username] of [[pinghuAdmin, 'pinghu_admin'], [admin, 'admin']] as const) {
      const me = await getUser(await userIdOf(username));
      const response = await client.patch(`/api/users/${me.id}`, { version: me.version, active: false });
      expect(response.statusCode, username).toBe(409);
      expect((await getUser(me.id)).active).toBe(true);
      expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    }
  });

  it('an admin cannot remove their own admin role', async () => {
    const me = await getUser(await userIdOf('pinghu_admin'));
    const adminGrant = me.grants.find((g) => g.role === 'admin')!;
    const response = await pinghuAdmin.delete(`/api/users/${me.id}/grants/${adminGrant.id}`);
    expect(response.statusCode).toBe(409);
    expect((await getUser(me.id)).grants).toEqual(me.grants);
    expect((await pinghuAdmin.get('/api/users')).statusCode).toBe(200);
  });

  it('unlocking clears a lock-out after five wrong passwords', async () => {
    const id = await userIdOf('pinghu_supervisor');
    for (let i = 1; i <= 5; i++) expect(await loginStatus('pinghu_supervisor', `Wrong${i}pass`)).toBe(401);
    expect(await loginStatus('pinghu_supervisor', DEMO_PASSWORD)).toBe(429);
    expect((await getUser(id)).lockedUntil).not.toBeNull();

    const unlocked = await pinghuAdmin.post(`/api/users/${id}/unlock`);
    expect(unlocked.statusCode, unlocked.body).toBe(200);
    expect(unlocked.json().lockedUntil).toBeNull();
    expect(await loginStatus('pinghu_supervisor', DEMO_PASSWORD)).toBe(200);
  });
});

describe('enabling and disabling in bulk (POST /api/users/actions)', () => {
  type Result = { id: number; ok: boolean; code?: string; message?: string };
  const bulk = async (client: TestClient, body: unknown) => {
    const response = await client.post('/api/users/actions', body);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().results as Result[];
  };

  it('does each account alone: a result per row, one’s own account and one outside the scope refused with a reason', async () => {
    const first = await createUser(pinghuAdmin, { username: 'caoqiao_bulk1', displayName: '曹桥 批量一', homeOrgId: ids.caoqiao, grants: [{ role: 'union_staff', orgId: ids.caoqiao }] });
    const second = await createUser(pinghuAdmin, { username: 'caoqiao_bulk2', displayName: '曹桥 批量二', homeOrgId: ids.caoqiao, grants: [] });
    const session = await signInFirstTime('caoqiao_bulk1', first.oneTimePassword);
    const self = await userIdOf('pinghu_admin');
    const outside = await userIdOf('admin');

    const results = await bulk(pinghuAdmin, { ids: [first.user.id, self, second.user.id, outside], active: false });
    expect(results.map((r) => [r.id, r.ok, r.code ?? null])).toEqual([
      [first.user.id, true, null],
      [self, false, 'CONFLICT'],
      [second.user.id, true, null],
      [outside, false, 'NOT_FOUND'],
    ]);
    expect(results[1].message).toBe('不能停用自己的账号');
    expect(results[3].message).toBe('用户不存在或不在您的管理范围内');
    expect((await getUser(first.user.id)).active).toBe(false);
    expect((await getUser(second.user.id)).active).toBe(false);
    expect((await getUser(self)).active).toBe(true);
    expect((await getUser(outside)).active).toBe(true);
    // Disabled: the sessions end and sign-in is refused, as for one account.
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    expect(await loginStatus('caoqiao_bulk1', 'Xinmima2026ok')).toBe(403);
  });

  it('refuses an account already in that state, and enabling restores sign-in', async () => {
    const [first, second] = [await userIdOf('caoqiao_bulk1'), await userIdOf('caoqiao_bulk2')];
    const again = await bulk(pinghuAdmin, { ids: [first], active: false });
    expect(again).toEqual([{ id: first, ok: false, code: 'CONFLICT', message: '该账号已是停用状态' }]);

    expect(await bulk(pinghuAdmin, { ids: [first, second], active: true })).toEqual([
      { id: first, ok: true },
      { id: second, ok: true },
    ]);
    expect(await loginStatus('caoqiao_bulk1', 'Xinmima2026ok')).toBe(200);
    const rows = await auditActions(first);
    expect(rows.slice(0, 2).map((r) => [r.action, r.summary, r.actorName])).toEqual([
      ['user.enable', '启用用户「caoqiao_bulk1」', '平湖市总工会 管理员'],
      ['user.disable', '停用用户「caoqiao_bulk1」', '平湖市总工会 管理员'],
    ]);
    expect(rows[0].after).toEqual({ active: true });
  });

  it('needs users.manage and refuses a malformed body naming the field', async () => {
    const id = await userIdOf('caoqiao_bulk2');
    const staff = await t.login('pinghu_staff', DEMO_PASSWORD);
    expect((await staff.post('/api/users/actions', { ids: [id], active: false })).statusCode).toBe(403);
    const duplicated = await pinghuAdmin.post('/api/users/actions', { ids: [id, id], active: false });
    expect(duplicated.statusCode).toBe(400);
    expect(fieldsOf(duplicated)).toContain('ids');
    expect(fieldsOf(await pinghuAdmin.post('/api/users/actions', { ids: [id] }))).toContain('active');
    expect((await getUser(id)).active).toBe(true);
  });
});

describe('listing users', () => {
  it('searches by username and by display name', async () => {
    const byUsername = (await admin.get('/api/users?q=pinghu_')).json();
    expect(byUsername.items.map((u: User) => u.username).sort()).toEqual(['pinghu_admin', 'pinghu_leader', 'pinghu_staff', 'pinghu_supervisor']);
    expect((await admin.get('/api/users?q=PINGHU_LEADER')).json().items.map((u: User) => u.username)).toEqual(['pinghu_leader']);
    const byName = (await admin.get(`/api/users?q=${encodeURIComponent('许静')}`)).json();
    expect(byName.items.map((u: User) => u.username)).toEqual(['pinghu_leader']);
    const byFragment = (await admin.get(`/api/users?q=${encodeURIComponent('街道工会')}`)).json();
    expect(byFragment.items.map((u: User) => u.username).sort()).toEqual(['caoqiao_staff', 'danghu_staff', 'zhongdai_staff']);
    // A wildcard typed by the user is a literal character.
    expect((await admin.get('/api/users?q=%25')).json().total).toBe(0);
  });

  it('filters by org: the org’s whole subtree', async () => {
    const { items, total } = (await admin.get(`/api/users?orgId=${ids.danghu}&pageSize=200`)).json();
    expect(items.map((u: User) => u.username).sort()).toEqual(['chen_jie', 'danghu_staff', 'fan_haizhu', 'lianxin_mediator']);
    expect(total).toBe(4);
    expect((await admin.get(`/api/users?orgId=${ids.danghu_park}`)).json().items.map((u: User) => u.username)).toEqual(['lianxin_mediator']);
  });

  it('paginates with a stable order and a total', async () => {
    const all = (await admin.get('/api/users?pageSize=200')).json();
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBeGreaterThanOrEqual(13);
    const seen: number[] = [];
    for (let page = 1; (page - 1) * 4 < all.total; page++) {
      const response = (await admin.get(`/api/users?pageSize=4&page=${page}`)).json();
      expect(response).toMatchObject({ total: all.total, page, pageSize: 4 });
      seen.push(...response.items.map((u: User) => u.id));
    }
    expect(seen).toEqual(all.items.map((u: User) => u.id));
  });

  it('shows an admin only the users of their scope', async () => {
    const usernames = (await pinghuAdmin.get('/api/users?pageSize=200')).json().items.map((u: User) => u.username);
    expect(usernames).toContain('danghu_staff');
    expect(usernames).not.toContain('admin');
    expect((await pinghuAdmin.get(`/api/users/${await userIdOf('admin')}`)).statusCode).toBe(404);
  });
});

describe('the audit trail of user administration', () => {
  it('records create, update, grant, revoke, reset_password and unlock with the acting admin', async () => {
    const { user, oneTimePassword } = await createUser(pinghuAdmin, { username: 'guangchen_staff', displayName: '广陈镇工会 干事', homeOrgId: ids.guangchen, grants: [] });
    expect(oneTimePassword).toBeTruthy();
    const updated = (await pinghuAdmin.patch(`/api/users/${user.id}`, { version: user.version, displayName: '广陈镇工会 组织干事' })).json() as User;
    const granted = (await pinghuAdmin.post(`/api/users/${user.id}/grants`, { role: 'union_staff', orgId: ids.guangchen })).json() as User;
    await pinghuAdmin.delete(`/api/users/${user.id}/grants/${granted.grants[0].id}`);
    await pinghuAdmin.post(`/api/users/${user.id}/reset-password`);
    await pinghuAdmin.post(`/api/users/${user.id}/unlock`);
    expect(updated.version).toBe(2);

    const rows = await auditActions(user.id);
    expect(rows.map((r) => r.action).reverse()).toEqual(['user.create', 'user.update', 'user.grant', 'user.revoke', 'user.reset_password', 'user.unlock']);
    expect(rows.every((r) => r.actorName === '平湖市总工会 管理员')).toBe(true);
    expect(rows.every((r) => r.summary.includes('guangchen_staff'))).toBe(true);
    const update = rows.find((r) => r.action === 'user.update')!;
    expect(update.before).toMatchObject({ displayName: '广陈镇工会 干事' });
    expect(update.after).toMatchObject({ displayName: '广陈镇工会 组织干事' });
    expect(rows.find((r) => r.action === 'user.grant')!.after).toEqual({ role: 'union_staff', orgId: ids.guangchen });
    expect(rows.find((r) => r.action === 'user.revoke')!.before).toMatchObject({ role: 'union_staff', orgId: ids.guangchen });
    // No secret ever reaches the log.
    expect(JSON.stringify(rows)).not.toMatch(/scrypt|passwordHash/);
    expect(JSON.stringify(rows)).not.toContain(oneTimePassword);
  });

  it('a refused change leaves no audit row', async () => {
    const id = await userIdOf('pinghu_leader');
    const before = (await auditActions(id)).length;
    const me = await getUser(id);
    await pinghuAdmin.patch(`/api/users/${id}`, { version: me.version - 1, displayName: '过期版本' });
    await pinghuAdmin.post(`/api/users/${id}/grants`, { role: 'leader', orgId: ids.jiaxing });
    expect((await auditActions(id)).length).toBe(before);
  });
});
