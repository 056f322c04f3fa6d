import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemo } from '../../src/server/demo/load.js';
import { computeResidentIdCheckChar } from '../../src/server/platform/cn-ids.js';
import { type BrowserHarness, chromiumPath, startBrowserHarness } from '../support/browser.js';

const RIDER_STATION = '平湖市外卖配送当湖站点工会';
/** 王丽's resident ID (平湖, born 1990-03-08), with its check character computed. */
const FIRST_17 = '33048219900308004';
const RESIDENT_ID = FIRST_17 + computeResidentIdCheckChar(FIRST_17);

/**
 * 随入随录 at the desk: 当湖's staff enter a rider who brought the signed
 * paper form; a wrong phone number comes back on its field; once put right,
 * she is a member with a card number and her detail opens.
 */
describe.skipIf(!chromiumPath())('staff register a member from the paper form', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness();
    await loadDemo(h.database.db, h.services);
  });
  afterAll(() => h?.close());

  it('enters her on 新增会员 and opens her record', async () => {
    const page = await h.newPage();
    await page.goto('/login');
    await page.getByTestId('login-username').fill('danghu_staff');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-members').click();
    await page.getByTestId('member-add').click();

    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('member-add-org').click();
    await page.keyboard.type('外卖配送当湖');
    // A hit shows the union's name with where it sits.
    await page.locator('.ant-select-dropdown .ant-select-tree-title', { hasText: RIDER_STATION }).first().click();
    await dialog.getByTestId('member-add-name').fill('王丽');
    await dialog.getByTestId('member-add-resident-id').fill(RESIDENT_ID);
    await dialog.getByTestId('member-add-phone').fill('1395731');
    await dialog.getByTestId('member-add-employment-form').click();
    await page.locator('.ant-select-dropdown').getByText('外卖配送员', { exact: true }).click();
    await dialog.getByLabel('所在平台').fill('饿了么');

    // Without the signature confirmed the form does not go.
    await dialog.getByRole('button', { name: '登记入会' }).click();
    await dialog.getByText('须确认本人已签字同意个人信息处理规则').waitFor();
    await dialog.getByTestId('member-add-consent').click();
    await dialog.getByRole('button', { name: '登记入会' }).click();
    // The server's reason lands on the phone field.
    await dialog.locator('.ant-form-item', { has: page.getByTestId('member-add-phone') }).getByText('手机号格式不正确').waitFor();

    await dialog.getByTestId('member-add-phone').fill('13957310001');
    await dialog.getByRole('button', { name: '登记入会' }).click();
    const success = await page.locator('.ant-message').getByText(/已登记入会，会员证号 \d+-\d+/).textContent();
    await page.waitForURL(/member=\d+/);
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('王丽').first().waitFor();
    expect(await drawer.textContent()).toContain(success!.replace('已登记入会，会员证号 ', ''));
  });
});
