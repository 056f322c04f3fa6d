import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMS_TEMPLATE_SETTINGS } from '../../src/server/platform/sms/templates.js';
import { ADMIN } from '../support/app.js';
import { type BrowserHarness, chromiumPath, pageErrors, startBrowserHarness } from '../support/browser.js';

/**
 * 参数设置 as the system administrator uses it: an SMS template's wording is edited on the page; a value the
 * template does not know is refused beside the field, and the corrected text is what the sender renders.
 */
describe.skipIf(!chromiumPath())('settings: rewording a text message', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'base' });
  });
  afterAll(() => h?.close());

  it('refuses an unknown value by name, then saves the new wording', async () => {
    const page = await h.newPage();
    await page.goto('/login');
    await page.getByTestId('login-username').fill(ADMIN.username);
    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/settings');
    const input = page.getByTestId('setting-input-sms.deadline_reminder');
    expect(await input.inputValue()).toBe('您的${subject}将于${dueOn}到期，请及时办理。');
    await input.fill('提醒：${subject}须在${deadline}前办结。');
    await page.getByTestId('setting-save-sms.deadline_reminder').click();
    await page.getByText('不认识的值 ${deadline}：本模板只能使用 ${subject}、${dueOn}').waitFor();
    await input.fill('提醒：${subject}须在${dueOn}前办结。');
    await page.getByTestId('setting-save-sms.deadline_reminder').click();
    await page.locator('.ant-card').filter({ hasText: '短信模板：办理期限提醒' }).getByText('已修改').waitFor();
    expect(await h.services.settings.get(SMS_TEMPLATE_SETTINGS.deadline_reminder)).toBe('提醒：${subject}须在${dueOn}前办结。');
    expect(pageErrors).toEqual([]);
  });
});
