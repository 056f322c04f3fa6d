import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/server/platform/accounts/schema.js';
import { systemActor } from '../../src/server/platform/actor.js';
import { computeResidentIdCheckChar } from '../../src/server/platform/cn-ids.js';
import { type BrowserHarness, chromiumPath, pageErrors, startBrowserHarness } from '../support/browser.js';
import { lastCode } from '../support/sms.js';

const RIDER_STATION = '平湖市外卖配送当湖站点工会';
const SHUNTONG = '平湖市顺通物流有限公司工会';
const FIRST_17 = '33048219920417035';
const RESIDENT_ID = FIRST_17 + computeResidentIdCheckChar(FIRST_17);

/**
 * 我的会籍 on a 390×844 phone: 陈杰 (the chen_jie account, which belongs to his
 * person) signs in on /me with his number and a code, shows his e-card, asks to move to 顺通物流's union,
 * changes his platform and his phone number (by a code to the new one);
 * 当湖's staff scan his card (the QR's address) and see only that it is valid,
 * his masked name, his union and 会龄; a forged token is refused.
 */
describe.skipIf(!chromiumPath())('a rider shows his e-card and asks for a transfer on his phone', () => {
  let h: BrowserHarness;
  let rider: Page;
  let token: string;

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'base' });
    const ids = h.demoIds;
    const system = systemActor(await h.services.rootOrg());
    await h.services.members.addMember(system, {
      orgId: ids.rider_station,
      name: '陈杰',
      residentId: RESIDENT_ID,
      phone: '13857312046',
      employmentForm: 'delivery_rider',
      platformName: '美团外卖',
      joinedOn: '2021-07-28',
      consentOnPaper: true,
    });
    await h.database.db.update(users).set({ personHash: h.services.cipher.hashResidentId(RESIDENT_ID) }).where(eq(users.username, 'chen_jie'));
    rider = await h.newPage({ mobile: true });
  });
  afterAll(() => h?.close());

  it('signs in on 我的会籍 and shows the e-card with its QR', async () => {
    await rider.goto('/me');
    // An account the union gave a password may use it; the number and a code are the way in for everyone.
    await rider.getByTestId('me-sign-in-switch').click();
    await rider.getByTestId('me-username').waitFor();
    await rider.getByTestId('me-sign-in-switch').click();
    await rider.getByTestId('me-phone').locator('input').fill('13857312046');
    await rider.getByTestId('me-send-code').click();
    await expect.poll(() => lastCode(h, '13857312046')).toMatch(/^\d{6}$/);
    await rider.getByTestId('me-code').locator('input').fill((await lastCode(h, '13857312046'))!);
    await rider.getByTestId('me-sign-in-submit').click();
    const card = rider.getByTestId('me-card');
    await card.waitFor();
    expect(await rider.getByTestId('me-name').textContent()).toBe('陈杰');
    expect(await card.textContent()).toContain(RIDER_STATION);
    expect(await rider.getByTestId('me-status').textContent()).toBe('正常');
    expect(await rider.getByTestId('me-years').textContent()).toMatch(/^\d+ 年$/);
    const qr = rider.getByTestId('me-card-qr');
    await qr.waitFor();
    token = (await qr.getAttribute('data-token'))!;
    expect(token).toMatch(/^\d+\.\d+\.\d+\.[\w-]{22}$/);
    // The history starts with the membership's opening; the page fits the phone's width.
    expect(await rider.getByTestId('me-history').textContent()).toContain('会籍建立');
    expect(await rider.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = await card.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  });

  it('asks for a transfer to the union found by name, with the new job', async () => {
    await rider.getByTestId('me-request-transfer').click();
    await rider.waitForURL(/\/me\/transfer$/);
    // Sending without a union names what is missing.
    await rider.getByTestId('me-transfer-submit').click();
    await rider.getByText('请搜索并选择要转入的工会').waitFor();
    await rider.getByTestId('me-transfer-search').locator('input').fill('顺通物流');
    await rider.getByTestId('me-transfer-hit').filter({ hasText: SHUNTONG }).click();
    expect(await rider.getByTestId('me-transfer-target').textContent()).toContain(SHUNTONG);
    await rider.getByTestId('me-transfer-reason').locator('textarea').fill('到顺通物流开货车了');
    await rider.getByRole('radio', { name: '标准劳动关系' }).click();
    await rider.getByTestId('me-employer').locator('input').fill('平湖市顺通物流有限公司');
    // The submit button stays in reach at the bottom of the screen.
    const submit = await rider.getByTestId('me-transfer-submit').boundingBox();
    expect(submit!.y + submit!.height).toBeLessThanOrEqual(844);
    await rider.getByTestId('me-transfer-submit').click();
    await rider.waitForURL(/\/me$/);
    const transfer = rider.getByTestId('me-transfer');
    await transfer.waitFor();
    expect(await transfer.textContent()).toContain(`${RIDER_STATION} → ${SHUNTONG}`);
    expect(await transfer.textContent()).toContain('待转出单位确认');
    expect(await rider.getByTestId('me-request-transfer').count()).toBe(0);
  });

  it('changes his platform himself; the history records it under his name', async () => {
    await rider.getByTestId('me-update-employment').click();
    await rider.waitForURL(/\/me\/employment$/);
    // The form starts from the record; the choices are the server's.
    expect(await rider.getByRole('radio', { name: '外卖配送员' }).getAttribute('aria-checked')).toBe('true');
    await rider.getByTestId('me-platform').locator('input').fill('饿了么');
    await rider.getByTestId('me-note').locator('textarea').fill('换了配送平台');
    await rider.getByTestId('me-employment-submit').click();
    await rider.waitForURL(/\/me$/);
    await rider.getByTestId('me-employment').getByText('饿了么').waitFor();
    const history = (await rider.getByTestId('me-history').textContent())!;
    expect(history).toContain('本人更新就业信息');
    expect(history).toContain('陈杰 · 换了配送平台');
  });

  it('changes his number with a code sent to the new one', async () => {
    await rider.goto('/me');
    const contact = rider.getByTestId('me-contact');
    await contact.getByText('138****2046').waitFor();
    await rider.getByTestId('me-change-phone').click();
    await rider.waitForURL(/\/me\/phone$/);
    // The number he has now is refused with its reason, before any code.
    await rider.getByTestId('me-phone-new').locator('input').fill('13857312046');
    await rider.getByTestId('me-phone-send').click();
    await rider.getByText('这就是您现在登记的手机号').waitFor();
    await rider.getByTestId('me-phone-new').locator('input').fill('13957316020');
    await rider.getByTestId('me-phone-send').click();
    await rider.getByText('验证码已发送到新号码，5 分钟内有效。').waitFor();
    const code = await lastCode(h, '13957316020');
    await rider.getByTestId('me-phone-code').locator('input').fill(code!);
    await rider.getByTestId('me-phone-submit').click();
    await rider.waitForURL(/\/me$/);
    await rider.getByTestId('me-contact').getByText('139****6020').waitFor();
    expect(await rider.getByTestId('me-history').textContent()).toContain('本人更换手机号');
  });

  it('当湖 scans the card: valid, the masked name, the union and 会龄, nothing else', async () => {
    const staff = await h.signIn('danghu_staff');
    await staff.goto(`/members/verify?t=${encodeURIComponent(token)}`);
    const result = staff.getByTestId('card-verify-result');
    await result.getByText('有效会员').waitFor();
    const text = (await result.textContent())!;
    expect(text).toContain('陈*');
    expect(text).toContain(RIDER_STATION);
    expect(text).toMatch(/会龄\d+ 年/);
    for (const hidden of ['陈杰', '13857312046', RESIDENT_ID.slice(-4), '饿了么']) expect(text).not.toContain(hidden);

    // A token with its signature changed is refused, with the reason.
    const at = token.lastIndexOf('.') + 1;
    const forged = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
    await staff.getByTestId('card-verify-input').locator('input').fill(forged);
    await staff.getByTestId('card-verify-submit').click();
    await result.getByText('会员证无效').waitFor();
    expect(await result.textContent()).toContain('不是本系统签发或已被篡改');
    expect(pageErrors).toEqual([]);
  });

  it('tells staff who open 我的会籍 that their account is no member’s, and takes them back to the console', async () => {
    // The rider's own account works on the phone only: no way to a console.
    await rider.goto('/me');
    await rider.getByTestId('me-card').waitFor();
    expect(await rider.getByTestId('me-back-to-console').count()).toBe(0);

    const staff = await h.signIn('danghu_staff');
    await staff.goto('/me');
    await staff.getByText('您的账号尚未关联会员身份，请携带身份证到所在工会核实后关联').waitFor();
    expect(await staff.getByTestId('phone-page').textContent()).not.toContain('管理范围');
    await staff.getByTestId('me-back-to-console').click();
    await staff.waitForURL((url) => url.pathname === '/');
    await staff.getByTestId('nav-members').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
