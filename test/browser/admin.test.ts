import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/platform/accounts/passwords.js';
import { users } from '../../src/server/platform/accounts/schema.js';
import { type BrowserHarness, chromiumPath, pageErrors, startBrowserHarness } from '../support/browser.js';

const ONE_TIME = 'FirstLogin2026';
const NEW_PASSWORD = 'Pinghu2026safe';

describe.skipIf(!chromiumPath())('an administrator on a fresh install', () => {
  let h: BrowserHarness;
  let page: Page;

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'base' });
    // As after the first start: the admin holds a one-time password that must be changed.
    await h.database.db.update(users).set({ passwordHash: await hashPassword(ONE_TIME), mustChangePassword: true }).where(eq(users.username, 'admin'));
    page = await h.newPage();
  });
  afterAll(() => h?.close());

  it('signs in and is made to change the one-time password', async () => {
    await page.goto('/');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(ONE_TIME);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('change-password-current').waitFor();
    // The menu is not reachable before the password is changed.
    expect(await page.getByTestId('nav-orgs').count()).toBe(0);
    await page.getByTestId('change-password-current').fill(ONE_TIME);
    await page.getByTestId('change-password-new').fill('short');
    await page.getByTestId('change-password-confirm').fill('short');
    await page.getByTestId('change-password-submit').click();
    await page.getByText(/至少 ?8/).first().waitFor();
    await page.getByTestId('change-password-new').fill(NEW_PASSWORD);
    await page.getByTestId('change-password-confirm').fill(NEW_PASSWORD);
    await page.getByTestId('change-password-submit').click();
    await page.getByTestId('nav-orgs').waitFor();
  });

  it('opens the org tree and searches it by Chinese name and by pinyin', async () => {
    await page.getByTestId('nav-orgs').click();
    await page.getByTestId('org-tree-node').first().waitFor();
    expect(await page.getByTestId('org-tree-node').first().textContent()).toContain('中华全国总工会');

    await page.getByTestId('org-search').fill('当湖');
    await page.getByTestId('org-search-result').first().waitFor();
    const results = await page.getByTestId('org-search-results').textContent();
    expect(results).toContain('当湖街道总工会');
    expect(results).not.toContain('钟埭街道总工会');

    await page.getByTestId('org-search').fill('shuntong');
    await page.getByTestId('org-search-result').filter({ hasText: '平湖市顺通物流有限公司工会' }).waitFor();
    await page.getByTestId('org-search-result').filter({ hasText: '平湖市顺通物流有限公司工会' }).click();
    await page.getByTestId('org-detail-title').filter({ hasText: '平湖市顺通物流有限公司工会' }).waitFor();
    // Its place in the tree is shown: the street above it.
    expect(await page.locator('body').textContent()).toContain('钟埭街道总工会');
  });

  it('signs in again with the new password only', async () => {
    const fresh = await h.newPage();
    await fresh.goto('/login');
    await fresh.getByTestId('login-username').fill('admin');
    await fresh.getByTestId('login-password').fill(ONE_TIME);
    await fresh.getByTestId('login-submit').click();
    await fresh.getByText('用户名或密码错误').waitFor();
    await fresh.getByTestId('login-password').fill(NEW_PASSWORD);
    await fresh.getByTestId('login-submit').click();
    await fresh.getByTestId('nav-orgs').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
