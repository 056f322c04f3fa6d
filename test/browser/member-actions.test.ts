import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { type BrowserHarness, chromiumPath, pageErrors, startBrowserHarness } from '../support/browser.js';
import { deskEntryBody, newPerson } from '../support/members.js';
import { zipText } from '../support/zip-text.js';

const MEMBER = newPerson('柯文静', '19660312');

/**
 * The membership actions that take input, as the server describes them: the
 * form of 修改会员信息 (filled with the record's values), of 保留会籍 (a cause to choose) and of 本人申请退会 (a date, today by
 * default, and a warning of what follows) come from the action's JSON Schema,
 * rendered by the one workflow component; nothing on the page knows them.
 */
describe.skipIf(!chromiumPath())('membership actions with input, rendered from the server’s description', () => {
  let h: BrowserHarness;
  let staff: Page;

  beforeAll(async () => {
    h = await startBrowserHarness({ demo: 'base' });
    const ids = h.demoIds;
    // Entered at the desk through the API, as 当湖's staff would.
    const login = await fetch(`${h.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'danghu_staff', password: DEMO_PASSWORD }) });
    const headers = { 'content-type': 'application/json', cookie: login.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': (await login.json()).csrfToken };
    const entered = await fetch(`${h.baseUrl}/api/members`, { method: 'POST', headers, body: JSON.stringify(deskEntryBody(MEMBER, ids.jiada)) });
    expect(entered.status).toBe(201);
    staff = await h.signIn('danghu_staff');
  });
  afterAll(() => h?.close());

  const openDetail = async () => {
    await staff.getByTestId('nav-members').click();
    await staff.getByTestId('filter-q').fill(MEMBER.name);
    await staff.getByTestId('list-search').click();
    await staff.locator('.ant-table-row', { hasText: MEMBER.name }).click();
    const detail = staff.getByTestId('member-detail');
    await detail.waitFor();
    return detail;
  };

  it('修改会员信息 starts from the record’s values and sends what changed; the record and the history show it', async () => {
    const detail = await openDetail();
    await detail.getByTestId('action-update_details').click();
    const dialog = staff.locator('.ant-modal', { hasText: `修改会员信息：${MEMBER.name}` });
    expect(await dialog.getByTestId('action-input-name').inputValue()).toBe(MEMBER.name);
    expect(await dialog.getByTestId('action-input-phone').inputValue()).toBe(MEMBER.phone);
    // A name is corrected with a reason: without one the server's refusal shows in the form.
    await dialog.getByTestId('action-input-name').fill(`${MEMBER.name}改`);
    await dialog.getByRole('button', { name: '修改会员信息' }).click();
    await dialog.getByText('更正姓名须填写变更说明，写明原因（如：原登记姓名有误，以身份证为准）').waitFor();
    await dialog.getByTestId('action-input-name').fill(MEMBER.name);
    await dialog.getByTestId('action-input-phone').fill('13957312345');
    await dialog.getByTestId('action-input-note').fill('本人更换手机号');
    await dialog.getByRole('button', { name: '修改会员信息' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const history = detail.getByTestId('member-history');
    // Only the phone changed, so only the phone is named.
    await history.getByText('手机号改为「13957312345」').waitFor();
    expect(await history.textContent()).not.toContain('姓名改为');
    expect(await detail.textContent()).toContain('13957312345');
  });

  it('保留会籍 asks for the cause from the server’s list, and the history says it', async () => {
    const detail = staff.getByTestId('member-detail');
    await detail.getByTestId('action-retain').click();
    const dialog = staff.locator('.ant-modal', { hasText: `保留会籍：${MEMBER.name}` });
    await dialog.waitFor();
    // Submitting empty names the required field, in the form, before the server is asked.
    await dialog.getByRole('button', { name: '保留会籍' }).click();
    await dialog.getByText('请选择保留原因').waitFor();
    await dialog.getByTestId('action-input-cause').click();
    await staff.locator('.ant-select-dropdown').getByText('退休', { exact: true }).click();
    await dialog.getByTestId('action-input-note').fill('2026 年 11 月办理退休');
    await dialog.getByRole('button', { name: '保留会籍' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const history = detail.getByTestId('member-history');
    await history.getByText('原因：退休').waitFor();
    expect(await history.textContent()).toContain('备注：2026 年 11 月办理退休');
  });

  it('本人申请退会 warns of what follows, offers today, and ends the membership', async () => {
    const detail = staff.getByTestId('member-detail');
    await detail.getByTestId('action-withdraw').click();
    const dialog = staff.locator('.ant-modal', { hasText: `本人申请退会：${MEMBER.name}` });
    await dialog.getByText('退会后会籍终止，不能恢复').waitFor();
    expect(await dialog.getByTestId('action-input-requestedOn').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await dialog.getByRole('button', { name: '本人申请退会' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await detail.getByTestId('member-history').getByText(/申请日期：\d{4}-\d{2}-\d{2}/).waitFor();
    expect(await detail.getByTestId('state-tag').first().textContent()).toBe('退会');
    expect(await detail.getByTestId('action-withdraw').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('导出 Excel saves the list under its Chinese name; a refused export says why and saves nothing', async () => {
    await staff.goto(`${h.baseUrl}/members?q=${encodeURIComponent(MEMBER.name)}&status=all`);
    await staff.locator('.ant-table-row', { hasText: MEMBER.name }).waitFor();
    const [download] = await Promise.all([staff.waitForEvent('download'), staff.getByTestId('members-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^会员名单-.*\.xlsx$/);
    expect(zipText(readFileSync((await download.path())!))).toContain(MEMBER.name);

    // A union that does not exist: the server refuses the export, and the page says so instead of saving its answer.
    let saved = false;
    staff.on('download', () => (saved = true));
    await staff.goto(`${h.baseUrl}/members?orgId=987654321`);
    await staff.getByTestId('members-export').click();
    await staff.locator('.ant-message', { hasText: '组织不存在' }).waitFor();
    expect(saved).toBe(false);
    expect(pageErrors).toEqual([]);
  });
});
