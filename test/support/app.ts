import { readFileSync } from 'node:fs';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { type Database, openMemoryPglite, openPostgres } from '../../src/server/db/client.js';
import type { Services } from '../../src/server/services.js';
import { ADMIN, TEST_SECRET } from './template.js';

export { ADMIN, TEST_SECRET };

let fileCounter = 0;

/** A fresh copy of the template database for one test file. */
export async function openTestDatabase(): Promise<Database> {
  const testDb = inject('testDb');
  if (testDb.kind === 'pglite') {
    return openMemoryPglite(new Blob([readFileSync(testDb.dumpFile)]));
  }
  const name = `${testDb.prefix}_${process.pid}_${++fileCounter}`;
  const admin = new pg.Client({ connectionString: testDb.serverUrl });
  await admin.connect();
  // Two files cloning the template at once can collide; retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${testDb.template}`);
      break;
    } catch (error) {
      if (attempt > 20 || !String((error as Error).message).includes('being accessed')) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  const url = new URL(testDb.serverUrl);
  url.pathname = `/${name}`;
  return openPostgres(url.toString(), 5);
}

export interface TestClient {
  csrfToken: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  database: Database;
  /** Sign in through the real login route and keep the cookie and CSRF token. */
  login(username: string, password: string): Promise<TestClient>;
  close(): Promise<void>;
}

export async function createTestApp(options: { today?: () => string; smsReportToken?: string } = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const { app, services } = await buildApp(
    { trustProxy: false, secureCookies: false, webDir: '/nonexistent', logLevel: 'silent', secret: TEST_SECRET, today: options.today, smsReportToken: options.smsReportToken },
    database,
  );
  await app.ready();

  async function login(username: string, password: string): Promise<TestClient> {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === 'lx_session')!;
    const csrfToken = response.json().csrfToken as string;
    const request = (options: InjectOptions) =>
      app.inject({ ...options, cookies: { lx_session: cookie.value }, headers: { 'x-csrf-token': csrfToken, ...options.headers } });
    return {
      csrfToken,
      request,
      get: (url) => request({ method: 'GET', url }),
      post: (url, body) => request({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as object }) }),
      patch: (url, body) => request({ method: 'PATCH', url, payload: body as object }),
      put: (url, body) => request({ method: 'PUT', url, payload: body as object }),
      delete: (url) => request({ method: 'DELETE', url }),
    };
  }

  return {
    app,
    services,
    database,
    login,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** A password tests choose for the accounts they create (the first sign-in must replace the one-time password). */
export const CHOSEN_PASSWORD = 'Dangqian2026ok';

/**
 * Create an account as `admin` (POST /api/users) and sign it in, its one-time password replaced by
 * CHOSEN_PASSWORD; the session stays signed in.
 */
export async function createAccount(
  t: TestApp,
  admin: TestClient,
  user: { username: string; displayName: string; homeOrgId: number; grants: { role: string; orgId: number }[] },
) {
  const created = await admin.post('/api/users', user);
  if (created.statusCode !== 201) throw new Error(`creating ${user.username} failed: ${created.statusCode} ${created.body}`);
  const { oneTimePassword, user: row } = created.json() as { oneTimePassword: string; user: { id: number; username: string; homeOrgId: number; version: number; grants: { id: number; orgId: number }[] } };
  const client = await t.login(user.username, oneTimePassword);
  const changed = await client.post('/api/auth/password', { currentPassword: oneTimePassword, newPassword: CHOSEN_PASSWORD });
  if (changed.statusCode !== 204) throw new Error(`changing the password of ${user.username} failed: ${changed.statusCode} ${changed.body}`);
  return { client, user: row };
}
