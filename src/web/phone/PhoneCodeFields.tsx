import type { ReactNode } from 'react';
import type { PhoneCodeValues, usePhoneCodeForm } from './form';
import { CodeInput, MobileInput } from './ui';

/**
 * A number and the code sent to it, on a `usePhoneCodeForm` form (sign-in, finding one's applications,
 * changing one's number): the pages differ only in the words and the test ids.
 */
export function PhoneCodeFields({
  state,
  phoneLabel = '手机号',
  placeholder,
  sentHint,
  testIds,
}: {
  state: Pick<ReturnType<typeof usePhoneCodeForm>, 'form' | 'sendCode'>;
  phoneLabel?: string;
  placeholder: string;
  sentHint: ReactNode;
  testIds: { phone: string; code: string; send: string };
}) {
  const { values, errors, set } = state.form;
  const setField = (field: keyof PhoneCodeValues) => (value: string) => set(field, value);
  return (
    <>
      <MobileInput label={phoneLabel} value={values.phone} onChange={setField('phone')} error={errors.phone} placeholder={placeholder} testId={testIds.phone} />
      <CodeInput value={values.code} onChange={setField('code')} onSend={state.sendCode} error={errors.code} sentHint={sentHint} testId={testIds.code} sendTestId={testIds.send} />
    </>
  );
}
