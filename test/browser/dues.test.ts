import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoActivity } from '../../src/server/demo/activity.js';
import { actorOf } from '../../src/server/demo/proposals.js';
import { type BrowserHarness, chromiumPath, pageErrors, startBrowserHarness } from '../support/browser.js';

const RIDER_STATION = '平湖市外卖配送当湖站点工会';

const monthsBack = (n: number) => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 7);
};

/**
 * 会费 and 视为自动退会 in the browser: 当湖's staff import the station's
 * payroll — a bad line comes back with its reason and nothing can be
 * committed; the corrected file previews clean and commits — and the
 * candidates page shows a rider who stopped paying with his last dues month,
 * and counts the members with no dues data instead of listing them.
 */
describe.skipIf(!chromiumPath())('dues import and the deemed-withdrawal candidates', () => {
  let h: BrowserHarness;
  let riders: { id: number; name: string; cardNo: string; joinedOn: string }[];

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'base' });
    const ids = h.demoIds;
    // The demo's members, without the dues the full demo adds.
    await loadDemoActivity(h.services, ids, { today: h.services.today() });
    const org = (await h.services.orgs.byId(ids.rider_station))!;
    riders = (await h.services.members.openMembersIn(org, null)).sort((a, b) => a.joinedOn.localeCompare(b.joinedOn));
    // The longest-standing rider paid nine months ago and never since: a candidate on evidence.
    const staff = await actorOf(h.database.db, h.services, 'danghu_staff');
    expect(riders[0].joinedOn <= `${monthsBack(9)}-01`).toBe(true);
    await h.services.dues.record(staff, { orgId: org.id, membershipId: riders[0].id, month: monthsBack(9), wageFen: 650_000, paid: true });
  });
  afterAll(() => h?.close());

  it('imports a payroll: a bad line is shown with its reason and blocks the commit; the corrected one commits', async () => {
    const page = await h.signIn('danghu_staff');
    const [a, b] = riders.slice(1, 3);
    const upload = async (csv: string) => {
      await page.getByTestId('dues-import').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('dues-import-org').click();
      await page.keyboard.type('外卖配送当湖');
      await page.locator('.ant-select-dropdown .ant-select-tree-title', { hasText: RIDER_STATION }).first().click();
      await dialog.locator('input[type=file]').setInputFiles({ name: '站点工资表.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await dialog.getByTestId('dues-upload').click();
      await dialog.getByTestId('dues-preview').waitFor();
      return dialog;
    };
    await page.goto('/dues');
    let dialog = await upload(`姓名,会员证号,应发工资\n${a.name},${a.cardNo},6200\n${b.name},${b.cardNo},六千\n`);
    await dialog.getByTestId('dues-preview-problems').waitFor();
    await dialog.getByText('应发工资不是有效金额（元，最多两位小数）').waitFor();
    expect(await dialog.getByTestId('dues-commit').isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    dialog = await upload(`姓名,会员证号,应发工资\n${a.name},${a.cardNo},6200\n${b.name},${b.cardNo},6000.50\n`);
    await dialog.getByText('2 行均可导入', { exact: false }).waitFor();
    await dialog.getByTestId('dues-commit').click();
    await dialog.waitFor({ state: 'hidden' });
    // The list shows both, with the rule's amounts (0.5% of the wage).
    const table = page.locator('.ant-table-tbody');
    await table.getByText('31.00 元').waitFor();
    await table.getByText('30.00 元').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('lists the rider who stopped paying with his last dues month, and counts the members without dues data', async () => {
    const page = await h.signIn('danghu_staff');
    await page.goto('/members/deemed-withdrawal');
    const row = page.locator('.ant-table-tbody tr', { hasText: riders[0].name });
    await row.waitFor();
    expect(await row.textContent()).toContain(monthsBack(9));
    expect(await row.textContent()).toContain('未参加');
    // The two riders just imported are not candidates (paid this month or last); the rest of 当湖 has no dues at all.
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
    await page.getByTestId('no-dues-data').getByText(/名在册会员没有任何会费记录/).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
