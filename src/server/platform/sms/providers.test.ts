import { describe, expect, it } from 'vitest';
import { aliyunPercentEncode, aliyunProvider, aliyunSignature, smsSettingsFromEnv } from './providers.js';
import { render, SMS_TEMPLATES } from './templates.js';

/** The worked example of Aliyun's "HTTP 协议及签名" page for SendSms (AccessKeyId testId, secret testSecret). */
const DOCUMENTED = {
  AccessKeyId: 'testId',
  Action: 'SendSms',
  Format: 'XML',
  OutId: '123',
  PhoneNumbers: '15300000001',
  RegionId: 'cn-hangzhou',
  SignName: '阿里云短信测试专用',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
  SignatureVersion: '1.0',
  TemplateCode: 'SMS_71390007',
  TemplateParam: '{"customer":"test"}',
  Timestamp: '2017-07-12T02:42:19Z',
  Version: '2017-05-25',
};

describe('Aliyun SMS signing', () => {
  it('signs the documented example to the documented signature', () => {
    const { query, signature } = aliyunSignature('GET', DOCUMENTED, 'testSecret');
    expect(query).toBe(
      'AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123&PhoneNumbers=15300000001&RegionId=cn-hangzhou' +
        '&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95%E4%B8%93%E7%94%A8&SignatureMethod=HMAC-SHA1' +
        '&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466&SignatureVersion=1.0&TemplateCode=SMS_71390007' +
        '&TemplateParam=%7B%22customer%22%3A%22test%22%7D&Timestamp=2017-07-12T02%3A42%3A19Z&Version=2017-05-25',
    );
    expect(signature).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
    expect(aliyunPercentEncode(signature)).toBe('zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D');
  });

  it('encodes as RFC 3986: space, star and parentheses encoded, tilde kept', () => {
    expect(aliyunPercentEncode("a b*c~d(e)!'")).toBe('a%20b%2Ac~d%28e%29%21%27');
  });

  it('posts a signed SendSms and reads the BizId; a refusal is an error naming the code', async () => {
    const calls: { url: string; body: string }[] = [];
    let answer: object = { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId: 'x' };
    const provider = aliyunProvider({
      accessKeyId: 'testId',
      accessKeySecret: 'testSecret',
      signName: '连心',
      templates: { verification_code: 'SMS_1' },
      now: () => new Date('2026-12-06T10:00:00.123Z'),
      nonce: () => 'n-1',
      fetch: (async (url: string, init: RequestInit) => {
        calls.push({ url, body: String(init.body) });
        return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
      }) as typeof fetch,
    });
    const sent = await provider.send({ phone: '13800000000', template: 'verification_code', params: { code: '123456', minutes: '5', purpose: '登录' }, text: '您的验证码为123456，5分钟内有效，用于登录。请勿告诉他人。' });
    expect(sent.providerMessageId).toBe('900619746936498440^0');
    const body = new URLSearchParams(calls[0].body);
    expect(body.get('TemplateCode')).toBe('SMS_1');
    expect(body.get('Timestamp')).toBe('2026-12-06T10:00:00Z');
    expect(JSON.parse(body.get('TemplateParam')!)).toEqual({ code: '123456', minutes: '5', purpose: '登录' });
    const unsigned = Object.fromEntries([...body.entries()].filter(([k]) => k !== 'Signature'));
    expect(body.get('Signature')).toBe(aliyunSignature('POST', unsigned, 'testSecret').signature);

    answer = { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控' };
    await expect(provider.send({ phone: '13800000000', template: 'verification_code', params: { code: '1', minutes: '5', purpose: '登录' }, text: '' })).rejects.toThrow(/BUSINESS_LIMIT_CONTROL/);
    await expect(provider.send({ phone: '13800000000', template: 'application_approved', params: { union: 'x', cardNo: '1' }, text: '' })).rejects.toThrow(/no Aliyun template code/);
  });

  it('takes its settings from the environment and names what is missing', () => {
    expect(smsSettingsFromEnv({})).toEqual({ kind: 'log' });
    expect(() => smsSettingsFromEnv({ LIANXIN_SMS_PROVIDER: 'aliyun' })).toThrow(/LIANXIN_SMS_ACCESS_KEY_ID/);
    expect(() =>
      smsSettingsFromEnv({ LIANXIN_SMS_PROVIDER: 'aliyun', LIANXIN_SMS_ACCESS_KEY_ID: 'a', LIANXIN_SMS_ACCESS_KEY_SECRET: 'b', LIANXIN_SMS_SIGN_NAME: 'c', LIANXIN_SMS_TEMPLATES: '{"verification_code":"SMS_1"}' }),
    ).toThrow(/application_approved/);
  });

  it('renders a template with long values cut to what providers take', () => {
    expect(render(SMS_TEMPLATES.application_rejected.text, { union: '平湖市快递员工会', reason: '原'.repeat(50) })).toBe(`您申请加入平湖市快递员工会的入会申请未通过，原因：${'原'.repeat(34)}…。如有疑问请联系该工会。`);
  });
});
