import { useMutation } from '@tanstack/react-query';
import { errorMessage } from '../../../phone/api';
import { Button, Card, confirm, Notice, type Step, Steps, toast } from '../../../phone/ui';
import type { TimelineEntry } from '../api';

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
