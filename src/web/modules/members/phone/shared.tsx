import { useMutation } from '@tanstack/react-query';
import { errorMessage } from '../../../phone/api';
import type { Errors } from '../../../phone/form';
import { Button, Card, Choices, confirm, Notice, type Step, Steps, TextInput, toast } from '../../../phone/ui';
import type { TimelineEntry } from '../api';
import { isNewForm } from '../employment';

/** 就业形态 (server: members/schema.ts EMPLOYMENT_FORMS), the four new-form groups first. */
const NEW_FORM_OPTIONS = [
  { value: 'delivery_rider', label: '外卖配送员', description: '外卖骑手、跑腿' },
  { value: 'courier', label: '快递员', description: '快递收派、驿站' },
  { value: 'ride_hailing_driver', label: '网约车司机', description: '网约车、代驾' },
  { value: 'truck_driver', label: '货车司机', description: '货运、物流运输' },
];
const OTHER_FORM_OPTIONS = [
  { value: 'standard', label: '标准劳动关系', description: '与单位签订劳动合同' },
  { value: 'flexible', label: '灵活就业', description: '个体、自由职业等' },
];

/** The employment part of a phone form, as the page holds it (all text; employmentOf trims it for the API). */
export interface EmploymentValues {
  employmentForm: string;
  employerName: string;
  employerCreditCode: string;
  platformName: string;
}

export const EMPTY_EMPLOYMENT: EmploymentValues = { employmentForm: '', employerName: '', employerCreditCode: '', platformName: '' };

export const EMPLOYMENT_FIELDS = ['employmentForm', 'employerName', 'employerCreditCode', 'platformName'] as const;

/** What the page checks of the employment fields before sending (the server checks again). */
export function validateEmployment(values: EmploymentValues): Errors<EmploymentValues> {
  const form = values.employmentForm;
  const credit = values.employerCreditCode.trim();
  return {
    employmentForm: form ? undefined : '请选择就业形态',
    platformName: isNewForm(form) && !values.platformName.trim() ? '请填写所在平台' : undefined,
    employerName: form === 'standard' && !values.employerName.trim() ? '请填写工作单位' : undefined,
    employerCreditCode: credit && credit.length !== 18 ? '统一社会信用代码为 18 位' : undefined,
  };
}

/** 就业形态 (the four new forms of employment prominent), then 工作单位 or 所在平台 as fits it, and the optional credit code. */
export function EmploymentFields({
  values,
  errors,
  set,
  prefix = '',
}: {
  values: EmploymentValues;
  errors: Errors<EmploymentValues>;
  set: <K extends keyof EmploymentValues>(name: K, value: EmploymentValues[K]) => void;
  prefix?: string;
}) {
  const form = values.employmentForm;
  const gig = isNewForm(form);
  return (
    <>
      <div className={`ph-field${errors.employmentForm ? ' has-error' : ''}`} data-testid="employment-form">
        <div className="ph-field-label">就业形态</div>
        <div className="ph-group-label is-new">新就业形态劳动者</div>
        <Choices label="新就业形态" options={NEW_FORM_OPTIONS} value={form} onChange={(v) => set('employmentForm', v)} />
        <div className="ph-group-label">其他</div>
        <Choices label="其他就业形态" options={OTHER_FORM_OPTIONS} value={form} onChange={(v) => set('employmentForm', v)} />
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
              testId={`${prefix}platform-name`}
            />
          )}
          <TextInput
            label={gig ? '站点或合作单位（选填）' : form === 'standard' ? '工作单位' : '工作单位（选填）'}
            value={values.employerName}
            onChange={(v) => set('employerName', v)}
            error={errors.employerName}
            placeholder={gig ? '如：当湖配送站' : '单位全称'}
            maxLength={100}
            testId={`${prefix}employer-name`}
          />
          <TextInput
            label="单位统一社会信用代码（选填）"
            value={values.employerCreditCode}
            onChange={(v) => set('employerCreditCode', v)}
            error={errors.employerCreditCode}
            placeholder="18 位，可在营业执照上找到"
            maxLength={18}
            autoCapitalize="characters"
            testId={`${prefix}credit-code`}
          />
        </>
      )}
    </>
  );
}

/** 会龄 as the card shows it. */
export const yearsText = (years: number) => (years < 1 ? '不满 1 年' : `${years} 年`);

/** A time the server sent, as a day and time in Beijing. */
export const beijingTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

/** A time as 11月24日 14:05 (Beijing). */
export const shortTime = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));

/** When and by whom a timeline entry happened. */
export const entryLine = (entry: TimelineEntry | undefined, extra?: string | null) =>
  entry ? [shortTime(entry.at), entry.actorName, extra].filter(Boolean).join(' · ') : undefined;

export type { Step as ProgressStep };

/** Copies the page's link, or at least shows it: on plain http the clipboard API may be missing. */
async function copyLink(url: string) {
  try {
    await navigator.clipboard.writeText(url);
    toast('链接已复制');
  } catch {
    toast('请长按上方链接复制');
  }
}

/** Tells the applicant to keep the page's link, and what to do when it is lost (`recover`). */
export function KeepLink({ emphasise, what, recover = '请联系工会' }: { emphasise: boolean; what: string; recover?: string }) {
  const url = window.location.href;
  return (
    <Notice kind={emphasise ? 'warning' : 'info'} testId="keep-link">
      <div>{emphasise ? `${what}已提交。请保存本页链接（可收藏或发给自己），以后凭此链接查看进度；链接丢失时${recover}。` : `凭本页链接可随时查看${what}进度，请妥善保存。`}</div>
      <div className="ph-link">{url}</div>
      <Button size="small" onClick={() => void copyLink(url)}>
        复制链接
      </Button>
    </Notice>
  );
}

/** Withdraw an application or transfer after the worker confirms; the page reloads its progress either way. */
export function useConfirmedCancel(cancel: () => Promise<unknown>, reload: () => void, dialog: { title: string; content: string }) {
  const mutation = useMutation({ mutationFn: cancel, onSettled: reload });
  const ask = async () => {
    const ok = await confirm({ ...dialog, confirmText: '撤回', cancelText: '不撤回' });
    if (!ok) return;
    try {
      await mutation.mutateAsync();
      toast('已撤回');
    } catch (err) {
      toast(errorMessage(err));
    }
  };
  return { confirm: ask, pending: mutation.isPending };
}

/**
 * The lower half of a progress page (an application's, a transfer's): keep the link, the steps, and
 * withdraw (when still possible) or refresh. `testId` names the kind: `join` gives join-steps, join-cancel.
 */
export function ProgressSteps({
  what,
  recover,
  testId,
  submitted,
  steps,
  canCancel,
  cancel,
  refreshing,
  onRefresh,
}: {
  what: string;
  /** What to do when the link is lost (KeepLink). */
  recover?: string;
  testId: string;
  submitted: boolean;
  steps: Step[];
  canCancel: boolean;
  cancel: { confirm: () => Promise<void>; pending: boolean };
  refreshing: boolean;
  onRefresh: () => void;
}) {
  return (
    <>
      <KeepLink emphasise={submitted} what={what} recover={recover} />
      <Card>
        <Steps steps={steps} testId={`${testId}-steps`} />
      </Card>
      <div className="ph-actions">
        {canCancel && (
          <Button block loading={cancel.pending} onClick={() => void cancel.confirm()} testId={`${testId}-cancel`}>
            撤回申请
          </Button>
        )}
        <Button block variant="plain" loading={refreshing} onClick={onRefresh}>
          刷新
        </Button>
      </div>
    </>
  );
}
