import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBERSHIP_STATUSES } from '../../src/server/modules/members/schema.js';
import type { TestApp, TestClient } from '../support/app.js';
import { zipText } from '../support/zip-text.js';
import { applicationByCode, deskEntryBody, expectError, joinMember, newPerson, pinghuDemo, submitApplication, transferRow } from '../support/members.js';

/**
 * Bulk actions (批量): the same workflow action on each selected record, each in its own transaction,
 * a result per record with the reason of a refusal; and the register listing the memberships held now.
 */

let t: TestApp;
let ids: Record<string, number>;
let danghu: TestClient;
let zhongdai: TestClient;

beforeAll(async () => {
  ({ t, ids, danghu, zhongdai } = await pinghuDemo(() => '2026-11-24'));
});
afterAll(() => t?.close());

describe('bulk actions', () => {
  it('approves each application it may and says why it refused the others', async () => {
    const fine = await submitApplication(t, newPerson('柏青'), ids.jiada);
    const cancelled = await submitApplication(t, newPerson('柏蓝'), ids.jiada);
    const withdrawn = await t.app.inject({ method: 'POST', url: `/api/public/join/${cancelled.tenantId}/${cancelled.trackingCode}/cancel` });
    expect(withdrawn.statusCode, withdrawn.body).toBe(204);
    const elsewhere = await submitApplication(t, newPerson('柏紫'), ids.shuntong);

    const response = await danghu.post('/api/join-applications/actions', { action: 'approve', ids: [fine.applicationId, cancelled.applicationId, elsewhere.applicationId] });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().results).toEqual([
      { id: fine.applicationId, ok: true },
      { id: cancelled.applicationId, ok: false, code: 'INVALID_TRANSITION', message: '当前状态「已撤回」不能执行「批准入会」' },
      // 钟埭's application is outside 当湖's scope: not found, as the single action answers.
      { id: elsewhere.applicationId, ok: false, code: 'NOT_FOUND', message: expect.stringContaining('入会申请') },
    ]);
    expect((await applicationByCode(t, fine.tenantId, fine.trackingCode)).state).toBe('approved');
    expect((await applicationByCode(t, elsewhere.tenantId, elsewhere.trackingCode)).state).toBe('pending');
  });

  it('refuses an action people cannot take, repeated records and an empty selection as a whole', async () => {
    const pending = await submitApplication(t, newPerson('柏红'), ids.jiada);
    expectError(await danghu.post('/api/join-applications/actions', { action: 'close_joined_elsewhere', ids: [pending.applicationId] }), 400, 'VALIDATION');
    expectError(await danghu.post('/api/join-applications/actions', { action: 'approve', ids: [pending.applicationId, pending.applicationId] }), 400, 'VALIDATION');
    expectError(await danghu.post('/api/join-applications/actions', { action: 'approve', ids: [] }), 400, 'VALIDATION');
    expect((await applicationByCode(t, pending.tenantId, pending.trackingCode)).state).toBe('pending');
  });

  it('takes an action with its input for each record, and runs each effect (transfers confirmed, then accepted)', async () => {
    const requested = [];
    for (const name of ['柏橙', '柏黄']) {
      const { membershipId } = await joinMember(t, danghu, newPerson(name), ids.jiada);
      const created = await danghu.post('/api/transfers', { membershipId, toOrgId: ids.hengli, reason: '调动' });
      expect(created.statusCode, created.body).toBe(201);
      requested.push(created.json().id as number);
    }
    const confirmed = await danghu.post('/api/transfers/actions', { action: 'confirm', ids: requested });
    expect(confirmed.json().results).toEqual(requested.map((id) => ({ id, ok: true })));
    // 钟埭 receives one and refuses the other, with the reason the form asks for.
    expect((await zhongdai.post('/api/transfers/actions', { action: 'accept', ids: [requested[0]] })).json().results).toEqual([{ id: requested[0], ok: true }]);
    const refused = await zhongdai.post('/api/transfers/actions', { action: 'refuse_in', ids: [requested[1]], input: { reason: '岗位未到' } });
    expect(refused.json().results).toEqual([{ id: requested[1], ok: true }]);
    expect((await transferRow(t, requested[0])).state).toBe('completed');
    expect((await transferRow(t, requested[1])).state).toBe('refused');
    // A second accept of the completed one is refused for that row alone.
    const again = await zhongdai.post('/api/transfers/actions', { action: 'accept', ids: [requested[0]] });
    expect(again.json().results[0]).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  });
});

describe('the register', () => {
  it('lists the memberships held now by default, the others by the status filter, and exports as it lists', async () => {
    const person = newPerson('柏绿');
    const entered = await danghu.post('/api/members', deskEntryBody(person, ids.jiada));
    expect(entered.statusCode, entered.body).toBe(201);
    const membershipId = entered.json().id as number;
    const transfer = (await danghu.post('/api/transfers', { membershipId, toOrgId: ids.meiyi })).json().id as number;
    await danghu.post(`/api/transfers/${transfer}/actions`, { action: 'confirm' });
    expect((await danghu.post(`/api/transfers/${transfer}/actions`, { action: 'accept' })).statusCode).toBe(204);

    const names = async (query: string) => ((await danghu.get(`/api/members?q=${encodeURIComponent('柏绿')}${query}`)).json().items as { status: string }[]).map((m) => m.status);
    expect(await names('')).toEqual(['active']);
    expect(await names('&status=current')).toEqual(['active']);
    expect((await names('&status=all')).sort()).toEqual(['active', 'transferred']);
    expect(await names('&status=transferred')).toEqual(['transferred']);
    // 导出所选: the rows named, with the list's filters.
    expect(await names(`&status=all&ids=${membershipId}`)).toEqual(['transferred']);
    expect(await names(`&ids=${membershipId}`)).toEqual([]);

    const exported = async (query: string) => {
      const response = await danghu.get(`/api/members/export.xlsx?q=${encodeURIComponent('柏绿')}${query}`);
      expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
      return zipText(response.rawPayload).includes(MEMBERSHIP_STATUSES.transferred);
    };
    expect([await exported(''), await exported('&status=all')]).toEqual([false, true]);
  });
});
