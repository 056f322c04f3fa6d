import { useParams } from 'react-router';
import { type ApplicationProgress, cancelApplication, fetchApplication } from './api';
import { entryLine, type ProgressStep, TrackedProgressPage } from './shared';

function stepsOf(p: ApplicationProgress): ProgressStep[] {
  const find = (action: string) => p.timeline.find((e) => e.action === action);
  const steps: ProgressStep[] = [{ title: '提交入会申请', description: entryLine(find('create')), status: 'finish' }];
  switch (p.state) {
    case 'pending':
      steps.push({ title: '工会审核', description: `等待「${p.orgName}」审核`, status: 'process' }, { title: '成为会员', status: 'wait' });
      break;
    case 'approved':
      steps.push(
        { title: '批准入会', description: entryLine(find('approve')), status: 'finish' },
        { title: '成为会员', description: p.cardNo ? `会员证号 ${p.cardNo}` : undefined, status: 'finish' },
      );
      break;
    case 'rejected':
      steps.push({ title: '未通过审核', description: entryLine(find('reject'), p.decisionReason && `原因：${p.decisionReason}`), status: 'error' });
      break;
    case 'cancelled':
      steps.push({ title: '已撤回申请', description: entryLine(find('cancel')), status: 'error' });
      break;
    case 'closed':
      // Joined by another path (at a union's desk, by its roster, another application): nothing left to decide.
      steps.push(
        { title: '已通过其他途径入会', description: entryLine(find('close_joined_elsewhere')), status: 'finish' },
        { title: '成为会员', description: p.cardNo ? `会员证号 ${p.cardNo}` : undefined, status: 'finish' },
      );
      break;
  }
  return steps;
}

/** 入会申请进度: what the applicant follows with the link they got on submitting. */
export function JoinStatusPage() {
  const params = useParams();
  const tenantId = Number(params.tenantId);
  const code = params.code ?? '';
  return (
    <TrackedProgressPage
      title="入会申请进度"
      what="入会申请"
      recover="可在入会页用手机号验证码找回"
      testId="join"
      queryKey={['public', 'application', tenantId, code]}
      load={() => fetchApplication(tenantId, code)}
      cancel={() => cancelApplication(tenantId, code)}
      cancelDialog={{ title: '撤回入会申请？', content: '撤回后如需入会，请重新提交申请。' }}
      notFound="找不到这份入会申请，请核对链接是否完整。"
      summary={(p) => (
        <span>
          {p.name}，申请加入「{p.orgName}」
        </span>
      )}
      details={(p) => (
        <>
          {p.state === 'closed' && (
            <div className="ph-muted" data-testid="join-reason">
              您已是工会会员，本申请无需再审核，已关闭。{p.decisionReason}
            </div>
          )}
          {(p.state === 'approved' || p.state === 'closed') && p.cardNo && (
            <div className="ph-card-no-box">
              <div className="ph-muted">会员证号</div>
              <div className="ph-card-no" data-testid="join-card-no">
                {p.cardNo}
              </div>
            </div>
          )}
          {p.state === 'rejected' && p.decisionReason && (
            <div className="ph-muted" data-testid="join-reason">
              未通过原因：{p.decisionReason}
            </div>
          )}
        </>
      )}
      steps={stepsOf}
    />
  );
}
