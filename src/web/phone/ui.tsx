import { type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes, useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { useCountdown } from '../lib/useCountdown';
import { ApiError, errorMessage } from './api';

/**
 * The phone app's components: few, small, styled by phone.css (`ph-` classes).
 * Big touch targets (44 px and up), one column, the union red for what to tap.
 */

/** The frame of every phone page: the red bar, one narrow column, and an optional bar stuck to the bottom (the submit button, in reach of a thumb). */
export function PhonePage({ title, children, footer, back }: { title: string; children: ReactNode; footer?: ReactNode; back?: string }) {
  useEffect(() => {
    const before = document.title;
    document.title = `${title} · 连心`;
    return () => {
      document.title = before;
    };
  }, [title]);
  return (
    <div className="ph-page" data-testid="phone-page">
      <header className="ph-header">
        {back ? (
          <Link to={back} className="ph-header-back" aria-label="返回">
            ‹
          </Link>
        ) : (
          <span className="ph-header-mark" aria-hidden>
            连
          </span>
        )}
        <h1>{title}</h1>
      </header>
      <main className="ph-body">{children}</main>
      {footer && <div className="ph-footer-bar">{footer}</div>}
    </div>
  );
}

/** A white block with an optional title. */
export function Card({ title, extra, children, testId, className }: { title?: ReactNode; extra?: ReactNode; children: ReactNode; testId?: string; className?: string }) {
  return (
    <section className={`ph-card${className ? ` ${className}` : ''}`} data-testid={testId}>
      {(title || extra) && (
        <div className="ph-card-head">
          <h2>{title}</h2>
          {extra}
        </div>
      )}
      {children}
    </section>
  );
}

export function List({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <ul className="ph-list" data-testid={testId}>
      {children}
    </ul>
  );
}

/** A row: a link (`to`), a button (`onClick`) or plain text. */
export function ListItem({ children, description, to, onClick, extra, testId }: { children: ReactNode; description?: ReactNode; to?: string; onClick?: () => void; extra?: ReactNode; testId?: string }) {
  const body = (
    <>
      <span className="ph-list-main">
        <span className="ph-list-title">{children}</span>
        {description && <span className="ph-list-desc">{description}</span>}
      </span>
      {extra}
      {(to || onClick) && <span className="ph-list-arrow" aria-hidden>›</span>}
    </>
  );
  return (
    <li data-testid={testId}>
      {to ? (
        <Link to={to} className="ph-list-row">
          {body}
        </Link>
      ) : onClick ? (
        <button type="button" className="ph-list-row" onClick={onClick}>
          {body}
        </button>
      ) : (
        <div className="ph-list-row">{body}</div>
      )}
    </li>
  );
}

type ButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'className'> & {
  variant?: 'primary' | 'outline' | 'plain';
  size?: 'large' | 'normal' | 'small';
  block?: boolean;
  loading?: boolean;
  testId?: string;
};

export function Button({ variant = 'outline', size = 'normal', block, loading, disabled, testId, type = 'button', children, ...rest }: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      data-testid={testId}
      className={`ph-button is-${variant} is-${size}${block ? ' is-block' : ''}`}
    >
      {loading && <span className="ph-spinner" aria-hidden />}
      {children}
    </button>
  );
}

/** A labelled form field with its error under it. `testId` on the field wraps the control. */
export function Field({ label, error, hint, children, htmlFor }: { label?: ReactNode; error?: string; hint?: ReactNode; children: ReactNode; htmlFor?: string }) {
  return (
    <div className={`ph-field${error ? ' has-error' : ''}`}>
      {label && (
        <label className="ph-field-label" htmlFor={htmlFor}>
          {label}
        </label>
      )}
      {children}
      {hint && !error && <div className="ph-field-hint">{hint}</div>}
      {error && (
        <div className="ph-field-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

type TextInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'className'> & {
  value: string;
  onChange: (value: string) => void;
  label?: ReactNode;
  error?: string;
  hint?: ReactNode;
  testId?: string;
};

/** A text field with its label and error. The test id sits on a wrapper, the `<input>` inside it. */
export function TextInput({ value, onChange, label, error, hint, testId, id, ...rest }: TextInputProps) {
  const auto = useId();
  const inputId = id ?? auto;
  return (
    <Field label={label} error={error} hint={hint} htmlFor={inputId}>
      <span className="ph-input" data-testid={testId}>
        <input {...rest} id={inputId} value={value} aria-invalid={error ? true : undefined} onChange={(e) => onChange(e.target.value)} />
      </span>
    </Field>
  );
}

/** A mainland mobile number: the phone keypad, 11 digits, autofill from the phone's own number. */
export function MobileInput(props: Omit<TextInputProps, 'type' | 'inputMode' | 'maxLength' | 'autoComplete'>) {
  return <TextInput {...props} type="tel" inputMode="tel" maxLength={11} autoComplete="tel" />;
}

/**
 * A text-message code: six digits (the phone offers the one just received), and beside it 获取验证码,
 * shut for the wait the server names. `onSend` sends the code and returns that wait in seconds, or
 * undefined when nothing was sent (the page shows why); `sentHint` shows under the field once sent.
 */
export function CodeInput({
  value,
  onChange,
  onSend,
  error,
  sentHint,
  testId,
  sendTestId,
}: {
  value: string;
  onChange: (value: string) => void;
  onSend: () => Promise<number | undefined>;
  error?: string;
  sentHint?: ReactNode;
  testId?: string;
  sendTestId?: string;
}) {
  const inputId = useId();
  const countdown = useCountdown();
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);
  const send = async () => {
    setSending(true);
    try {
      const wait = await onSend();
      if (wait === undefined) return;
      countdown.start(wait);
      setSent(true);
    } finally {
      setSending(false);
    }
  };
  return (
    <Field label="验证码" error={error} hint={sent ? sentHint : undefined} htmlFor={inputId}>
      <span className="ph-code">
        <span className="ph-input" data-testid={testId}>
          <input
            id={inputId}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            placeholder="6 位数字"
            aria-invalid={error ? true : undefined}
          />
        </span>
        <Button disabled={countdown.left > 0} loading={sending} onClick={() => void send()} testId={sendTestId}>
          {countdown.left > 0 ? `${countdown.left} 秒后重发` : sent ? '重新获取' : '获取验证码'}
        </Button>
      </span>
    </Field>
  );
}

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange' | 'className'> & {
  value: string;
  onChange: (value: string) => void;
  label?: ReactNode;
  error?: string;
  testId?: string;
};

export function TextArea({ value, onChange, label, error, testId, maxLength, id, ...rest }: TextAreaProps) {
  const auto = useId();
  const inputId = id ?? auto;
  return (
    <Field label={label} error={error} htmlFor={inputId}>
      <span className="ph-input" data-testid={testId}>
        <textarea {...rest} id={inputId} rows={3} value={value} maxLength={maxLength} onChange={(e) => onChange(e.target.value)} />
      </span>
      {maxLength && (
        <div className="ph-count">
          {value.length}/{maxLength}
        </div>
      )}
    </Field>
  );
}

/** A checkbox with its text; the whole line is the touch target. */
export function Checkbox({ checked, onChange, children, error, testId }: { checked: boolean; onChange: (checked: boolean) => void; children: ReactNode; error?: string; testId?: string }) {
  return (
    <Field error={error}>
      <label className="ph-check" data-testid={testId}>
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        <span>{children}</span>
      </label>
    </Field>
  );
}

export function Switch({ checked, onChange, children, testId }: { checked: boolean; onChange: (checked: boolean) => void; children: ReactNode; testId?: string }) {
  return (
    <label className="ph-switch" data-testid={testId}>
      <span>{children}</span>
      <input type="checkbox" role="switch" checked={checked} onChange={(e) => onChange(e.target.checked)} />
    </label>
  );
}

export interface Choice {
  value: string;
  label: string;
  description?: string;
}

/** One of a few options as big tiles, two a row. */
export function Choices({ options, value, onChange, label }: { options: Choice[]; value?: string; onChange: (value: string) => void; label?: string }) {
  return (
    <div className="ph-choices" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <button key={o.value} type="button" role="radio" aria-checked={o.value === value} className={`ph-choice${o.value === value ? ' is-checked' : ''}`} onClick={() => onChange(o.value)}>
          <span className="ph-choice-label">{o.label}</span>
          {o.description && <span className="ph-choice-desc">{o.description}</span>}
        </button>
      ))}
    </div>
  );
}

/** A box of text above or between the content: a warning by default. */
export function Notice({ kind = 'warning', children, testId }: { kind?: 'warning' | 'error' | 'info' | 'success'; children: ReactNode; testId?: string }) {
  return (
    <div className={`ph-notice is-${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}

/** Nothing to show: says what, and what to do (`action`). */
export function Empty({ title, description, action }: { title: string; description?: ReactNode; action?: ReactNode }) {
  return (
    <div className="ph-empty" data-testid="phone-empty">
      <div className="ph-empty-title">{title}</div>
      {description && <div className="ph-empty-desc">{description}</div>}
      {action}
    </div>
  );
}

export function Loading() {
  return (
    <div className="ph-loading" role="status">
      <span className="ph-spinner" aria-hidden /> 加载中
    </div>
  );
}

/** A page that cannot be shown: the server's reason, or `notFound` for a 404. */
export function LoadError({ error, notFound, onRetry }: { error: unknown; notFound: string; onRetry?: () => void }) {
  const missing = error instanceof ApiError && error.status === 404;
  return (
    <Empty
      title={missing ? '未找到' : '加载失败'}
      description={missing ? notFound : errorMessage(error)}
      action={
        !missing &&
        onRetry && (
          <Button size="small" variant="primary" onClick={onRetry}>
            重试
          </Button>
        )
      }
    />
  );
}

export interface Step {
  title: string;
  description?: ReactNode;
  status: 'wait' | 'process' | 'finish' | 'error';
}

/** Steps done and still to come, top to bottom. */
export function Steps({ steps, testId }: { steps: Step[]; testId?: string }) {
  return (
    <ol className="ph-steps" data-testid={testId}>
      {steps.map((step, i) => (
        <li key={i} className={`is-${step.status}`}>
          <span className="ph-steps-dot" aria-hidden />
          <div className="ph-steps-title">{step.title}</div>
          {step.description && <div className="ph-steps-desc">{step.description}</div>}
        </li>
      ))}
    </ol>
  );
}

/** A big status line: an icon by kind, the title, a line under it. */
export function Result({ kind, title, description }: { kind: 'waiting' | 'success' | 'error' | 'info'; title: ReactNode; description?: ReactNode }) {
  const icon = { waiting: '…', success: '✓', error: '!', info: 'i' }[kind];
  return (
    <div className={`ph-result is-${kind}`}>
      <div className="ph-result-icon" aria-hidden>
        {icon}
      </div>
      <div className="ph-result-title">{title}</div>
      {description && <div className="ph-result-desc">{description}</div>}
    </div>
  );
}

/* Toast and confirm: rendered by hosts in App.tsx, called from anywhere. */

type Listener<T> = (value: T) => void;
function channel<T>() {
  let listener: Listener<T> | null = null;
  return { emit: (value: T) => listener?.(value), listen: (l: Listener<T> | null) => (listener = l) };
}

const toasts = channel<string>();

/** A short message at the bottom of the screen for two seconds. */
export const toast = (message: string) => toasts.emit(message);

export function ToastHost() {
  const [message, setMessage] = useState<{ text: string; id: number } | null>(null);
  useEffect(() => {
    toasts.listen((text) => setMessage({ text, id: Date.now() }));
    return () => void toasts.listen(null);
  }, []);
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(null), 2000);
    return () => clearTimeout(timer);
  }, [message]);
  return message ? (
    <div className="ph-toast" role="status" key={message.id}>
      {message.text}
    </div>
  ) : null;
}

interface ConfirmRequest {
  title: string;
  content?: string;
  confirmText?: string;
  cancelText?: string;
  resolve: (ok: boolean) => void;
}
const confirms = channel<ConfirmRequest>();

/** Ask before a step that cannot be taken back; resolves true when confirmed. */
export const confirm = (request: Omit<ConfirmRequest, 'resolve'>) => new Promise<boolean>((resolve) => confirms.emit({ ...request, resolve }));

export function DialogHost() {
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  useEffect(() => {
    confirms.listen(setRequest);
    return () => void confirms.listen(null);
  }, []);
  if (!request) return null;
  const close = (ok: boolean) => {
    request.resolve(ok);
    setRequest(null);
  };
  return (
    <div className="ph-mask" onClick={() => close(false)}>
      <div className="ph-dialog" role="dialog" aria-modal aria-label={request.title} onClick={(e) => e.stopPropagation()}>
        <div className="ph-dialog-title">{request.title}</div>
        {request.content && <div className="ph-dialog-content">{request.content}</div>}
        <div className="ph-dialog-actions">
          <Button block onClick={() => close(false)}>
            {request.cancelText ?? '取消'}
          </Button>
          <Button block variant="primary" onClick={() => close(true)}>
            {request.confirmText ?? '确定'}
          </Button>
        </div>
      </div>
    </div>
  );
}
