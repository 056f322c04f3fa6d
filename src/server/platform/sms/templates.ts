/**
 * The product's text messages, as data. A provider in mainland China sends
 * only templates it has approved, under an approved signature (【连心】…): an
 * operator registers each text below with the provider, as written, and maps
 * our key to the provider's template code (LIANXIN_SMS_TEMPLATES,
 * docs/operations.md). The dev adapter renders the text itself. `${name}`
 * marks a value; providers cap a value's length (Aliyun: 35 characters for
 * most kinds), so `render` and the providers cut longer ones.
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

/** The text as the phone shows it, without the signature. */
export function render(template: SmsTemplate, params: Record<string, string>) {
  return SMS_TEMPLATES[template].text.replace(/\$\{(\w+)\}/g, (_, name: string) => cutParam(params[name] ?? ''));
}
