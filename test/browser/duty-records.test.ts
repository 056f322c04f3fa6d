import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { type BrowserHarness, chromiumPath, pageErrors, startBrowserHarness } from '../support/browser.js';

/**
 * 履职监督 in the browser, on the demo county: 当湖's staff open the page from
 * the 云履职 menu and find the representatives with their figures, the score
 * explained, the ranking per union and the export; 范海珠 opens 我的履职 on her
 * phone and finds her figures as cards no wider than the screen.
 */
describe.skipIf(!chromiumPath())('履职监督', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'full' });
  }, 300_000);
  afterAll(() => h?.close());

  it('shows the staff the table of representatives, the formula, the ranking per union and the export', async () => {
    const page = await h.signIn('danghu_staff');
    await page.setViewportSize({ width: 1366, height: 768 });
    // At 1366 the menu is folded to its icons (its groups open as flyouts on hover): go by the address.
    await page.goto('/duty-records');
    const fan = page.getByTestId('duty-table').locator('.ant-table-row', { hasText: '范海珠' });
    await fan.waitFor();
    expect(await fan.textContent()).toContain('当湖街道总工会');
    expect(await page.getByTestId('duty-formula').textContent()).toContain('立案每件 5 分');
    expect(await page.getByTestId('duty-xlsx').getAttribute('href')).toMatch(/^\/api\/duty-records\.xlsx\?orgId=\d+&from=\d{4}-01-01&to=\d{4}-\d{2}-\d{2}&sort=rank$/);
    // Sorting by a figure goes into the address and the export.
    await page.getByTestId('duty-table').locator('th', { hasText: '附议' }).click();
    await expect.poll(() => page.getByTestId('duty-xlsx').getAttribute('href')).toContain('sort=cosigned');
    await page.getByRole('tab', { name: '各工会排名' }).click();
    expect(await page.getByTestId('union-rankings').textContent()).toContain('第 1 名范海珠');
    expect(pageErrors).toEqual([]);
  });

  it('shows 范海珠 her own record on her phone', async () => {
    const page = await h.newPage({ mobile: true });
    await page.goto('/login');
    await page.getByTestId('login-username').fill('fan_haizhu');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/duty-records/mine');
    await page.getByTestId('my-duty-figures').waitFor();
    expect(Number(await page.getByTestId('my-duty-score').locator('.ant-statistic-content-value').textContent())).toBeGreaterThan(0);
    expect(await page.getByTestId('my-duty-figures').textContent()).toContain('两个工作日内回复');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(pageErrors).toEqual([]);
  });
});
