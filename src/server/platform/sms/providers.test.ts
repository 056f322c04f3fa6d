import { describe, expect, it } from 'vitest';
import { createHash, createHmac } from 'node:crypto';
import { aliyunPercentEncode, aliyunProvider, aliyunSignature, smsSettingsFromEnv, tencentAuthorization, tencentProvider } from './providers.js';
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

    const code = { phone: '13800000000', template: 'verification_code' as const, params: { code: '1', minutes: '5', purpose: '登录' }, text: '' };
    answer = { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控' };
    await expect(provider.send(code)).rejects.toThrow('阿里云短信：同一号码短时间内发送过多，触发服务商流控（isv.BUSINESS_LIMIT_CONTROL）');
    // A code without words of ours keeps the provider's message.
    answer = { Code: 'isv.SOME_NEW_CODE', Message: '新的错误' };
    await expect(provider.send(code)).rejects.toThrow('阿里云短信：新的错误（isv.SOME_NEW_CODE）');
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

/** The worked example of Tencent Cloud's "签名方法 v3" page: CVM DescribeInstances at 1551113065 (2019-02-25). */
const TENCENT_DOCUMENTED = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
  service: 'cvm',
  host: 'cvm.tencentcloudapi.com',
  payload: String.raw`{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}`,
  timestamp: 1551113065,
};

/** The documented steps, written out apart from providers.ts: the check of a request the provider signed. */
function signedByTheSteps(secretKey: string, host: string, payload: string, timestamp: number) {
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const canonical = `POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:${host}\n\ncontent-type;host\n${sha(payload)}`;
  const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/sms/tc3_request\n${sha(canonical)}`;
  let key: Buffer | string = `TC3${secretKey}`;
  for (const part of [date, 'sms', 'tc3_request']) key = createHmac('sha256', key).update(part).digest();
  return createHmac('sha256', key).update(toSign).digest('hex');
}

describe('Tencent Cloud SMS', () => {
  it('signs the documented example to the documented Authorization', () => {
    expect(tencentAuthorization(TENCENT_DOCUMENTED)).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });

  const calls: { url: string; headers: Record<string, string>; body: string }[] = [];
  let answer: object = {};
  const provider = tencentProvider({
    secretId: 'AKIDtest',
    secretKey: 'secret-key',
    appId: '1400006666',
    signName: '连心',
    templates: { application_approved: '449739', verification_code: '449740' },
    now: () => new Date('2026-12-06T10:00:00.900Z'),
    fetch: (async (url: URL, init: RequestInit) => {
      calls.push({ url: String(url), headers: init.headers as Record<string, string>, body: String(init.body) });
      return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch,
  });
  const approved = { phone: '13800000000', template: 'application_approved' as const, params: { cardNo: '330482000123', union: '平湖嘉达光电科技有限公司工会' }, text: '' };

  it('posts SendSms with the values in the template’s order and reads the SerialNo', async () => {
    answer = { Response: { SendStatusSet: [{ SerialNo: '5000:1045710669157053657849499619', PhoneNumber: '+8613800000000', Fee: 1, Code: 'Ok', Message: 'send success', IsoCode: 'CN' }], RequestId: 'a0aabda6' } };
    const sent = await provider.send(approved);
    expect(sent.providerMessageId).toBe('5000:1045710669157053657849499619');
    const call = calls.at(-1)!;
    expect(call.url).toBe('https://sms.tencentcloudapi.com/');
    expect(JSON.parse(call.body)).toEqual({
      PhoneNumberSet: ['+8613800000000'],
      SmsSdkAppId: '1400006666',
      SignName: '连心',
      TemplateId: '449739',
      // 您申请加入${union}的入会申请已批准，会员证号${cardNo}…: {1} the union, {2} the card.
      TemplateParamSet: ['平湖嘉达光电科技有限公司工会', '330482000123'],
    });
    expect(call.headers).toMatchObject({ 'x-tc-action': 'SendSms', 'x-tc-version': '2021-01-11', 'x-tc-region': 'ap-guangzhou', 'x-tc-timestamp': '1796551200', host: 'sms.tencentcloudapi.com' });
    expect(call.headers.authorization).toBe(
      `TC3-HMAC-SHA256 Credential=AKIDtest/2026-12-06/sms/tc3_request, SignedHeaders=content-type;host, Signature=${signedByTheSteps('secret-key', 'sms.tencentcloudapi.com', call.body, 1796551200)}`,
    );
  });

  it('fails with the provider’s code: a refused request, a refused number, a template it was not told', async () => {
    answer = { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'The provided credentials could not be validated.' }, RequestId: 'b1' } };
    // In words an office can act on, the code beside them.
    await expect(provider.send(approved)).rejects.toThrow('腾讯云短信：访问密钥不正确（签名校验失败）（AuthFailure.SignatureFailure）');
    answer = { Response: { SendStatusSet: [{ SerialNo: '', PhoneNumber: '+8613800000000', Code: 'LimitExceeded.PhoneNumberDailyLimit', Message: '单个手机号日下发短信条数超过设定的上限' }], RequestId: 'b2' } };
    await expect(provider.send(approved)).rejects.toThrow(/PhoneNumberDailyLimit/);
    await expect(provider.send({ ...approved, template: 'transfer_step', params: { from: 'a', to: 'b', step: 'c' } })).rejects.toThrow(/no Tencent template id/);
  });

  it('takes its settings from the environment and names what is missing', () => {
    expect(() => smsSettingsFromEnv({ LIANXIN_SMS_PROVIDER: 'tencent', LIANXIN_SMS_ACCESS_KEY_ID: 'a', LIANXIN_SMS_ACCESS_KEY_SECRET: 'b' })).toThrow(
      'LIANXIN_SMS_PROVIDER=tencent 需要设置 LIANXIN_SMS_APP_ID、LIANXIN_SMS_SIGN_NAME、LIANXIN_SMS_TEMPLATES',
    );
    const templates = JSON.stringify(Object.fromEntries(Object.keys(SMS_TEMPLATES).map((key, i) => [key, String(449700 + i)])));
    expect(
      smsSettingsFromEnv({ LIANXIN_SMS_PROVIDER: 'tencent', LIANXIN_SMS_ACCESS_KEY_ID: 'a', LIANXIN_SMS_ACCESS_KEY_SECRET: 'b', LIANXIN_SMS_APP_ID: '1400006666', LIANXIN_SMS_SIGN_NAME: '连心', LIANXIN_SMS_TEMPLATES: templates }),
    ).toMatchObject({ kind: 'tencent', secretId: 'a', secretKey: 'b', appId: '1400006666', signName: '连心' });
  });
});
