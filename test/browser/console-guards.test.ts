import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { users } from '../../src/server/platform/accounts/schema.js';
import { type BrowserHarness, chromiumPath, pageErrors, startBrowserHarness } from '../support/browser.js';

/**
 * The console's shared guards: unsaved edits ask before they are left (the targets table, a form modal),
 * accounts are disabled in bulk with each row's outcome, and hidden columns stay hidden for their user only.
 */
describe.skipIf(!chromiumPath())('console guards', () => {
  let h: BrowserHarness;
  let ids: Record<string, number>;
  const LEAVE = /离\s?开/;
  const STAY = /留\s?下/;
  const warning = (page: Page) => page.locator('.ant-modal-confirm').filter({ hasText: '有未保存的修改，确定离开吗？' });
  const userId = async (username: string) => (await h.database.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0].id;
  const activeOf = async (username: string) => (await h.database.db.select({ active: users.active }).from(users).where(eq(users.username, username)))[0].active;

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'base' });
    ids = h.demoIds;
  });
  afterAll(() => h?.close());

  it('an edited target asks before another menu item is opened: stay keeps the edit, leave drops it', async () => {
    const page = await h.signIn('pinghu_staff');
    await page.getByTestId('nav-member-targets').click();
    const cell = page.getByTestId(`target-${ids.xindai}-newUnions`);
    await cell.fill('7');

    await page.getByTestId('nav-member-weekly').click();
    await warning(page).getByRole('button', { name: STAY }).click();
    await warning(page).waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe('/member-reports/targets');
    expect(await cell.inputValue()).toBe('7');

    await page.getByTestId('nav-member-weekly').click();
    await warning(page).getByRole('button', { name: LEAVE }).click();
    await page.getByTestId('weekly-table').waitFor();
    await page.getByTestId('nav-member-targets').click();
    await cell.waitFor();
    expect(await cell.inputValue()).toBe('');
    await page.context().close();
  });

  it('a changed form in a modal asks before it closes and before the browser goes back', async () => {
    const page = await h.signIn('pinghu_admin');
    await page.getByTestId('nav-users').click();
    await page.getByRole('button', { name: '新建用户' }).click();
    const form = page.locator('.ant-modal').filter({ hasText: '新建用户' });
    await form.getByLabel('姓名').fill('试填');
    // The browser's back button is held back too.
    await page.goBack();
    await warning(page).getByRole('button', { name: STAY }).click();
    await warning(page).waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe('/users');
    await form.getByRole('button', { name: /取\s?消/ }).click();
    await warning(page).getByRole('button', { name: STAY }).click();
    expect(await form.getByLabel('姓名').inputValue()).toBe('试填');
    await form.getByRole('button', { name: /取\s?消/ }).click();
    await warning(page).getByRole('button', { name: LEAVE }).click();
    await form.waitFor({ state: 'hidden' });
    await page.context().close();
  });

  it('disables two accounts in bulk after asking: one done, one’s own refused with the reason', async () => {
    const page = await h.signIn('pinghu_admin');
    await page.getByTestId('nav-users').click();
    await page.getByTestId('filter-q').fill('pinghu_');
    await page.getByTestId('list-search').click();
    for (const username of ['pinghu_leader', 'pinghu_admin']) {
      await page.locator('.ant-table-row', { hasText: username }).locator('.ant-table-selection-column input').check();
    }
    await page.getByTestId('bulk-bar').getByText('已选 2 条').waitFor();
    await page.getByTestId('users-bulk-disable').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /停\s?用/ }).click();

    const outcome = page.getByTestId('bulk-outcome');
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain('批量停用：1 条已办理，1 条未办理');
    expect(await outcome.getByTestId(`bulk-result-${await userId('pinghu_leader')}`).textContent()).toBe('许静（pinghu_leader）：已办理');
    expect(await outcome.getByTestId(`bulk-result-${await userId('pinghu_admin')}`).textContent()).toBe('平湖市总工会 管理员（pinghu_admin）：不能停用自己的账号');
    expect(await activeOf('pinghu_leader')).toBe(false);
    expect(await activeOf('pinghu_admin')).toBe(true);
    await page.context().close();
  });

  it('a column hidden on the register stays hidden after a reload, for that user only', async () => {
    const page = await h.signIn('pinghu_staff');
    const header = page.locator('.ant-table-thead');
    await page.getByTestId('nav-members').click();
    await header.getByText('手机号').waitFor();
    await page.getByTestId('column-settings-button').click();
    await page.getByTestId('column-settings').getByText('手机号').click();
    await header.getByText('手机号').waitFor({ state: 'detached' });

    await page.reload();
    await header.getByText('身份证号').waitFor();
    expect(await header.textContent()).not.toContain('手机号');

    // Another account signing in on the same browser starts from all columns.
    await page.context().clearCookies();
    await page.goto('/login');
    await page.getByTestId('login-username').fill('danghu_staff');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-members').click();
    await header.getByText('手机号').waitFor();
    await page.context().close();
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
