import type { Errors } from '../../../phone/form';
import { Choices, TextInput } from '../../../phone/ui';
import { type Employment, isNewForm } from '../employment';
import type { AllowedAction } from './me-api';

export type EmploymentValues = { employmentForm: string; employerName: string; employerCreditCode: string; platformName: string };

/** The 就业形态 choices as the server words them: the enum and its labels in 更新就业信息's input schema. */
export function employmentChoices(action: AllowedAction | undefined) {
  const form = (action?.input?.properties as Record<string, { enum?: string[]; enumLabels?: Record<string, string> }> | undefined)?.employmentForm;
  return (form?.enum ?? []).map((value) => ({ value, label: form?.enumLabels?.[value] ?? value }));
}

/** What the page checks before sending (the server checks again, with the joining rules). */
export function employmentErrors(values: EmploymentValues): Errors<EmploymentValues> {
  if (!values.employmentForm) return { employmentForm: '请选择就业形态' };
  if (isNewForm(values.employmentForm)) return values.platformName.trim() || values.employerName.trim() ? {} : { platformName: '请填写所在平台或工作单位' };
  return values.employerName.trim() ? {} : { employerName: '请填写工作单位' };
}

/** The values as the API takes them: trimmed, blanks left out, the platform only for the new forms. */
export function employmentBody(values: EmploymentValues) {
  const text = (v: string) => v.trim() || undefined;
  return {
    employmentForm: values.employmentForm as Employment['employmentForm'],
    employerName: text(values.employerName),
    employerCreditCode: text(values.employerCreditCode)?.toUpperCase(),
    platformName: isNewForm(values.employmentForm) ? text(values.platformName) : undefined,
  };
}

export function EmploymentInputs({
  values,
  errors,
  set,
  choices,
}: {
  values: EmploymentValues;
  errors: Errors<EmploymentValues>;
  set: <K extends keyof EmploymentValues>(name: K, value: EmploymentValues[K]) => void;
  choices: { value: string; label: string }[];
}) {
  const gig = isNewForm(values.employmentForm);
  return (
    <>
      <div className="ph-field-label">就业形态</div>
      <Choices label="就业形态" options={choices} value={values.employmentForm} onChange={(v) => set('employmentForm', v)} />
      {errors.employmentForm && <div className="ph-field-error">{errors.employmentForm}</div>}
      {gig && <TextInput label="所在平台" value={values.platformName} onChange={(v) => set('platformName', v)} error={errors.platformName} placeholder="如：美团外卖、顺丰速运" testId="me-platform" />}
      <TextInput
        label={gig ? '工作单位（选填）' : '工作单位'}
        value={values.employerName}
        onChange={(v) => set('employerName', v)}
        error={errors.employerName}
        placeholder="营业执照上的单位全称"
        testId="me-employer"
      />
      {!gig && (
        <TextInput label="单位统一社会信用代码（选填）" value={values.employerCreditCode} onChange={(v) => set('employerCreditCode', v)} error={errors.employerCreditCode} maxLength={18} testId="me-credit-code" />
      )}
    </>
  );
}
