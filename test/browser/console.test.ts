import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { systemActor } from '../../src/server/platform/actor.js';
import { installation } from '../../src/server/platform/setup/schema.js';
import { ADMIN } from '../support/app.js';
import { type BrowserHarness, chromiumPath, pageErrors, startBrowserHarness } from '../support/browser.js';
import { deskEntryBody, joinBody, newPerson } from '../support/members.js';

/**
 * The staff console as a county office meets it (issue 15): the first-run setup, a batch approval with a
 * refusal shown row by row, and tables whose every column is in view on a 1366×768 screen.
 */

/** Sign in through the API, for what other people do meanwhile. */
async function apiAs(h: BrowserHarness, username: string, password = DEMO_PASSWORD) {
  const login = await fetch(`${h.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const headers = { 'content-type': 'application/json', cookie: login.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': (await login.json()).csrfToken };
  return {
    post: async (url: string, body: unknown) => fetch(`${h.baseUrl}${url}`, { method: 'POST', headers, body: JSON.stringify(body) }),
  };
}

/**
 * Every header cell's right edge within the table's visible box, and nothing to scroll sideways: no column
 * clipped or hidden under a fixed one.
 */
async function clippedColumns(page: Page, table: string) {
  return page.locator(table).evaluate((root) => {
    const box = (root.querySelector('.ant-table-container') ?? root).getBoundingClientRect();
    const content = root.querySelector<HTMLElement>('.ant-table-content, .ant-table-body') ?? root;
    const cells = [...root.querySelectorAll<HTMLElement>('thead th')].filter((th) => th.getBoundingClientRect().width > 0);
    return {
      cells: cells.length,
      clipped: cells.filter((th) => th.getBoundingClientRect().right > box.right + 1 || th.getBoundingClientRect().left < box.left - 1).map((th) => `${th.textContent}: ${Math.round(th.getBoundingClientRect().right)} > ${Math.round(box.right)}`),
      overflow: content.scrollWidth - content.clientWidth,
    };
  });
}

describe.skipIf(!chromiumPath())('first-run setup', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
    // A fresh installation: the root is the placeholder its first administrator names.
    await h.database.db.update(installation).set({ rootNamedAt: null });
  });
  afterAll(() => h?.close());

  it('asks the first administrator for the root before anything else, then shows the first steps', async () => {
    const page = await h.newPage();
    await page.goto('/');
    await page.getByTestId('login-username').fill(ADMIN.username);
    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-submit').click();
    const setup = page.getByTestId('setup-page');
    await setup.waitFor();
    expect(await page.getByTestId('nav-orgs').count()).toBe(0);
    // A county federation (the default type) and its division, found by name; the name follows the division.
    await setup.locator('.ant-select').click();
    await page.keyboard.type('平湖');
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '平湖市' }).first().click();
    await expect.poll(() => page.getByTestId('setup-name').inputValue()).toBe('平湖市总工会');
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('first-steps').waitFor();
    expect(await page.getByTestId('first-steps').textContent()).toContain('建立组织树');
    expect(await page.getByTestId('first-step-tree').getAttribute('data-done')).toBe('false');
    // A town under the root: the step ticks itself off on the next visit, from the data.
    const root = await h.services.rootOrg();
    await h.services.orgs.create(systemActor(root), { parentId: root.id, name: '当湖街道工会', type: 'town', divisionCode: '330482' });
    await page.reload();
    await expect.poll(() => page.getByTestId('first-step-tree').getAttribute('data-done')).toBe('true');
    expect(await page.getByTestId('first-step-tree').textContent()).toContain('已完成');
    expect(await page.getByTestId('first-step-accounts').getAttribute('data-done')).toBe('false');
    await page.getByTestId('nav-orgs').click();
    await page.getByTestId('org-tree-node').first().waitFor();
    expect(await page.getByTestId('org-tree-node').first().textContent()).toContain('平湖市总工会');
    expect(await page.title()).toBe('组织架构 - 连心');
    expect(pageErrors).toEqual([]);
  });
});

describe.skipIf(!chromiumPath())('batch work and the layout at 1366×768', () => {
  let h: BrowserHarness;
  let ids: Record<string, number>;
  let page: Page;
  const applicants = [newPerson('鲁一鸣'), newPerson('鲁二鸣'), newPerson('鲁三鸣')];

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'base' });
    ids = h.demoIds;
    for (const person of applicants) {
      const response = await fetch(`${h.baseUrl}/api/public/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(joinBody(person, ids.jiada)) });
      expect(response.status).toBe(201);
    }
    const staff = await apiAs(h, 'danghu_staff');
    for (const name of ['欧阳晓慧', '司马建华', '诸葛明远']) {
      expect((await staff.post('/api/members', deskEntryBody(newPerson(name), ids.meiyi, { employmentForm: 'delivery_rider', employerName: null, platformName: '美团外卖' }))).status).toBe(201);
    }
    page = await h.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto('/login');
    await page.getByTestId('login-username').fill('danghu_staff');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('side-menu').waitFor();
  });
  afterAll(() => h?.close());

  it('approves the selected applications and says why one was refused', async () => {
    await page.goto('/members/applications');
    for (const person of applicants) await page.locator('.ant-table-row', { hasText: person.name }).waitFor();
    for (const person of applicants) await page.locator('.ant-table-row', { hasText: person.name }).locator('.ant-table-selection-column .ant-checkbox').click();
    await page.getByTestId('bulk-bar').getByText('已选 3 条').waitFor();
    // Meanwhile another staff member refuses the second applicant: the page still shows it waiting.
    const other = await apiAs(h, 'pinghu_staff');
    const list = await h.services.members.listApplications(systemActor(await h.services.rootOrg()), { state: 'pending', page: 1, pageSize: 50 });
    const second = list.items.find((a) => a.name === applicants[1].name)!;
    expect((await other.post(`/api/join-applications/${second.id}/actions`, { action: 'reject', input: { reason: '不在本单位工作' } })).status).toBe(204);

    await page.getByTestId('bulk-bar').getByTestId('action-approve').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '批准入会' }).click();
    const outcome = page.getByTestId('bulk-outcome');
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain('2 条已办理，1 条未办理');
    expect(await page.getByTestId(`bulk-result-${second.id}`).textContent()).toBe(`${applicants[1].name}：当前状态「未通过」不能执行「批准入会」`);
  });

  it('shows every column of the register and of the weekly report at 1366×768', async () => {
    await page.evaluate(() => localStorage.removeItem('lianxin:menu-collapsed'));
    await page.goto('/members');
    await page.locator('.ant-table-row', { hasText: '司马建华' }).waitFor();
    const register = await clippedColumns(page, '.ant-table-wrapper');
    expect(register.cells).toBeGreaterThan(8);
    expect(register).toMatchObject({ clipped: [], overflow: 0 });
    // And at 1440×900, where the status tag was clipped once.
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(await clippedColumns(page, '.ant-table-wrapper')).toMatchObject({ clipped: [], overflow: 0 });
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(await page.title()).toBe('会员名册 - 连心');
    expect(await page.getByTestId('breadcrumb').textContent()).toContain('会员名册');

    await page.goto('/member-reports/weekly');
    // 当湖's own figures (a street has no districts below it): the header is what must fit.
    await page.getByTestId('weekly-table').locator('thead th').first().waitFor();
    await page.getByTestId('weekly-table').locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    const weekly = await clippedColumns(page, '[data-testid="weekly-table"]');
    expect(weekly.cells).toBeGreaterThan(5);
    expect(weekly).toMatchObject({ clipped: [], overflow: 0 });
    expect(pageErrors).toEqual([]);
  });
});
