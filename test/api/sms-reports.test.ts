import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../src/server/platform/jobs.js';
import type { SmsProvider } from '../../src/server/platform/sms/providers.js';
import { smsOutbox } from '../../src/server/platform/sms/schema.js';
import { createSmsService } from '../../src/server/platform/sms/service.js';
import { ADMIN, createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { cipher, expectError, newPerson } from '../support/members.js';

/**
 * Delivery receipts: Aliyun's SmsReport push and Tencent's status callback
 * reach a public address holding a secret, are matched to the outbox by the
 * provider and its message id, and mark messages 已送达 or 未送达 with the
 * time and the code; the outbox page shows it and filters by it. Without the
 * secret, or with a wrong one, the address does not exist; unknown ids are
 * ignored; a repeated report changes nothing.
 */

const TOKEN = 'receipts-0123456789abcdefABCDEF';
let t: TestApp;
let admin: TestClient;

/** Sends one message through a provider of that name, answering with the given id; returns the row's id. */
async function sentThrough(name: 'aliyun' | 'tencent', providerMessageId: string) {
  const provider: SmsProvider = { name, send: async () => ({ providerMessageId }) };
  const sms = createSmsService({ db: t.database.db, cipher, provider, settings: t.services.settings });
  const id = (await t.database.db.transaction((tx) => sms.queue(tx, { phone: newPerson('回执').phone, template: 'deadline_reminder', params: { subject: '会员接转', dueOn: '12月9日' } })))!;
  await runJob(t.database.db, sms.deliveryJob(), new Date());
  return id;
}
const row = async (id: number) => (await t.database.db.select().from(smsOutbox).where(eq(smsOutbox.id, id)))[0];
const push = (provider: string, body: unknown, token = TOKEN) => t.app.inject({ method: 'POST', url: `/api/public/sms/reports/${provider}/${token}`, payload: body as object });

beforeAll(async () => {
  t = await createTestApp({ today: () => '2026-12-07', smsReportToken: TOKEN });
  admin = await t.login(ADMIN.username, ADMIN.password);
});
afterAll(() => t.close());

describe('delivery receipts', () => {
  /** Each provider's push as its documentation shows it, for a message it delivered and one it did not. */
  const pushes = [
    {
      provider: 'aliyun' as const,
      ids: ['900619746936498440^0', '900619746936498441^0'],
      body: (ids: string[]) => [
        { phone_number: '1381111****', send_time: '2026-12-07 10:00:01', report_time: '2026-12-07 10:00:05', success: true, err_code: 'DELIVERED', err_msg: '用户接收成功', sms_size: '1', biz_id: ids[0], out_id: '' },
        { phone_number: '1381111****', send_time: '2026-12-07 10:00:01', report_time: '2026-12-07 10:01:00', success: false, err_code: 'MK:0001', err_msg: '空号', sms_size: '1', biz_id: ids[1] },
      ],
      answer: { code: 0, msg: '接收成功' },
      delivered: { deliveryCode: 'DELIVERED', deliveryAt: new Date('2026-12-07T02:00:05Z') },
      undelivered: { deliveryCode: 'MK:0001', deliveryAt: new Date('2026-12-07T02:01:00Z') },
    },
    {
      provider: 'tencent' as const,
      ids: ['2019:538884*********31576', '2019:538884*********31577'],
      body: (ids: string[]) => [
        { user_receive_time: '2026-12-07 08:03:04', nationcode: '86', mobile: '13xxxxxxxxx', report_status: 'SUCCESS', errmsg: 'DELIVRD', description: '用户短信送达成功', sid: ids[0] },
        { user_receive_time: '2026-12-07 08:04:00', nationcode: '86', mobile: '13xxxxxxxxx', report_status: 'FAIL', errmsg: 'UNDELIV', description: '用户短信未送达', sid: ids[1] },
      ],
      answer: { result: 0, errmsg: 'OK' },
      delivered: { deliveryCode: 'DELIVRD', deliveryAt: new Date('2026-12-07T00:03:04Z') },
      undelivered: { deliveryCode: 'UNDELIV', deliveryAt: new Date('2026-12-07T00:04:00Z') },
    },
  ];

  it.each(pushes)('$provider’s push marks messages delivered or not, matched by its message id, answered in its shape', async (format) => {
    const delivered = await sentThrough(format.provider, format.ids[0]);
    const undelivered = await sentThrough(format.provider, format.ids[1]);
    const response = await push(format.provider, format.body(format.ids));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual(format.answer);
    expect(await row(delivered)).toMatchObject({ status: 'sent', delivery: 'delivered', ...format.delivered });
    expect(await row(undelivered)).toMatchObject({ status: 'sent', delivery: 'undelivered', ...format.undelivered });
  });

  it('matches by provider too: an Aliyun id reported as Tencent’s, or an unknown id, is ignored and still answered', async () => {
    const id = await sentThrough('aliyun', '900619746936498442^0');
    const response = await push('tencent', [
      { user_receive_time: '2026-12-07 08:03:04', nationcode: '86', mobile: '13xxxxxxxxx', report_status: 'SUCCESS', errmsg: 'DELIVRD', description: '', sid: '900619746936498442^0' },
      { user_receive_time: '2026-12-07 08:03:04', nationcode: '86', mobile: '13xxxxxxxxx', report_status: 'FAIL', errmsg: 'UNDELIV', description: '', sid: 'unknown-serial' },
    ]);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ result: 0, errmsg: 'OK' });
    expect(await row(id)).toMatchObject({ delivery: null, deliveryAt: null, deliveryCode: null });
  });

  it('a repeated report writes the same again', async () => {
    const id = await sentThrough('aliyun', '900619746936498443^0');
    const report = [{ biz_id: '900619746936498443^0', success: false, err_code: 'MK:0005', report_time: '2026-12-07 11:00:00' }];
    expect((await push('aliyun', report)).statusCode).toBe(200);
    const first = await row(id);
    expect((await push('aliyun', report)).statusCode).toBe(200);
    expect(await row(id)).toEqual(first);
  });

  it('without the right secret the address does not exist, and nothing is written', async () => {
    const id = await sentThrough('aliyun', '900619746936498444^0');
    const report = [{ biz_id: '900619746936498444^0', success: true, err_code: 'DELIVERED', report_time: '2026-12-07 11:00:00' }];
    const wrong = expectError(await push('aliyun', report, 'receipts-0123456789abcdefABCDEX'), 404, 'NOT_FOUND');
    expect(wrong).toEqual(expectError(await t.app.inject({ method: 'POST', url: '/api/public/sms/nowhere' }), 404, 'NOT_FOUND'));
    expectError(await push('aliyun', report, 'short'), 404, 'NOT_FOUND');
    // Checked before the body: a stranger learns nothing from a malformed push either.
    expectError(await push('aliyun', { not: 'an array' }, 'wrong'), 404, 'NOT_FOUND');
    expectError(await push('huawei', report), 404, 'NOT_FOUND');
    expect((await row(id)).delivery).toBeNull();
    // A malformed push with the secret is refused as such.
    expectError(await push('aliyun', [{ success: 'yes' }]), 400, 'VALIDATION');
  });

  it('the outbox page shows the receipt, and filters by it: 已送达, 未送达 (seen as a failed one is), 待回执', async () => {
    const awaiting = await sentThrough('tencent', '2019:5388840000000031599');
    const codes = await admin.get('/api/sms/outbox/codes');
    expect(codes.json().deliveries).toEqual([
      { code: 'delivered', label: '已送达' },
      { code: 'undelivered', label: '未送达' },
      { code: 'awaiting', label: '待回执' },
    ]);
    const undelivered = (await admin.get('/api/sms/outbox?delivery=undelivered&pageSize=200')).json();
    expect(undelivered.items.length).toBeGreaterThanOrEqual(2);
    for (const m of undelivered.items) expect(m).toMatchObject({ status: 'sent', delivery: 'undelivered', deliveryLabel: '未送达' });
    expect(undelivered.items.map((m: { deliveryCode: string }) => m.deliveryCode)).toEqual(expect.arrayContaining(['MK:0001', 'UNDELIV']));
    // Each code in words an office can act on, the code beside them.
    expect(undelivered.items.map((m: { deliveryCodeText: string }) => m.deliveryCodeText)).toEqual(
      expect.arrayContaining(['运营商网络原因未送达（MK:0001）', '无法送达：手机关机、停机或不在服务区（UNDELIV）']),
    );
    const delivered = (await admin.get('/api/sms/outbox?delivery=delivered&pageSize=200')).json();
    expect(delivered.items.length).toBeGreaterThanOrEqual(2);
    for (const m of delivered.items) expect(m).toMatchObject({ delivery: 'delivered', deliveryLabel: '已送达', deliveryAt: expect.any(String) });
    const waiting = (await admin.get('/api/sms/outbox?delivery=awaiting&pageSize=200')).json();
    expect(waiting.items.map((m: { id: number }) => m.id)).toContain(awaiting);
    for (const m of waiting.items) expect(m).toMatchObject({ status: 'sent', delivery: null, deliveryLabel: null });
  });
});

describe('delivery receipts without a secret configured', () => {
  it('have no address at all', async () => {
    const bare = await createTestApp();
    try {
      const response = await bare.app.inject({ method: 'POST', url: `/api/public/sms/reports/aliyun/${TOKEN}`, payload: [] });
      expectError(response, 404, 'NOT_FOUND');
    } finally {
      await bare.close();
    }
  });
});
