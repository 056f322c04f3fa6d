import { useCallback, useState } from 'react';
import { ApiError } from './api';

export type Errors<V> = Partial<Record<keyof V & string, string>>;

/**
 * A phone form's state: values, the errors shown on fields, and `validate`
 * (what the page checks before sending; the server checks again and its field
 * issues land on the same fields through `placeServerErrors`). A field's error
 * clears when it is changed.
 */
export function useForm<V extends object>(initial: V, validate: (values: V) => Errors<V>) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Errors<V>>({});

  const set = useCallback(<K extends keyof V & string>(name: K, value: V[K]) => {
    setValues((prev) => ({ ...prev, [name]: value }));
    setErrors((prev) => (prev[name] ? { ...prev, [name]: undefined } : prev));
  }, []);

  /**
   * Check everything, or only `fields` (a step that needs part of the form, such as sending a code to
   * its number, leaving the other fields' errors as they are); shows the errors and says whether to go on.
   */
  const check = (fields?: readonly (keyof V & string)[]) => {
    const all = validate(values);
    const found = fields ? (Object.fromEntries(fields.map((f) => [f, all[f]])) as Errors<V>) : all;
    setErrors((prev) => (fields ? { ...prev, ...found } : found));
    return Object.values(found).every((e) => !e);
  };

  /**
   * A failed submit's field issues next to their fields (those in `fields`);
   * returns the error still to show above the form, or null when every issue found its field.
   */
  const placeServerErrors = (error: unknown, fields: readonly string[]): unknown => {
    const issues = error instanceof ApiError ? error.fields : [];
    const placed = issues.filter((issue) => fields.includes(issue.field));
    setErrors(Object.fromEntries(placed.map((issue) => [issue.field, issue.reason])) as Errors<V>);
    return placed.length > 0 && placed.length === issues.length ? null : error;
  };

  return { values, errors, set, setValues, check, placeServerErrors };
}

/** Common checks, their messages in the words the join page has always used. */
export const rules = {
  required: (value: string | undefined, message: string) => (value?.trim() ? undefined : message),
  residentId: (value: string) => (!value.trim() ? '请填写身份证号' : /^\d{17}[\dXx]$/.test(value.trim()) ? undefined : '身份证号为 18 位，末位可能是 X'),
  mobile: (value: string) => (!value.trim() ? '请填写手机号' : /^1\d{10}$/.test(value.trim()) ? undefined : '请填写 11 位手机号'),
};

/** A number and the code sent to it (finding one's applications, changing one's number). */
export interface PhoneCodeValues {
  phone: string;
  code: string;
}

const PHONE_CODE_FIELDS = ['phone', 'code'];

const validatePhoneCode = (values: PhoneCodeValues): Errors<PhoneCodeValues> => ({
  phone: rules.mobile(values.phone),
  code: /^\d{6}$/.test(values.code.trim()) ? undefined : '请输入 6 位数字验证码',
});

/**
 * The state of a "number, then the code sent to it" form: `sendCode` checks the number and asks `request`
 * for a code (the seconds until another may be asked, for CodeInput's countdown); `fail` places a failed
 * step's field issues and keeps the rest as `error`, shown above the form.
 */
export function usePhoneCodeForm(request: (phone: string) => Promise<{ resendAfterSeconds: number }>) {
  const form = useForm<PhoneCodeValues>({ phone: '', code: '' }, validatePhoneCode);
  const [error, setError] = useState<unknown>(null);
  const fail = (err: unknown) => setError(form.placeServerErrors(err, PHONE_CODE_FIELDS));
  const sendCode = async () => {
    setError(null);
    if (!form.check(['phone'])) return undefined;
    try {
      return (await request(form.values.phone.trim())).resendAfterSeconds;
    } catch (err) {
      fail(err);
    }
  };
  return { form, error, setError, fail, sendCode };
}
