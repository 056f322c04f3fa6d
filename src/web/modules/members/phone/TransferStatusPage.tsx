import { useParams } from 'react-router';
import { cancelTransfer, fetchTransfer, type TransferProgress } from './api';
import { entryLine, type ProgressStep, TrackedProgressPage } from './shared';

/** A refusal's reason, from its timeline entry. */
const reasonOf = (payload: unknown) => {
  const reason = (payload as { reason?: unknown } | null)?.reason;
  return typeof reason === 'string' && reason ? `原因：${reason}` : null;
};

function stepsOf(p: TransferProgress): ProgressStep[] {
  const find = (action: string) => p.timeline.find((e) => e.action === action);
  const refusedOut = find('refuse_out');
  const refusedIn = find('refuse_in');
  const cancelled = find('cancel');
  const steps: ProgressStep[] = [{ title: '提交接转申请', description: entryLine(find('create')), status: 'finish' }];
  if (cancelled) return [...steps, { title: '已撤回申请', description: entryLine(cancelled), status: 'error' }];
  if (refusedOut) return [...steps, { title: '原工会不同意转出', description: entryLine(refusedOut, reasonOf(refusedOut.payload)), status: 'error' }];
  const confirmed = find('confirm');
  steps.push(
    confirmed
      ? { title: '原工会同意转出', description: entryLine(confirmed), status: 'finish' }
      : { title: '原工会确认转出', description: `等待「${p.fromOrgName}」确认`, status: 'process' },
  );
  if (refusedIn) return [...steps, { title: '新工会不予接收', description: entryLine(refusedIn, reasonOf(refusedIn.payload)), status: 'error' }];
  const accepted = find('accept');
  steps.push(
    accepted
      ? { title: '新工会已接收', description: entryLine(accepted), status: 'finish' }
      : { title: '新工会接收', description: `等待「${p.toOrgName}」接收`, status: confirmed ? 'process' : 'wait' },
  );
  steps.push({ title: '接转完成', description: accepted ? '会籍已转入新工会，会龄连续计算' : undefined, status: accepted ? 'finish' : 'wait' });
  return steps;
}

/** 接转进度: the member follows their transfer with the link they got on asking. */
export function TransferStatusPage() {
  const params = useParams();
  const tenantId = Number(params.tenantId);
  const code = params.code ?? '';
  return (
    <TrackedProgressPage
      title="会员接转进度"
      what="接转申请"
      testId="transfer"
      queryKey={['public', 'transfer', tenantId, code]}
      load={() => fetchTransfer(tenantId, code)}
      cancel={() => cancelTransfer(tenantId, code)}
      cancelDialog={{ title: '撤回接转申请？', content: '撤回后会籍仍留在原工会。' }}
      notFound="找不到这份接转申请，请核对链接是否完整。"
      summary={(p) => (
        <span>
          {p.name}：{p.fromOrgName} → {p.toOrgName}
        </span>
      )}
      steps={stepsOf}
    />
  );
}
