import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../src/server/demo/proposals.js';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { type BrowserHarness, type CreatedAccount, CHOSEN_PASSWORD, chromiumPath, createAccounts, pageErrors, pickOption, startBrowserHarness } from '../support/browser.js';

const SUBJECT = '大润发超市附近能不能建个骑手驿站';
const TEXT = '范代表您好，大润发超市周边单子多，中午和下雨天没地方歇脚、喝水，电动车也没处充电，能不能在超市附近建一个驿站？';
const REPLY = '陈师傅您好，东侧停车场旁边位置合适，我把它写成提案提交给工会。';
const RSJ = '平湖市人力资源和社会保障局';
const GROUP = '当湖街道工会提案审议小组';
const PROGRESS = '已会同当湖街道、大润发超市踏勘东侧停车场，确定驿站选址。';
const ANSWER = '驿站已在大润发超市东侧停车场建成投用，配备饮水、充电和休息设施，全天开放。';

/**
 * The Pinghu seed's story end to end (issue 12): the rider 陈杰 asks his
 * representative 范海珠 on his phone for a rest station near the Darunfa
 * supermarket; she answers and turns it into a proposal; two representatives
 * co-sign and 当湖's review group votes for it; 当湖 accepts it; the county
 * assigns it to 人社局 with a deadline; the bureau posts progress and answers
 * A; the supervisor approves; the rider and the representative rate 满意 (the
 * co-signers too, which concludes it); the rider's phone shows the whole
 * story, step by step.
 */
describe.skipIf(!chromiumPath())('the rider’s station, from his phone to his rating', () => {
  let h: BrowserHarness;
  let requestPath: string;
  let proposalPath: string;
  let reps: Record<string, CreatedAccount>;

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'base' });
    const ids = h.demoIds;
    reps = await createAccounts(h, [
      ['lu_haiyan', '陆海燕', 'representative', ids.danghu],
      ['zhou_jianming', '周建明', 'representative', ids.danghu],
    ]);
    // What the offices set up beforehand: 当湖's review group, 人社局 registered with its account.
    const { db } = h.database;
    const danghuStaff = await actorOf(db, h.services, 'danghu_staff');
    const fan = await actorOf(db, h.services, 'fan_haizhu');
    await h.services.proposals.createReviewGroup(danghuStaff, { orgId: ids.danghu, name: GROUP, quorum: 2, memberUserIds: [fan.userId!, reps.lu_haiyan.userId, reps.zhou_jianming.userId] });
    const county = await actorOf(db, h.services, 'pinghu_staff');
    const unit = await h.services.proposals.createHandlerUnit(county, { orgId: ids.pinghu, name: RSJ, kind: 'government', contact: '劳动关系科 0573-85011234' });
    await h.services.proposals.addHandlerAccount(county, unit.id, (await actorOf(db, h.services, 'rsj_handler')).userId!);
  });
  afterAll(() => h?.close());

  async function signIn(username: string, options: { mobile?: boolean; password?: string } = {}): Promise<Page> {
    const page = await h.newPage({ mobile: options.mobile });
    await page.goto('/login');
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(options.password ?? DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('user-menu').waitFor();
    return page;
  }

  /** The proposal's own page, where notifications lead, as `username` sees it. */
  async function openProposal(username: string, options: { mobile?: boolean } = {}) {
    const page = await signIn(username, options);
    await page.goto(proposalPath);
    const detail = page.getByTestId('proposal-detail');
    await detail.getByTestId('proposal-header').waitFor();
    return { page, detail };
  }

  const stateOf = (detail: ReturnType<Page['getByTestId']>) => detail.getByTestId('proposal-header').getByTestId('state-tag').textContent();

  /** Fill and send an action's form (its modal is titled with the action's label). */
  async function act(page: Page, detail: ReturnType<Page['getByTestId']>, action: string, label: string, fill: (modal: ReturnType<Page['locator']>) => Promise<void>) {
    await detail.getByTestId(`action-${action}`).click();
    const modal = page.locator('.ant-modal', { hasText: `${label}：` });
    await fill(modal);
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await modal.waitFor({ state: 'hidden' });
  }

  const choose = (page: Page, modal: ReturnType<Page['locator']>, field: string, option: string) => pickOption(page, modal.getByTestId(`action-input-${field}`), option);

  it('陈杰 sends the request from his phone', async () => {
    const chen = await signIn('chen_jie', { mobile: true });
    await chen.goto('/direct-line/mine');
    await chen.getByText('您还没有提过诉求').waitFor();
    await chen.getByTestId('request-new').click();
    const dialog = chen.getByRole('dialog', { name: '向代表提诉求' });
    await dialog.getByTestId('request-representative').click();
    await chen.locator('.ant-select-dropdown').getByText('范海珠（当湖街道总工会）').click();
    await dialog.getByTestId('request-category').click();
    await chen.locator('.ant-select-dropdown').getByText('工作环境/阵地服务', { exact: true }).click();
    await dialog.getByTestId('request-subject').fill(SUBJECT);
    await dialog.getByTestId('request-text').fill(TEXT);
    await dialog.getByRole('button', { name: /^发\s*送$/ }).click();
    await chen.waitForURL(/\/direct-line\/\d+$/);
    requestPath = new URL(chen.url()).pathname;
    const thread = chen.getByTestId('request-thread');
    await thread.getByText(TEXT).waitFor();
    expect(await thread.getByTestId('request-header').getByTestId('state-tag').textContent()).toBe('待回复');
    // The phone shows it without sideways scrolling.
    expect(await chen.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await chen.getByTestId('request-back').click();
    await chen.getByTestId('request-card').filter({ hasText: SUBJECT }).waitFor();
    await chen.context().close();
  });

  it('范海珠 answers in the thread and turns it into a proposal, then submits the draft', async () => {
    const fan = await signIn('fan_haizhu');
    await fan.getByTestId('nav-direct-line').click();
    await fan.locator('.ant-table-row', { hasText: SUBJECT }).click();
    const thread = fan.locator('.ant-drawer').getByTestId('request-thread');
    await thread.getByTestId('request-message').fill(REPLY);
    await thread.getByTestId('request-send').click();
    await thread.getByTestId('request-messages').getByText(REPLY).waitFor();
    await thread.getByTestId('request-header').getByText('已回复').waitFor();

    await thread.getByTestId('action-to_proposal').click();
    const dialog = fan.getByRole('dialog', { name: /^转为提案/ });
    await dialog.getByRole('button', { name: '转为提案' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await thread.getByTestId('request-proposal').getByRole('link', { name: SUBJECT }).click();
    await fan.waitForURL(/\/proposals\/\d+$/);
    proposalPath = new URL(fan.url()).pathname;
    await fan.getByTestId('proposal-detail').getByTestId('action-submit').click();
    await fan.getByTestId('proposal-header').getByText('征集附议').waitFor();
    await fan.context().close();
  });

  it('陈杰 sees the proposal on his request', async () => {
    const chen = await signIn('chen_jie', { mobile: true });
    await chen.goto(requestPath);
    const thread = chen.getByTestId('request-thread');
    await thread.getByTestId('request-messages').getByText(REPLY).waitFor();
    expect(await thread.getByTestId('request-header').getByTestId('state-tag').textContent()).toBe('已转提案');
    await thread.getByTestId('request-proposal').getByText('提案当前状态：征集附议').waitFor();
    await chen.context().close();
  });

  it('two representatives co-sign, 当湖 puts it to its review group, the group votes for it and 当湖 accepts it', async () => {
    const id = proposalPath.split('/').at(-1);
    for (const rep of [reps.lu_haiyan, reps.zhou_jianming]) expect((await rep.call('POST', `/api/proposals/${id}/cosign`)).status).toBe(204);
    const { page, detail } = await openProposal('danghu_staff');
    await act(page, detail, 'start_review', '提交小组审议', (modal) => choose(page, modal, 'reviewGroupId', `${GROUP}（3 人，法定人数 2）`));
    expect(await stateOf(detail)).toBe('小组审议');

    // 陆海燕 votes on her page; 周建明 through the API.
    const lu = await signIn('lu_haiyan', { password: CHOSEN_PASSWORD });
    await lu.goto(proposalPath);
    const luDetail = lu.getByTestId('proposal-detail');
    await act(lu, luDetail, 'vote', '审议表决', async (modal) => {
      await choose(lu, modal, 'vote', '同意立案');
      await modal.getByTestId('action-input-opinion').fill('骑手集中，选址可行，建议立案');
    });
    await luDetail.getByTestId('proposal-review-vote').filter({ hasText: '陆海燕' }).waitFor();
    await lu.context().close();
    expect((await reps.zhou_jianming.call('POST', `/api/proposals/${id}/actions`, { action: 'vote', input: { vote: 'accept', opinion: '同意立案' } })).status).toBe(204);

    await page.reload();
    expect(await detail.getByTestId('proposal-review-tally').textContent()).toBe('同意 2 / 不同意 0，已投 2/3，需 2 人');
    await detail.getByTestId('action-accept').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /^立\s*案$/ }).click();
    await detail.getByTestId('proposal-header').getByText('已立案待交办').waitFor();
    await page.context().close();
  });

  it('the county assigns it to 人社局, which posts progress and answers A', async () => {
    const { page: county, detail } = await openProposal('pinghu_staff');
    await act(county, detail, 'assign', '交办', async (modal) => {
      await choose(county, modal, 'leadHandlerId', `${RSJ}（政府部门）`);
      await modal.getByTestId('action-input-note').fill('请会同当湖街道办理');
    });
    expect(await stateOf(detail)).toBe('已交办');
    expect(await detail.getByTestId('proposal-header').getByTestId('proposal-deadline').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}正常$/);
    await county.context().close();

    const { page: bureau, detail: handling } = await openProposal('rsj_handler');
    await handling.getByTestId('action-start').click();
    await handling.getByTestId('proposal-header').getByText('办理中').waitFor();
    await act(bureau, handling, 'post_progress', '报送办理进展', async (modal) => {
      await modal.getByTestId('action-input-percent').fill('60');
      await modal.getByTestId('action-input-text').fill(PROGRESS);
    });
    await handling.getByTestId('proposal-progress').getByText(PROGRESS).waitFor();
    await act(bureau, handling, 'answer', '答复', async (modal) => {
      await choose(bureau, modal, 'category', '已解决或采纳');
      await modal.getByTestId('action-input-answer').fill(ANSWER);
    });
    await handling.getByTestId('proposal-answer').getByText('A 类 · 已解决或采纳').waitFor();
    expect(await stateOf(handling)).toBe('已答复待督查');
    await bureau.context().close();
  });

  it('the supervisor approves the answer; 陈杰 on his phone and 范海珠 rate it 满意', async () => {
    const { page: supervisor, detail } = await openProposal('pinghu_supervisor');
    await detail.getByTestId('action-approve_answer').click();
    await supervisor.locator('.ant-popconfirm').getByRole('button', { name: '督查通过' }).click();
    await detail.getByTestId('proposal-header').getByText('待评价').waitFor();
    await supervisor.context().close();

    for (const [username, mobile, comment] of [
      ['chen_jie', true, '驿站建好了，中午终于有地方歇脚充电了'],
      ['fan_haizhu', false, '办理及时，骑手很满意'],
    ] as const) {
      const { page, detail: rating } = await openProposal(username, { mobile });
      await act(page, rating, 'rate', '评价', async (modal) => {
        await choose(page, modal, 'rating', '满意');
        await modal.getByTestId('action-input-comment').fill(comment);
      });
      await rating.getByTestId('proposal-ratings').getByText(comment).waitFor();
      await page.context().close();
    }
  });

  it('with the co-signers’ ratings it is concluded, and 陈杰’s phone shows every step', async () => {
    const id = proposalPath.split('/').at(-1);
    for (const rep of [reps.lu_haiyan, reps.zhou_jianming]) {
      expect((await rep.call('POST', `/api/proposals/${id}/actions`, { action: 'rate', input: { rating: 'satisfied' } })).status).toBe(204);
    }
    const chen = await signIn('chen_jie', { mobile: true });
    await chen.goto('/proposals/mine');
    const card = chen.getByTestId('my-proposal').filter({ hasText: SUBJECT });
    await card.getByText('已办结').waitFor();
    await card.click();
    await chen.waitForURL(proposalPath);
    const detail = chen.getByTestId('proposal-detail');
    await detail.getByTestId('proposal-answer').getByText(ANSWER).waitFor();
    expect(await stateOf(detail)).toBe('已办结');
    // The five steps, all done.
    expect(await detail.getByTestId('proposal-loop').locator('.ant-steps-item-finish').count()).toBe(5);
    // Every step, in order, with who took it.
    const history = await detail.getByTestId('proposal-history').getByTestId('timeline-entry').allTextContents();
    const steps = ['提交提案', '提交小组审议', '立案', '交办', '开始办理', '报送办理进展', '答复', '督查通过', '评价', '评价完成，办结'];
    let at = -1;
    for (const step of steps) {
      const next = history.findIndex((entry, i) => i > at && entry.startsWith(step));
      expect(next, `${step} after ${steps[steps.indexOf(step) - 1]}: ${history.join(' | ')}`).toBeGreaterThan(at);
      at = next;
    }
    expect(history.find((e) => e.startsWith('交办'))).toContain('平湖市总工会');
    // Answered by the bureau's own account (its 劳动关系科).
    expect(history.find((e) => e.startsWith('答复'))).toContain('人社局 劳动关系科');
    expect(await detail.getByTestId('proposal-progress').textContent()).toContain(PROGRESS);
    expect(await detail.getByTestId('proposal-ratings').locator('.ant-tag', { hasText: '满意' }).count()).toBe(4);
    expect(await chen.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(pageErrors).toEqual([]);
  });
});
