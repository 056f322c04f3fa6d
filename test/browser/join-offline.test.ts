import { count, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinApplications } from '../../src/server/modules/members/schema.js';
import { type BrowserHarness, chromiumPath, deadSpot, fillJoinForm, type GigWorker, pageErrors, startBrowserHarness } from '../support/browser.js';
import { residentIdOf } from '../support/members.js';

const RIDER_STATION = '平湖市外卖配送当湖站点工会';
/** 邵磊 (平湖, born 1996-03-02), a rider on 饿了么. */
const RIDER: GigWorker = { name: '邵磊', residentId: residentIdOf('19960302', 31), phone: '13957316677', employmentForm: '外卖配送员', platformName: '饿了么' };

/**
 * The join page on a rider's phone (390×844), one-handed and offline: the
 * submit button stays in reach at the bottom, the notice shows its gist with
 * the full text a tap away, the ID field has a keypad with X. 邵磊 fills the
 * form in a dead spot: it waits on the phone as 等待发送 (also across a
 * reload with no connection, the service worker serving the page), and when
 * the connection is back it is sent by itself — exactly one application.
 */
describe.skipIf(!chromiumPath())('a rider fills the join form offline and it is sent once when back online', () => {
  let h: BrowserHarness;
  let ids: Record<string, number>;
  let rider: Page;
  let deadZone: ReturnType<typeof deadSpot>;

  const applications = async () => (await h.database.db.select({ n: count() }).from(joinApplications).where(eq(joinApplications.name, RIDER.name)))[0].n;

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'base' });
    ids = h.demoIds;
    rider = await h.newPage({ mobile: true });
    deadZone = deadSpot(h, rider);
  });
  afterAll(() => h?.close());

  it('opens the join page, installable: a manifest and a service worker in control', async () => {
    await rider.goto(`/join/${ids.rider_station}`);
    expect(await rider.getByTestId('join-union-name').textContent()).toBe(RIDER_STATION);
    const manifest = await rider.evaluate(async () => (await fetch(document.querySelector<HTMLLinkElement>('link[rel=manifest]')!.href)).json());
    expect(manifest).toMatchObject({ display: 'standalone', name: '连心 · 工会服务' });
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    await rider.waitForFunction(() => navigator.serviceWorker.controller !== null);
    // Once the worker controls the page, what the page reads goes through it and is kept for offline visits.
    await rider.reload();
    await rider.getByTestId('join-union-name').waitFor();
  });

  it('is usable with one hand: the submit button in reach, the notice’s gist first, a keypad with X for the ID', async () => {
    const submit = await rider.getByTestId('join-submit').boundingBox();
    expect(submit!.y + submit!.height).toBeLessThanOrEqual(844);
    expect(submit!.y).toBeGreaterThan(844 / 2);

    // The gist in view, the full text one tap away (and agreed to as a whole, as before).
    await rider.getByTestId('join-privacy-summary').getByText('敏感个人信息').waitFor();
    const full = rider.getByTestId('join-privacy-full');
    expect(await full.getByText('保存多久').isVisible()).toBe(false);
    await full.locator('summary').click();
    await full.getByText('保存多久').waitFor();

    // The ID field opens our keypad, not the system keyboard; X goes in as the 18th character only.
    const id = rider.getByTestId('join-resident-id').locator('input');
    expect(await id.getAttribute('inputmode')).toBe('none');
    await id.click();
    const keypad = rider.getByTestId('id-keypad');
    await keypad.waitFor();
    for (const key of ['3', 'X', '3', '⌫']) await keypad.getByRole('button', { name: key === '⌫' ? '删除' : key, exact: true }).click();
    expect(await id.inputValue()).toBe('3');
    for (const key of '3048219960302031'.split('')) await keypad.getByRole('button', { name: key, exact: true }).click();
    await keypad.getByRole('button', { name: 'X', exact: true }).click();
    expect(await id.inputValue()).toBe('33048219960302031X');
    await keypad.getByRole('button', { name: '完成' }).click();
    await keypad.waitFor({ state: 'detached' });
  });

  it('submitted without a connection, the application waits on the phone as 等待发送', async () => {
    await deadZone.enter();
    await fillJoinForm(rider, RIDER);
    await rider.getByTestId('join-consent').click();
    await rider.getByTestId('join-sensitive-consent').click();
    await rider.getByTestId('join-submit').click();
    const pending = rider.getByTestId('join-pending');
    await pending.getByText('等待发送').waitFor();
    expect(await pending.textContent()).toContain(`${RIDER.name} 的入会申请`);
    expect(await applications()).toBe(0);

    // Still there after reopening the page with no connection: the service worker serves it, the phone kept the form.
    await rider.reload();
    await rider.getByTestId('join-pending').getByText('等待发送').waitFor();
    expect(await applications()).toBe(0);
  });

  it('back online, it is sent by itself, once', async () => {
    await deadZone.leave();
    await rider.waitForURL(/\/join\/status\/\d+\/[\w-]{16}$/);
    await rider.getByTestId('join-state').getByText('待审核').waitFor();
    expect(await applications()).toBe(1);
    // Nothing left waiting: a later visit to the join page sends nothing again.
    await rider.goto(`/join/${ids.rider_station}`);
    await rider.getByTestId('join-union-name').waitFor();
    expect(await rider.getByTestId('join-pending').count()).toBe(0);
    expect(await rider.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('lianxin.phone.pending.')))).toEqual([]);
    expect(await applications()).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
