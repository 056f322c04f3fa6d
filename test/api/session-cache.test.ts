import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { authEpoch } from '../../src/server/platform/accounts/schema.js';
import { orgs } from '../../src/server/platform/org-tree/schema.js';
import { ADMIN, CHOSEN_PASSWORD, createAccount, createTestApp, TEST_SECRET, type TestApp, type TestClient } from '../support/app.js';

/**
 * Two instances of the server on one database, each with its own session cache (issue 16): whatever one
 * instance changes about a signed-in user — logout, password, grants, an org's name, the account's state —
 * the other sees on its very next request.
 */
let a: TestApp;
let b: FastifyInstance;
let admin: TestClient;
let rootId: number;

/** The same signed-in client, its requests sent to instance B. */
function onB(client: TestClient, cookie: string) {
  return {
    get: (url: string) => b.inject({ method: 'GET', url, cookies: { lx_session: cookie } }),
    post: (url: string, body?: object) => b.inject({ method: 'POST', url, cookies: { lx_session: cookie }, headers: { 'x-csrf-token': client.csrfToken }, payload: body }),
  };
}

async function signIn(username: string, password = CHOSEN_PASSWORD) {
  const response = await a.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  expect(response.statusCode, response.body).toBe(200);
  const cookie = response.cookies.find((c) => c.name === 'lx_session')!.value;
  const csrfToken = response.json().csrfToken as string;
  const request = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    a.app.inject({ method, url, cookies: { lx_session: cookie }, headers: { 'x-csrf-token': csrfToken }, payload });
  const client = { csrfToken, get: (url: string) => request('GET', url), post: (url: string, body?: object) => request('POST', url, body) };
  return { cookie, client, b: onB(client as TestClient, cookie) };
}

beforeAll(async () => {
  a = await createTestApp();
  ({ app: b } = await buildApp({ trustProxy: false, secureCookies: false, webDir: '/nonexistent', logLevel: 'silent', secret: TEST_SECRET }, a.database));
  await b.ready();
  admin = await a.login(ADMIN.username, ADMIN.password);
  rootId = (await a.services.rootOrg()).id;
}, 120_000);
afterAll(async () => {
  await b.close();
  await a.close();
});

describe('a session cached on another instance', () => {
  let userId: number;
  let orgId: number;

  it('follows a grant given and taken away, and an org renamed, on the next request', async () => {
    const org = await admin.post('/api/orgs', { parentId: rootId, name: '缓存测试镇总工会', type: 'province' });
    expect(org.statusCode, org.body).toBe(201);
    orgId = org.json().id;
    const { user } = await createAccount(a, admin, { username: 'cache_staff', displayName: '缓存测试', homeOrgId: orgId, grants: [] });
    userId = user.id;
    const session = await signIn('cache_staff');
    expect((await session.b.get('/api/auth/me')).json().user.grants).toEqual([]);

    const granted = await admin.post(`/api/users/${userId}/grants`, { role: 'union_staff', orgId });
    expect(granted.statusCode, granted.body).toBe(200);
    const grants = (await session.b.get('/api/auth/me')).json().user.grants;
    expect(grants).toEqual([expect.objectContaining({ role: 'union_staff', orgName: '缓存测试镇总工会' })]);

    const version = (await admin.get(`/api/orgs/${orgId}`)).json().version;
    expect((await admin.patch(`/api/orgs/${orgId}`, { version, name: '缓存测试街道总工会' })).statusCode).toBe(200);
    expect((await session.b.get('/api/auth/me')).json().user).toMatchObject({ homeOrgName: '缓存测试街道总工会', grants: [expect.objectContaining({ orgName: '缓存测试街道总工会' })] });

    expect((await admin.delete(`/api/users/${userId}/grants/${grants[0].id}`)).statusCode).toBe(200);
    expect((await session.b.get('/api/auth/me')).json().user.grants).toEqual([]);
  });

  it('ends with a logout on the other instance', async () => {
    const session = await signIn('cache_staff');
    expect((await session.b.get('/api/auth/me')).statusCode).toBe(200);
    expect((await session.client.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await session.b.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('ends when the password is changed in another session, and when the account is disabled', async () => {
    const kept = await signIn('cache_staff');
    const other = await signIn('cache_staff');
    expect((await other.b.get('/api/auth/me')).statusCode).toBe(200);
    const changed = await kept.client.post('/api/auth/password', { currentPassword: CHOSEN_PASSWORD, newPassword: 'Huancun2026new' });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await other.b.get('/api/auth/me')).statusCode).toBe(401);
    // The session that changed it stays, on either instance.
    expect((await kept.b.get('/api/auth/me')).statusCode).toBe(200);

    const version = (await admin.get(`/api/users/${userId}`)).json().version;
    expect((await admin.patch(`/api/users/${userId}`, { version, active: false })).statusCode).toBe(200);
    expect((await kept.b.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('moves the epoch once per changing transaction, and not for a sign-in or a session touch', async () => {
    const epoch = async () => (await a.database.db.select({ value: authEpoch.value }).from(authEpoch))[0].value;
    const before = await epoch();
    await signIn(ADMIN.username, ADMIN.password);
    expect(await epoch()).toBe(before);
    // One statement renaming an org, one transaction: one step, however many rows it touched.
    await a.database.db.transaction(async (tx) => {
      await tx.update(orgs).set({ name: sql`${orgs.name}` }).where(eq(orgs.tenantId, (await a.services.rootOrg()).tenantId));
      await tx.update(orgs).set({ active: sql`${orgs.active}` }).where(eq(orgs.id, orgId));
    });
    expect(await epoch()).toBe(before + 1);
  });
});
