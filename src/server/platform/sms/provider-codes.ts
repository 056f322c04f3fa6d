/**
 * The providers' codes in words an office can act on: why a send was refused
 * (the account's balance, a number out of service, a template not approved)
 * and why a sent message did not reach the phone (the carrier's receipt).
 * The code itself stays beside the words, for the provider's support desk.
 */

/** Who sent, as the outbox shows it. */
export const SMS_PROVIDER_LABELS: Record<string, string> = { aliyun: '阿里云短信', tencent: '腾讯云短信', log: '开发日志（未实际发送）' };
export const smsProviderLabel = (provider: string) => SMS_PROVIDER_LABELS[provider] ?? provider;

/** A SendSms refusal's code (Aliyun's `Code`, Tencent's `Error.Code` or status `Code`) → what it means. */
const SEND_REFUSALS: Record<string, string> = {
  'isv.AMOUNT_NOT_ENOUGH': '短信账户余额不足，请联系系统管理员充值',
  'isv.BUSINESS_LIMIT_CONTROL': '同一号码短时间内发送过多，触发服务商流控',
  'isv.DAY_LIMIT_CONTROL': '该号码今日接收短信已达上限',
  'isv.MOBILE_NUMBER_ILLEGAL': '手机号无效（号码已停机、销号或格式错误）',
  'isv.SMS_SIGNATURE_ILLEGAL': '短信签名未通过服务商审核或已停用',
  'isv.SMS_TEMPLATE_ILLEGAL': '短信模板未通过服务商审核或与模板编号不符',
  'isv.TEMPLATE_MISSING_PARAMETERS': '短信内容缺少模板要求的值',
  'isv.BLACK_KEY_CONTROL_LIMIT': '短信内容含服务商禁止的词语',
  'isv.OUT_OF_SERVICE': '短信服务已停机（账户欠费）',
  'isv.ACCOUNT_ABNORMAL': '短信账户状态异常',
  'isp.RAM_PERMISSION_DENY': '访问密钥没有发送短信的权限',
  SignatureDoesNotMatch: '访问密钥不正确（签名校验失败）',
  'InvalidAccessKeyId.NotFound': '访问密钥不存在',
  'FailedOperation.InsufficientBalanceInSmsPackage': '短信套餐包余量不足，请联系系统管理员购买',
  'FailedOperation.SignatureIncorrectOrUnapproved': '短信签名未通过服务商审核或格式错误',
  'FailedOperation.TemplateIncorrectOrUnapproved': '短信模板未通过服务商审核或内容不符',
  'FailedOperation.PhoneNumberInBlacklist': '该号码已退订或在服务商黑名单中',
  'LimitExceeded.PhoneNumberDailyLimit': '该号码今日接收短信已达上限',
  'LimitExceeded.PhoneNumberOneHourLimit': '该号码一小时内接收短信已达上限',
  'LimitExceeded.PhoneNumberThirtySecondLimit': '同一号码 30 秒内发送过多',
  'InvalidParameterValue.IncorrectPhoneNumber': '手机号格式错误',
  'AuthFailure.SecretIdNotFound': '访问密钥不存在',
  'AuthFailure.SignatureFailure': '访问密钥不正确（签名校验失败）',
};

/**
 * A provider's refusal, as the outbox keeps it: the provider, what the code means (else the provider's
 * own message), then the code and any HTTP status other than 200.
 */
export function sendRefusal(provider: string, refusal: { httpStatus: number; code?: string; message?: string }) {
  const meaning = (refusal.code && SEND_REFUSALS[refusal.code]) || refusal.message?.trim() || '服务商拒绝发送';
  const detail = [refusal.code, refusal.httpStatus === 200 ? '' : `HTTP ${refusal.httpStatus}`].filter(Boolean).join('，');
  return `${smsProviderLabel(provider)}：${meaning}${detail ? `（${detail}）` : ''}`.slice(0, 300);
}

/** The carriers' receipt codes (CMPP/SGIP stats and the providers' own) → why the phone did not get it. */
const RECEIPT_CODES: Record<string, string> = {
  DELIVRD: '已送达',
  DELIVERED: '已送达',
  UNDELIV: '无法送达：手机关机、停机或不在服务区',
  EXPIRED: '超时未送达：手机长时间关机或不在服务区',
  REJECTD: '被运营商拒收',
  DELETED: '被运营商删除',
  UNKNOWN: '运营商未报告结果',
  MOBILE_NOT_ON_SERVICE: '号码已停机或为空号',
  IS_CLOSE: '号码已停机',
  INVALID_NUMBER: '号码状态异常（空号、停机）',
  MOBILE_IN_BLACK: '号码在运营商黑名单中',
  USER_REJECT: '用户已退订或拒收',
  MOBILE_TERMINAL_ERROR: '手机终端故障，无法接收',
  CONTENT_KEYWORD: '内容被运营商关键词拦截',
  SP_UNKNOWN_ERROR: '运营商未知错误',
};

/** A receipt's code in words, with the code beside them; an unknown code as the carrier's code. */
export const receiptCodeText = (code: string) => {
  const meaning = RECEIPT_CODES[code] ?? (code.startsWith('MK:') || code.startsWith('MN:') ? '运营商网络原因未送达' : null);
  return meaning ? `${meaning}（${code}）` : `运营商状态码 ${code}`;
};
