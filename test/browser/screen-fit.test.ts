import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { type BrowserHarness, chromiumPath, pageErrors, startBrowserHarness } from '../support/browser.js';

const PHONE_WIDTH = 390;

/**
 * What reaches past a phone's screen on the page as it stands, in words: the page scrolling sideways, a card's
 * title cut short, an open detail panel beyond the screen's edges. The page is measured against the screen's
 * width, not `innerWidth`: on a phone the browser widens the layout viewport to a page that overflows, so
 * `innerWidth` grows with the fault.
 */
const overflows = (page: Page) =>
  page.evaluate((width) => {
    const faults: string[] = [];
    const pageWidth = document.documentElement.scrollWidth;
    if (pageWidth > width) faults.push(`页面宽 ${pageWidth} px`);
    for (const title of document.querySelectorAll<HTMLElement>('.lx-content .ant-card-head-title')) {
      if (title.scrollWidth > title.clientWidth + 1) faults.push(`卡片标题被截断：${title.innerText}`);
    }
    for (const panel of document.querySelectorAll<HTMLElement>('.ant-drawer-open .ant-drawer-section')) {
      const box = panel.getBoundingClientRect();
      if (box.left < 0 || box.right > width) faults.push(`详情面板在 ${Math.round(box.left)}–${Math.round(box.right)} px`);
    }
    return faults;
  }, PHONE_WIDTH);

/**
 * The tables of `boxes` (antd's `.ant-table-container`) whose rows are wider than their box, so that they scroll
 * sideways in it, by their first headers and how much wider. The rows' own width counts: an unread dot hanging
 * over a cell's edge makes no row wider.
 */
const scrollingTables = (boxes: Locator) =>
  boxes.evaluateAll((elements) =>
    elements.flatMap((box) => {
      const rows = box.querySelector('table');
      const excess = rows ? Math.round(rows.getBoundingClientRect().width - box.getBoundingClientRect().width) : 0;
      const headers = [...box.querySelectorAll('th')].slice(0, 3).map((th) => (th as HTMLElement).innerText.trim());
      return excess > 0 ? [`${headers.join('、')}…：宽出 ${excess} px`] : [];
    }),
  );

/**
 * The staff console on the demo county at the two sizes staff use it: on a 390×844 phone, away from the desk,
 * no page scrolls sideways, every card shows its title, a list shows its rows' key fields without scrolling
 * sideways and a record's detail panel fills the screen rather than running off it; on a 1366×768 laptop the
 * lists and the tables in a detail panel show every column in their box, none under the pinned 操作. On the
 * phone app 赵磊's e-card keeps each fact on one line, and a 会员评家 question shows its weight apart from it.
 */
describe.skipIf(!chromiumPath())('pages fit the screen', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'full' });
  }, 300_000);
  afterAll(() => h?.close());

  async function signIn(username: string, options: { mobile?: boolean } = {}) {
    const page = await h.newPage(options);
    await page.goto('/login');
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    return page;
  }

  describe('the console on a phone', () => {
    let page: Page;
    beforeAll(async () => {
      page = await signIn('pinghu_staff', { mobile: true });
    });

    /** A list page and the detail of its first row. */
    async function checkList(path: string, detailReady: (panel: Locator) => Promise<void>) {
      await page.goto(path);
      const row = page.locator('.lx-content .ant-table-row').first();
      await row.waitFor();
      expect(await overflows(page)).toEqual([]);
      expect(await scrollingTables(page.locator('.lx-content .ant-table-container'))).toEqual([]);
      await row.click();
      const panel = page.locator('.ant-drawer-open .ant-drawer-section');
      await detailReady(panel);
      // The panel slides in from the right: measured once it has come to rest.
      await expect.poll(() => overflows(page), { timeout: 5000 }).toEqual([]);
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'detached' });
    }

    it('fits 会员名册 and a member', async () => {
      await checkList('/members', (panel) => panel.getByTestId('member-id-masked').waitFor());
      expect(pageErrors).toEqual([]);
    });

    it('fits 提案管理 and a proposal', async () => {
      await checkList('/proposals', (panel) => panel.getByTestId('proposal-header').waitFor());
    });

    it('fits 调解案件 and 消息通知', async () => {
      await checkList('/mediation/cases', (panel) => panel.getByTestId('case-view').waitFor());
      await checkList('/notifications', (panel) => panel.getByText('时间').first().waitFor());
    });

    it('fits 工作日历', async () => {
      await page.goto('/calendar');
      await page.getByRole('button', { name: '下一年' }).waitFor();
      expect(await overflows(page)).toEqual([]);
    });

    it('fits a roster import with its outcomes', async () => {
      await page.goto('/members/import');
      await page.locator('.lx-content .ant-table-row').first().click();
      await page.getByTestId('import-rows').locator('.ant-table-row').first().waitFor();
      expect(await overflows(page)).toEqual([]);
      expect(pageErrors).toEqual([]);
    });
  });

  describe('the console on a 1366 laptop', () => {
    let page: Page;
    beforeAll(async () => {
      page = await signIn('pinghu_staff');
      await page.setViewportSize({ width: 1366, height: 768 });
    });

    it.each(['/proposals', '/risk-signals', '/duty-records', '/members/transfers', '/members/applications', '/direct-line'])('shows every column of %s in its box', async (path) => {
      await page.goto(path);
      await page.locator('.lx-content .ant-table-row').first().waitFor();
      expect(await scrollingTables(page.locator('.lx-content .ant-table-container'))).toEqual([]);
    });

    it("shows every column of an enterprise's cases in its panel, and a question's weight apart from it", async () => {
      await page.goto('/enterprises');
      await page.locator('.lx-content .ant-table-row', { hasText: '平湖嘉达光电科技有限公司' }).click();
      const cases = page.getByTestId('enterprise-cases');
      await cases.locator('.ant-table-row').first().waitFor();
      expect(await scrollingTables(cases.locator('.ant-table-container'))).toEqual([]);
      await page.keyboard.press('Escape');

      await page.goto('/evaluations');
      await page.locator('.lx-content .ant-table-row').first().click();
      const weight = page.locator('.ant-drawer-open').getByTestId('question-weight').first();
      expect(await weight.textContent()).toMatch(/^权重 \d+$/);
      expect(pageErrors).toEqual([]);
    });
  });

  it("keeps each fact of 赵磊's e-card on one line", async () => {
    const phone = await h.newPage({ mobile: true });
    await phone.goto('/me');
    await phone.getByTestId('me-sign-in-switch').click();
    await phone.getByTestId('me-username').locator('input').fill('zhao_lei');
    await phone.getByTestId('me-password').locator('input').fill(DEMO_PASSWORD);
    await phone.getByTestId('me-password-submit').click();
    await phone.getByTestId('me-card-qr').waitFor();
    // 不满 1 年 and the day he joined, each in one line box (a break would make two).
    const lines = await phone.locator('.me-card-facts dd').evaluateAll((facts) =>
      facts.map((dd) => {
        const range = document.createRange();
        range.selectNodeContents(dd);
        return `${(dd as HTMLElement).innerText}:${new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size}`;
      }),
    );
    expect(lines).toContain('不满 1 年:1');
    expect(lines.every((line) => line.endsWith(':1'))).toBe(true);
  });
});
