import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHEN_JIE_PHONE } from '../../src/server/demo/load.js';
import { runJob } from '../../src/server/platform/jobs.js';
import { users } from '../../src/server/platform/accounts/schema.js';
import { maskMobile } from '../../src/server/platform/cn-ids.js';
import { MAX_CODE_ATTEMPTS, phoneCodesCleanupJob } from '../../src/server/platform/sms/codes.js';
import type { SmsMessage, SmsProvider } from '../../src/server/platform/sms/providers.js';
import { smsCodes, smsOutbox, smsSendLimits } from '../../src/server/platform/sms/schema.js';
import { createSmsService, MAX_ATTEMPTS } from '../../src/server/platform/sms/service.js';
import { SMS_TEMPLATES, TEMPLATE_MAX } from '../../src/server/platform/sms/templates.js';
import type { TestApp, TestClient } from '../support/app.js';
import { cipher, expectError, joinMember, newPerson, pinghuDemo, submitApplication } from '../support/members.js';
import { forgetMinute as forgetMinuteOf, lastCode as lastCodeTo, messagesTo as messagesToPhone } from '../support/sms.js';

/**
 * Text messages (platform/sms): the outbox written in the transaction of what
 * it tells and delivered by the job, failures retried and visible; one-time
 * codes (expiry, attempts, sending limits under concurrency); a worker's
 * sign-in by code; finding one's applications again by code; the messages of
 * the members' workflow.
 */

let t: TestApp;
let ids: Record<string, number>;
let admin: TestClient;
let pinghu: TestClient;
let leader: TestClient;
const TODAY = '2026-12-07';

/** Requests from their own address each: the per-address limit is its own test. */
let address = 0;
const fromAddress = () => `10.9.${Math.floor(++address / 250)}.${address % 250}`;
const requestCode = (url: string, phone: string, ip = fromAddress()) => t.app.inject({ method: 'POST', url, payload: { phone }, remoteAddress: ip });
const signInCode = (phone: string, ip?: string) => requestCode('/api/auth/sms-code', phone, ip);
const smsLogin = (phone: string, code: string) => t.app.inject({ method: 'POST', url: '/api/auth/sms-login', payload: { phone, code } });

const messagesTo = (phone: string) => messagesToPhone(t, phone);
const lastCode = (phone: string) => lastCodeTo(t, phone);
const forgetMinute = () => forgetMinuteOf(t);

beforeAll(async () => {
  ({ t, ids, admin, pinghu, leader } = await pinghuDemo(() => TODAY));
});
afterAll(() => t.close());

describe('the outbox', () => {
  it('a message is queued with its change and sent by the job; the page shows it masked', async () => {
    const p = newPerson('罗文静');
    const { membershipId } = await joinMember(t, pinghu, p, ids.jiada);
    const [approved] = await messagesTo(p.phone);
    expect(approved).toMatchObject({ template: 'application_approved', status: 'queued', attempts: 0, phoneMasked: maskMobile(p.phone), phone: p.phone });
    expect(approved.params).toEqual({ union: '平湖嘉达光电科技有限公司工会', cardNo: expect.any(String) });
    expect(approved.phoneHash.equals(cipher.keyedHash('phone', p.phone))).toBe(true);
    // Nothing readable of the number or the values outside the sealed column.
    expect(approved.sealed.toString('latin1')).not.toContain(p.phone);
    expect(membershipId).toBeGreaterThan(0);

    const outcome = await runJob(t.database.db, t.services.sms.deliveryJob());
    expect(outcome).toMatchObject({ ran: true });
    const [sent] = await messagesTo(p.phone);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, provider: 'log', nextAttemptAt: null, error: null });
    expect(sent.providerMessageId).toMatch(/^log-/);

    const page = await admin.get(`/api/sms/outbox?phone=${p.phone}`);
    expect(page.statusCode).toBe(200);
    // The receipt of the application, then its approval.
    expect(page.json().items.map((m: { templateLabel: string }) => m.templateLabel)).toEqual(['入会申请已批准', '入会申请已提交']);
    expect(page.json().items[0]).toMatchObject({ id: sent.id, phone: maskMobile(p.phone), status: 'sent', statusLabel: '已发送', params: { union: '平湖嘉达光电科技有限公司工会' }, providerLabel: '开发日志（未实际发送）' });
    // The message as the phone read it, in the template's wording, not as its values' names.
    expect(page.json().items[0].text).toMatch(/^您申请加入平湖嘉达光电科技有限公司工会的入会申请已批准，会员证号\d+。欢迎加入工会大家庭！$/);
    expect(page.body).not.toContain(p.phone);
    expectError(await leader.get('/api/sms/outbox'), 403, 'FORBIDDEN');
  });

  it('a failure stays visible, is retried with backoff, gives up after the last attempt, and 重新发送 queues it again', async () => {
    let failing = true;
    const provider: SmsProvider = {
      name: 'flaky',
      async send() {
        if (failing) throw new Error('阿里云短信 200 isv.BUSINESS_LIMIT_CONTROL 触发分钟级流控');
        return { providerMessageId: 'biz-1' };
      },
    };
    const flaky = createSmsService({ db: t.database.db, cipher, provider, settings: t.services.settings });
    const p = newPerson('钱晓梅');
    const id = (await t.database.db.transaction((tx) => flaky.queue(tx, { phone: p.phone, template: 'deadline_reminder', params: { subject: '会员接转', dueOn: '12月9日' } })))!;
    const row = async () => (await t.database.db.select().from(smsOutbox).where(eq(smsOutbox.id, id)))[0];
    const now = new Date();
    await runJob(t.database.db, flaky.deliveryJob(), now);
    const first = await row();
    expect(first).toMatchObject({ status: 'failed', attempts: 1, provider: 'flaky', error: expect.stringContaining('BUSINESS_LIMIT_CONTROL') });
    expect(first.nextAttemptAt!.getTime()).toBe(now.getTime() + 60_000);
    // Not due yet: the next round leaves it.
    await runJob(t.database.db, flaky.deliveryJob(), new Date(now.getTime() + 30_000));
    expect((await row()).attempts).toBe(1);
    let at = now.getTime();
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      at = (await row()).nextAttemptAt!.getTime();
      await runJob(t.database.db, flaky.deliveryJob(), new Date(at));
    }
    expect(await row()).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null });

    const listed = await admin.get('/api/sms/outbox?status=failed');
    expect(listed.json().items).toContainEqual(expect.objectContaining({ id, status: 'failed', attempts: MAX_ATTEMPTS, error: expect.stringContaining('流控') }));
    expectError(await leader.post(`/api/sms/outbox/${id}/retry`), 403, 'FORBIDDEN');
    expect((await admin.post(`/api/sms/outbox/${id}/retry`)).statusCode).toBe(204);
    expect(await row()).toMatchObject({ status: 'queued' });
    failing = false;
    await runJob(t.database.db, flaky.deliveryJob(), new Date(at + 1000));
    expect(await row()).toMatchObject({ status: 'sent', attempts: MAX_ATTEMPTS + 1, providerMessageId: 'biz-1', error: null });
    expectError(await admin.post(`/api/sms/outbox/${id}/retry`), 409, 'CONFLICT');
    expectError(await admin.post('/api/sms/outbox/999999/retry'), 404, 'NOT_FOUND');
  });
});

describe('templates as settings (参数设置)', () => {
  it('a reworded template is what the next message says; an unknown value is refused by name', async () => {
    const sent: SmsMessage[] = [];
    const capturing = createSmsService({
      db: t.database.db,
      cipher,
      settings: t.services.settings,
      provider: { name: 'capturing', send: async (message) => (sent.push(message), { providerMessageId: `c-${sent.length}` }) },
    });
    const listed = (await admin.get('/api/settings')).json().items.find((s: { key: string }) => s.key === 'sms.deadline_reminder');
    expect(listed).toMatchObject({ label: '短信模板：办理期限提醒', value: SMS_TEMPLATES.deadline_reminder.text, isDefault: true, version: 0 });
    expect(listed.description).toContain('${subject}、${dueOn}');

    const unknown = await admin.put('/api/settings/sms.deadline_reminder', { value: '${union}提醒：您的${subject}将于${dueOn}到期，${截止}', version: 0 });
    expect(expectError(unknown, 400, 'VALIDATION').fields).toEqual([{ field: 'value', reason: '不认识的值 ${union}、${截止}：本模板只能使用 ${subject}、${dueOn}' }]);
    const tooLong = await admin.put('/api/settings/sms.deadline_reminder', { value: '请'.repeat(TEMPLATE_MAX + 1), version: 0 });
    expect(expectError(tooLong, 400, 'VALIDATION').fields).toEqual([{ field: 'value', reason: `短信文字不能超过 ${TEMPLATE_MAX} 个字` }]);
    expect((await admin.put('/api/settings/sms.deadline_reminder', { value: '提醒：${subject}须在${dueOn}前办结。', version: 0 })).statusCode).toBe(200);

    const p = newPerson('孔令仪');
    await t.database.db.transaction((tx) => capturing.queue(tx, { phone: p.phone, template: 'deadline_reminder', params: { subject: '会员接转', dueOn: '12月9日' } }));
    await runJob(t.database.db, capturing.deliveryJob());
    expect(sent.find((m) => m.phone === p.phone)?.text).toBe('提醒：会员接转须在12月9日前办结。');
    expect((await admin.put('/api/settings/sms.deadline_reminder', { reset: true, version: 1 })).statusCode).toBe(200);
  });
});

describe("the members' messages", () => {
  it('an application is acknowledged; a rejection tells the reason; a transfer tells each step; a rolled-back decision sends nothing', async () => {
    const p = newPerson('沈佳怡');
    const { applicationId } = await submitApplication(t, p, ids.jiada);
    expect(await messagesTo(p.phone)).toEqual([expect.objectContaining({ template: 'application_received', params: { union: '平湖嘉达光电科技有限公司工会' } })]);
    const before = (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(smsOutbox))[0].n;
    // A reason too short is refused: nothing changes, nothing is queued.
    expectError(await pinghu.post(`/api/join-applications/${applicationId}/actions`, { action: 'reject', input: { reason: '否' } }), 400, 'VALIDATION');
    expect((await t.database.db.select({ n: sql<number>`count(*)::int` }).from(smsOutbox))[0].n).toBe(before);
    expect((await pinghu.post(`/api/join-applications/${applicationId}/actions`, { action: 'reject', input: { reason: '所填单位不在本工会覆盖范围' } })).statusCode).toBe(204);
    const [rejected] = await messagesTo(p.phone);
    expect(rejected).toMatchObject({ template: 'application_rejected', params: { union: '平湖嘉达光电科技有限公司工会', reason: '所填单位不在本工会覆盖范围' }, subject: { kind: 'join_application', id: applicationId } });

    const m = newPerson('黄志强');
    const { membershipId } = await joinMember(t, pinghu, m, ids.jiada);
    const request = await pinghu.post('/api/transfers', { membershipId, toOrgId: ids.hengli });
    expect(request.statusCode, request.body).toBe(201);
    const transferId = request.json().id as number;
    expect((await pinghu.post(`/api/transfers/${transferId}/actions`, { action: 'confirm' })).statusCode).toBe(204);
    expect((await pinghu.post(`/api/transfers/${transferId}/actions`, { action: 'accept' })).statusCode).toBe(204);
    const steps = (await messagesTo(m.phone)).filter((x) => x.template === 'transfer_step').map((x) => x.params.step);
    expect(steps).toEqual([expect.stringMatching(/^已完成，会员证号.+，会龄连续计算$/), '原工会已同意转出，待新工会接收']);

    const r = newPerson('韩冬');
    const joined = await joinMember(t, pinghu, r, ids.jiada);
    const refused = (await pinghu.post('/api/transfers', { membershipId: joined.membershipId, toOrgId: ids.hengli })).json().id as number;
    expect((await pinghu.post(`/api/transfers/${refused}/actions`, { action: 'refuse_out', input: { reason: '劳动合同尚未解除' } })).statusCode).toBe(204);
    expect((await messagesTo(r.phone))[0]).toMatchObject({ template: 'transfer_step', params: { from: '平湖嘉达光电科技有限公司工会', to: '平湖恒力精密机械有限公司工会', step: '未通过，原因：劳动合同尚未解除' } });
  });
});

describe('one-time codes', () => {
  it('a code expires after five minutes and works once', async () => {
    const p = newPerson('杨帆');
    await joinMember(t, pinghu, p, ids.jiada);
    expect((await signInCode(p.phone)).json()).toEqual({ resendAfterSeconds: 60 });
    const code = (await lastCode(p.phone))!;
    expect(code).toMatch(/^\d{6}$/);
    const [stored] = await t.database.db.select().from(smsCodes).where(eq(smsCodes.phoneHash, cipher.keyedHash('phone', p.phone)));
    expect(stored.codeHash.toString('latin1')).not.toContain(code);
    // The outbox shows the message without the code, in its values and in its text.
    const listed = (await admin.get(`/api/sms/outbox?phone=${p.phone}&template=verification_code`)).json().items[0];
    expect(listed.params.code).toBe('******');
    expect(listed.text).toContain('您的验证码为******，5分钟内有效');
    expect(JSON.stringify(listed)).not.toContain(code);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(5 * 60_000);
    await t.database.db.update(smsCodes).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(smsCodes.phoneHash, stored.phoneHash));
    expect(expectError(await smsLogin(p.phone, code), 400, 'VALIDATION').fields).toEqual([{ field: 'code', reason: '验证码已失效，请重新获取' }]);

    await forgetMinute();
    await signInCode(p.phone);
    const fresh = (await lastCode(p.phone))!;
    expect((await smsLogin(p.phone, fresh)).statusCode).toBe(200);
    expect(expectError(await smsLogin(p.phone, fresh), 400, 'VALIDATION').fields![0].field).toBe('code');
  });

  it('at most five guesses are compared, however many arrive at once', async () => {
    const p = newPerson('姚明辉');
    await joinMember(t, pinghu, p, ids.jiada);
    await signInCode(p.phone);
    const code = (await lastCode(p.phone))!;
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const answers = await Promise.all(Array.from({ length: 12 }, () => smsLogin(p.phone, wrong)));
    const reasons = answers.map((a) => a.json().error.fields[0].reason as string);
    expect(reasons.filter((r) => r.startsWith('验证码不正确')).length).toBe(MAX_CODE_ATTEMPTS);
    expect(reasons.filter((r) => r === '验证码已失效，请重新获取').length).toBe(12 - MAX_CODE_ATTEMPTS);
    // The right code after five wrong ones is too late.
    expectError(await smsLogin(p.phone, code), 400, 'VALIDATION');
    const [row] = await t.database.db.select().from(smsCodes).where(eq(smsCodes.phoneHash, cipher.keyedHash('phone', p.phone)));
    expect(row.attempts).toBe(MAX_CODE_ATTEMPTS);
  });

  it('one code a minute and ten a day per number, twenty an hour per address, under concurrency', async () => {
    const p = newPerson('邵雨');
    await joinMember(t, pinghu, p, ids.jiada);
    const burst = await Promise.all(Array.from({ length: 10 }, () => signInCode(p.phone)));
    expect(burst.map((r) => r.statusCode).sort()).toEqual([200, ...Array(9).fill(429)]);
    const refused = burst.find((r) => r.statusCode === 429)!;
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await messagesTo(p.phone)).filter((m) => m.template === 'verification_code')).toHaveLength(1);
    for (let i = 2; i <= 10; i++) {
      await forgetMinute();
      expect((await signInCode(p.phone)).statusCode).toBe(200);
    }
    await forgetMinute();
    expect(expectError(await signInCode(p.phone), 429, 'TOO_MANY_REQUESTS').message).toContain('今日');

    // One address, many numbers at once: twenty get through.
    const numbers = Array.from({ length: 30 }, (_, i) => `1391234${String(7000 + i)}`);
    const fromOne = await Promise.all(numbers.map((n) => signInCode(n, '10.200.0.1')));
    expect(fromOne.filter((r) => r.statusCode === 200)).toHaveLength(20);
    expect(fromOne.filter((r) => r.statusCode === 429)).toHaveLength(10);
  });

  it('the hourly cleanup drops counters past their day and expired codes, and nothing younger', async () => {
    const p = newPerson('冯晓');
    await joinMember(t, pinghu, p, ids.jiada);
    await signInCode(p.phone);
    const key = `sms-phone-day:${cipher.keyedHash('phone', p.phone).toString('hex')}`;
    const limitRows = () => t.database.db.select().from(smsSendLimits).where(eq(smsSendLimits.key, key));
    const codeRows = () => t.database.db.select().from(smsCodes).where(eq(smsCodes.phoneHash, cipher.keyedHash('phone', p.phone)));
    await runJob(t.database.db, phoneCodesCleanupJob, new Date(Date.now() + 60_000));
    expect(await limitRows()).toHaveLength(1);
    expect(await codeRows()).toHaveLength(1);
    await runJob(t.database.db, phoneCodesCleanupJob, new Date(Date.now() + 25 * 3_600_000));
    expect(await limitRows()).toHaveLength(0);
    expect(await codeRows()).toHaveLength(0);
  });

  it('a number nobody holds gets the same answer and no message', async () => {
    const stranger = '13912340001';
    expect((await signInCode(stranger)).json()).toEqual({ resendAfterSeconds: 60 });
    expect(await messagesTo(stranger)).toEqual([]);
    expectError(await signInCode('1391234'), 400, 'VALIDATION');
  });
});

describe("a worker's sign-in by code", () => {
  it('the demo rider signs in to his own account', async () => {
    await signInCode(CHEN_JIE_PHONE);
    const response = await smsLogin(CHEN_JIE_PHONE, (await lastCode(CHEN_JIE_PHONE))!);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().user).toMatchObject({ username: 'chen_jie', displayName: '陈杰', grants: [expect.objectContaining({ role: 'worker' })] });
    expect(response.cookies.find((c) => c.name === 'lx_session')).toBeTruthy();
  });

  it('a member without an account gets one at their union on the first sign-in, and the same one after', async () => {
    const p = newPerson('邹海涛');
    await joinMember(t, pinghu, p, ids.jiada);
    await signInCode(p.phone);
    const first = await smsLogin(p.phone, (await lastCode(p.phone))!);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().user).toMatchObject({ displayName: '邹海涛', homeOrgId: ids.jiada, mustChangePassword: false, grants: [expect.objectContaining({ role: 'worker', orgId: ids.jiada })] });
    await forgetMinute();
    await signInCode(p.phone);
    const again = await smsLogin(p.phone, (await lastCode(p.phone))!);
    expect(again.json().user.id).toBe(first.json().user.id);
    expect(await t.database.db.select({ id: users.id }).from(users).where(eq(users.phone, p.phone))).toHaveLength(1);
  });

  it("a staff member's number signs nobody in; an applicant who is not a member yet gets no code", async () => {
    const staffPhone = '13912345678';
    await t.database.db.update(users).set({ phone: staffPhone }).where(eq(users.username, 'pinghu_staff'));
    await signInCode(staffPhone);
    expect(await messagesTo(staffPhone)).toEqual([]);
    const applicant = newPerson('郑可');
    await submitApplication(t, applicant, ids.jiada);
    await signInCode(applicant.phone);
    expect((await messagesTo(applicant.phone)).filter((m) => m.template === 'verification_code')).toEqual([]);
  });
});

describe('finding applications again by code', () => {
  it('the applications of a proven number, with their tracking codes', async () => {
    const p = newPerson('石磊');
    const submitted = await submitApplication(t, p, ids.jiada);
    const asked = await requestCode('/api/public/join/resume/code', p.phone);
    expect(asked.statusCode, asked.body).toBe(200);
    const code = (await lastCode(p.phone))!;
    expect((await messagesTo(p.phone))[0].params.purpose).toBe('查询入会申请');
    // A sign-in code is not a resume code.
    expectError(await smsLogin(p.phone, code), 400, 'VALIDATION');
    await forgetMinute();
    await requestCode('/api/public/join/resume/code', p.phone);
    const found = await t.app.inject({ method: 'POST', url: '/api/public/join/resume', payload: { phone: p.phone, code: (await lastCode(p.phone))! } });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().items).toEqual([
      expect.objectContaining({ tenantId: submitted.tenantId, trackingCode: submitted.trackingCode, orgName: '平湖嘉达光电科技有限公司工会', state: 'pending', stateLabel: '待审核' }),
    ]);
    const stranger = '13912340002';
    expect((await requestCode('/api/public/join/resume/code', stranger)).statusCode).toBe(200);
    expect(await messagesTo(stranger)).toEqual([]);
  });
});
