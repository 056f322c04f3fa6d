import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHEN_JIE_PHONE } from '../../src/server/demo/load.js';
import { maskMobile } from '../../src/server/platform/cn-ids.js';
import { smsOutbox } from '../../src/server/platform/sms/schema.js';
import { type BrowserHarness, chromiumPath, fillJoinForm, pageErrors, startBrowserHarness } from '../support/browser.js';
import { residentIdOf } from '../support/members.js';

/**
 * Text messages in the browser, at phone size (390×844): the rider 陈杰 signs
 * in with his number and the code from the outbox (read as the sender reads
 * it, through the database) and lands on his home; a worker applies on the
 * join page and the admin finds the receipt in 短信发件箱, the number masked;
 * the applicant finds the application again by code on another phone.
 */
describe.skipIf(!chromiumPath())('SMS: sign-in by code, the outbox, finding an application again', () => {
  let h: BrowserHarness;
  let ids: Record<string, number>;

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'base' });
    ids = h.demoIds;
  });
  afterAll(() => h?.close());

  /** The newest code sent to a number, once the page's request has written it (polls: the machine is loaded). */
  async function codeFor(phone: string, after = 0) {
    for (;;) {
      const rows = await h.database.db
        .select({ id: smsOutbox.id, sealed: smsOutbox.sealed })
        .from(smsOutbox)
        .where(sql`${smsOutbox.phoneHash} = ${h.services.cipher.keyedHash('phone', phone)} and ${smsOutbox.template} = 'verification_code' and ${smsOutbox.id} > ${after}`)
        .orderBy(sql`${smsOutbox.id} desc`)
        .limit(1);
      if (rows[0]) return (JSON.parse(h.services.cipher.decrypt(rows[0].sealed)) as { params: { code: string } }).params.code;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('the rider signs in with his number and a code and lands on his home', async () => {
    const page = await h.newPage({ mobile: true });
    await page.goto('/login');
    await page.getByTestId('login-tab-sms').click();
    await page.getByTestId('sms-phone').fill(CHEN_JIE_PHONE);
    await page.getByTestId('sms-send').click();
    await expect.poll(() => page.getByTestId('sms-send').textContent()).toMatch(/秒后重发/);
    // Nothing of the page is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByTestId('sms-code').fill(await codeFor(CHEN_JIE_PHONE));
    await page.getByTestId('sms-submit').click();
    await page.getByTestId('user-menu').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByText('所属组织').waitFor();
    expect(await page.locator('body').textContent()).toContain('陈杰');
    expect(pageErrors).toEqual([]);
  });

  it('a wrong code is named at the field', async () => {
    const page = await h.newPage({ mobile: true });
    await page.goto('/login?by=sms');
    await page.getByTestId('sms-phone').fill(CHEN_JIE_PHONE);
    // The minute since the last code has not passed in the test: let it, as the clock would.
    await h.database.db.execute(sql`update sms_send_limits set window_start = window_start - interval '61 seconds'`);
    const before = (await h.database.db.select({ id: sql<number>`coalesce(max(${smsOutbox.id}), 0)::int` }).from(smsOutbox))[0].id;
    await page.getByTestId('sms-send').click();
    const code = await codeFor(CHEN_JIE_PHONE, before);
    await page.getByTestId('sms-code').fill(code === '000000' ? '111111' : '000000');
    await page.getByTestId('sms-submit').click();
    await page.getByText(/验证码不正确，还可尝试 4 次/).waitFor();
  });

  it('a worker applies on the phone; the admin sees the receipt in 短信发件箱; the applicant finds it again by code', async () => {
    const worker = { name: '邱文杰', residentId: residentIdOf('19950611', 731), phone: '13706731731', employmentForm: '外卖配送员', platformName: '美团' };
    const phone = await h.newPage({ mobile: true });
    await phone.goto(`/join/${ids.rider_station}`);
    await fillJoinForm(phone, worker);
    await phone.getByTestId('join-consent').click();
    await phone.getByTestId('join-sensitive-consent').click();
    await phone.getByTestId('join-submit').click();
    await phone.getByTestId('join-state').waitFor();

    const admin = await h.signIn('pinghu_admin');
    await admin.getByTestId('nav-sms-outbox').click();
    const row = admin.locator('.ant-table-row', { hasText: maskMobile(worker.phone) });
    await row.waitFor();
    expect(await row.textContent()).toContain('入会申请已提交');
    expect(await admin.locator('body').textContent()).not.toContain(worker.phone);

    // Another phone, no link: the number and a code bring the application back.
    const other = await h.newPage({ mobile: true });
    await other.goto(`/join/${ids.rider_station}`);
    await other.getByRole('link', { name: '用手机号查看进度' }).click();
    await other.getByTestId('resume-phone').locator('input').fill(worker.phone);
    await other.getByTestId('resume-send').click();
    await other.getByTestId('resume-code').locator('input').fill(await codeFor(worker.phone));
    await other.getByTestId('resume-submit').click();
    await other.getByTestId('resume-application').waitFor();
    expect(await other.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await other.getByTestId('resume-application').click();
    await other.getByTestId('join-state').waitFor();
    expect(await other.getByTestId('join-state').textContent()).toBe('待审核');
    expect(await other.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const [received] = await h.database.db.select({ status: smsOutbox.status }).from(smsOutbox).where(eq(smsOutbox.template, 'application_received'));
    expect(received.status).toBe('queued');
    expect(pageErrors).toEqual([]);
  });
});
