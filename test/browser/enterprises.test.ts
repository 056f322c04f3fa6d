import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DELIVERY_PARTNER } from '../../src/server/demo/enterprises.js';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { type BrowserHarness, chromiumPath, pageErrors, startBrowserHarness } from '../support/browser.js';

/**
 * 一企一策 in the browser, on the demo county: 当湖's staff find the riders'
 * red arrears first among the 风险预警 with the statistics above, take it up
 * through the signal's own actions, and revise the delivery company's plan on
 * its page; the 连心舱's mediator reads the same page without a button to change it,
 * then turns the riders' signal into a case (转调解): the case names the signal, the
 * signal and the enterprise's page name the case.
 */
describe.skipIf(!chromiumPath())('一企一策', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'full' });
  }, 300_000);
  afterAll(() => h?.close());

  it('lets 当湖 take up the red signal and revise the plan', async () => {
    const page = await h.signIn('danghu_staff');
    await page.goto('/risk-signals');
    // The list's rows (the statistics above are small tables too).
    const first = page.locator('.ant-table-row', { has: page.getByTestId('level-tag') }).first();
    await first.waitFor();
    expect(await first.getByTestId('level-tag').textContent()).toBe('严重（红色）');
    expect(await page.getByTestId('signal-statistics').textContent()).toContain('欠薪');

    await page.locator('.ant-table-row', { hasText: DEMO_DELIVERY_PARTNER.name }).click();
    const view = page.getByTestId('signal-view');
    await view.getByTestId('action-take').click();
    await page.getByTestId('action-input-follower').fill('当湖连心舱 舱长 曾育');
    await page.locator('.ant-modal', { hasText: '跟进：' }).locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => view.getByTestId('state-tag').textContent()).toBe('跟进中');
    expect(await view.getByTestId('signal-history').textContent()).toContain('跟进人：当湖连心舱 舱长 曾育');

    await view.getByRole('link', { name: DEMO_DELIVERY_PARTNER.name }).click();
    await page.getByTestId('plan-edit').click();
    await page.getByTestId('plan-measures').fill('配合法院委派调解，督促配送商本月底前结清 8 名骑手工资；推动配送商建会。');
    await page.locator('.ant-modal', { hasText: '修订一企一策' }).locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('plan-current').textContent()).toContain('第 3 版');
    expect(await page.getByTestId('plan-current').textContent()).toContain('修订记录（2）');
    expect(pageErrors).toEqual([]);
  });

  it('shows the mediator the enterprise without a way to change it', async () => {
    const page = await h.newPage();
    await page.goto('/login');
    await page.getByTestId('login-username').fill('lianxin_mediator');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/enterprises');
    await page.locator('.ant-table-row', { hasText: DEMO_DELIVERY_PARTNER.name }).click();
    const sections = page.getByTestId('enterprise-sections');
    await sections.waitFor();
    expect(await sections.textContent()).toContain(DEMO_DELIVERY_PARTNER.creditCode);
    expect(await sections.getByTestId('enterprise-edit').count()).toBe(0);
    expect(await sections.getByTestId('signal-new').count()).toBe(0);
    expect(await page.getByTestId('enterprise-new').count()).toBe(0);
    expect(pageErrors).toEqual([]);

    // 转调解: the red signal 当湖 took up above, from its page.
    await sections.locator('.ant-table-row', { hasText: '严重（红色）' }).getByRole('link').click();
    const view = page.getByTestId('signal-view');
    await view.getByTestId('signal-open-case').click();
    const modal = page.locator('.ant-modal', { hasText: '转调解：受理案件' });
    expect(await modal.getByTestId('case-enterprise').inputValue()).toBe(DEMO_DELIVERY_PARTNER.name);
    expect(await modal.getByTestId('case-credit-code').isDisabled()).toBe(true);
    await modal.getByTestId('case-subject').fill('骑手追索拖欠的配送费（预警转调解）');
    await modal.getByTestId('worker-name').fill('王小川');
    await modal.getByTestId('claim-amount').fill('4650');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.waitForURL(/\/mediation\/cases\/\d+$/);
    const caseView = page.getByTestId('case-view');
    await caseView.waitFor();
    expect(await caseView.textContent()).toContain('预警信号');
    await caseView.getByTestId('case-signal').click();
    await expect.poll(() => page.getByTestId('signal-view').getByTestId('state-tag').textContent()).toBe('已转调解');
    expect(await page.getByTestId('signal-case').textContent()).toContain('骑手追索拖欠的配送费（预警转调解）');
    expect(await page.getByTestId('signal-open-case').count()).toBe(0);

    await page.getByTestId('signal-view').getByRole('link', { name: DEMO_DELIVERY_PARTNER.name }).click();
    const cases = page.getByTestId('enterprise-cases');
    await expect.poll(() => cases.textContent()).toContain('骑手追索拖欠的配送费（预警转调解）');
    expect(pageErrors).toEqual([]);
  });
});
