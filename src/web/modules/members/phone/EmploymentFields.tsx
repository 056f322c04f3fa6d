import type { Errors } from '../../../phone/form';
import { Choices, TextInput } from '../../../phone/ui';
import { type Employment, employmentOf, isNewForm } from '../employment';
import type { AllowedAction } from './me-api';

/**
 * The employment part of every phone form (入会, 会员接转, 我的会籍's 更新就业信息 and 申请接转): its values,
 * its check, its fields and its body for the API. Only the choices differ by page: see EmploymentFields.
 */

/** As the page holds them: all text (employmentBody trims them for the API). */
export interface EmploymentValues {
  employmentForm: string;
  employerName: string;
  employerCreditCode: string;
  platformName: string;
}

export const EMPTY_EMPLOYMENT: EmploymentValues = { employmentForm: '', employerName: '', employerCreditCode: '', platformName: '' };

export const EMPLOYMENT_FIELDS = ['employmentForm', 'employerName', 'employerCreditCode', 'platformName'] as const;

export interface EmploymentChoice {
  value: string;
  label: string;
  description?: string;
}

/** Who each 就业形态 is, shown under its name on the public pages. */
const EXAMPLES: Record<string, string> = {
  delivery_rider: '外卖骑手、跑腿',
  courier: '快递收派、驿站',
  ride_hailing_driver: '网约车、代驾',
  truck_driver: '货运、物流运输',
  standard: '与单位签订劳动合同',
  flexible: '个体、自由职业等',
};

/**
 * 就业形态 on the public pages (入会, 会员接转), which have no signed-in action to read them from: the union's
 * answer carries them as the dictionary (字典) names and orders them, each with an example of who it is.
 */
export const publicEmploymentChoices = (forms: readonly { code: string; label: string }[] | undefined): EmploymentChoice[] =>
  (forms ?? []).map((form) => ({ value: form.code, label: form.label, description: EXAMPLES[form.code] }));

/** 就业形态 on 我的会籍's pages, as the server words them: the enum and its labels in 更新就业信息's input schema. */
export function employmentChoices(action: AllowedAction | undefined): EmploymentChoice[] {
  const form = (action?.input?.properties as Record<string, { enum?: string[]; enumLabels?: Record<string, string> }> | undefined)?.employmentForm;
  return (form?.enum ?? []).map((value) => ({ value, label: form?.enumLabels?.[value] ?? value }));
}

/** What the page checks before sending: the server's joining rules (members/person-fields.ts checkEmployment), which it checks again. */
export function validateEmployment(values: EmploymentValues): Errors<EmploymentValues> {
  const form = values.employmentForm;
  const credit = values.employerCreditCode.trim();
  const employer = values.employerName.trim();
  return {
    employmentForm: form ? undefined : '请选择就业形态',
    platformName: isNewForm(form) && !values.platformName.trim() && !employer ? '请填写所在平台或单位' : undefined,
    employerName: form === 'standard' && !employer ? '请填写工作单位' : undefined,
    employerCreditCode: credit && credit.length !== 18 ? '统一社会信用代码为 18 位' : undefined,
  };
}

/** The values as the API takes them (employmentOf: trimmed, blanks left out, the platform only for the new forms). */
export const employmentBody = (values: EmploymentValues) => employmentOf({ ...values, employmentForm: values.employmentForm as Employment['employmentForm'] });

/** The test ids of the text fields: each page keeps its own, which the browser tests drive. */
interface FieldTestIds {
  platform: string;
  employer: string;
  creditCode: string;
}

const JOIN_TEST_IDS: FieldTestIds = { platform: 'platform-name', employer: 'employer-name', creditCode: 'credit-code' };
export const ME_TEST_IDS: FieldTestIds = { platform: 'me-platform', employer: 'me-employer', creditCode: 'me-credit-code' };

/**
 * 就业形态 (the new forms of employment first and prominent, the rest under 其他), then 工作单位 or 所在平台 as
 * fits it, and the optional credit code. `choices`: the public pages pass publicEmploymentChoices, 我的会籍's pages
 * what the action's input schema offers (employmentChoices).
 */
export function EmploymentFields({
  values,
  errors,
  set,
  choices,
  testIds = JOIN_TEST_IDS,
}: {
  values: EmploymentValues;
  errors: Errors<EmploymentValues>;
  set: <K extends keyof EmploymentValues>(name: K, value: EmploymentValues[K]) => void;
  choices: EmploymentChoice[];
  testIds?: FieldTestIds;
}) {
  const form = values.employmentForm;
  const gig = isNewForm(form);
  const newForms = choices.filter((c) => isNewForm(c.value));
  const others = choices.filter((c) => !isNewForm(c.value));
  return (
    <>
      <div className={`ph-field${errors.employmentForm ? ' has-error' : ''}`} data-testid="employment-form">
        <div className="ph-field-label">就业形态</div>
        {newForms.length > 0 && (
          <>
            <div className="ph-group-label is-new">新就业形态劳动者</div>
            <Choices label="新就业形态" options={newForms} value={form} onChange={(v) => set('employmentForm', v)} />
          </>
        )}
        {others.length > 0 && (
          <>
            <div className="ph-group-label">其他</div>
            <Choices label="其他就业形态" options={others} value={form} onChange={(v) => set('employmentForm', v)} />
          </>
        )}
        {errors.employmentForm && <div className="ph-field-error">{errors.employmentForm}</div>}
      </div>
      {form && (
        <>
          {gig && (
            <TextInput
              label="所在平台"
              value={values.platformName}
              onChange={(v) => set('platformName', v)}
              error={errors.platformName}
              placeholder="如：美团、饿了么、顺丰、滴滴"
              maxLength={50}
              testId={testIds.platform}
            />
          )}
          <TextInput
            label={gig ? '站点或合作单位（选填）' : form === 'standard' ? '工作单位' : '工作单位（选填）'}
            value={values.employerName}
            onChange={(v) => set('employerName', v)}
            error={errors.employerName}
            placeholder={gig ? '如：当湖配送站' : '单位全称'}
            maxLength={100}
            testId={testIds.employer}
          />
          <TextInput
            label="单位统一社会信用代码（选填）"
            value={values.employerCreditCode}
            onChange={(v) => set('employerCreditCode', v)}
            error={errors.employerCreditCode}
            placeholder="18 位，可在营业执照上找到"
            maxLength={18}
            autoCapitalize="characters"
            testId={testIds.creditCode}
          />
        </>
      )}
    </>
  );
}
