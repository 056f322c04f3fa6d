import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { bootstrap } from '../../src/server/bootstrap.js';
import { type Database, openMemoryPglite, openPostgres, queryRows } from '../../src/server/db/client.js';
import { migrateDatabase } from '../../src/server/db/migrate.js';
import { hashPassword } from '../../src/server/platform/accounts/passwords.js';
import { accountKey } from '../../src/server/platform/accounts/login-throttle.js';
import { loginThrottles, users } from '../../src/server/platform/accounts/schema.js';
import { createServices } from '../../src/server/services.js';
import { ADMIN, createTestApp, TEST_SECRET, type TestApp } from '../support/app.js';

const WRONG_CREDENTIALS = '用户名或密码错误';

let t: TestApp;
let rootId: number;

const sessionId = (token: string) => createHash('sha256').update(token).digest('hex');

interface Session {
  token: string;
  csrfToken: string;
  login: LightMyRequestResponse;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

const attempt = (username: string, password: string, remoteAddress = '127.0.0.1', app = t.app) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

/** Sign in and keep the raw cookie token, so tests can find the session row. */
async function signIn(username: string, password: string, remoteAddress = '127.0.0.1', app = t.app): Promise<Session> {
  const login = await attempt(username, password, remoteAddress, app);
  if (login.statusCode !== 200) throw new Error(`login ${username} failed: ${login.statusCode} ${login.body}`);
  const token = login.cookies.find((c) => c.name === 'lx_session')!.value;
  const csrfToken = login.json().csrfToken as string;
  const request = (options: InjectOptions) =>
    app.inject({ remoteAddress, ...options, cookies: { lx_session: token }, headers: { 'x-csrf-token': csrfToken, ...options.headers } });
  return {
    token,
    csrfToken,
    login,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, body) => request({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as object }) }),
  };
}

let userSeq = 0;
/** A staff account with a known password that needs no change. */
async function createUser(prefix: string, password = 'Start2025pass') {
  const admin = await signIn(ADMIN.username, ADMIN.password);
  const username = `${prefix}${++userSeq}`;
  const created = await admin.post('/api/users', { username, displayName: `测试${userSeq}`, homeOrgId: rootId, grants: [{ role: 'union_staff', orgId: rootId }] });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().user.id as number;
  await t.database.db.update(users).set({ passwordHash: await hashPassword(password), mustChangePassword: false }).where(eq(users.id, id));
  return { id, username, password };
}

const expectError = (response: LightMyRequestResponse, status: number, code: string) => {
  expect(response.statusCode, response.body).toBe(status);
  const error = response.json().error;
  expect(error.code).toBe(code);
  expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  return error as { code: string; message: string; fields?: { field: string; reason: string }[] };
};

const sessionRows = (token: string) => queryRows<{ id: string }>(t.database.db, sql`select id from sessions where id = ${sessionId(token)}`);

beforeAll(async () => {
  t = await createTestApp();
  rootId = (await t.services.rootOrg()).id;
});
afterAll(() => t?.close());

describe('sign-in', () => {
  it('sets an httpOnly SameSite=Lax session cookie and returns only the CSRF token in the body', async () => {
    const response = await attempt(ADMIN.username, ADMIN.password);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'lx_session');
    expect(cookie).toMatchObject({ path: '/', httpOnly: true, sameSite: 'Lax' });
    expect(cookie!.value.length).toBeGreaterThanOrEqual(32);
    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(/^lx_session=[^;]+;/);
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Lax');
    expect(header).toContain('Path=/');

    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(['csrfToken', 'user']);
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(body.csrfToken).not.toBe(cookie!.value);
    expect(response.body).not.toContain(cookie!.value);
    // The database keeps only the token's hash.
    expect(response.body).not.toContain(sessionId(cookie!.value));
    expect(await sessionRows(cookie!.value)).toHaveLength(1);
    expect(await queryRows(t.database.db, sql`select 1 from sessions where id = ${cookie!.value}`)).toHaveLength(0);
  });

  it('/api/auth/me returns the user, grants and permissions', async () => {
    const admin = await signIn(ADMIN.username, ADMIN.password);
    const response = await admin.get('/api/auth/me');
    expect(response.statusCode).toBe(200);
    const { user, csrfToken } = response.json();
    expect(csrfToken).toBe(admin.csrfToken);
    expect(user).toMatchObject({ username: 'admin', displayName: '系统管理员', mustChangePassword: false, homeOrgId: rootId, homeOrgName: '中华全国总工会' });
    expect(user.grants).toEqual([{ id: expect.any(Number), role: 'admin', roleLabel: '系统管理员', orgId: rootId, orgName: '中华全国总工会' }]);
    expect(user.permissions).toEqual(expect.arrayContaining(['orgs.read', 'orgs.manage', 'users.manage', 'audit.read', 'sessions.manage', 'calendar.manage']));
    expect(admin.login.json().user).toEqual(user);

    const staff = await createUser('meuser');
    const me = (await (await signIn(staff.username, staff.password)).get('/api/auth/me')).json().user;
    expect(me.grants.map((g: { role: string }) => g.role)).toEqual(['union_staff']);
    expect(me.permissions).toEqual(expect.arrayContaining(['orgs.read', 'orgs.manage']));
    // Accounts are the administrators' business (issue 15).
    expect(me.permissions).not.toContain('users.read');
    expect(me.permissions).not.toContain('users.manage');
    expect(me.permissions).not.toContain('audit.read');
  });

  it('answers a wrong password and an unknown user alike: 401 with a Chinese message', async () => {
    const wrong = await attempt(ADMIN.username, 'Wrong2025pass', '10.0.1.1');
    const unknown = await attempt('nobody-here', 'Wrong2025pass', '10.0.1.1');
    expect(expectError(wrong, 401, 'UNAUTHENTICATED').message).toBe(WRONG_CREDENTIALS);
    expect(expectError(unknown, 401, 'UNAUTHENTICATED').message).toBe(WRONG_CREDENTIALS);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.cookies.find((c) => c.name === 'lx_session')).toBeUndefined();
  });

  /** How many attempts on `username` reached the password check (the login log's outcome of each). */
  const passwordChecks = async (username: string) => {
    const [row] = await queryRows<{ n: number | string }>(
      t.database.db,
      sql`select count(*) as n from login_log where lower(username) = lower(${username}) and (reason in ('密码错误', '用户不存在') or success)`,
    );
    return Number(row.n);
  };
  /** Let the throttle's current delay for a key run out, as if the time had passed. */
  const waitOut = (key: string) => t.database.db.update(loginThrottles).set({ blockedUntil: new Date(Date.now() - 1000) }).where(eq(loginThrottles.key, key));

  it('after five wrong passwords the account waits 30 s, the right password too, and every attempt is logged', async () => {
    const user = await createUser('locky');
    const ip = '10.0.2.1';
    for (let i = 1; i <= 5; i++) expect(expectError(await attempt(user.username, `Wrong${i}pass`, ip), 401, 'UNAUTHENTICATED').message).toBe(WRONG_CREDENTIALS);

    const right = await attempt(user.username, user.password, '10.0.2.2');
    expect(expectError(right, 429, 'TOO_MANY_REQUESTS').message).toMatch(/^登录尝试过于频繁，请 \d+ 秒后再试$/);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(25);
    expect(Number(right.headers['retry-after'])).toBeLessThanOrEqual(30);
    expect(right.cookies.find((c) => c.name === 'lx_session')).toBeUndefined();

    const admin = await signIn(ADMIN.username, ADMIN.password);
    const log = await admin.get(`/api/login-log?username=${user.username}&pageSize=50`);
    expect(log.statusCode).toBe(200);
    const items = log.json().items as { success: boolean; reason: string; ip: string }[];
    expect(items.map((i) => i.reason).reverse()).toEqual(['密码错误', '密码错误', '密码错误', '密码错误', '密码错误', '尝试过多，需等待']);
    expect(items.every((i) => i.success === false)).toBe(true);
    expect(items[0].ip).toBe('10.0.2.2');

    // Once the delay has run out, the right password works again, and the account starts from zero.
    await waitOut(accountKey(user.username));
    expect((await attempt(user.username, user.password, '10.0.2.2')).statusCode).toBe(200);
    for (let i = 1; i <= 5; i++) expect((await attempt(user.username, `Again${i}pass`, ip)).statusCode).toBe(401);
  });

  it('checks at most five passwords of a burst of 30 parallel guesses, and the right one after the burst is refused', async () => {
    const user = await createUser('racer');
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(user.username, `Wrong${i}pass`, `10.0.5.${i + 1}`)));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
    expect(await passwordChecks(user.username)).toBe(5);
    expectError(await attempt(user.username, user.password, '10.0.5.99'), 429, 'TOO_MANY_REQUESTS');
    expect(await passwordChecks(user.username)).toBe(5);
  });

  it('slows a guesser down with growing delays instead of a fixed lock, up to 15 minutes', async () => {
    const user = await createUser('slowed');
    const key = accountKey(user.username);
    for (let i = 1; i <= 5; i++) await attempt(user.username, `Wrong${i}pass`, '10.0.7.1');
    const retryAfter = async () => Number((await attempt(user.username, 'Guess2025pass', '10.0.7.1')).headers['retry-after']);
    // Five requests cost the account's owner half a minute, not a quarter hour.
    expect(await retryAfter()).toBeLessThanOrEqual(30);
    const delays: number[] = [];
    for (let round = 0; round < 7; round++) {
      await waitOut(key);
      // One guess is checked once the delay has passed; the next must wait again, twice as long.
      expect((await attempt(user.username, `Round${round}pass`, '10.0.7.1')).statusCode).toBe(401);
      delays.push(await retryAfter());
    }
    expect(delays.map((d) => Math.round(d / 30))).toEqual([2, 4, 8, 16, 30, 30, 30]);
    expect(await passwordChecks(user.username)).toBe(12);
  });

  it('answers an unknown name exactly as a known one, throttled or not', async () => {
    const user = await createUser('known');
    const answers = async (username: string, ip: string) => {
      const seen: { status: number; body: string; retryAfter?: string }[] = [];
      for (let i = 1; i <= 7; i++) {
        const response = await attempt(username, `Wrong${i}pass`, ip);
        seen.push({ status: response.statusCode, body: response.body.replace(/\d+/g, 'N'), retryAfter: response.headers['retry-after'] ? 'set' : undefined });
      }
      return seen;
    };
    const known = await answers(user.username, '10.0.8.1');
    const unknown = await answers('no-such-user-here', '10.0.8.2');
    expect(unknown).toEqual(known);
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('throttles one address after 30 failures, but not another', async () => {
    const ip = '10.0.3.1';
    for (let i = 0; i < 30; i++) {
      expect((await attempt(`ghost${i}`, 'Wrong2025pass', ip)).statusCode).toBe(401);
    }
    const throttled = await attempt(ADMIN.username, ADMIN.password, ip);
    expect(expectError(throttled, 429, 'TOO_MANY_REQUESTS').message).toContain('频繁');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(55);
    expect(Number(throttled.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(throttled.cookies.find((c) => c.name === 'lx_session')).toBeUndefined();
    expect((await attempt(ADMIN.username, ADMIN.password, '10.0.3.2')).statusCode).toBe(200);
    const [row] = await queryRows<{ reason: string }>(t.database.db, sql`select reason from login_log where ip = ${ip} order by id desc limit 1`);
    expect(row.reason).toBe('来源地址尝试过多');
  });

  it('throttles an address that sends its guesses all at once', async () => {
    // 45 parallel guesses: at most 30 may reach the password check.
    const results = await Promise.all(Array.from({ length: 45 }, (_, i) => attempt(`spray${i}`, 'Guess2025pass', '10.0.6.1')));
    const checked = results.filter((r) => r.statusCode === 401).length;
    const throttled = results.filter((r) => r.statusCode === 429).length;
    expect(checked).toBe(30);
    expect(throttled).toBe(15);
    expectError(await attempt(ADMIN.username, ADMIN.password, '10.0.6.1'), 429, 'TOO_MANY_REQUESTS');
    // Every attempt is in the log with its outcome.
    const reasons = await queryRows<{ reason: string; n: number | string }>(
      t.database.db,
      sql`select reason, count(*) as n from login_log where ip = '10.0.6.1' group by reason order by reason`,
    );
    expect(Object.fromEntries(reasons.map((r) => [r.reason, Number(r.n)]))).toEqual({ 用户不存在: 30, 来源地址尝试过多: 16 });
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request with the session cookie but without or with a wrong token, changing nothing', async () => {
    const admin = await signIn(ADMIN.username, ADMIN.password);
    const name = 'CSRF测试省总工会';
    const body = { parentId: rootId, name, type: 'province' };
    const orgsNamed = () => queryRows(t.database.db, sql`select id from orgs where name = ${name}`);

    const missing = await t.app.inject({ method: 'POST', url: '/api/orgs', cookies: { lx_session: admin.token }, payload: body });
    expectError(missing, 403, 'CSRF');
    const wrong = await admin.request({ method: 'POST', url: '/api/orgs', headers: { 'x-csrf-token': `${admin.csrfToken}x` }, payload: body });
    expectError(wrong, 403, 'CSRF');
    // Another session's token is no good either.
    const other = await signIn(ADMIN.username, ADMIN.password);
    expectError(await admin.request({ method: 'POST', url: '/api/orgs', headers: { 'x-csrf-token': other.csrfToken }, payload: body }), 403, 'CSRF');
    expect(await orgsNamed()).toHaveLength(0);

    // Logout without the token does not end the session.
    expectError(await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { lx_session: admin.token } }), 403, 'CSRF');
    expect((await admin.get('/api/auth/me')).statusCode).toBe(200);

    // The same request with the right token goes through (the refusals were for the token alone).
    expect((await admin.post('/api/orgs', body)).statusCode).toBe(201);
    expect(await orgsNamed()).toHaveLength(1);
  });

  it('needs no token for GET', async () => {
    const admin = await signIn(ADMIN.username, ADMIN.password);
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { lx_session: admin.token } });
    expect(response.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/orgs', cookies: { lx_session: admin.token } })).statusCode).toBe(200);
  });
});

describe('logout', () => {
  it('ends the session and clears the cookie', async () => {
    const user = await createUser('bye');
    const session = await signIn(user.username, user.password);
    const other = await signIn(user.username, user.password);
    const response = await session.post('/api/auth/logout');
    expect(response.statusCode).toBe(204);
    const cleared = response.cookies.find((c) => c.name === 'lx_session');
    expect(cleared).toBeDefined();
    expect(cleared!.value).toBe('');
    expect(cleared!.path).toBe('/');
    expect(cleared!.expires!.getTime()).toBeLessThan(Date.now());
    expectError(await session.get('/api/auth/me'), 401, 'UNAUTHENTICATED');
    expect(await sessionRows(session.token)).toHaveLength(0);
    // Only that session ends.
    expect((await other.get('/api/auth/me')).statusCode).toBe(200);
  });
});

describe('password change', () => {
  it('checks the current password and the strength of the new one', async () => {
    const user = await createUser('pwcheck');
    const session = await signIn(user.username, user.password);
    const change = (currentPassword: string, newPassword: string) => session.post('/api/auth/password', { currentPassword, newPassword });

    const wrong = expectError(await change('Wrong2025pass', 'Fresh2026pass'), 400, 'VALIDATION');
    expect(wrong.fields).toEqual([{ field: 'currentPassword', reason: '当前密码不正确' }]);

    const weak: [string, string][] = [
      ['Ab1cd', '密码至少 8 位'],
      ['abcdefghijk', '密码须同时包含字母和数字'],
      ['1234567890', '密码须同时包含字母和数字'],
      [`${user.username}2026`, '密码不能包含用户名'],
      [`x${user.username.toUpperCase()}9`, '密码不能包含用户名'],
      [user.password, '新密码不能与当前密码相同'],
    ];
    for (const [newPassword, reason] of weak) {
      const error = expectError(await change(user.password, newPassword), 400, 'VALIDATION');
      expect(error.fields, newPassword).toEqual([{ field: 'newPassword', reason }]);
    }
    // Nothing changed: the original password still signs in.
    expect((await attempt(user.username, user.password)).statusCode).toBe(200);
  });

  it('changes it, ending the other sessions of the user but not the current one', async () => {
    const user = await createUser('pwchange');
    const bystander = await createUser('pwbystander');
    const current = await signIn(user.username, user.password);
    const other = await signIn(user.username, user.password);
    const someoneElse = await signIn(bystander.username, bystander.password);

    const response = await current.post('/api/auth/password', { currentPassword: user.password, newPassword: 'Fresh2026pass' });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');

    expect((await current.get('/api/auth/me')).statusCode).toBe(200);
    expectError(await other.get('/api/auth/me'), 401, 'UNAUTHENTICATED');
    expect((await someoneElse.get('/api/auth/me')).statusCode).toBe(200);

    expect((await attempt(user.username, 'Fresh2026pass')).statusCode).toBe(200);
    expect(expectError(await attempt(user.username, user.password, '10.0.4.1'), 401, 'UNAUTHENTICATED').message).toBe(WRONG_CREDENTIALS);
  });
});

describe('session expiry', () => {
  const setSession = (token: string, change: ReturnType<typeof sql>) => t.database.db.execute(sql`update sessions set ${change} where id = ${sessionId(token)}`);

  it('ends a session idle for more than 8 hours', async () => {
    const user = await createUser('idle');
    const session = await signIn(user.username, user.password);
    await setSession(session.token, sql`last_seen_at = now() - interval '7 hours'`);
    expect((await session.get('/api/auth/me')).statusCode).toBe(200);
    await setSession(session.token, sql`last_seen_at = now() - interval '9 hours'`);
    expectError(await session.get('/api/auth/me'), 401, 'UNAUTHENTICATED');
    expect(await sessionRows(session.token)).toHaveLength(0);
  });

  it('ends a session past its absolute expiry', async () => {
    const user = await createUser('expired');
    const session = await signIn(user.username, user.password);
    await setSession(session.token, sql`expires_at = now() - interval '1 second'`);
    expectError(await session.get('/api/auth/me'), 401, 'UNAUTHENTICATED');
  });

  it("refuses a disabled user's session", async () => {
    const user = await createUser('disabled');
    const session = await signIn(user.username, user.password);
    // Even with the session row still there (disabled behind the service's back).
    await t.database.db.update(users).set({ active: false }).where(eq(users.id, user.id));
    expect(await sessionRows(session.token)).toHaveLength(1);
    expectError(await session.get('/api/auth/me'), 401, 'UNAUTHENTICATED');
    expectError(await attempt(user.username, user.password), 403, 'FORBIDDEN');

    // And disabled through the API.
    const second = await createUser('disabled');
    const secondSession = await signIn(second.username, second.password);
    const admin = await signIn(ADMIN.username, ADMIN.password);
    const { version } = (await admin.get(`/api/users/${second.id}`)).json();
    expect((await admin.request({ method: 'PATCH', url: `/api/users/${second.id}`, payload: { version, active: false } })).statusCode).toBe(200);
    expectError(await secondSession.get('/api/auth/me'), 401, 'UNAUTHENTICATED');
  });
});

describe('first start', () => {
  /** A migrated but un-bootstrapped database of the kind under test. */
  async function openFreshDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
    const testDb = inject('testDb');
    if (testDb.kind === 'pglite') {
      const database = await openMemoryPglite();
      await migrateDatabase(database);
      return { database, drop: async () => {} };
    }
    // Named with the run's prefix, so the global teardown drops it even if this test fails midway.
    const name = `${testDb.prefix}_fresh_${process.pid}`;
    const admin = new pg.Client({ connectionString: testDb.serverUrl });
    await admin.connect();
    await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`);
    await admin.end();
    const url = new URL(testDb.serverUrl);
    url.pathname = `/${name}`;
    const database = await openPostgres(url.toString(), 3);
    await migrateDatabase(database);
    return {
      database,
      async drop() {
        const client = new pg.Client({ connectionString: testDb.serverUrl });
        await client.connect();
        await client.query(`drop database if exists ${name} with (force)`);
        await client.end();
      },
    };
  }

  it('creates an admin with a one-time password that must be changed, once, and loads reference data', { timeout: 180_000 }, async () => {
    const { database, drop } = await openFreshDatabase();
    const { db } = database;
    const { app } = await buildApp({ trustProxy: false, secureCookies: false, webDir: '/nonexistent', logLevel: 'silent', secret: TEST_SECRET }, database);
    try {
      await app.ready();
      const count = async (query: ReturnType<typeof sql>) => Number((await queryRows<{ n: number | string }>(db, query))[0].n);
      expect(await count(sql`select count(*) as n from users`)).toBe(0);

      const first = await bootstrap(db, createServices(db, { secret: TEST_SECRET }));
      expect(first.adminUsername).toBe('admin');
      expect(first.oneTimePassword).toMatch(/^[A-Za-z0-9]{12}$/);

      const session = await signIn('admin', first.oneTimePassword!, '127.0.0.1', app);
      expect(session.login.json().user.mustChangePassword).toBe(true);
      const blocked = expectError(await session.get('/api/orgs'), 403, 'FORBIDDEN');
      expect(blocked.fields).toEqual([{ field: 'password', reason: 'PASSWORD_CHANGE_REQUIRED' }]);
      expect((await session.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);

      const changed = await session.post('/api/auth/password', { currentPassword: first.oneTimePassword, newPassword: 'Chosen2026pass' });
      expect(changed.statusCode, changed.body).toBe(204);
      expect((await session.get('/api/orgs')).statusCode).toBe(200);
      expect((await session.get('/api/auth/me')).json().user.mustChangePassword).toBe(false);

      // A second start neither prints a password nor adds an admin or a root.
      const again = await bootstrap(db, createServices(db, { secret: TEST_SECRET }));
      expect(again).toEqual({});
      expect(await count(sql`select count(*) as n from users`)).toBe(1);
      expect(await count(sql`select count(*) as n from role_grants`)).toBe(1);
      expect(await count(sql`select count(*) as n from orgs`)).toBe(1);
      expect((await attempt('admin', 'Chosen2026pass', '127.0.0.1', app)).statusCode).toBe(200);

      expect(await count(sql`select count(*) as n from divisions`)).toBeGreaterThan(3000);
      expect(await queryRows(db, sql`select name, level from divisions where code = '330482'`)).toEqual([{ name: '平湖市', level: 3 }]);
      expect(await queryRows(db, sql`select kind, name from calendar_days where date = '2025-10-01'`)).toEqual([{ kind: 'holiday', name: '国庆节' }]);
      const [audit] = await queryRows<{ summary: string }>(db, sql`select summary from audit_log where action = 'user.create'`);
      expect(audit.summary).toContain('首次启动');
    } finally {
      await app.close();
      await database.close();
      await drop();
    }
  });
});
