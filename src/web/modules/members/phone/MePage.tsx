import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../../lib/api';
import { Button, Card, confirm, Empty, List, ListItem, LoadError, Loading, PhonePage, Steps, toast } from '../../../phone/ui';
import { actOnMyTransfer, fetchMyMembership, type MyTransfer, type TimelineEntry } from './me-api';
import { MemberCard } from './MemberCard';
import { BackToConsole, SignedIn } from './SignedIn';
import { beijingTime } from './shared';
import './me.css';

const TITLE = '我的会籍';

/** 我的会籍: the e-card, status and history, my applications and transfers, and what the member may do. */
export function MePage() {
  return (
    <SignedIn title={TITLE}>
      <MyMembershipView />
    </SignedIn>
  );
}

export const useMyMembership = () => useQuery({ queryKey: ['my-membership'], queryFn: fetchMyMembership, retry: false });

function MyMembershipView() {
  const mine = useMyMembership();
  if (mine.isPending) return <PhonePage title={TITLE}>{<Loading />}</PhonePage>;
  if (mine.error instanceof ApiError && mine.error.status === 404) {
    return (
      <PhonePage title={TITLE}>
        <Empty title="账号尚未关联会员身份" description={mine.error.message} />
        <BackToConsole />
      </PhonePage>
    );
  }
  if (mine.error) return <PhonePage title={TITLE}>{<LoadError error={mine.error} notFound="" onRetry={() => void mine.refetch()} />}</PhonePage>;
  const { name, membership, previousMemberships, applications, transfers } = mine.data;
  const canUpdate = membership?.allowedActions.some((a) => a.action === 'update_own_employment');
  const moving = transfers.some((t) => t.state === 'requested' || t.state === 'source_confirmed');

  return (
    <PhonePage title={TITLE}>
      <BackToConsole />
      {membership ? (
        <MemberCard name={name} membership={membership} />
      ) : (
        <Card>
          <Empty title="您目前没有在册会籍" description="扫描所在工会的入会二维码即可申请入会；曾经的会籍和申请见下方。" />
        </Card>
      )}

      {membership && (
        <Card title="就业信息" testId="me-employment">
          <List>
            <ListItem description={membership.employmentFormLabel}>就业形态</ListItem>
            {membership.employerName && <ListItem description={membership.employerName}>工作单位</ListItem>}
            {membership.platformName && <ListItem description={membership.platformName}>所在平台</ListItem>}
            {canUpdate && (
              <ListItem to="/me/employment" testId="me-update-employment">
                更新就业信息
              </ListItem>
            )}
          </List>
        </Card>
      )}

      {membership && (
        <Card title="联系方式" testId="me-contact">
          <List>
            <ListItem description={membership.phoneMasked ?? '未登记'}>登记的手机号</ListItem>
            <ListItem to="/me/phone" testId="me-change-phone">
              更换手机号
            </ListItem>
          </List>
        </Card>
      )}

      {membership && (
        <Card title="会员接转">
          {moving ? (
            <p className="me-muted">您有一份接转申请正在办理，办结前不能再次申请。</p>
          ) : (
            <>
              <p className="me-muted">更换了工作单位，不用重新入会：申请接转后原工会同意转出、新工会接收，会龄连续计算。</p>
              <List>
                <ListItem to="/me/transfer" testId="me-request-transfer">
                  申请会员接转
                </ListItem>
              </List>
            </>
          )}
        </Card>
      )}

      {transfers.length > 0 && (
        <Card title="我的接转" testId="me-transfers">
          {transfers.map((t) => (
            <TransferItem key={t.id} transfer={t} />
          ))}
        </Card>
      )}

      {applications.length > 0 && (
        <Card title="我的入会申请" testId="me-applications">
          <List>
            {applications.map((a) => (
              <ListItem key={a.id} description={`${beijingTime(a.createdAt)} 提交${a.decisionReason ? ` · ${a.decisionReason}` : ''}`} extra={<Tag tone={a.tone}>{a.stateLabel}</Tag>}>
                {a.orgName}
              </ListItem>
            ))}
          </List>
        </Card>
      )}

      {membership && (
        <Card title="会籍记录" testId="me-history">
          <History entries={membership.history} />
        </Card>
      )}

      {previousMemberships.length > 0 && (
        <Card title="以往会籍">
          <List>
            {previousMemberships.map((m) => (
              <ListItem key={m.id} description={`${m.joinedOn} 至 ${m.endedOn ?? ''}${m.endReason ? ` · ${m.endReason}` : ''}`} extra={<Tag tone={m.tone}>{m.statusLabel}</Tag>}>
                {m.orgName}
              </ListItem>
            ))}
          </List>
        </Card>
      )}
    </PhonePage>
  );
}

function Tag({ tone, children }: { tone: string; children: string }) {
  return <span className={`me-tag is-${tone}`}>{children}</span>;
}

/** A record's history, oldest first: what was done, when, by whom, with its note or reason. */
export function History({ entries }: { entries: TimelineEntry[] }) {
  return (
    <Steps
      steps={entries.map((e) => {
        const payload = (e.payload ?? {}) as { note?: unknown; reason?: unknown };
        const said = [payload.reason, payload.note, e.note].find((x): x is string => typeof x === 'string' && x.length > 0);
        return {
          title: e.actionLabel,
          status: 'finish' as const,
          description: `${beijingTime(e.at)}${e.actorName ? ` · ${e.actorName}` : ''}${said ? ` · ${said}` : ''}`,
        };
      })}
    />
  );
}

function TransferItem({ transfer }: { transfer: MyTransfer }) {
  const queryClient = useQueryClient();
  const cancel = transfer.allowedActions.find((a) => a.action === 'cancel');
  const act = useMutation({
    mutationFn: () => actOnMyTransfer(transfer.id, { action: 'cancel' }),
    onSuccess: () => {
      toast('已撤回接转申请');
      void queryClient.invalidateQueries({ queryKey: ['my-membership'] });
    },
    onError: (error) => toast(errorMessage(error)),
  });
  return (
    <div className="me-transfer" data-testid="me-transfer">
      <div className="me-transfer-head">
        <span>
          {transfer.fromOrgName} → {transfer.toOrgName}
        </span>
        <Tag tone={transfer.tone}>{transfer.stateLabel}</Tag>
      </div>
      {transfer.reason && <p className="me-muted">原因：{transfer.reason}</p>}
      <History entries={transfer.timeline} />
      {cancel && (
        <Button
          size="small"
          loading={act.isPending}
          testId="me-transfer-cancel"
          onClick={async () => {
            if (await confirm({ title: `${cancel.label}？`, content: '撤回后如仍需接转，可以重新申请。', confirmText: '撤回' })) act.mutate();
          }}
        >
          {cancel.label}
        </Button>
      )}
    </div>
  );
}
