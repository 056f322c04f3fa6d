import { useMutation, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useLocation } from 'react-router';
import { errorMessage } from '../../../phone/api';
import { keptSubmission, type Outbox } from '../../../phone/outbox';
import { Button, Card, confirm, LoadError, Loading, Notice, PhonePage, Result, type Step, Steps, toast } from '../../../phone/ui';
import type { TimelineEntry } from '../api';

/** 会龄 as the card shows it. */
export const yearsText = (years: number) => (years < 1 ? '不满 1 年' : `${years} 年`);

/** A time the server sent, as a day and time in Beijing, written as the console writes it (2026-12-07 18:02; sv-SE is ISO's order). */
export const beijingTime = (iso: string) =>
  new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

/** A time as 11月24日 14:05 (Beijing). */
export const shortTime = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));

/** A form kept on the phone for a page that needs the connection to open (phone/outbox.ts `keptSubmission`). */
export interface KeptForm {
  /** The outbox's id of the page's form. */
  id: string;
  /** What it is: 您的接转申请. */
  what: string;
  testId: string;
}

/**
 * Said above a page that could not open for want of a connection (a sign-in or a membership to load) while
 * its form waits on the phone: the form is not lost, and goes by itself once the page opens again online.
 */
export function KeptNotice({ kept }: { kept?: KeptForm }) {
  const waiting = kept ? keptSubmission(kept.id) : null;
  if (!kept || !waiting) return null;
  return (
    <Notice kind="warning" testId={`${kept.testId}-kept`}>
      <div className="ph-pending-title">等待发送</div>
      <div>
        {kept.what}（{shortTime(waiting.savedAt)} 填写）已保存在本机。网络恢复、本页打开后自动发送，不会重复提交。请不要清除浏览器数据。
      </div>
    </Notice>
  );
}

/**
 * A form kept on the phone while there is no connection (phone/outbox.ts): 等待发送, sent by itself when the
 * connection is back, or now by a tap; given up to fill the form again. `what` names it (张三 的入会申请).
 */
export function WaitingToSend({ outbox, what, testId }: { outbox: Pick<Outbox<unknown>, 'pending' | 'sending' | 'retry' | 'discard'>; what: string; testId: string }) {
  if (!outbox.pending) return null;
  return (
    <Notice kind="warning" testId={`${testId}-pending`}>
      <div className="ph-pending-title">等待发送</div>
      <div>
        网络未连接。{what}（{shortTime(outbox.pending.savedAt)} 填写）已保存在本机，联网后自动发送，不会重复提交。请不要清除浏览器数据。
      </div>
      <div className="ph-pending-actions">
        <Button size="small" variant="primary" loading={outbox.sending} onClick={outbox.retry} testId={`${testId}-pending-retry`}>
          立即重试
        </Button>
        <Button size="small" variant="plain" onClick={outbox.discard} testId={`${testId}-pending-discard`}>
          放弃，重新填写
        </Button>
      </div>
    </Notice>
  );
}

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

/** How a state's tone (the server's) shows as the big status line. */
const RESULT_KIND = { good: 'success', waiting: 'waiting', caution: 'waiting', refused: 'error', ended: 'info', moved: 'info' } as const;

/** What a tracked record's page needs of it; the server says whether it is settled (the page stops asking then). */
export interface TrackedRecord {
  stateLabel: string;
  stateTone: keyof typeof RESULT_KIND;
  settled: boolean;
  canCancel: boolean;
}

/**
 * A page the worker follows with the link they got on submitting (an application's, a transfer's): the state,
 * a few lines of its own (`summary`, `details`), the steps, keep the link, withdraw while possible. It asks
 * again every 30 s until the record is settled: a decision may come while the page is open.
 * `testId` names the kind: `join` gives join-state, join-steps, join-cancel.
 */
export function TrackedProgressPage<P extends TrackedRecord>({
  title,
  what,
  recover,
  testId,
  queryKey,
  load,
  cancel,
  cancelDialog,
  notFound,
  summary,
  details,
  steps,
}: {
  title: string;
  what: string;
  recover?: string;
  testId: string;
  queryKey: readonly unknown[];
  load: () => Promise<P>;
  cancel: () => Promise<unknown>;
  cancelDialog: { title: string; content: string };
  notFound: string;
  summary: (p: P) => ReactNode;
  details?: (p: P) => ReactNode;
  steps: (p: P) => Step[];
}) {
  const submitted = Boolean((useLocation().state as { submitted?: boolean } | null)?.submitted);
  const progress = useQuery({ queryKey, queryFn: load, retry: false, refetchInterval: (query) => (query.state.data && !query.state.data.settled ? 30_000 : false) });
  const withdraw = useConfirmedCancel(cancel, () => progress.refetch(), cancelDialog);
  const p = progress.data;
  return (
    <PhonePage title={title}>
      {progress.isPending ? (
        <Loading />
      ) : progress.error ? (
        <LoadError error={progress.error} notFound={notFound} onRetry={() => progress.refetch()} />
      ) : (
        p && (
          <>
            <Card>
              <Result kind={RESULT_KIND[p.stateTone]} title={<span data-testid={`${testId}-state`}>{p.stateLabel}</span>} description={summary(p)} />
              {details?.(p)}
            </Card>
            <KeepLink emphasise={submitted} what={what} recover={recover} />
            <Card>
              <Steps steps={steps(p)} testId={`${testId}-steps`} />
            </Card>
            <div className="ph-actions">
              {p.canCancel && (
                <Button block loading={withdraw.pending} onClick={() => void withdraw.confirm()} testId={`${testId}-cancel`}>
                  撤回申请
                </Button>
              )}
              <Button block variant="plain" loading={progress.isFetching} onClick={() => void progress.refetch()}>
                刷新
              </Button>
            </div>
          </>
        )
      )}
    </PhonePage>
  );
}

/** Withdraw after the worker confirms; the page reloads its progress either way. */
function useConfirmedCancel(cancel: () => Promise<unknown>, reload: () => void, dialog: { title: string; content: string }) {
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
