import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships } from '../../src/server/modules/members/schema.js';
import { addedCardNo, type BrowserHarness, chromiumPath, fillDeskEntry, fillJoinForm, type GigWorker, pageErrors, pickOption, startBrowserHarness } from '../support/browser.js';
import { residentIdOf } from '../support/members.js';

const RIDER_STATION = '平湖市外卖配送当湖站点工会';
const CLOSED = '已通过其他途径入会';
/** 周燕 (平湖, born 1993-07-18), a rider on 美团. */
const RIDER: GigWorker = { name: '周燕', residentId: residentIdOf('19930718', 24), phone: '13957318866', employmentForm: '外卖配送员', platformName: '美团' };

/**
 * 一键入会, overtaken at the desk: 周燕 applies to the rider station's union
 * from her phone; before 当湖 decides, she brings the signed paper form and
 * 当湖's staff enter her on 新增会员. Her application is closed by the system
 * (已通过其他途径入会): her status page tells her she is a member, where, and
 * with the desk's card number; 入会审核 lists it under that state with its
 * reason and nothing left to approve.
 */
describe.skipIf(!chromiumPath())('a pending online application closes when staff enter the person at the desk', () => {
  let h: BrowserHarness;
  let ids: Record<string, number>;
  let danghu: Page;
  let statusUrl: string;
  let cardNo: string;

  /** 周燕's row on a staff list page. */
  const row = (page: Page) => page.locator('.ant-table-row', { hasText: RIDER.name });

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'base' });
    ids = h.demoIds;
  });
  afterAll(() => h?.close());

  it('she applies on the union’s join page from her phone and keeps the status link', async () => {
    const rider = await h.newPage({ mobile: true });
    await rider.goto(`/join/${ids.rider_station}`);
    expect(await rider.getByTestId('join-union-name').textContent()).toBe(RIDER_STATION);
    await fillJoinForm(rider, RIDER);
    await rider.getByTestId('join-consent').click();
    await rider.getByTestId('join-sensitive-consent').click();
    await rider.getByTestId('join-submit').click();
    await rider.waitForURL(/\/join\/status\/\d+\/[\w-]{16}$/);
    await rider.getByTestId('join-state').getByText('待审核').waitFor();
    expect(await rider.getByTestId('keep-link').textContent()).toContain('请保存本页链接');
    expect(await rider.getByTestId('join-cancel').count()).toBe(1);
    statusUrl = rider.url();
    await rider.context().close();
  });

  it('当湖 sees it waiting on 入会审核, then enters her on 新增会员 from the paper form', async () => {
    danghu = await h.signIn('danghu_staff');
    await danghu.getByTestId('nav-member-applications').click();
    // Waiting, with 批准入会 on offer.
    await row(danghu).getByTestId('action-approve').waitFor();

    const dialog = await fillDeskEntry(danghu, { unionSearch: '外卖配送当湖', unionName: RIDER_STATION }, RIDER);
    await dialog.getByTestId('member-add-consent').click();
    await dialog.getByRole('button', { name: '登记入会' }).click();
    cardNo = await addedCardNo(danghu);
    // Her record opens; closed again, the register is back.
    await danghu.waitForURL(/member=\d+/);
    await danghu.getByTestId('member-detail').getByText(RIDER.name).first().waitFor();
    await danghu.locator('.ant-drawer-close').click();
    await danghu.getByTestId('member-detail').waitFor({ state: 'detached' });

    // One membership, the desk's: the application opened none.
    const rows = await h.database.db.select().from(memberships).where(eq(memberships.name, RIDER.name));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ orgId: ids.rider_station, cardNo, status: 'active', source: 'staff' });
  });

  it('reopening the kept link, she is told she is already a member, with the desk’s card number', async () => {
    const rider = await h.newPage({ mobile: true });
    await rider.goto(statusUrl);
    await rider.getByTestId('join-state').getByText(CLOSED).waitFor();
    const reason = await rider.getByTestId('join-reason').textContent();
    expect(reason).toContain('您已是工会会员');
    expect(reason).toContain(`${CLOSED}（窗口登记，「${RIDER_STATION}」）`);
    expect(await rider.getByTestId('join-card-no').textContent()).toBe(cardNo);
    const steps = await rider.getByTestId('join-steps').textContent();
    expect(steps).toContain(CLOSED);
    expect(steps).toContain(`会员证号 ${cardNo}`);
    // Nothing left to withdraw.
    expect(await rider.getByTestId('join-cancel').count()).toBe(0);
  });

  it('入会审核 lists it under 已通过其他途径入会 with its reason, and offers no approval', async () => {
    await danghu.getByTestId('nav-member-applications').click();
    await danghu.locator('.ant-card-head-title', { hasText: '入会审核' }).waitFor();
    // Gone from the pending list, the default.
    await row(danghu).waitFor({ state: 'detached' });

    await pickOption(danghu, danghu.getByTestId('filter-state'), CLOSED);
    await danghu.getByTestId('list-search').click();
    await danghu.waitForURL(/state=closed/);
    await row(danghu).waitFor();
    expect(await row(danghu).getByTestId('state-tag').textContent()).toBe(CLOSED);
    expect(await row(danghu).getByTestId('action-approve').count()).toBe(0);

    await row(danghu).click();
    const detail = danghu.getByTestId('application-detail');
    await detail.waitFor();
    // 当湖's scope reaches the rider station: the union is named.
    expect(await detail.getByTestId('application-reason').textContent()).toBe(`${CLOSED}（窗口登记，「${RIDER_STATION}」）`);
    expect(await detail.getByTestId('state-tag').textContent()).toBe(CLOSED);
    expect(await detail.getByTestId('action-approve').count()).toBe(0);
    expect(await detail.getByRole('button').filter({ hasText: /批准/ }).count()).toBe(0);

    expect(pageErrors).toEqual([]);
  });
});
