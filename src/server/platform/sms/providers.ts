import { createHash, createHmac, randomUUID } from 'node:crypto';
import { StartupError } from '../../db/client.js';
import { sendRefusal } from './provider-codes.js';
import { cutParam, paramOrder, type SmsTemplate, SMS_TEMPLATE_KEYS } from './templates.js';

/** One message as a provider receives it. */
export interface SmsMessage {
  phone: string;
  template: SmsTemplate;
  params: Record<string, string>;
  /** The text rendered from the template's setting; a provider with approved templates sends the code and params instead. */
  text: string;
}

/**
 * A way to send text messages. `send` resolves with the provider's id of the
 * message once the provider has taken it, and rejects with an error whose
 * message says why not (kept on the outbox row, so keep it short and free of
 * the number).
 */
export interface SmsProvider {
  name: string;
  send(message: SmsMessage): Promise<{ providerMessageId: string }>;
}

/** Development and tests: the message goes to the log, nothing leaves the machine. */
export function logProvider(log: (message: string) => void): SmsProvider {
  let serial = 0;
  return {
    name: 'log',
    async send(message) {
      log(`短信 SMS to ${message.phone}: 【连心】${message.text}`);
      return { providerMessageId: `log-${Date.now()}-${++serial}` };
    },
  };
}

// ——— Aliyun 短信服务 (dysmsapi 2017-05-25), RPC style with signature version 1.0 ———

/** Aliyun's percent-encoding: RFC 3986 (space as %20, `*` encoded, `~` not). */
export const aliyunPercentEncode = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The RPC signature: the parameters sorted by name and percent-encoded into a
 * query, `GET&%2F&` + that query encoded once more, HMAC-SHA1 with the secret
 * and `&`, base64. Aliyun's documentation gives a worked example
 * (providers.test.ts checks it).
 */
export function aliyunSignature(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string) {
  const query = Object.keys(params)
    .sort()
    .map((key) => `${aliyunPercentEncode(key)}=${aliyunPercentEncode(params[key])}`)
    .join('&');
  const stringToSign = `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(query)}`;
  return { query, signature: createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64') };
}

export interface AliyunConfig {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** Our template key → the provider's approved template code (SMS_123456789). */
  templates: Partial<Record<SmsTemplate, string>>;
  endpoint?: string;
  fetch?: typeof fetch;
  /** Tests pin these. */
  now?: () => Date;
  nonce?: () => string;
}

/** Which signed parameters a SendSms request carries. */
export function aliyunSendSmsParams(config: AliyunConfig, message: SmsMessage, at: Date, nonce: string) {
  const templateCode = config.templates[message.template];
  if (!templateCode) throw new Error(`no Aliyun template code for ${message.template} (LIANXIN_SMS_TEMPLATES)`);
  return {
    AccessKeyId: config.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    PhoneNumbers: message.phone,
    RegionId: 'cn-hangzhou',
    SignName: config.signName,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: nonce,
    SignatureVersion: '1.0',
    TemplateCode: templateCode,
    TemplateParam: JSON.stringify(Object.fromEntries(Object.entries(message.params).map(([k, v]) => [k, cutParam(v)]))),
    Timestamp: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Version: '2017-05-25',
  };
}

export function aliyunProvider(config: AliyunConfig): SmsProvider {
  const endpoint = config.endpoint ?? 'https://dysmsapi.aliyuncs.com/';
  const doFetch = config.fetch ?? fetch;
  return {
    name: 'aliyun',
    async send(message) {
      const params = aliyunSendSmsParams(config, message, config.now?.() ?? new Date(), config.nonce?.() ?? randomUUID());
      const { query, signature } = aliyunSignature('POST', params, config.accessKeySecret);
      const response = await doFetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `Signature=${aliyunPercentEncode(signature)}&${query}`,
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await response.json().catch(() => null)) as { Code?: string; Message?: string; BizId?: string } | null;
      if (!response.ok || body?.Code !== 'OK' || !body.BizId) {
        throw new Error(sendRefusal('aliyun', { httpStatus: response.status, code: body?.Code, message: body?.Message }));
      }
      return { providerMessageId: body.BizId };
    },
  };
}

// ——— 腾讯云短信 (sms 2021-01-11), TC3-HMAC-SHA256 ———

const TENCENT_CONTENT_TYPE = 'application/json; charset=utf-8';
const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest();

/**
 * The TC3-HMAC-SHA256 Authorization of a POST with a JSON body, signing
 * content-type and host: the canonical request (method, path `/`, empty
 * query, the two headers, the body's SHA-256), the string to sign (algorithm,
 * timestamp, `date/service/tc3_request`, the canonical request's SHA-256), and
 * the key derived from `TC3` + secret by HMAC over the UTC date, the service
 * and `tc3_request`. Tencent's documentation gives a worked example
 * (providers.test.ts checks it).
 */
export function tencentAuthorization(request: { secretId: string; secretKey: string; service: string; host: string; payload: string; timestamp: number }) {
  const date = new Date(request.timestamp * 1000).toISOString().slice(0, 10);
  const canonicalRequest = ['POST', '/', '', `content-type:${TENCENT_CONTENT_TYPE}\nhost:${request.host}\n`, 'content-type;host', sha256Hex(request.payload)].join('\n');
  const scope = `${date}/${request.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(request.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${request.secretKey}`, date), request.service), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  return `TC3-HMAC-SHA256 Credential=${request.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}

export interface TencentConfig {
  secretId: string;
  secretKey: string;
  /** The SMS application's SdkAppId (1400…). */
  appId: string;
  signName: string;
  /** Our template key → the provider's approved TemplateId. */
  templates: Partial<Record<SmsTemplate, string>>;
  /** ap-guangzhou by default (also ap-beijing, ap-nanjing). */
  region?: string;
  endpoint?: string;
  fetch?: typeof fetch;
  /** Tests pin it. */
  now?: () => Date;
}

/** The SendSms body: the values in the order the template names them (its `{1}`, `{2}`…), the number with +86. */
export function tencentSendSmsBody(config: TencentConfig, message: SmsMessage) {
  const templateId = config.templates[message.template];
  if (!templateId) throw new Error(`no Tencent template id for ${message.template} (LIANXIN_SMS_TEMPLATES)`);
  return {
    PhoneNumberSet: [`+86${message.phone}`],
    SmsSdkAppId: config.appId,
    SignName: config.signName,
    TemplateId: templateId,
    TemplateParamSet: paramOrder(message.template).map((name) => cutParam(message.params[name] ?? '')),
  };
}

export function tencentProvider(config: TencentConfig): SmsProvider {
  const endpoint = new URL(config.endpoint ?? 'https://sms.tencentcloudapi.com/');
  const doFetch = config.fetch ?? fetch;
  return {
    name: 'tencent',
    async send(message) {
      const payload = JSON.stringify(tencentSendSmsBody(config, message));
      const timestamp = Math.floor((config.now?.() ?? new Date()).getTime() / 1000);
      const response = await doFetch(endpoint, {
        method: 'POST',
        headers: {
          authorization: tencentAuthorization({ secretId: config.secretId, secretKey: config.secretKey, service: 'sms', host: endpoint.host, payload, timestamp }),
          'content-type': TENCENT_CONTENT_TYPE,
          host: endpoint.host,
          'x-tc-action': 'SendSms',
          'x-tc-timestamp': String(timestamp),
          'x-tc-version': '2021-01-11',
          'x-tc-region': config.region ?? 'ap-guangzhou',
        },
        body: payload,
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await response.json().catch(() => null)) as {
        Response?: { Error?: { Code?: string; Message?: string }; SendStatusSet?: { Code?: string; Message?: string; SerialNo?: string }[] };
      } | null;
      const error = body?.Response?.Error;
      const status = body?.Response?.SendStatusSet?.[0];
      if (!response.ok || error || status?.Code !== 'Ok' || !status.SerialNo) {
        throw new Error(sendRefusal('tencent', { httpStatus: response.status, code: error?.Code ?? status?.Code, message: error?.Message ?? status?.Message }));
      }
      return { providerMessageId: status.SerialNo };
    },
  };
}

/** Which provider sends, as the environment says (docs/operations.md); `log` by default. */
export type SmsSettings =
  | { kind: 'log' }
  | ({ kind: 'aliyun' } & Pick<AliyunConfig, 'accessKeyId' | 'accessKeySecret' | 'signName' | 'templates' | 'endpoint'>)
  | ({ kind: 'tencent' } & Pick<TencentConfig, 'secretId' | 'secretKey' | 'appId' | 'signName' | 'templates' | 'region' | 'endpoint'>);

/** What each provider needs set: the key pair, the signature and the template map; Tencent its SMS application too. */
const REQUIRED: Record<Exclude<SmsSettings['kind'], 'log'>, string[]> = {
  aliyun: ['LIANXIN_SMS_ACCESS_KEY_ID', 'LIANXIN_SMS_ACCESS_KEY_SECRET', 'LIANXIN_SMS_SIGN_NAME', 'LIANXIN_SMS_TEMPLATES'],
  tencent: ['LIANXIN_SMS_ACCESS_KEY_ID', 'LIANXIN_SMS_ACCESS_KEY_SECRET', 'LIANXIN_SMS_APP_ID', 'LIANXIN_SMS_SIGN_NAME', 'LIANXIN_SMS_TEMPLATES'],
};

/** Read at start: a half-configured provider stops the start, naming what is missing, rather than losing messages later. */
export function smsSettingsFromEnv(env: NodeJS.ProcessEnv): SmsSettings {
  const kind = env.LIANXIN_SMS_PROVIDER || 'log';
  if (kind === 'log') return { kind };
  if (kind !== 'aliyun' && kind !== 'tencent') throw new StartupError(`LIANXIN_SMS_PROVIDER=${kind}: 支持 log、aliyun、tencent (supported: log, aliyun, tencent)`);
  const missing = REQUIRED[kind].filter((name) => !env[name]);
  if (missing.length) throw new StartupError(`LIANXIN_SMS_PROVIDER=${kind} 需要设置 ${missing.join('、')}`);
  let templates: Record<string, string>;
  try {
    templates = JSON.parse(env.LIANXIN_SMS_TEMPLATES!) as Record<string, string>;
  } catch {
    throw new StartupError('LIANXIN_SMS_TEMPLATES 须为 JSON，如 {"verification_code":"SMS_123456789"}');
  }
  const unmapped = SMS_TEMPLATE_KEYS.filter((key) => typeof templates[key] !== 'string');
  if (unmapped.length) throw new StartupError(`LIANXIN_SMS_TEMPLATES 缺少模板 ${unmapped.join('、')}`);
  const common = { signName: env.LIANXIN_SMS_SIGN_NAME!, templates, endpoint: env.LIANXIN_SMS_ENDPOINT || undefined };
  if (kind === 'tencent') {
    return {
      kind,
      secretId: env.LIANXIN_SMS_ACCESS_KEY_ID!,
      secretKey: env.LIANXIN_SMS_ACCESS_KEY_SECRET!,
      appId: env.LIANXIN_SMS_APP_ID!,
      region: env.LIANXIN_SMS_REGION || undefined,
      ...common,
    };
  }
  return { kind, accessKeyId: env.LIANXIN_SMS_ACCESS_KEY_ID!, accessKeySecret: env.LIANXIN_SMS_ACCESS_KEY_SECRET!, ...common };
}

export function createSmsProvider(settings: SmsSettings, log: (message: string) => void): SmsProvider {
  if (settings.kind === 'aliyun') return aliyunProvider(settings);
  if (settings.kind === 'tencent') return tencentProvider(settings);
  return logProvider(log);
}
