import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { loadDemoMediationRosters } from '../../src/server/demo/mediation-rosters.js';
import { type BrowserHarness, chromiumPath, pageErrors, pickOption, startBrowserHarness } from '../support/browser.js';

/** 连心舱 · 值班表: the staff keep the 当湖 studio's roster on the calendar; the rider sees today's duty on his phone. */
describe.skipIf(!chromiumPath())('the duty roster', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'base' });
    const ids = h.demoIds;
    await loadDemoMediationRosters(h.database.db, h.services, ids);
  });
  afterAll(() => h?.close());

  it('the street union’s staff add a rule and cancel a day of the lawyer’s clinic', async () => {
    const page = await h.signIn('danghu_staff');
    await page.goto('/mediation/duty');
    await page.getByTestId('duty-today').waitFor();
    const rows = page.getByTestId('rule-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(6);

    await page.getByTestId('rule-new').click();
    // Picked as other tests pick: on a loaded machine a bare click can leave the list open over the weekdays.
    await pickOption(page, page.getByTestId('rule-member'), '志愿者 蒋佳怡');
    await page.getByTestId('rule-weekdays').getByText('星期三').click();
    await page.getByTestId('rule-slot').getByText('下午').click();
    await page.getByTestId('rule-note').fill('微舱长值守');
    await page.getByRole('button', { name: '新 增' }).or(page.getByRole('button', { name: '新增' })).last().click();
    await expect.poll(() => rows.count()).toBe(7);
    // The new rule's afternoon becomes a morning.
    await rows.filter({ hasText: '微舱长值守' }).getByTestId('rule-edit').click();
    await page.getByTestId('rule-slot').getByText('上午').click();
    await page.getByRole('button', { name: '保 存' }).or(page.getByRole('button', { name: '保存' })).last().click();
    await rows.filter({ hasText: '微舱长值守' }).filter({ hasText: '上午' }).waitFor();

    // The lawyer's first Wednesday this month: 取消, with the reason; the calendar strikes it through.
    const lawyer = page.getByTestId('duty-entry').filter({ hasText: '鲁文博' }).first();
    await lawyer.click();
    await page.getByTestId('exception-new').click();
    await page.getByTestId('exception-kind').getByText('取消当天值班').click();
    await page.getByTestId('exception-reason').fill('律师出庭，改期坐诊');
    await page.getByRole('button', { name: '确 定' }).or(page.getByRole('button', { name: '确定' })).last().click();
    await page.getByTestId('duty-entry').filter({ hasText: '鲁文博' }).locator('del').first().waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('the rider sees today’s duty at the 当湖 studio on his phone, with its phone number', async () => {
    const page = await h.newPage({ mobile: true });
    await page.goto('/login');
    await page.getByTestId('login-username').fill('chen_jie');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('user-menu').waitFor();
    await page.goto('/mediation/duty-today');
    const card = page.getByTestId('duty-studio-card');
    await card.waitFor();
    await expect.poll(() => card.first().textContent()).toContain('0573-85011234');
    expect(pageErrors).toEqual([]);
  });
});
