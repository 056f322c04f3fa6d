import { count, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transfers } from '../../src/server/modules/members/schema.js';
import { systemActor } from '../../src/server/platform/actor.js';
import { type BrowserHarness, chromiumPath, deadSpot, pageErrors, startBrowserHarness } from '../support/browser.js';
import { residentIdOf } from '../support/members.js';
import { lastCode } from '../support/sms.js';

const RIDER_STATION = '平湖市外卖配送当湖站点工会';
const SHUNTONG = '平湖市顺通物流有限公司工会';
/** 柯永强 (平湖, born 1994-08-21), a rider of 当湖's station moving to 顺通物流 as a driver. */
const WORKER = { name: '柯永强', residentId: residentIdOf('19940821', 57), phone: '13957318841' };
/** 陆海峰, a member of 当湖's station, on the public transfer page his new union's QR code opens (no account). */
const MEMBER = { name: '陆海峰', residentId: residentIdOf('19910304', 63), phone: '13957318852' };

/** A harness holding the demo with `person` a member of 当湖's station, a phone-sized page, and its dead spot. */
async function startWithMember(person: { name: string; residentId: string; phone: string }) {
  const h = await startBrowserHarness({ demo: 'base' });
  const ids = h.demoIds;
  await h.services.members.addMember(systemActor(await h.services.rootOrg()), {
    orgId: ids.rider_station,
    ...person,
    employmentForm: 'delivery_rider',
    platformName: '美团外卖',
    joinedOn: '2022-05-16',
    consentOnPaper: true,
  });
  const page = await h.newPage({ mobile: true });
  const transfersOf = async () => (await h.database.db.select({ n: count() }).from(transfers).where(eq(transfers.name, person.name)))[0].n;
  return { h, ids, page, deadZone: deadSpot(h, page), transfersOf };
}

/**
 * 申请会员接转 on a worker's phone (390×844) in a dead spot, as the join form:
 * 柯永强, signed in on 我的会籍, picks the union he moves to, then loses the
 * connection and fills in the rest. The request waits on the phone as 等待发送;
 * when the connection is back it is sent by itself — exactly one transfer. The
 * public transfer page (no account, ID number and phone) does the same.
 */
describe.skipIf(!chromiumPath())('a worker asks for a transfer offline and it is sent once when back online', () => {
  let h: BrowserHarness;
  let worker: Page;
  let deadZone: ReturnType<typeof deadSpot>;
  let transfersOfWorker: () => Promise<number>;

  beforeAll(async () => {
    ({ h, page: worker, deadZone, transfersOf: transfersOfWorker } = await startWithMember(WORKER));
  });
  afterAll(() => h?.close());

  it('signs in by code and picks the union he moves to', async () => {
    await worker.goto('/me');
    await worker.getByTestId('me-phone').locator('input').fill(WORKER.phone);
    await worker.getByTestId('me-send-code').click();
    await expect.poll(() => lastCode(h, WORKER.phone)).toMatch(/^\d{6}$/);
    await worker.getByTestId('me-code').locator('input').fill((await lastCode(h, WORKER.phone))!);
    await worker.getByTestId('me-sign-in-submit').click();
    await worker.getByTestId('me-card').waitFor();
    await worker.getByTestId('me-request-transfer').click();
    await worker.waitForURL(/\/me\/transfer$/);
    await worker.getByTestId('me-transfer-search').locator('input').fill('顺通物流');
    await worker.getByTestId('me-transfer-hit').filter({ hasText: SHUNTONG }).click();
    expect(await worker.getByTestId('me-transfer-target').textContent()).toContain(SHUNTONG);
  });

  it('submitted without a connection, the request waits on the phone as 等待发送', async () => {
    await deadZone.enter();
    await worker.getByTestId('me-transfer-reason').locator('textarea').fill('到顺通物流开货车了');
    await worker.getByTestId('me-transfer-new-job').click();
    await worker.getByTestId('me-transfer-submit').click();
    const pending = worker.getByTestId('me-transfer-pending');
    await pending.getByText('等待发送').waitFor();
    expect(await pending.textContent()).toContain('您的接转申请');
    // In reach of the thumb: the retry is on the screen.
    const retry = await worker.getByTestId('me-transfer-pending-retry').boundingBox();
    expect(retry!.y + retry!.height).toBeLessThanOrEqual(844);
    // A second tap while waiting keeps the one submission.
    await worker.getByTestId('me-transfer-submit').click();
    await pending.getByText('等待发送').waitFor();
    expect(await transfersOfWorker()).toBe(0);
    expect(await worker.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('lianxin.phone.pending.')))).toEqual(['lianxin.phone.pending.my-transfer']);

    // Reopened with no connection, the page cannot sign in or load the membership, and says the request waits.
    await worker.reload();
    const kept = worker.getByTestId('me-transfer-kept');
    await kept.getByText('等待发送').waitFor();
    expect(await kept.textContent()).toContain('您的接转申请');
    expect(await transfersOfWorker()).toBe(0);
  });

  it('back online, it is sent by itself, once', async () => {
    await deadZone.leave();
    await worker.waitForURL(/\/me$/);
    const transfer = worker.getByTestId('me-transfer');
    await transfer.waitFor();
    expect(await transfer.textContent()).toContain(`${RIDER_STATION} → ${SHUNTONG}`);
    expect(await transfer.textContent()).toContain('待转出单位确认');
    expect(await transfersOfWorker()).toBe(1);
    expect(await worker.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('lianxin.phone.pending.')))).toEqual([]);
    // Nothing left waiting: reopening the page sends nothing again.
    await worker.reload();
    await worker.getByTestId('me-transfer').waitFor();
    expect(await transfersOfWorker()).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});

describe.skipIf(!chromiumPath())('a member asks for a transfer on the public page offline and it is sent once when back online', () => {
  let h: BrowserHarness;
  let ids: Record<string, number>;
  let member: Page;
  let deadZone: ReturnType<typeof deadSpot>;
  let transfersOfMember: () => Promise<number>;

  beforeAll(async () => {
    ({ h, ids, page: member, deadZone, transfersOf: transfersOfMember } = await startWithMember(MEMBER));
  });
  afterAll(() => h?.close());

  it('fills the request with no connection: it waits as 等待发送, then goes by itself, once', async () => {
    await member.goto(`/transfer?to=${ids.shuntong}`);
    expect(await member.getByTestId('transfer-union-name').textContent()).toBe(SHUNTONG);
    await deadZone.enter();
    await member.getByTestId('transfer-resident-id').locator('input').fill(MEMBER.residentId);
    await member.getByTestId('transfer-phone').locator('input').fill(MEMBER.phone);
    await member.getByTestId('transfer-reason').locator('textarea').fill('到顺通物流上班');
    await member.getByTestId('transfer-submit').click();
    await member.getByTestId('transfer-pending').getByText('等待发送').waitFor();
    expect(await member.getByTestId('transfer-pending').textContent()).toContain('您的接转申请');
    expect(await transfersOfMember()).toBe(0);

    await deadZone.leave();
    await member.waitForURL(/\/transfer\/status\/\d+\/[\w-]{16}$/);
    await member.getByText('待转出单位确认').first().waitFor();
    expect(await transfersOfMember()).toBe(1);
    expect(await member.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('lianxin.phone.pending.')))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
