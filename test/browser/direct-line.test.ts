import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemo } from '../../src/server/demo/load.js';
import { type BrowserHarness, chromiumPath, pageErrors, startBrowserHarness } from '../support/browser.js';

const SUBJECT = '大润发超市附近能不能建个骑手驿站';
const TEXT = '范代表您好，大润发超市周边单子多，中午和下雨天没地方歇脚、喝水，电动车也没处充电，能不能在超市附近建一个驿站？';
const REPLY = '陈师傅您好，东侧停车场旁边位置合适，我把它写成提案提交给工会。';

/**
 * 零距离 in the browser, the Pinghu story's first step: the rider 陈杰, on a
 * 390×844 phone, asks his representative 范海珠 for a station; she answers in
 * the thread and turns it into a proposal, which she submits; he sees the
 * proposal's link and state on his request and opens it.
 */
describe.skipIf(!chromiumPath())('a rider’s request from the phone to a proposal', () => {
  let h: BrowserHarness;
  let requestPath: string;

  beforeAll(async () => {
    h = await startBrowserHarness();
    await loadDemo(h.database.db, h.services);
  });
  afterAll(() => h?.close());

  async function phoneSignIn(username: string) {
    const page = await h.newPage({ mobile: true });
    await page.goto('/login');
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('user-menu').waitFor();
    return page;
  }

  it('陈杰 sends the request from his phone', async () => {
    const chen = await phoneSignIn('chen_jie');
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
    const fan = await h.newPage();
    await fan.goto('/login');
    await fan.getByTestId('login-username').fill('fan_haizhu');
    await fan.getByTestId('login-password').fill(DEMO_PASSWORD);
    await fan.getByTestId('login-submit').click();
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
    const link = thread.getByTestId('request-proposal').getByRole('link', { name: SUBJECT });
    await link.click();
    await fan.waitForURL(/\/proposals\/\d+$/);
    await fan.getByTestId('proposal-detail').getByTestId('action-submit').click();
    await fan.getByTestId('proposal-header').getByText('征集附议').waitFor();
    await fan.context().close();
  });

  it('陈杰 sees the proposal on his request and opens it', async () => {
    const chen = await phoneSignIn('chen_jie');
    await chen.goto(requestPath);
    const thread = chen.getByTestId('request-thread');
    await thread.getByTestId('request-messages').getByText(REPLY).waitFor();
    expect(await thread.getByTestId('request-header').getByTestId('state-tag').textContent()).toBe('已转提案');
    const proposal = thread.getByTestId('request-proposal');
    await proposal.getByText('提案当前状态：征集附议').waitFor();
    await proposal.getByRole('link', { name: SUBJECT }).click();
    await chen.waitForURL(/\/proposals\/\d+$/);
    await chen.getByTestId('proposal-detail').getByText(SUBJECT).first().waitFor();
    expect(pageErrors).toEqual([]);
  });
});
