import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeResidentIdCheckChar } from '../../src/server/platform/cn-ids.js';
import { type BrowserHarness, addedCardNo, chromiumPath, fillDeskEntry, startBrowserHarness } from '../support/browser.js';

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
    h = await startBrowserHarness({ demo: 'base' });
  });
  afterAll(() => h?.close());

  it('enters her on 新增会员 and opens her record', async () => {
    const page = await h.signIn('danghu_staff');
    const dialog = await fillDeskEntry(
      page,
      { unionSearch: '外卖配送当湖', unionName: RIDER_STATION },
      { name: '王丽', residentId: RESIDENT_ID, phone: '1395731', employmentForm: '外卖配送员', platformName: '饿了么' },
    );

    // Without the signature confirmed the form does not go.
    await dialog.getByRole('button', { name: '登记入会' }).click();
    await dialog.getByText('须确认本人已签字同意个人信息处理规则').waitFor();
    await dialog.getByTestId('member-add-consent').click();
    await dialog.getByRole('button', { name: '登记入会' }).click();
    // The server's reason lands on the phone field.
    await dialog.locator('.ant-form-item', { has: page.getByTestId('member-add-phone') }).getByText('手机号格式不正确').waitFor();

    await dialog.getByTestId('member-add-phone').fill('13957310001');
    await dialog.getByRole('button', { name: '登记入会' }).click();
    const cardNo = await addedCardNo(page);
    await page.waitForURL(/member=\d+/);
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('王丽').first().waitFor();
    expect(await drawer.textContent()).toContain(cardNo);
  });
});
