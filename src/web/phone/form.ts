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
