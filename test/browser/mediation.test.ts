import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, beijingToday } from '../../src/server/platform/beijing-time.js';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { actorOf } from '../../src/server/demo/proposals.js';
import { type BrowserHarness, chromiumPath, pageErrors, startBrowserHarness } from '../support/browser.js';

const SUBJECT = '8 名外卖骑手追索拖欠的配送费';
const RIDERS = ['陈杰', '王强', '李建国', '张伟', '刘洋', '赵磊', '孙浩', '周明'];

/**
 * 连心舱 · 诉调对接 (issue 13): the court sends a pre-filing case of eight
 * riders owed their delivery fees; the cabin chief takes it, records a visit
 * and a session, drafts an agreement recovering the whole amount (a line per
 * rider, one instalment), requests judicial confirmation and closes it; the
 * rider 陈杰 follows it on his phone, signs for the agreement and rates it.
 */
describe.skipIf(!chromiumPath())('the court’s eight riders, from the chief’s desk to the rider’s rating', () => {
  let h: BrowserHarness;
  let casePath: string;
  const today = beijingToday();

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'base' });
    const ids = h.demoIds;
    const { db } = h.database;
    const staff = await actorOf(db, h.services, 'danghu_staff');
    const chief = await actorOf(db, h.services, 'lianxin_mediator');
    const chen = await actorOf(db, h.services, 'chen_jie');
    const studio = await h.services.mediation.createStudio(staff, { orgId: ids.danghu, name: '当湖街道“连心舱”劳动争议调解工作室' });
    await h.services.mediation.addMember(staff, studio.id, { role: 'cabin_chief', name: '徐海峰', userId: chief.userId });
    // The court's papers come to the street union, whose staff enter the case for a chief to take.
    const created = await h.services.mediation.create(staff, {
      studioId: studio.id,
      source: 'court_pre_filing',
      subject: SUBJECT,
      facts: '8 名骑手在当湖街道配送站点跑单，站点承包商三个月未结算配送费，骑手起诉至平湖市人民法院，法院立案前委派连心舱调解。',
      enterpriseName: '平湖市速达配送服务有限公司',
      enterpriseCreditCode: '91330482MA2B3C4D5Y',
      workers: RIDERS.map((name) => ({ name, userId: name === '陈杰' ? chen.userId : null, isMember: true })),
      claims: [{ type: 'wages', amount: 3_720_000, note: '三个月配送费，每人 4650 元' }],
      receivedOn: addDays(today, -1),
      court: { name: '平湖市人民法院', caseNo: `（${today.slice(0, 4)}）浙0482民诉前调318号`, dueOn: addDays(today, 28) },
    });
    casePath = `/mediation/cases/${created.id}`;
  });
  afterAll(() => h?.close());

  async function signIn(username: string, options: { mobile?: boolean } = {}): Promise<Page> {
    const page = await h.newPage({ mobile: options.mobile });
    await page.goto('/login');
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('user-menu').waitFor();
    return page;
  }

  /** The input behind a test id (antd puts it on the input itself or on a wrapper). */
  async function inputOf(locator: Locator) {
    return (await locator.evaluate((e) => e.tagName)) === 'INPUT' ? locator : locator.locator('input').first();
  }

  /** Fill and send an action's form (its modal is titled with the action's label). */
  async function act(page: Page, view: Locator, action: string, label: string, fill: (modal: Locator) => Promise<void>) {
    await view.getByTestId(`action-${action}`).click();
    const modal = page.locator('.ant-modal', { hasText: `${label}：` });
    await fill(modal);
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    // A refusal stays in the modal: say what it was.
    await modal.waitFor({ state: 'hidden' }).catch(async () => expect.fail(`${label}: ${await modal.textContent()}`));
  }
  const stateOf = (view: Locator, label: string) => view.getByTestId('state-tag').filter({ hasText: label }).waitFor();

  it('the chief takes the case, visits, holds a session, drafts the agreement, requests judicial confirmation and closes it', async () => {
    const page = await signIn('lianxin_mediator');
    await page.getByTestId('nav-mediation-cases').click();
    await page.locator('.ant-table-row', { hasText: SUBJECT }).click();
    const drawer = page.locator('.ant-drawer').getByTestId('case-view');
    await drawer.getByText('待认领').waitFor();
    await drawer.getByText(`（${today.slice(0, 4)}）浙0482民诉前调318号`, { exact: false }).waitFor();
    await page.goto(casePath);
    const view = page.getByTestId('case-view');

    await view.getByTestId('action-take').click();
    await view.getByText('徐海峰').first().waitFor();

    await act(page, view, 'start_visit', '走访调查', async (modal) => {
      await modal.getByTestId('action-input-place').fill('当湖街道配送站点');
      await modal.getByTestId('action-input-people').fill('舱长徐海峰、志愿者蒋佳怡');
      await modal.getByTestId('action-input-notes').fill('站点负责人承认欠款，承包商资金周转困难。');
    });
    await stateOf(view, '访 · 走访调查');
    await view.getByTestId('action-consult').click();
    await stateOf(view, '议 · 协商议事');
    await act(page, view, 'record_session', '记录调解会', async (modal) => {
      await modal.getByTestId('action-input-people').fill('骑手代表陈杰、王强，承包商负责人，舱长徐海峰');
      await modal.getByTestId('action-input-notes').fill('承包商同意在一周内一次付清。');
    });
    await stateOf(view, '调 · 调解中');
    expect(await view.getByTestId('case-entry').count()).toBe(2);

    await act(page, view, 'agree', '达成调解协议', async (modal) => {
      await modal.getByTestId('action-input-terms').fill('承包商于一周内向 8 名骑手一次付清拖欠的配送费，骑手撤回起诉。');
      for (const [i, name] of RIDERS.entries()) {
        await modal.getByTestId('action-input-shares-add').click();
        // Typed and chosen with Enter: a click on the option can land while the list is still opening.
        const party = modal.getByTestId(`action-input-shares-${i}-partyId`);
        await party.click();
        await page.keyboard.type(name);
        await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: name }).waitFor();
        await page.keyboard.press('Enter');
        await modal.getByTestId('action-input-shares').getByText(name, { exact: true }).filter({ visible: true }).first().waitFor();
        await (await inputOf(modal.getByTestId(`action-input-shares-${i}-amount`))).fill('4650');
      }
      await modal.getByTestId('action-input-instalments-add').click();
      await (await inputOf(modal.getByTestId('action-input-instalments-0-amount'))).fill('37200');
      // Paid in one go today (Enter in the picker would submit the form).
      await (await inputOf(modal.getByTestId('action-input-instalments-0-dueOn'))).click();
      await page.locator(`.ant-picker-dropdown:visible td[title="${today}"]`).click();
    });
    await stateOf(view, '已达成调解协议');
    await view.getByTestId('case-agreement').getByText('共 37,200.00 元').waitFor();

    await act(page, view, 'request_confirmation', '申请司法确认', (modal) => modal.getByTestId('action-input-court').fill('平湖市人民法院'));
    await stateOf(view, '司法确认申请中');
    await act(page, view, 'close', '结案', (modal) => modal.getByTestId('action-input-note').fill('款项已一次付清'));
    await stateOf(view, '已结案');
    await page.context().close();
  });

  it('陈杰 follows it on his phone, signs for the agreement and rates it 满意', async () => {
    const chen = await signIn('chen_jie', { mobile: true });
    await chen.goto('/mediation/mine');
    await chen.getByTestId('case-card').filter({ hasText: SUBJECT }).click();
    await chen.waitForURL(/\/mediation\/cases\/\d+$/);
    const view = chen.getByTestId('case-view');
    await stateOf(view, '已结案');
    // The visit and the session by their dates; what was said stays with the team.
    expect(await view.getByTestId('case-entry').count()).toBe(2);
    expect(await view.textContent()).not.toContain('周转困难');
    await view.getByTestId('case-history').getByText('达成调解协议', { exact: true }).waitFor();

    await view.getByTestId('case-sign').click();
    await chen.locator('.ant-popconfirm .ant-btn-primary').click();
    await view.getByTestId('case-workers').getByText('已签收').waitFor();
    await view.getByTestId('case-rating').getByText('满意', { exact: true }).click();
    await view.getByTestId('case-rate').click();
    await view.getByTestId('case-workers').getByText('满意', { exact: true }).waitFor();
    expect(await view.getByTestId('worker-acts').count()).toBe(0);
    expect(await chen.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await chen.context().close();
    expect(pageErrors).toEqual([]);
  });
});
