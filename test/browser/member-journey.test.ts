import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '../../src/server/modules/members/privacy-notice.js';
import { memberships } from '../../src/server/modules/members/schema.js';
import { computeResidentIdCheckChar } from '../../src/server/platform/cn-ids.js';
import { type BrowserHarness, chromiumPath, fillJoinForm, pageErrors, startBrowserHarness } from '../support/browser.js';

const RIDER_STATION = '平湖市外卖配送当湖站点工会';
const SHUNTONG = '平湖市顺通物流有限公司工会';

/** 陈杰's resident ID (平湖, born 1995-06-12), with its check character computed. */
const FIRST_17 = '33048219950612003';
const RESIDENT_ID = FIRST_17 + computeResidentIdCheckChar(FIRST_17);
/** The same number with a wrong check character: the server refuses it on the field. */
const WRONG_CHECK = FIRST_17 + (RESIDENT_ID.endsWith('1') ? '2' : '1');
const PHONE = '13957312345';

/**
 * A delivery rider's whole membership journey across the phone pages and the
 * staff pages: 陈杰 applies to the rider station's union by its QR link, 当湖
 * approves, he sees his card number; later, trying to join 顺通物流's union, he
 * is sent to ask for a transfer there instead; 当湖 agrees to let him go, 钟埭
 * receives him, and 钟埭's member register shows him with his whole history
 * and 会龄 unbroken.
 */
describe.skipIf(!chromiumPath())('a rider joins, then transfers to another union', () => {
  let h: BrowserHarness;
  let ids: Record<string, number>;
  let rider: Page;
  let danghu: Page;
  let zhongdai: Page;
  let joinStatusUrl: string;
  let transferStatusUrl: string;

  /** The table row of 陈杰 on a staff list page. */
  const row = (page: Page) => page.locator('.ant-table-row', { hasText: '陈杰' });

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'base' });
    ids = h.demoIds;
    rider = await h.newPage({ mobile: true });
  });
  afterAll(() => h?.close());

  it('applies on the union’s join page from his phone', async () => {
    await rider.goto(`/join/${ids.rider_station}`);
    expect(await rider.getByTestId('join-union-name').textContent()).toBe(RIDER_STATION);
    // Gig workers without an employer union are pointed at the joint unions.
    expect(await rider.getByTestId('join-alternatives').textContent()).toContain('平湖市新就业形态劳动者联合工会');
    // The notice as the server words it: the union as handler, the ID as sensitive, retention, rights; a separate consent for the ID.
    const notice = await rider.getByTestId('join-privacy').textContent();
    for (const part of [`「${RIDER_STATION}」`, '身份证号是敏感个人信息', '保存多久', '查阅、复制', '当面办理入会']) expect(notice).toContain(part);
    expect(await rider.getByTestId('join-sensitive-consent').textContent()).toContain('身份证号（敏感个人信息）');

    await fillJoinForm(rider, { name: '陈杰', residentId: WRONG_CHECK, phone: PHONE, employmentForm: '外卖配送员', platformName: '美团' });
    await rider.getByTestId('join-consent').click();
    // Agreeing to the notice is not agreeing to the ID: that consent is asked for on its own.
    await rider.getByTestId('join-submit').click();
    await rider.locator('.ph-field', { has: rider.getByTestId('join-sensitive-consent') }).getByText('在线入会须单独同意处理身份证号').waitFor();
    await rider.getByTestId('join-sensitive-consent').click();
    await rider.getByTestId('join-submit').click();
    // The server's reason lands on the field.
    await rider.locator('.ph-field', { has: rider.getByTestId('join-resident-id') }).getByText('校验码错误').waitFor();

    await rider.getByTestId('join-resident-id').locator('input').fill(RESIDENT_ID);
    await rider.getByTestId('join-submit').click();
    await rider.waitForURL(/\/join\/status\/\d+\/[\w-]{16}$/);
    await rider.getByTestId('join-state').getByText('待审核').waitFor();
    const keep = await rider.getByTestId('keep-link').textContent();
    expect(keep).toContain('请保存本页链接');
    // The link is not the only way back: the join page finds the application by a code to the number.
    expect(keep).toContain('链接丢失时可在入会页用手机号验证码找回');
    joinStatusUrl = rider.url();
  });

  it('当湖 approves the application on 入会审核', async () => {
    danghu = await h.signIn('danghu_staff');
    await danghu.getByTestId('nav-member-applications').click();
    await row(danghu).waitFor();
    expect(await row(danghu).textContent()).toContain(RIDER_STATION);
    await row(danghu).getByTestId('action-approve').click();
    // Asked first: a stray click in the list does nothing.
    await danghu.locator('.ant-popconfirm').getByRole('button', { name: '批准入会' }).click();
    await danghu.getByText('已办理：批准入会').waitFor();
    // Only pending applications are listed by default.
    await row(danghu).waitFor({ state: 'detached' });
  });

  it('the rider’s status page shows 已批准 and his card number', async () => {
    await rider.goto(joinStatusUrl);
    await rider.getByTestId('join-state').getByText('已批准').waitFor();
    expect(await rider.getByTestId('join-card-no').textContent()).toMatch(/^330482\d{4}\d{7}$/);
    expect(await rider.getByTestId('join-steps').textContent()).toContain('批准入会');
  });

  it('joining 顺通物流’s union he is offered a transfer, told nothing of where he is a member, and asks to move there', async () => {
    // A member already: the join page of his new union offers the transfer page, naming no union (anyone may type an ID).
    await rider.goto(`/join/${ids.shuntong}`);
    await fillJoinForm(rider, { name: '陈杰', residentId: RESIDENT_ID, phone: PHONE, employmentForm: '货车司机', platformName: '顺通物流' });
    await rider.getByTestId('join-consent').click();
    await rider.getByTestId('join-sensitive-consent').click();
    await rider.getByTestId('join-submit').click();
    const answer = await rider.getByTestId('join-already-member').textContent();
    expect(answer).toContain('无法在线受理');
    expect(answer).not.toContain(RIDER_STATION);
    // Or it is his own application sent before: the notice offers finding it by his number too.
    expect(await rider.getByTestId('join-go-resume').textContent()).toBe('用手机号找回已提交的申请');
    await rider.getByTestId('join-go-transfer').click();
    await rider.waitForURL(`**/transfer?to=${ids.shuntong}`);

    expect(await rider.getByTestId('transfer-union-name').textContent()).toBe(SHUNTONG);
    await rider.getByTestId('transfer-resident-id').locator('input').fill(RESIDENT_ID);
    await rider.getByTestId('transfer-phone').locator('input').fill(PHONE);
    await rider.getByTestId('transfer-reason').getByRole('textbox').fill('已到顺通物流工作');
    await rider.getByTestId('transfer-submit').click();
    await rider.waitForURL(/\/transfer\/status\/\d+\/[\w-]{16}$/);
    await rider.getByTestId('transfer-state').getByText('待转出单位确认').waitFor();
    // No code finds a transfer again: a lost link means asking the union.
    expect(await rider.getByTestId('keep-link').textContent()).toContain('链接丢失时请联系工会');
    transferStatusUrl = rider.url();
  });

  it('当湖 agrees to let him go (同意转出)', async () => {
    await danghu.getByTestId('nav-member-transfers').click();
    await row(danghu).waitFor();
    expect(await row(danghu).textContent()).toContain(SHUNTONG);
    await row(danghu).getByTestId('action-confirm').click();
    await danghu.locator('.ant-popconfirm').getByRole('button', { name: '同意转出' }).click();
    await danghu.getByText('已办理：同意转出').waitFor();
    await row(danghu).getByText('待转入单位接收').waitFor();
  });

  it('钟埭 receives him (接收转入)', async () => {
    zhongdai = await h.signIn('zhongdai_staff');
    await zhongdai.getByTestId('nav-member-transfers').click();
    await zhongdai.getByTestId('transfers-tab-in').click();
    await row(zhongdai).waitFor();
    await row(zhongdai).getByTestId('action-accept').click();
    await zhongdai.locator('.ant-popconfirm').getByRole('button', { name: '接收转入' }).click();
    await zhongdai.getByText('已办理：接收转入').waitFor();
    await row(zhongdai).getByText('已完成').waitFor();

    await rider.goto(transferStatusUrl);
    await rider.getByTestId('transfer-state').getByText('已完成').waitFor();
  });

  it('钟埭’s member register shows him with his whole history and 会龄 unbroken', async () => {
    await zhongdai.getByTestId('nav-members').click();
    await zhongdai.getByTestId('filter-q').fill('陈杰');
    await zhongdai.getByTestId('list-search').click();
    await row(zhongdai).click();
    const detail = zhongdai.getByTestId('member-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('member-org').textContent()).toBe(SHUNTONG);

    // The earlier membership at the rider station is 当湖's record: 钟埭 is not sent it, only the transfer.
    expect(await detail.getByTestId('member-previous-item').count()).toBe(0);
    expect(await detail.textContent()).toContain('本辖区内无其他会籍');
    const transfer = detail.getByTestId('member-transfer-item');
    expect(await transfer.textContent()).toContain(`${RIDER_STATION} → ${SHUNTONG}`);
    expect(await transfer.textContent()).toContain('已完成');
    // This membership's timeline says where it came from.
    expect(await detail.getByTestId('member-history').textContent()).toContain(`由「${RIDER_STATION}」接转转入，会龄连续计算`);

    // 会龄 counts from the first approval, carried over by the transfer.
    const rows = await h.database.db.select().from(memberships).where(eq(memberships.name, '陈杰'));
    const first = rows.find((m) => m.orgId === ids.rider_station)!;
    const now = rows.find((m) => m.orgId === ids.shuntong)!;
    expect(first.status).toBe('transferred');
    expect(now.memberSince).toBe(first.memberSince);
    expect(await detail.getByTestId('member-since').textContent()).toBe(first.memberSince);
    expect(await detail.getByTestId('member-years').textContent()).toContain('接转前后连续计算');
    // The notice he agreed to on his phone, carried over by the transfer.
    const consent = await detail.getByTestId('member-consent').textContent();
    expect(consent).toContain(`已同意《入会个人信息处理规则》（${PRIVACY_NOTICE_VERSION} 版）`);
    expect(consent).toContain('线上申请（在线勾选同意）');
    expect(consent).toContain('记录在接转前的会籍上');

    // The full ID number, on request, audited.
    await detail.getByTestId('member-reveal-id').click();
    expect(await detail.getByTestId('member-id-full').textContent()).toBe(RESIDENT_ID);
    await detail.getByText('此操作已记入审计日志').waitFor();

    expect(pageErrors).toEqual([]);
  });
});
