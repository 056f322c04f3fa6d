import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, chromiumPath, pageErrors, startBrowserHarness } from '../support/browser.js';

/**
 * The register of the demo county (some 20,000 members) searched as a search box holds it mid-typing: a
 * lone surname. Its page answers without its count, which the page asks apart and shows once it comes
 * (members/queries.ts `broadSearchPage`, GET /api/members/count); paging does not count again.
 */
describe.skipIf(!chromiumPath())('a broad search in the register', () => {
  let h: BrowserHarness;
  let page: Page;

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'full' });
    page = await h.signIn('pinghu_staff');
    await page.setViewportSize({ width: 1366, height: 768 });
  }, 300_000);
  afterAll(() => h?.close());

  const apiGet = async <T>(url: string) => {
    const response = await page.request.get(url);
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as T;
  };

  it('shows the page at once and the count as it comes, and pages on without counting again', async () => {
    const listed = await apiGet<{ total: number | null; items: unknown[] }>(`/api/members?q=${encodeURIComponent('王')}`);
    expect(listed.total).toBeNull();
    expect(listed.items).toHaveLength(20);
    const { total, totalCapped } = await apiGet<{ total: number; totalCapped: boolean }>(`/api/members/count?q=${encodeURIComponent('王')}`);
    expect(total).toBeGreaterThan(40);

    // The count held back: the page shows its rows and says the count is coming.
    const counts: string[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/members/count?**', async (route) => {
      counts.push(route.request().url());
      await held;
      await route.continue();
    });
    await page.goto(`/members?q=${encodeURIComponent('王')}`);
    await page.locator('.ant-table-row').nth(19).waitFor();
    expect(await page.locator('.ant-table-row').first().textContent()).toContain('王');
    expect(await page.locator('.ant-pagination-total-text').textContent()).toBe('正在统计总数…');
    await page.screenshot({ path: '/tmp/ms-counting.png' });
    release();
    await page.locator('.ant-pagination-total-text', { hasText: totalCapped ? `共 ${total.toLocaleString('zh-CN')}+ 条` : `共 ${total} 条` }).waitFor();
    expect(await page.locator('.ant-table-row').count()).toBe(20);
    expect(counts).toHaveLength(1);

    await page.locator('.ant-pagination-item-2').click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    await expect.poll(() => page.locator('.ant-pagination-item-active').textContent()).toBe('2');
    await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    expect(await page.locator('.ant-pagination-total-text').textContent()).toContain(total.toLocaleString('zh-CN'));
    expect(counts).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  });
});
