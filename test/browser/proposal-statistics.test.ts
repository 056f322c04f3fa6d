import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoProposals } from '../../src/server/demo/proposals.js';
import { type BrowserHarness, chromiumPath, pageErrors, startBrowserHarness } from '../support/browser.js';

/**
 * 提案统计 in the browser, on a 1366×768 office screen: 当湖's staff open the
 * page from the menu and find the demo's rates as cards, the charts, the table
 * by handler unit, and the two downloads of 提案汇编 for what is shown.
 */
describe.skipIf(!chromiumPath())('提案统计', () => {
  let h: BrowserHarness;
  let ids: Record<string, number>;

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'base' });
    ids = h.demoIds;
    await loadDemoProposals(h.database.db, h.services, ids);
  });
  afterAll(() => h?.close());

  it('shows the rates as cards, the charts and the tables, with the book to download', async () => {
    const page = await h.signIn('danghu_staff');
    await page.setViewportSize({ width: 1366, height: 768 });
    // At 1366 the menu is folded to its icons (its groups open as flyouts on hover): go by the address.
    await page.goto('/proposals/statistics');
    const submitted = page.getByTestId('kpi-submitted').locator('.ant-statistic-content-value');
    await expect.poll(async () => Number(await submitted.textContent())).toBeGreaterThan(0);
    for (const rate of ['kpi-acceptance', 'kpi-answer', 'kpi-conclusion', 'kpi-satisfaction']) {
      expect(await page.getByTestId(rate).locator('.ant-statistic-content-value').textContent(), rate).toMatch(/^\d+(\.\d)?%$/);
    }
    await page.getByTestId('category-chart').locator('canvas').waitFor();
    await page.getByTestId('field-chart').locator('canvas').waitFor();
    expect(await page.getByTestId('by-handler').locator('.ant-table-row').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('by-handler').textContent()).toContain('平湖市人力资源和社会保障局');

    const docx = await page.getByTestId('book-docx').getAttribute('href');
    // The book of what is shown: 当湖 and this year to today, which the server chose.
    expect(docx).toMatch(new RegExp(`^/api/proposals/book\\.docx\\?orgId=${ids.danghu}&from=\\d{4}-01-01&to=\\d{4}-\\d{2}-\\d{2}$`));
    await page.getByTestId('book-accepted-only').click();
    await expect.poll(() => page.getByTestId('book-xlsx').getAttribute('href')).toContain('acceptedOnly=true');

    // Nothing spills sideways on the office screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    expect(pageErrors).toEqual([]);
  });
});
