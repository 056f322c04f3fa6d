import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { type BrowserHarness, chromiumPath, pageErrors, startBrowserHarness } from '../support/browser.js';

const TITLE = '骑手驿站选址征求意见';
const QUESTION = '新驿站建在哪里最方便？';
const SITES = ['大润发超市东侧', '万达广场北门', '平湖高铁站'];
const COMMENT = '万达北门中午单子最多，骑手都站在路边等餐，建在那里最方便。';

/**
 * 职工事大家议 in the browser: 当湖's staff open a topic with a poll whose results stay hidden until it
 * closes (the form on the desktop); the rider 陈杰, on a 390×844 phone, finds it, votes for 万达 and
 * comments; he sees his choice but not the counts; the staff close the topic early, and the results show.
 */
describe.skipIf(!chromiumPath())('a topic put to the riders, voted on and commented on a phone', () => {
  let h: BrowserHarness;
  let rider: Page;

  async function signIn(username: string, mobile: boolean) {
    const page = await h.newPage({ mobile });
    await page.goto('/login');
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => url.pathname !== '/login');
    return page;
  }

  /** Nothing is wider than the phone: no sideways scrolling. */
  const fitsThePhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'base' });
  });
  afterAll(() => h?.close());

  it('当湖’s staff open the topic with a poll, its results kept until the close', async () => {
    const staff = await signIn('danghu_staff', false);
    await staff.getByTestId('nav-discussions').click();
    await staff.getByText('还没有议题').waitFor();
    await staff.getByTestId('topic-new').click();
    const dialog = staff.getByRole('dialog', { name: '发起议题' });
    // The staff's own union is already chosen.
    await dialog.getByText('当湖街道总工会').waitFor();
    await dialog.getByTestId('topic-title').fill(TITLE);
    await dialog.getByTestId('topic-body').fill('街道工会计划在骑手集中的商圈再建一个暖心驿站，请大家投票选址并留言。');
    await dialog.getByTestId('poll-add').click();
    const poll = dialog.getByTestId('poll-fields');
    await poll.getByPlaceholder('如：新驿站建在哪里最方便？').fill(QUESTION);
    const options = poll.getByTestId('poll-options').locator('input');
    for (const site of SITES) {
      await options.fill(site);
      await options.press('Enter');
    }
    await poll.getByText('截止后再公布结果').click();
    await dialog.getByRole('button', { name: /发\s*起/ }).click();
    await staff.waitForURL(/\/discussions\/\d+$/);
    await staff.getByTestId('topic-title').getByText(TITLE).waitFor();
    expect(await staff.getByTestId('poll').getByTestId('poll-result').count()).toBe(3);
  });

  it('陈杰 votes for 万达 and comments on his phone, seeing his choice but not the counts', async () => {
    rider = await signIn('chen_jie', true);
    await rider.goto('/discussions');
    await rider.getByTestId('topic-item').filter({ hasText: TITLE }).click();
    await rider.getByTestId('topic-title').getByText(TITLE).waitFor();
    await fitsThePhone(rider);

    const poll = rider.getByTestId('poll');
    await poll.getByText('万达广场北门').click();
    await poll.getByTestId('poll-vote').click();
    await rider.getByRole('button', { name: /^提\s*交$/ }).click();
    await poll.getByTestId('poll-hidden').getByText(/您已投票。投票结果将在.*截止后公布/).waitFor();
    expect(await poll.getByTestId('poll-voters').textContent()).toBe('1');
    expect(await poll.getByTestId('poll-vote').count()).toBe(0);
    const wanda = poll.getByTestId('poll-result').filter({ hasText: '万达广场北门' });
    expect(await wanda.textContent()).toContain('我的选择');
    expect(await poll.getByText(/\d+ 票/).count()).toBe(0);

    await rider.getByTestId('comment-input').fill(COMMENT);
    await rider.getByTestId('comment-send').click();
    await rider.getByTestId('comment').filter({ hasText: COMMENT }).getByText('陈杰').waitFor();
    expect(await rider.getByTestId('comment-input').inputValue()).toBe('');
    await fitsThePhone(rider);
  });

  it('the staff hide a comment: the page counts it apart, as the list does not count it', async () => {
    const staff = await signIn('danghu_staff', false);
    await staff.getByTestId('nav-discussions').click();
    expect(await staff.getByTestId('topic-item').filter({ hasText: TITLE }).textContent()).toContain('1 条评论');
    await staff.getByTestId('topic-item').filter({ hasText: TITLE }).click();
    await staff.getByTestId('comment-count').getByText('共 1 条评论').waitFor();
    await staff.getByTestId('comment').filter({ hasText: COMMENT }).getByRole('button', { name: '隐藏' }).click();
    const dialog = staff.getByRole('dialog', { name: /隐藏 陈杰 的评论/ });
    await dialog.getByRole('textbox').fill('请通过零距离向会员代表反映');
    await dialog.getByRole('button', { name: /^隐\s*藏$/ }).click();
    await staff.getByTestId('comment-hidden').waitFor();
    expect(await staff.getByTestId('comment-count').textContent()).toBe('共 0 条评论，另有 1 条已隐藏');
    await staff.getByTestId('nav-discussions').click();
    // The list reads again (its row was shown from before the hiding until then).
    await expect.poll(() => staff.getByTestId('topic-item').filter({ hasText: TITLE }).textContent()).toContain('0 条评论');
  });

  it('the staff close it early, and 陈杰 sees the results', async () => {
    const staff = await signIn('danghu_staff', false);
    await staff.getByTestId('nav-discussions').click();
    await staff.getByTestId('topic-item').filter({ hasText: TITLE }).click();
    await staff.getByTestId('topic-close').click();
    await staff.getByRole('button', { name: /^结\s*束$/ }).click();
    // The topic's own tag, above its poll's.
    await staff.getByTestId('topic-status').first().getByText('已结束').waitFor();

    await rider.reload();
    const poll = rider.getByTestId('poll');
    await poll.getByTestId('poll-results').waitFor();
    expect(await poll.getByTestId('poll-hidden').count()).toBe(0);
    const wanda = poll.getByTestId('poll-result').filter({ hasText: '万达广场北门' });
    expect(await wanda.textContent()).toContain('1 票');
    expect(await wanda.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    expect(await rider.getByTestId('comment-input').count()).toBe(0);
    await fitsThePhone(rider);
    // The list puts it under 已结束.
    await rider.goto('/discussions?status=closed');
    await rider.getByTestId('topic-item').filter({ hasText: TITLE }).getByText('已结束').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
