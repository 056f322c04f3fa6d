import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, chromiumPath, pageErrors, startBrowserHarness } from '../support/browser.js';

/**
 * 通知公告 as a county federation and a street union use it: the county's 组织部 publishes a notice to the
 * unions below it, the street's staff sees it unread on the home page, reads it, and the county sees the receipt.
 */
describe.skipIf(!chromiumPath())('notices from a federation to its unions', () => {
  let h: BrowserHarness;
  let county: Page;
  let street: Page;
  const TITLE = '关于报送2026年度困难职工帮扶台账的通知';

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'base' });
    county = await h.signIn('pinghu_staff');
  });
  afterAll(() => h?.close());

  it('the county publishes a notice to the unions below it', async () => {
    await county.getByTestId('nav-notices').click();
    await county.getByTestId('notice-publish').click();
    await county.getByTestId('notice-title').fill(TITLE);
    await county.getByTestId('notice-body-input').fill('各镇（街道）总工会：请于12月20日前报送本年度困难职工帮扶台账。');
    await county.locator('.ant-modal-footer .ant-btn-primary').click();
    await county.getByText('已发布').first().waitFor();
  });

  it('a street union\'s staff sees it unread on the home page, and reads it', async () => {
    street = await h.signIn('danghu_staff');
    const todo = street.getByTestId('todo').filter({ hasText: '未读通知公告' });
    await todo.waitFor();
    expect(await todo.textContent()).toContain('1');
    await todo.getByRole('link').click();
    const row = street.locator('tbody tr.ant-table-row').filter({ hasText: TITLE });
    await row.waitFor();
    expect(await row.textContent()).toContain('未读');
    await row.click();
    await street.getByTestId('notice-body').filter({ hasText: '困难职工帮扶台账' }).waitFor();
    // Back home (the drawer closed first), nothing waits any more.
    await street.keyboard.press('Escape');
    await street.getByTestId('nav-home').click();
    await street.getByTestId('todos').waitFor();
    await expect.poll(() => street.getByTestId('todo').filter({ hasText: '未读通知公告' }).count()).toBe(0);
  });

  it('the county sees who read it, union by union', async () => {
    await county.goto('/notices?box=sent');
    const row = county.locator('tbody tr.ant-table-row').filter({ hasText: TITLE });
    await row.waitFor();
    // The unions below the county have one staff each; the county's own staff wrote it and are not counted.
    expect(await row.textContent()).toContain('1 / 2');
    await row.click();
    const receipts = county.getByTestId('notice-receipts');
    await receipts.waitFor();
    const danghu = receipts.locator('tr').filter({ hasText: '当湖街道总工会' });
    await danghu.locator('.ant-tag-green').filter({ hasText: '当湖街道工会 干事' }).waitFor();
    const zhongdai = receipts.locator('tr').filter({ hasText: '钟埭街道总工会' });
    expect(await zhongdai.locator('.ant-tag-green').count()).toBe(0);
    // Opening it just now was the publisher's, not a receipt.
    await county.getByTestId('notice-receipt-summary').filter({ hasText: '已读 1 / 共 2 人' }).waitFor();
    expect(await receipts.locator('tr').filter({ hasText: '平湖市总工会' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
