import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskMobile } from '../../src/server/platform/cn-ids.js';
import { smsOutbox } from '../../src/server/platform/sms/schema.js';
import { type BrowserHarness, chromiumPath, pageErrors, pickOption, startBrowserHarness } from '../support/browser.js';

const DELIVERED_TO = '13957310001';
const UNDELIVERED_TO = '13957310002';

/**
 * 短信发件箱 with the provider's receipts: two messages Aliyun took, one the
 * phone received and one it did not (空号). The admin sees 已送达 and, like a
 * failure, 未送达 in red with its code, and filters the list to 未送达.
 */
describe.skipIf(!chromiumPath())('SMS receipts on 短信发件箱', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'base' });
    const ids = h.demoIds;
    const union = await h.services.orgs.byId(ids.rider_station);
    for (const [phone, bizId] of [
      [DELIVERED_TO, '900619746936498450^0'],
      [UNDELIVERED_TO, '900619746936498451^0'],
    ]) {
      const id = await h.database.db.transaction((tx) =>
        h.services.sms.queue(tx, { phone, template: 'deadline_reminder', params: { subject: '会员接转', dueOn: '12月9日' }, org: { tenantId: union.tenantId, path: union.path } }),
      );
      // As the delivery job leaves a message Aliyun took.
      await h.database.db.update(smsOutbox).set({ status: 'sent', attempts: 1, nextAttemptAt: null, provider: 'aliyun', providerMessageId: bizId, sentAt: new Date() }).where(eq(smsOutbox.id, id!));
    }
    await h.services.sms.recordDeliveryReports('aliyun', [
      { providerMessageId: '900619746936498450^0', delivered: true, at: new Date(), code: 'DELIVERED' },
      { providerMessageId: '900619746936498451^0', delivered: false, at: new Date(), code: 'MK:0001' },
    ]);
  });
  afterAll(() => h?.close());

  it('shows 已送达 and 未送达 (red, with the code), and filters by the receipt', async () => {
    const admin = await h.signIn('pinghu_admin');
    await admin.getByTestId('nav-sms-outbox').click();
    const delivered = admin.locator('.ant-table-row', { hasText: maskMobile(DELIVERED_TO) });
    const undelivered = admin.locator('.ant-table-row', { hasText: maskMobile(UNDELIVERED_TO) });
    await undelivered.waitFor();
    expect(await delivered.textContent()).toContain('已送达');
    expect(await undelivered.textContent()).toContain('未送达');
    expect(await undelivered.textContent()).toContain('MK:0001');
    expect(await undelivered.locator('.ant-tag').getAttribute('class')).toContain('ant-tag-red');

    await pickOption(admin, admin.getByTestId('filter-delivery'), '未送达');
    await admin.getByTestId('list-search').click();
    await admin.waitForURL(/delivery=undelivered/);
    await delivered.waitFor({ state: 'detached' });
    await undelivered.waitFor();
    expect(pageErrors).toEqual([]);
  });
});
