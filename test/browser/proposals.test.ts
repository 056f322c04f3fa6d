import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { type ApiSession, type BrowserHarness, CHOSEN_PASSWORD, chromiumPath, createAccounts, pageErrors, pickOption, startBrowserHarness } from '../support/browser.js';

const TITLE = '在大润发超市周边增设一个职工驿站';
const REASONS = '大润发超市周边外卖订单集中，骑手午间和雨天没有歇脚、喝水、给电动车充电的地方，最近的驿站骑行要十五分钟。';
const SUGGESTIONS = '请市总工会协调超市和街道，在超市周边选址新建一个职工驿站，配备饮水、充电和休息设施。';
/** A unit of the county the test registers itself (the demo may hold others), with its own handler account. */
const UNIT = '平湖市住房和城乡建设局';
const UNIT_ACCOUNT = 'zjj_handler';
/** 当湖's review group, set up in the test: the drafter and the two co-signers, two votes make the quorum. */
const GROUP = '当湖街道工会提案审议小组';
const REVIEWERS = ['范海珠', '陆海燕', '周建明'];
/**
 * 提案 in the browser, the five steps as the Pinghu story tells them: the
 * representative 范海珠 drafts a proposal (a similar one already raised shows
 * under the form) and submits it; two representatives co-sign, one with the
 * 附议 button; 当湖's staff set up a review group of three representatives
 * and put the proposal to it, two members vote, and with the quorum reached
 * the staff see 立案 and accept it; the county registers
 * 住建局 as a handler unit with its account and assigns the proposal to it
 * (the unit chosen in the action's form, which the server describes); the
 * bureau finds it under 待我办理, starts, reports progress and answers.
 */
describe.skipIf(!chromiumPath())('a proposal from the representative’s draft to the handler’s answer', () => {
  let h: BrowserHarness;
  let ids: Record<string, number>;
  const sessions: Record<string, ApiSession> = {};
  let proposalId: number;

  /** Sign in on the login page and wait for a menu entry the account has. */
  async function signIn(username: string, nav: string, password = DEMO_PASSWORD, mobile = false): Promise<Page> {
    const page = await h.newPage({ mobile });
    await page.goto('/login');
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId(`nav-${nav}`).waitFor();
    return page;
  }

  /** The proposal's drawer opened from a list row. */
  async function openFromList(page: Page, nav: string) {
    await page.getByTestId(`nav-${nav}`).click();
    await page.locator('.ant-table-row', { hasText: TITLE }).click();
    const detail = page.locator('.ant-drawer').getByTestId('proposal-detail');
    await detail.waitFor();
    return detail;
  }

  const stateOf = async (page: Page) => page.locator('.ant-drawer').getByTestId('proposal-header').getByTestId('state-tag').textContent();

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'base' });
    ids = h.demoIds;
    // Two more representatives of 当湖 to co-sign and the bureau's account, created by the admin, each with a password of its own.
    Object.assign(
      sessions,
      await createAccounts(h, [
        ['lu_haiyan', '陆海燕', 'representative', ids.danghu],
        ['zhou_jianming', '周建明', 'representative', ids.danghu],
        [UNIT_ACCOUNT, UNIT, 'handler', ids.pinghu],
      ]),
    );
    // A proposal on the same matter, raised earlier by 周建明: the form points to it.
    const earlier = await sessions.zhou_jianming.call('POST', '/api/proposals', {
      title: '关于在超市周边为外卖骑手设置休息驿站的建议',
      field: 'new_forms',
      reasons: '超市周边骑手集中等单，没有休息和充电的地方，夏天中暑的情况时有发生。',
      suggestions: '建议在超市周边设置骑手休息驿站。',
    });
    expect(earlier.status).toBe(201);
    expect((await sessions.zhou_jianming.call('POST', `/api/proposals/${((await earlier.json()) as { id: number }).id}/actions`, { action: 'submit' })).status).toBe(204);
  });
  afterAll(() => h?.close());

  it('范海珠 drafts it, sees the similar proposal, and submits her draft', async () => {
    const fan = await signIn('fan_haizhu', 'proposals');
    await fan.getByTestId('nav-proposals').click();
    await fan.getByTestId('proposal-new').click();
    const dialog = fan.getByRole('dialog', { name: '新建提案' });
    await dialog.getByTestId('proposal-title').fill(TITLE);
    await dialog.getByTestId('proposal-field').click();
    await fan.locator('.ant-select-dropdown').getByText('新就业形态劳动者权益', { exact: true }).click();
    await dialog.getByTestId('proposal-reasons').fill(REASONS);
    await dialog.getByTestId('proposal-suggestions').fill(SUGGESTIONS);
    await dialog.getByTestId('proposal-worker').fill('陈杰');
    // While she types, the proposal already raised on the matter shows under the form, a link to it.
    await dialog.getByTestId('proposal-similar').getByRole('link', { name: /为外卖骑手设置休息驿站/ }).waitFor();

    await dialog.getByRole('button', { name: '保存草稿' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The new draft opens.
    await fan.waitForURL(/proposal=\d+/);
    proposalId = Number(new URL(fan.url()).searchParams.get('proposal'));
    const drawer = fan.locator('.ant-drawer');
    const detail = drawer.getByTestId('proposal-detail');
    await detail.getByTestId('proposal-serial').getByText('提交后编号').waitFor();
    expect(await detail.getByTestId('proposal-reasons-text').textContent()).toBe(REASONS);
    expect(await detail.textContent()).toContain('陈杰');

    await detail.getByTestId('action-submit').click();
    await detail.getByTestId('proposal-serial').getByText(/^提案号 \d{4}-\d{4}$/).waitFor();
    expect(await detail.getByTestId('proposal-header').getByTestId('state-tag').textContent()).toBe('征集附议');
    expect(await detail.getByTestId('proposal-edit').count()).toBe(1);
  });

  it('陆海燕 co-signs with the 附议 button, 周建明 through the API', async () => {
    const lu = await signIn('lu_haiyan', 'proposals', CHOSEN_PASSWORD);
    const detail = await openFromList(lu, 'proposals');
    await detail.getByTestId('proposal-cosign').click();
    await detail.getByTestId('proposal-cosigners').getByText('陆海燕').waitFor();
    await detail.getByTestId('proposal-cosign').waitFor({ state: 'detached' });
    expect((await sessions.zhou_jianming.call('POST', `/api/proposals/${proposalId}/cosign`)).status).toBe(204);
  });

  it('当湖’s staff set up a review group of three representatives and put the proposal to it', async () => {
    const staff = await signIn('danghu_staff', 'proposals-congress');
    await staff.getByTestId('nav-proposals-congress').click();
    await staff.getByRole('tab', { name: '审议小组' }).click();
    await staff.getByTestId('group-new').click();
    const form = staff.getByRole('dialog', { name: '设立审议小组' });
    await form.getByTestId('group-name').fill(GROUP);
    // The union is the staff's own (当湖); its representatives are found by name.
    await form.getByTestId('group-members').click();
    for (const name of REVIEWERS) {
      await staff.keyboard.type(name);
      await staff.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name }).click();
    }
    await form.getByTestId('group-quorum').fill('2');
    await form.getByRole('button', { name: /设\s*立/ }).click();
    await form.waitFor({ state: 'hidden' });
    const row = staff.locator('.ant-table-row', { hasText: GROUP });
    for (const name of REVIEWERS) await row.locator('.ant-tag', { hasText: name }).waitFor();

    const detail = await openFromList(staff, 'proposals');
    expect(await detail.getByTestId('proposal-cosign-section').textContent()).toContain('附议（2 人）');
    await detail.getByTestId('action-start_review').click();
    const review = staff.locator('.ant-modal', { hasText: '提交小组审议：' });
    await review.getByTestId('action-input-reviewGroupId').click();
    await staff.locator('.ant-select-dropdown:visible').getByText(`${GROUP}（3 人，法定人数 2）`).click();
    await review.getByRole('button', { name: '提交小组审议' }).click();
    await review.waitFor({ state: 'hidden' });
    expect(await stateOf(staff)).toBe('小组审议');
    // Nobody has voted: the union may not decide yet, and the page says why.
    expect(await detail.getByTestId('proposal-review-standing').textContent()).toBe('尚未达到法定人数：需 2 人投票，目前 0 人。达到后才能立案或不予立案。');
    expect(await detail.getByTestId('proposal-review-not-voted').textContent()).toBe(`尚未表决：${REVIEWERS.join('、')}`);
    expect(await detail.getByTestId('action-accept').count()).toBe(0);
  });

  it('陆海燕 and 周建明 vote in the review group', async () => {
    for (const [username, name] of [
      ['lu_haiyan', '陆海燕'],
      ['zhou_jianming', '周建明'],
    ] as const) {
      const member = await signIn(username, 'proposals', CHOSEN_PASSWORD);
      const detail = await openFromList(member, 'proposals');
      await detail.getByTestId('action-vote').click();
      const vote = member.locator('.ant-modal', { hasText: '审议表决：' });
      await vote.getByTestId('action-input-vote').click();
      await member.locator('.ant-select-dropdown:visible').getByText('同意立案', { exact: true }).click();
      await vote.getByTestId('action-input-opinion').fill('骑手集中，选址可行，建议立案');
      await vote.getByRole('button', { name: '审议表决' }).click();
      await vote.waitFor({ state: 'hidden' });
      await detail.getByTestId('proposal-review-vote').filter({ hasText: name }).getByText('骑手集中，选址可行，建议立案').waitFor();
      // One vote each: the action is gone once cast.
      expect(await detail.getByTestId('action-vote').count()).toBe(0);
    }
  });

  it('the quorum has voted for it: 当湖’s staff see 立案 and accept it', async () => {
    const staff = await signIn('danghu_staff', 'proposals');
    const detail = await openFromList(staff, 'proposals');
    expect(await detail.getByTestId('proposal-review-tally').textContent()).toBe('同意 2 / 不同意 0，已投 2/3，需 2 人');
    expect(await detail.getByTestId('proposal-review-standing').textContent()).toBe('小组多数同意立案（2/2）：可以立案，不能不予立案。');
    expect(await detail.getByTestId('action-not_accept').count()).toBe(0);
    // 立案 cannot be undone: the console asks first and says what follows.
    await detail.getByTestId('action-accept').click();
    const confirm = staff.locator('.ant-popconfirm');
    await confirm.getByText('立案后提案将进入交办，不能撤回。').waitFor();
    await confirm.getByRole('button', { name: /^立\s*案$/ }).click();
    await detail.getByTestId('action-assign').waitFor();
    expect(await stateOf(staff)).toBe('已立案待交办');
  });

  it('the county registers 住建局 with its account, then assigns the proposal to it', async () => {
    const county = await signIn('pinghu_staff', 'proposals-handler-units');
    await county.getByTestId('nav-proposals-handler-units').click();
    await county.getByTestId('unit-table').waitFor();
    await county.getByTestId('unit-new').click();
    const form = county.getByRole('dialog', { name: '登记承办单位' });
    await form.getByTestId('unit-name').fill(UNIT);
    await pickOption(county, form.getByTestId('unit-kind'), '政府部门');
    await form.getByTestId('unit-contact').fill('王科长 0573-85012345');
    await form.getByRole('button', { name: /登\s*记/ }).click();
    await form.waitFor({ state: 'hidden' });

    await county.locator('.ant-table-row', { hasText: UNIT }).getByTestId('unit-accounts-open').click();
    const accounts = county.getByRole('dialog', { name: `办理账号：${UNIT}` });
    await accounts.getByTestId('unit-account-search').click();
    await county.keyboard.type(UNIT_ACCOUNT);
    await county.locator('.ant-select-dropdown .ant-select-item-option', { hasText: UNIT_ACCOUNT }).click();
    await accounts.getByTestId('unit-account-add').click();
    await accounts.getByTestId('unit-account').getByText(UNIT_ACCOUNT).waitFor();
    await accounts.locator('.ant-modal-close').click();
    await accounts.waitFor({ state: 'hidden' });
    await county.locator('.ant-table-row', { hasText: UNIT }).locator('.ant-tag', { hasText: UNIT }).waitFor();

    // 交办: the form is the server's; the unit is chosen among those that may take this proposal.
    const detail = await openFromList(county, 'proposals');
    await detail.getByTestId('action-assign').click();
    const assign = county.locator('.ant-modal', { hasText: '交办：' });
    await assign.getByRole('button', { name: /交\s*办/ }).click();
    await assign.getByText('请选择主办单位').waitFor();
    await assign.getByTestId('action-input-leadHandlerId').click();
    await county.locator('.ant-select-dropdown:visible').getByText(`${UNIT}（政府部门）`).click();
    await assign.getByTestId('action-input-note').fill('请于年内完成选址论证');
    await assign.getByRole('button', { name: /交\s*办/ }).click();
    await assign.waitFor({ state: 'hidden' });
    expect(await stateOf(county)).toBe('已交办');
    const header = detail.getByTestId('proposal-header');
    expect(await header.getByTestId('proposal-deadline').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}正常$/);
    expect(await detail.getByTestId('proposal-handlers').textContent()).toContain(UNIT);
    await detail.getByTestId('proposal-history').getByText('意见：请于年内完成选址论证').waitFor();
  });

  it('住建局 finds it under 待我办理, starts, reports progress and answers', async () => {
    const bureau = await signIn(UNIT_ACCOUNT, 'proposals-assigned', CHOSEN_PASSWORD);
    // A handler account sees only its unit's work: no 提案管理.
    expect(await bureau.getByTestId('nav-proposals').count()).toBe(0);
    const detail = await openFromList(bureau, 'proposals-assigned');
    await detail.getByTestId('action-start').click();
    await detail.getByTestId('action-post_progress').waitFor();
    expect(await stateOf(bureau)).toBe('办理中');

    await detail.getByTestId('action-post_progress').click();
    const progress = bureau.locator('.ant-modal', { hasText: '报送办理进展：' });
    await progress.getByTestId('action-input-percent').fill('40');
    await progress.getByTestId('action-input-text').fill('已会同当湖街道踏勘超市周边三处备选场地。');
    await progress.getByRole('button', { name: '报送办理进展' }).click();
    await progress.waitFor({ state: 'hidden' });
    await detail.getByTestId('proposal-progress').getByText('已会同当湖街道踏勘超市周边三处备选场地。').waitFor();

    await detail.getByTestId('action-answer').click();
    const answer = bureau.locator('.ant-modal', { hasText: '答复：' });
    await answer.getByTestId('action-input-category').click();
    await bureau.locator('.ant-select-dropdown:visible').getByText('列入计划逐步解决', { exact: true }).click();
    await answer.getByTestId('action-input-answer').fill('已列入明年民生实事项目，年内完成选址论证，明年六月前建成投用。');
    await answer.getByRole('button', { name: /答\s*复/ }).click();
    await answer.waitFor({ state: 'hidden' });
    await detail.getByTestId('proposal-answer').getByText('B 类 · 列入计划逐步解决').waitFor();
    expect(await stateOf(bureau)).toBe('已答复待督查');
    expect(await detail.getByTestId('proposal-actions').count()).toBe(0);

    // Its own page, where notifications lead, shows the same.
    await bureau.goto(`/proposals/${proposalId}`);
    await bureau.getByTestId('proposal-answer').waitFor();
    expect(await bureau.getByTestId('proposal-back').textContent()).toContain('返回待我办理');
    expect(pageErrors).toEqual([]);
  });
});
