import { useMutation } from '@tanstack/react-query';
import { Button, Dialog, DotLoading, ErrorBlock, Form, Input, Selector, Steps, Toast, unstableSetRender } from 'antd-mobile';
import type { FormInstance } from 'antd-mobile/es/components/form';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ApiError, errorMessage } from '../../../lib/api';
import type { TimelineEntry } from '../api';
import { isNewForm } from '../employment';
import './mobile.css';

// antd-mobile's Dialog and Toast render outside the tree; React 19 needs createRoot for that.
unstableSetRender((node, container) => {
  const host = container as (Element | DocumentFragment) & { _lxmRoot?: Root };
  host._lxmRoot ??= createRoot(host);
  const root = host._lxmRoot;
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    delete host._lxmRoot;
  };
});

/** The frame of every phone page: the union-red bar and one narrow column. */
export function MobileShell({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    const before = document.title;
    document.title = `${title} · 连心`;
    return () => {
      document.title = before;
    };
  }, [title]);
  return (
    <div className="lxm-page">
      <header className="lxm-header">
        <span className="lxm-header-mark">连</span>
        <span>{title}</span>
      </header>
      <main className="lxm-body">{children}</main>
    </div>
  );
}

export function Loading() {
  return (
    <div style={{ padding: 48, textAlign: 'center', color: '#8c8c8c' }}>
      <DotLoading color="primary" /> 加载中
    </div>
  );
}

/** A page that cannot be shown: the server's reason, or `notFound` for a 404. */
export function LoadError({ error, notFound, onRetry }: { error: unknown; notFound: string; onRetry?: () => void }) {
  const missing = error instanceof ApiError && error.status === 404;
  return (
    <ErrorBlock status={missing ? 'empty' : 'default'} title={missing ? '未找到' : '加载失败'} description={missing ? notFound : errorMessage(error)} fullPage={false}>
      {!missing && onRetry && (
        <Button size="small" color="primary" onClick={onRetry}>
          重试
        </Button>
      )}
    </ErrorBlock>
  );
}

export function Notice({ kind = 'warning', children, testId }: { kind?: 'warning' | 'error' | 'info'; children: ReactNode; testId?: string }) {
  return (
    <div className={`lxm-alert${kind === 'warning' ? '' : ` is-${kind}`}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}

/**
 * Puts a failed submit's field issues next to their fields; what no field
 * shows comes back as the message to show above the form.
 */
export function useServerErrors(form: FormInstance, fields: readonly string[]) {
  const [error, setError] = useState<unknown>(null);
  const report = useCallback(
    (err: unknown) => {
      const issues = err instanceof ApiError ? err.fields : [];
      const placed = issues.filter((issue) => fields.includes(issue.field));
      form.setFields(placed.map((issue) => ({ name: issue.field, errors: [issue.reason] })));
      setError(placed.length > 0 && placed.length === issues.length ? null : err);
    },
    [form, fields],
  );
  return { error, report, clear: useCallback(() => setError(null), []) };
}

/** 就业形态 (server: members/schema.ts EMPLOYMENT_FORMS), the four new-form groups first. */
export const NEW_FORM_OPTIONS = [
  { value: 'delivery_rider', label: '外卖配送员', description: '外卖骑手、跑腿' },
  { value: 'courier', label: '快递员', description: '快递收派、驿站' },
  { value: 'ride_hailing_driver', label: '网约车司机', description: '网约车、代驾' },
  { value: 'truck_driver', label: '货车司机', description: '货运、物流运输' },
];
export const OTHER_FORM_OPTIONS = [
  { value: 'standard', label: '标准劳动关系', description: '与单位签订劳动合同' },
  { value: 'flexible', label: '灵活就业', description: '个体、自由职业等' },
];

/** The employment picker: the four new forms of employment prominent, the rest below. */
export function EmploymentFormPicker({ value, onChange }: { value?: string; onChange?: (value: string) => void }) {
  const pick = (values: string[]) => {
    if (values[0]) onChange?.(values[0]);
  };
  return (
    <div data-testid="employment-form">
      <div className="lxm-group-label is-new">新就业形态劳动者</div>
      <Selector columns={2} options={NEW_FORM_OPTIONS} value={value && isNewForm(value) ? [value] : []} onChange={pick} />
      <div className="lxm-group-label" style={{ marginTop: 12 }}>
        其他
      </div>
      <Selector columns={2} options={OTHER_FORM_OPTIONS} value={value && !isNewForm(value) ? [value] : []} onChange={pick} />
    </div>
  );
}

export const EMPLOYMENT_FIELDS = ['employmentForm', 'employerName', 'employerCreditCode', 'platformName'] as const;

/** 工作单位 or 所在平台 as fits the chosen form, and the optional credit code. Inside a Form with `employmentForm`. */
export function EmploymentFields({ prefix = '' }: { prefix?: string }) {
  return (
    <>
      <Form.Item name="employmentForm" label="就业形态" rules={[{ required: true, message: '请选择就业形态' }]}>
        <EmploymentFormPicker />
      </Form.Item>
      <Form.Item noStyle dependencies={['employmentForm']}>
        {(form) => {
          const employmentForm = form.getFieldValue('employmentForm') as string | undefined;
          if (!employmentForm) return null;
          const gig = isNewForm(employmentForm);
          return (
            <>
              {gig && (
                <Form.Item name="platformName" label="所在平台" rules={[{ required: true, whitespace: true, message: '请填写所在平台' }, { max: 50 }]}>
                  <Input placeholder="如：美团、饿了么、顺丰、滴滴" clearable maxLength={50} data-testid={`${prefix}platform-name`} />
                </Form.Item>
              )}
              <Form.Item
                name="employerName"
                label={gig ? '站点或合作单位（选填）' : employmentForm === 'standard' ? '工作单位' : '工作单位（选填）'}
                rules={[...(employmentForm === 'standard' ? [{ required: true, whitespace: true, message: '请填写工作单位' }] : []), { max: 100 }]}
              >
                <Input placeholder={gig ? '如：当湖配送站' : '单位全称'} clearable maxLength={100} data-testid={`${prefix}employer-name`} />
              </Form.Item>
              <Form.Item name="employerCreditCode" label="单位统一社会信用代码（选填）" rules={[{ len: 18, message: '统一社会信用代码为 18 位' }]}>
                <Input placeholder="18 位，可在营业执照上找到" clearable maxLength={18} data-testid={`${prefix}credit-code`} />
              </Form.Item>
            </>
          );
        }}
      </Form.Item>
    </>
  );
}

/** A time as 11月24日 14:05 (Beijing). */
export const shortTime = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));

export interface ProgressStep {
  title: string;
  description?: ReactNode;
  status: 'wait' | 'process' | 'finish' | 'error';
}

/** Steps done (from the timeline) and still to come. */
export function ProgressSteps({ steps, testId }: { steps: ProgressStep[]; testId?: string }) {
  const current = Math.max(
    0,
    steps.findIndex((s) => s.status === 'process' || s.status === 'error'),
  );
  return (
    <div data-testid={testId}>
      <Steps direction="vertical" current={current}>
        {steps.map((step, i) => (
          <Steps.Step key={i} title={step.title} description={step.description} status={step.status} />
        ))}
      </Steps>
    </div>
  );
}

/** When and by whom a timeline entry happened. */
export const entryLine = (entry: TimelineEntry | undefined, extra?: string | null) =>
  entry ? [shortTime(entry.at), entry.actorName, extra].filter(Boolean).join(' · ') : undefined;

/** Copies the page's link, or at least shows it: on plain http the clipboard API may be missing. */
async function copyLink(url: string) {
  try {
    await navigator.clipboard.writeText(url);
    Toast.show({ content: '链接已复制', position: 'bottom' });
  } catch {
    Toast.show({ content: '请长按上方链接复制', position: 'bottom' });
  }
}

/** Tells the applicant to keep the page's link: the quickest way back (an application is also found again by phone, ResumePage). */
export function KeepLink({ emphasise, what, recover = '请联系工会' }: { emphasise: boolean; what: string; /** What to do when the link is lost. */ recover?: string }) {
  const url = window.location.href;
  return (
    <Notice kind={emphasise ? 'warning' : 'info'} testId="keep-link">
      <div>{emphasise ? `${what}已提交。请保存本页链接（可收藏或发给自己），以后凭此链接查看进度；链接丢失时${recover}。` : `凭本页链接可随时查看${what}进度，请妥善保存。`}</div>
      <div className="lxm-link">{url}</div>
      <Button size="small" onClick={() => copyLink(url)}>
        复制链接
      </Button>
    </Notice>
  );
}


/** Withdraw an application or transfer after the worker confirms; the page reloads its progress either way. */
export function useConfirmedCancel(cancel: () => Promise<unknown>, reload: () => void, dialog: { title: string; content: string }) {
  const mutation = useMutation({ mutationFn: cancel, onSettled: reload });
  const confirm = async () => {
    const ok = await Dialog.confirm({ ...dialog, confirmText: '撤回', cancelText: '不撤回' });
    if (!ok) return;
    try {
      await mutation.mutateAsync();
      Toast.show({ icon: 'success', content: '已撤回' });
    } catch (err) {
      Toast.show({ icon: 'fail', content: errorMessage(err) });
    }
  };
  return { confirm, pending: mutation.isPending };
}
