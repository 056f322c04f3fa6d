import { z } from 'zod';
import { declareSettings, defineSetting, type SettingDefinition } from '../settings/registry.js';

/**
 * The product's text messages, as data. A provider in mainland China sends
 * only templates it has approved, under an approved signature (【连心】…): an
 * operator registers each text with the provider, as written, and maps our
 * key to the provider's template code (LIANXIN_SMS_TEMPLATES,
 * docs/operations.md). Each text below is the default of a setting (参数设置,
 * SMS_TEMPLATE_SETTINGS): an administrator rewords it with the values it
 * names; the dev adapter renders the text itself. `${name}` marks a value;
 * providers cap a value's length (Aliyun: 35 characters for most kinds), so
 * `render` and the providers cut longer ones.
 */
export const SMS_TEMPLATES = {
  verification_code: { label: '验证码', text: '您的验证码为${code}，${minutes}分钟内有效，用于${purpose}。请勿告诉他人。' },
  application_received: { label: '入会申请已提交', text: '您申请加入${union}的入会申请已提交，审核结果将以短信通知。凭本手机号可在入会页查看进度。' },
  application_approved: { label: '入会申请已批准', text: '您申请加入${union}的入会申请已批准，会员证号${cardNo}。欢迎加入工会大家庭！' },
  application_rejected: { label: '入会申请未通过', text: '您申请加入${union}的入会申请未通过，原因：${reason}。如有疑问请联系该工会。' },
  transfer_step: { label: '会员接转进度', text: '您的会员接转（${from}→${to}）：${step}。' },
  deadline_reminder: { label: '办理期限提醒', text: '您的${subject}将于${dueOn}到期，请及时办理。' },
} as const satisfies Record<string, { label: string; text: string }>;

export type SmsTemplate = keyof typeof SMS_TEMPLATES;
export const SMS_TEMPLATE_KEYS = Object.keys(SMS_TEMPLATES) as [SmsTemplate, ...SmsTemplate[]];

/** The names a template's text uses, e.g. `['union', 'cardNo']`. */
type ParamsOf<T extends string> = T extends `${string}\${${infer Name}}${infer Rest}` ? Name | ParamsOf<Rest> : never;
export type SmsParams<T extends SmsTemplate> = Record<ParamsOf<(typeof SMS_TEMPLATES)[T]['text']>, string>;

/** Longest value a provider takes for one `${name}`. */
export const PARAM_MAX = 35;
export const cutParam = (value: string) => (value.length > PARAM_MAX ? `${value.slice(0, PARAM_MAX - 1)}…` : value);

/** A text as the phone shows it, without the signature: each `${name}` replaced by its value. */
export function render(text: string, params: Record<string, string>) {
  return text.replace(/\$\{(\w+)\}/g, (_, name: string) => cutParam(params[name] ?? ''));
}

/** Every `${…}` a text holds, well-formed or not (`${单位}` too, so it can be refused by name). */
const placeholdersIn = (text: string) => [...text.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]);

/**
 * A template's values in the order its text names them (`['union', 'cardNo']`): providers with positional
 * variables (Tencent's `{1}`, `{2}`) take them so, the template registered with them in this order.
 */
export const paramOrder = (template: SmsTemplate) => [...new Set(placeholdersIn(SMS_TEMPLATES[template].text))];

/** Two ordinary messages' worth (70 characters each with the signature); providers refuse longer templates. */
export const TEMPLATE_MAX = 140;

const templateSetting = (template: SmsTemplate): SettingDefinition<string> => {
  const { label, text } = SMS_TEMPLATES[template];
  const allowed = placeholdersIn(text);
  const names = allowed.map((name) => `\${${name}}`).join('、');
  return defineSetting({
    key: `sms.${template}`,
    label: `短信模板：${label}`,
    description: `短信「${label}」的文字（不含签名）。可用的值：${names}，发送时替换为实际内容。修改后新发出的短信即用新文字；使用阿里云等服务商发送时，须与在服务商处审核通过的模板文字一致。`,
    schema: z
      .string()
      .trim()
      .min(1, '请填写短信文字')
      .max(TEMPLATE_MAX, `短信文字不能超过 ${TEMPLATE_MAX} 个字`)
      .superRefine((value, ctx) => {
        const unknown = [...new Set(placeholdersIn(value).filter((name) => !allowed.includes(name)))];
        if (unknown.length) ctx.addIssue({ code: 'custom', message: `不认识的值 ${unknown.map((name) => `\${${name}}`).join('、')}：本模板只能使用 ${names}` });
      })
      .meta({ title: label }),
    defaultValue: () => text,
  });
};

/** Each template's text as a setting, `sms.<template>`: what the sender renders (service.ts). */
export const SMS_TEMPLATE_SETTINGS = Object.fromEntries(SMS_TEMPLATE_KEYS.map((template) => [template, templateSetting(template)])) as Record<SmsTemplate, SettingDefinition<string>>;
declareSettings('sms', Object.values(SMS_TEMPLATE_SETTINGS) as SettingDefinition<unknown>[]);
