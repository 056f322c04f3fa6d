import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { halfMonthOf, yearOf } from '../../src/server/modules/members/reports/calc.js';
import { addDays } from '../../src/server/platform/beijing-time.js';
import { systemActor } from '../../src/server/platform/actor.js';
import { beijingToday } from '../../src/server/platform/beijing-time.js';
import { type BrowserHarness, chromiumPath, pageErrors, startBrowserHarness } from '../support/browser.js';
import { zipText } from '../support/zip-text.js';

/**
 * The 建会入会 report pages as 平湖市总工会's staff use them: set a target in
 * the table, read the weekly report and the composition, issue a bulletin
 * after its preview, see the chart with the town that ranked last twice
 * running, download the documents, read the monthly figures. Then as 当湖's
 * staff, whose street ranks nobody: its own target, its own figures by unit,
 * and the county's bulletins, read-only, with its row marked.
 */
describe.skipIf(!chromiumPath())('member reports pages', () => {
  let h: BrowserHarness;
  let page: Page;
  let ids: Record<string, number>;
  // The two most recent bulletin periods that have ended (the server runs on today's date).
  const latest = halfMonthOf(addDays(halfMonthOf(beijingToday()).start, -1));
  const before = halfMonthOf(addDays(latest.start, -1));

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'base' });
    ids = h.demoIds;
    const actor = systemActor(await h.services.rootOrg());
    const { orgs, memberReports } = h.services;
    // Unions founded at the start of each period (the current one too: on a 15th or a month end the page
    // offers the period ending today): 当湖 two, 钟埭 one, 曹桥 none — 曹桥 ranks last every time.
    for (const period of [before, latest, halfMonthOf(beijingToday())]) {
      await orgs.create(actor, { parentId: ids.danghu, name: `当湖新建工会甲${period.start}`, type: 'grassroots', foundedOn: period.start });
      await orgs.create(actor, { parentId: ids.danghu, name: `当湖新建工会乙${period.start}`, type: 'grassroots', foundedOn: period.start });
      await orgs.create(actor, { parentId: ids.zhongdai, name: `钟埭新建工会${period.start}`, type: 'grassroots', foundedOn: period.start });
    }
    for (const year of new Set([yearOf(before.end), yearOf(latest.end), yearOf(beijingToday())])) {
      await memberReports.setTargets(actor, {
        orgId: ids.pinghu,
        year,
        items: ['danghu', 'zhongdai', 'caoqiao'].map((key) => ({ districtId: ids[key], newUnions: 2, newMembers: 0, newFormMembers: 0 })),
      });
    }
    await memberReports.issueBulletin(actor, { orgId: ids.pinghu, periodEnd: before.end });
    page = await h.signIn('pinghu_staff');
  });
  afterAll(() => h?.close());

  it('sets a target in the table', async () => {
    await page.getByTestId('nav-member-targets').click();
    const cell = page.getByTestId(`target-${ids.xindai}-newUnions`);
    await cell.waitFor();
    await cell.fill('3');
    await page.getByTestId('targets-save').click();
    await page.getByText('已保存 1 个单位的目标任务').waitFor();
    const view = await h.services.memberReports.targets(systemActor(await h.services.rootOrg()), { orgId: ids.pinghu, year: yearOf(beijingToday()) });
    expect(view.items.find((i) => i.districtId === ids.xindai)?.target).toEqual({ newUnions: 3, newMembers: 0, newFormMembers: 0 });
  });

  it('shows the weekly report and the composition', async () => {
    await page.getByTestId('nav-member-weekly').click();
    await page.getByTestId('weekly-table').getByText('当湖街道总工会').waitFor();
    expect(await page.getByTestId('weekly-table').textContent()).toContain('合计');
    await page.getByTestId('composition').getByText('在册会员').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('weekly-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(zipText(readFileSync((await download.path())!))).toContain('当湖街道总工会');
  });

  it('issues a bulletin after its preview; the chart and the flag show; the documents download', async () => {
    await page.getByTestId('nav-member-bulletins').click();
    await page.getByTestId('bulletin-list').getByText('第1期').first().waitFor();
    await page.getByTestId('bulletin-issue').click();
    await page.getByTestId('bulletin-preview-table').getByText('曹桥街道总工会').waitFor();
    expect(await page.getByTestId('bulletin-flagged').textContent()).toContain('曹桥街道总工会');
    await page.getByTestId('bulletin-issue-confirm').click();

    const detail = page.getByTestId('bulletin-detail');
    await detail.waitFor();
    await detail.getByTestId('bulletin-chart').locator('canvas').waitFor();
    expect(await detail.getByTestId('bulletin-flagged').textContent()).toContain('连续两次排名末位：曹桥街道总工会');
    expect(await detail.getByTestId('bulletin-table').locator('.lx-report-flagged').textContent()).toContain('曹桥街道总工会');
    for (const [testId, extension] of [
      ['bulletin-docx', '.docx'],
      ['bulletin-xlsx', '.xlsx'],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), detail.getByTestId(testId).click()]);
      expect(download.suggestedFilename().endsWith(extension)).toBe(true);
      expect(zipText(readFileSync((await download.path())!))).toContain('曹桥街道总工会');
    }
    await page.keyboard.press('Escape');
    await page.getByTestId('bulletin-list').getByText('第2期').first().waitFor();
  });

  it('shows the monthly figures', async () => {
    await page.getByTestId('nav-member-monthly').click();
    await page.getByTestId('monthly-table').getByText('曹桥街道总工会').waitFor();
    expect(await page.getByTestId('monthly-table').textContent()).toContain('直属单位');
    expect(pageErrors).toEqual([]);
  });

  it('shows a street’s staff its own progress: the target 平湖 set, its units, the bulletins that rank it', async () => {
    const town = await h.signIn('danghu_staff');
    const noError = async () => expect(await town.locator('.ant-alert-error').count()).toBe(0);

    await town.getByTestId('year-progress').getByText('当湖街道总工会').waitFor();
    expect(await town.getByTestId('year-progress').textContent()).toContain('目标 2');

    await town.getByTestId('nav-member-targets').click();
    await town.getByTestId('own-target').getByText('目标任务由平湖市总工会下达', { exact: false }).waitFor();
    expect(await town.getByTestId('targets-save').count()).toBe(0);
    await noError();

    await town.getByTestId('nav-member-weekly').click();
    await town.getByTestId('weekly-table').getByText(`当湖新建工会甲${latest.start}`).waitFor();
    expect(await town.getByTestId('weekly-table').textContent()).toContain('合计');
    await noError();

    await town.getByTestId('nav-member-monthly').click();
    await town.getByTestId('monthly-table').getByText(`当湖新建工会乙${latest.start}`).waitFor();
    // Its units are not ranked: no rank column.
    expect(await town.getByTestId('monthly-table').locator('th', { hasText: '排名' }).count()).toBe(0);
    await noError();

    await town.getByTestId('nav-member-bulletins').click();
    await town.getByTestId('bulletin-read-only').waitFor();
    expect(await town.getByTestId('bulletin-issue').count()).toBe(0);
    await town.getByTestId('bulletin-list').getByText('第2期').first().waitFor();
    await noError();
    await town.getByTestId('bulletin-list').getByText('第2期').first().click();
    const detail = town.getByTestId('bulletin-detail');
    await detail.getByTestId('bulletin-own-row').waitFor();
    expect(await detail.getByTestId('bulletin-own-row').textContent()).toContain('当湖街道总工会');
    expect(await detail.getByTestId('bulletin-own-standing').textContent()).toMatch(/^第 \d+ 名/);

    // On a phone the report fits the screen's width: its wide tables scroll within themselves.
    await town.keyboard.press('Escape');
    await town.setViewportSize({ width: 390, height: 844 });
    await town.goto('/member-reports/weekly');
    await town.getByTestId('weekly-table').getByText('合计').waitFor();
    expect(await town.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(pageErrors).toEqual([]);
  });
});
