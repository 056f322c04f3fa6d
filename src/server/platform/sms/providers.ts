import { createHmac, randomUUID } from 'node:crypto';
import { StartupError } from '../../db/client.js';
import { type SmsTemplate, SMS_TEMPLATE_KEYS, cutParam } from './templates.js';

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
        throw new Error(`阿里云短信 ${response.status} ${body?.Code ?? ''} ${body?.Message ?? ''}`.trim().slice(0, 300));
      }
      return { providerMessageId: body.BizId };
    },
  };
}

/** Which provider sends, as the environment says (docs/operations.md); `log` by default. */
export type SmsSettings = { kind: 'log' } | ({ kind: 'aliyun' } & Pick<AliyunConfig, 'accessKeyId' | 'accessKeySecret' | 'signName' | 'templates' | 'endpoint'>);

/** Read at start: a half-configured provider stops the start, naming what is missing, rather than losing messages later. */
export function smsSettingsFromEnv(env: NodeJS.ProcessEnv): SmsSettings {
  const kind = env.LIANXIN_SMS_PROVIDER || 'log';
  if (kind === 'log') return { kind };
  if (kind !== 'aliyun') throw new StartupError(`LIANXIN_SMS_PROVIDER=${kind}: 支持 log、aliyun (supported: log, aliyun)`);
  const missing = ['LIANXIN_SMS_ACCESS_KEY_ID', 'LIANXIN_SMS_ACCESS_KEY_SECRET', 'LIANXIN_SMS_SIGN_NAME', 'LIANXIN_SMS_TEMPLATES'].filter((name) => !env[name]);
  if (missing.length) throw new StartupError(`LIANXIN_SMS_PROVIDER=aliyun 需要设置 ${missing.join('、')}`);
  let templates: Record<string, string>;
  try {
    templates = JSON.parse(env.LIANXIN_SMS_TEMPLATES!) as Record<string, string>;
  } catch {
    throw new StartupError('LIANXIN_SMS_TEMPLATES 须为 JSON，如 {"verification_code":"SMS_123456789"}');
  }
  const unmapped = SMS_TEMPLATE_KEYS.filter((key) => typeof templates[key] !== 'string');
  if (unmapped.length) throw new StartupError(`LIANXIN_SMS_TEMPLATES 缺少模板 ${unmapped.join('、')}`);
  return {
    kind,
    accessKeyId: env.LIANXIN_SMS_ACCESS_KEY_ID!,
    accessKeySecret: env.LIANXIN_SMS_ACCESS_KEY_SECRET!,
    signName: env.LIANXIN_SMS_SIGN_NAME!,
    templates,
    endpoint: env.LIANXIN_SMS_ENDPOINT || undefined,
  };
}

export const createSmsProvider = (settings: SmsSettings, log: (message: string) => void): SmsProvider =>
  settings.kind === 'aliyun' ? aliyunProvider(settings) : logProvider(log);
