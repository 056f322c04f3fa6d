import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { type Database, openMemoryPglite } from '../../src/server/db/client.js';
import { loadFullDemo } from '../../src/server/demo/index.js';
import { DEMO_PASSWORD, loadDemo } from '../../src/server/demo/load.js';
import type { Services } from '../../src/server/services.js';
import { openTestDatabase, TEST_SECRET } from './app.js';

export const chromiumPath = () => inject('chromiumPath');

export interface BrowserHarness {
  baseUrl: string;
  browser: Browser;
  services: Services;
  database: Database;
  /** The demo's org ids by name (load.ts `orgIds`), when the harness started on a demo; empty otherwise. */
  demoIds: Record<string, number>;
  newPage(options?: { mobile?: boolean }): Promise<Page>;
  /** A desktop page signed in on the login page as a demo account, its menu showing. */
  signIn(username: string): Promise<Page>;
  /** Cut the API off (false) or restore it: requests to /api/ lose their connection before any answer. */
  setApiReachable(reachable: boolean): void;
  close(): Promise<void>;
}

/** Which demo a harness's database holds: the demo's people and unions (demo/load.ts), or the whole county (demo/index.ts). */
export type DemoWorld = 'base' | 'full';
const DEMO_LOADERS: Record<DemoWorld, (db: Database['db'], services: Services) => Promise<Record<string, number>>> = { base: loadDemo, full: loadFullDemo };

/**
 * The database a file starts from. With a demo on PGlite, the demo is loaded once per run and kept beside
 * the run's template dump (its data directory and the demo's ids), and every later file starts from a copy:
 * the full demo takes a minute and more to load, the base demo seconds, and 24 files use one or the other.
 */
async function openHarnessDatabase(demo: DemoWorld | undefined): Promise<{ database: Database; demoIds?: Record<string, number>; keep?: (ids: Record<string, number>) => Promise<void> }> {
  const testDb = inject('testDb');
  if (!demo || testDb.kind !== 'pglite') return { database: await openTestDatabase() };
  const dumpFile = join(dirname(testDb.dumpFile), `demo-${demo}.tar`);
  const idsFile = `${dumpFile}.json`;
  if (existsSync(idsFile)) {
    return { database: await openMemoryPglite(new Blob([readFileSync(dumpFile)])), demoIds: JSON.parse(readFileSync(idsFile, 'utf8')) as Record<string, number> };
  }
  const database = await openMemoryPglite(new Blob([readFileSync(testDb.dumpFile)]));
  return {
    database,
    keep: async (ids) => {
      writeFileSync(dumpFile, Buffer.from(await (await database.client.dumpDataDir('none')).arrayBuffer()));
      writeFileSync(idsFile, JSON.stringify(ids));
    },
  };
}

/** The real server on a random port with the built web app, and a headless Chromium; with `demo`, on that demo's data. */
export async function startBrowserHarness(options: { demo?: DemoWorld } = {}): Promise<BrowserHarness> {
  const { database, demoIds: loaded, keep } = await openHarnessDatabase(options.demo);
  const { app, services } = await buildApp({ trustProxy: false, secureCookies: false, webDir: resolve('dist/web'), logLevel: 'silent', secret: TEST_SECRET }, database);
  let demoIds = loaded ?? {};
  if (options.demo && !loaded) {
    demoIds = await DEMO_LOADERS[options.demo](database.db, services);
    await keep?.(demoIds);
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  // A dead spot for the API (setApiReachable): the connection drops before any answer, as a phone losing its
  // signal sees it — whatever the page's service worker does with the request on the way.
  let apiReachable = true;
  const [handle] = app.server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  app.server.removeAllListeners('request');
  app.server.on('request', (req: IncomingMessage, res: ServerResponse) => (!apiReachable && req.url?.startsWith('/api/') ? req.socket.destroy() : handle.call(app.server, req, res)));
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath()!,
    headless: true,
    // The machine has no network: keep Chromium from calling home.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const harness: BrowserHarness = {
    demoIds,
    setApiReachable(reachable) {
      apiReachable = reachable;
    },
    baseUrl,
    browser,
    services,
    database,
    async newPage(options = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        ...(options.mobile ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : { viewport: { width: 1440, height: 900 } }),
      });
      const page = await context.newPage();
      // A console error in our pages is a bug: collect them for the test to assert on.
      page.on('pageerror', (error) => pageErrors.push(error.message));
      return page;
    },
    async signIn(username) {
      const page = await harness.newPage();
      await page.goto('/login');
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('nav-members').waitFor();
      return page;
    },
    async close() {
      await browser.close();
      await app.close();
      await database.close();
    },
  };
  return harness;
}

/**
 * A dead spot for `page`: the browser says it is offline (navigator.onLine, the `online` event when it is
 * back), and the API's connections drop at the server. setOffline alone does not hold for requests that pass
 * a service worker (microsoft/playwright#2311): under load an "offline" submission reached the server.
 */
export const deadSpot = (h: BrowserHarness, page: Page) => ({
  async enter() {
    await page.context().setOffline(true);
    h.setApiReachable(false);
  },
  async leave() {
    h.setApiReachable(true);
    await page.context().setOffline(false);
  },
});

/**
 * Pick an option of an antd select: a click that lands while the list still opens (a loaded machine) is tried
 * again until the select shows the option, and the list is closed so that it covers nothing.
 */
export async function pickOption(page: Page, select: Locator, option: string) {
  const chosen = select.locator('.ant-select-content-has-value', { hasText: option });
  const open = select.locator('[aria-expanded="true"]');
  const list = page.locator('.ant-select-dropdown:visible');
  for (let attempt = 0; attempt < 3 && (await chosen.count()) === 0; attempt++) {
    if ((await open.count()) === 0) await select.click();
    await list.getByText(option, { exact: true }).last().click();
    await chosen.waitFor({ timeout: 5000 }).catch(() => {});
  }
  await chosen.waitFor();
  if ((await open.count()) > 0) await page.keyboard.press('Tab');
  await open.waitFor({ state: 'detached' });
}

/** A gig worker as the phone join page and the desk's 新增会员 ask for them. */
export interface GigWorker {
  name: string;
  residentId: string;
  phone: string;
  /** As the form labels it, e.g. 外卖配送员. */
  employmentForm: string;
  platformName: string;
}

/** Fill the union's phone join page (一键入会); the two consents and 提交 are left to the test. */
export async function fillJoinForm(page: Page, worker: GigWorker) {
  await page.getByTestId('join-name').locator('input').fill(worker.name);
  await page.getByTestId('join-resident-id').locator('input').fill(worker.residentId);
  await page.getByTestId('join-phone').locator('input').fill(worker.phone);
  await page.getByTestId('employment-form').getByText(worker.employmentForm).click();
  await page.getByTestId('platform-name').locator('input').fill(worker.platformName);
}

/**
 * Open 新增会员 on the member register and fill it in for `worker`, the union
 * found by typing `unionSearch` and picking `unionName`. The signature box and
 * 登记入会 are left to the test; returns the dialog.
 */
export async function fillDeskEntry(page: Page, union: { unionSearch: string; unionName: string }, worker: GigWorker): Promise<Locator> {
  await page.getByTestId('nav-members').click();
  await page.getByTestId('member-add').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('member-add-org').click();
  await page.keyboard.type(union.unionSearch);
  // A hit shows the union's name with where it sits.
  await page.locator('.ant-select-dropdown .ant-select-tree-title', { hasText: union.unionName }).first().click();
  await dialog.getByTestId('member-add-name').fill(worker.name);
  await dialog.getByTestId('member-add-resident-id').fill(worker.residentId);
  await dialog.getByTestId('member-add-phone').fill(worker.phone);
  await pickOption(page, dialog.getByTestId('member-add-employment-form'), worker.employmentForm);
  await dialog.getByLabel('所在平台').fill(worker.platformName);
  return dialog;
}

export const pageErrors: string[] = [];

/** A signed-in API session, for the steps a browser test does not need to click. */
export interface ApiSession {
  call(method: string, path: string, body?: unknown): Promise<Response>;
}

/** An account a test created, signed in through the API. */
export type CreatedAccount = ApiSession & { userId: number };

export async function apiSession(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<ApiSession> {
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (login.status !== 200) throw new Error(`${username} could not sign in: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return {
    call: (method, path, body) =>
      fetch(`${baseUrl}${path}`, {
        method,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  };
}

/** The password the accounts a test creates choose in place of their one-time one. */
export const CHOSEN_PASSWORD = 'Dangqian2026ok';

/**
 * Accounts the demo's administrator creates, as the admin page does; each
 * signs in once and chooses CHOSEN_PASSWORD. Returns their API sessions.
 */
export async function createAccounts(h: BrowserHarness, accounts: readonly (readonly [username: string, displayName: string, role: string, orgId: number])[]) {
  const admin = await apiSession(h.baseUrl, 'pinghu_admin');
  const sessions: Record<string, CreatedAccount> = {};
  for (const [username, displayName, role, orgId] of accounts) {
    const created = await admin.call('POST', '/api/users', { username, displayName, homeOrgId: orgId, grants: [{ role, orgId }] });
    if (created.status !== 201) throw new Error(`${username} was not created: ${created.status} ${await created.text()}`);
    const { oneTimePassword, user } = (await created.json()) as { oneTimePassword: string; user: { id: number } };
    const session = await apiSession(h.baseUrl, username, oneTimePassword);
    const changed = await session.call('POST', '/api/auth/password', { currentPassword: oneTimePassword, newPassword: CHOSEN_PASSWORD });
    if (changed.status !== 204) throw new Error(`${username} could not choose a password: ${changed.status}`);
    sessions[username] = { ...session, userId: user.id };
  }
  return sessions;
}

/** The card number 新增会员's success message gives once 登记入会 has gone through. */
export async function addedCardNo(page: Page): Promise<string> {
  const message = await page.locator('.ant-message').getByText(/已登记入会，会员证号 [0-9A-Z-]{6,}/).textContent();
  return message!.replace('已登记入会，会员证号 ', '');
}
