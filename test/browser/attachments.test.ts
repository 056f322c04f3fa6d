import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stationPhoto } from '../../src/server/demo/files.js';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { type BrowserHarness, chromiumPath, pageErrors, startBrowserHarness } from '../support/browser.js';

/**
 * 提案附件 on a phone: 范海珠 opens her draft proposal on its own page at
 * 390 px, attaches the photo of the riders' corner at 大润发, sees its
 * thumbnail and a download link, then deletes it after confirming.
 */
describe.skipIf(!chromiumPath())('attaching a photo to a draft proposal on a phone', () => {
  let h: BrowserHarness;
  let proposalId: number;

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'base' });
    const login = await fetch(`${h.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'fan_haizhu', password: DEMO_PASSWORD }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const created = await fetch(`${h.baseUrl}/api/proposals`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: '在大润发超市周边增设一个职工驿站',
        field: 'new_forms',
        reasons: '大润发超市周边外卖订单集中，骑手午间和雨天没有歇脚、喝水、给电动车充电的地方。',
        suggestions: '在超市周边选址新建一个职工驿站，配备饮水、充电和休息设施。',
      }),
    });
    expect(created.status).toBe(201);
    proposalId = ((await created.json()) as { id: number }).id;
  });
  afterAll(() => h?.close());

  it('范海珠 uploads the photo, sees its thumbnail, and deletes it after confirming', async () => {
    const page = await h.newPage({ mobile: true });
    await page.goto('/login');
    await page.getByTestId('login-username').fill('fan_haizhu');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`/proposals/${proposalId}`);

    const section = page.getByTestId('proposal-attachments');
    await section.getByText('还没有附件：可上传现场照片或 PDF 材料').waitFor();
    await section.locator('input[type=file]').setInputFiles({ name: '大润发门口骑手歇脚处.png', mimeType: 'image/png', buffer: stationPhoto() });

    const item = section.getByTestId('attachment-item');
    await item.getByTestId('attachment-download').getByText('大润发门口骑手歇脚处.png').waitFor();
    expect(await item.textContent()).toContain('范海珠');
    expect(await item.textContent()).toContain('提案材料');
    // The thumbnail is the stored image, loaded from its inline URL and decoded by the browser.
    const thumbnail = item.locator('img');
    await thumbnail.waitFor();
    expect(await thumbnail.getAttribute('src')).toMatch(new RegExp(`^/api/proposals/${proposalId}/attachments/\\d+\\?inline=1$`));
    await page.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth === 160, await thumbnail.elementHandle());
    // Nothing runs off the side of the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await item.getByTestId('attachment-delete').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /删\s*除/ }).click();
    await item.waitFor({ state: 'detached' });
    await section.getByText('还没有附件：可上传现场照片或 PDF 材料').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
