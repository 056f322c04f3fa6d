import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { actorOf } from '../../src/server/demo/proposals.js';
import { type BrowserHarness, chromiumPath, pageErrors, startBrowserHarness } from '../support/browser.js';

/**
 * 会员评家 in the browser: the county publishes this year's survey from the
 * standard items; the rider 陈杰 opens 会员评家 on his phone (390×844), scores
 * every statement, adds a comment and sees the thank-you; the county's staff
 * find his response counted on the results page.
 */
describe.skipIf(!chromiumPath())('a member answers the survey on the phone, the staff see it counted', () => {
  let h: BrowserHarness;
  let surveyId: number;

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'base' });
    const staff = h.services;
    const actor = await actorOf(h.database.db, staff, 'pinghu_staff');
    const today = staff.today();
    const survey = await staff.evaluations.create(actor, { ...staff.evaluations.template(), title: '平湖市2026年度“会员评家”测评', period: '2026年度', opensOn: today, closesOn: today });
    await staff.evaluations.act(actor, survey.id, 'publish', undefined);
    surveyId = survey.id;
  });
  afterAll(() => h?.close());

  it('陈杰 answers every statement on his phone and is thanked', async () => {
    const page = await h.newPage({ mobile: true });
    await page.goto('/login');
    await page.getByTestId('login-username').fill('chen_jie');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/evaluations/mine');
    const card = page.getByTestId('my-survey');
    await card.waitFor();
    expect(await card.textContent()).toContain('平湖市外卖配送当湖站点工会');
    // Submitting with a statement unscored names it.
    await card.getByTestId('question-1').getByText('非常满意').click();
    await card.getByTestId('survey-submit').click();
    await card.getByText('请选择满意程度').first().waitFor();
    for (let position = 2; position <= 7; position++) await card.getByTestId(`question-${position}`).getByText(position === 6 ? '一般' : '满意', { exact: true }).click();
    await card.locator('textarea').fill('希望驿站晚上也能开放');
    // Nothing is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await card.getByTestId('survey-submit').click();
    await card.getByTestId('survey-thanks').waitFor();
    await page.reload();
    await page.getByTestId('survey-thanks').waitFor();
  });

  it('the county’s staff see the response counted on the results page', async () => {
    const page = await h.signIn('pinghu_staff');
    await page.goto(`/evaluations/${surveyId}/results`);
    await page.getByTestId('results-responses').waitFor();
    expect(await page.getByTestId('results-responses').textContent()).toContain('1');
    // One response: the score is withheld, the station's row counts it.
    expect(await page.getByTestId('results-score').textContent()).toContain('不足 5 人不显示');
    expect(await page.getByTestId('results-unions').locator('tr', { hasText: '平湖市外卖配送当湖站点工会' }).textContent()).toContain('1');
    expect(pageErrors).toEqual([]);
  });
});
