import { Alert, App, Button, Descriptions, Divider, Empty, Flex, Input, Radio, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ConfirmButton } from '../../components/ConfirmButton';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { HistoryTimeline, type TimelineEntry } from '../../components/HistoryTimeline';
import { useTableWidth } from '../../components/ResponsiveTable';
import { WorkflowActions } from '../../components/WorkflowActions';
import { errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/time';
import { agreementUrl, type CaseDetail, type RatingInput } from './api';
import { useActOnCase, useCase, useMediationMeta, useRateCase, useSignReceipt, useStudios } from './hooks';
import { yuan } from '../../lib/money';
import { CaseTags } from './shared';

/** What a history entry's input says, for those who may read it (the server sends no input to the others). */
function describe(entry: TimelineEntry): string[] {
  const input = (entry.payload as { input?: Record<string, unknown> } | null)?.input;
  if (!input) return [];
  const lines: string[] = [];
  if (typeof input.heldOn === 'string') lines.push(`${input.heldOn}${typeof input.place === 'string' ? ` · ${input.place}` : ''}`);
  for (const key of ['people', 'notes', 'note', 'court', 'ruling', 'referredTo', 'terms'] as const) if (typeof input[key] === 'string') lines.push(input[key]);
  return lines;
}

/** The worker's own acts: 签收 the agreement, rate the result. */
function WorkerActs({ record }: { record: CaseDetail }) {
  const { message } = App.useApp();
  const sign = useSignReceipt();
  const rate = useRateCase();
  const ratings = useMediationMeta().data?.ratings ?? [];
  const [rating, setRating] = useState<RatingInput['rating'] | null>(null);
  const [comment, setComment] = useState('');
  if (!record.canSign && !record.canRate) return null;
  return (
    <Flex vertical gap={12} style={{ padding: 12, background: 'var(--lx-subtle, #f6f8fa)', borderRadius: 8 }} data-testid="worker-acts">
      {record.canSign && (
        <ConfirmButton type="primary" title="确认已收到调解协议书？" description="签收表示您已收到并知悉协议内容。" okText="签收" successMessage="已签收" onConfirm={() => sign.mutateAsync(record.id)} data-testid="case-sign">
          签收调解协议书
        </ConfirmButton>
      )}
      {record.canRate && (
        <Flex vertical gap={8}>
          <Typography.Text strong>您对调解结果满意吗？</Typography.Text>
          <Radio.Group value={rating} onChange={(e) => setRating(e.target.value as RatingInput['rating'])} options={ratings.map((r) => ({ value: r.code, label: r.label }))} data-testid="case-rating" />
          <Input.TextArea rows={2} maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="意见（可不填）" />
          <Button
            type="primary"
            disabled={rating === null}
            loading={rate.isPending}
            data-testid="case-rate"
            onClick={() =>
              rating &&
              rate.mutate({ id: record.id, rating, comment: comment.trim() || null }, { onSuccess: () => message.success('感谢您的评价'), onError: (err) => message.error(errorMessage(err)) })
            }
          >
            提交评价
          </Button>
        </Flex>
      )}
    </Flex>
  );
}

/** One case: who, what, how far it has come, what was agreed and what the user may do next. */
export function CaseView({ id }: { id: number }) {
  const tableWidth = useTableWidth();
  const query = useCase(id);
  const act = useActOnCase();
  const studios = useStudios();
  const record = query.data;
  if (query.isPending) return <Spin />;
  if (!record) return <ErrorAlert error={query.error} />;
  const team = (studios.data?.find((s) => s.id === record.studioId)?.members ?? []).filter((m) => m.active && m.userId !== null);
  const isWorker = record.myParty !== null && !record.canSeeNotes;

  return (
    <Flex vertical gap={16} data-testid="case-view">
      <Flex vertical gap={6}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {record.subject}
        </Typography.Title>
        <CaseTags record={record} />
      </Flex>
      {record.massIncident && <Alert type="error" showIcon title={`群体性劳动争议：涉及职工 ${record.workerCount} 人，已于 ${formatDateTime(record.escalatedAt)} 报告领导`} />}
      <WorkerActs record={record} />
      <WorkflowActions
        actions={record.allowedActions}
        subject={record.subject}
        onAct={(action, input) => act.mutateAsync({ id: record.id, action, input })}
        choices={{
          leadMemberId: { options: team.map((m) => ({ value: m.id, label: `${m.name}（${m.roleLabel}）` })), empty: '团队中还没有有账号的成员' },
          partyId: { options: record.workers.map((w) => ({ value: w.id, label: w.name })) },
        }}
      />
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="调解工作室">{record.studioName}</Descriptions.Item>
        <Descriptions.Item label="主办调解员">{record.leadName ?? <Typography.Text type="warning">待认领</Typography.Text>}</Descriptions.Item>
        <Descriptions.Item label="受理日期">{record.receivedOn}</Descriptions.Item>
        {record.deadline && (
          <Descriptions.Item label={record.courtCaseNo ? '法院调解期限' : '15 日调解期限'}>
            {record.deadline.dueOn}（{record.deadline.statusLabel}）
            {!record.courtCaseNo && <div className="lx-muted">《劳动争议调解仲裁法》第十四条：自收到申请之日起 15 日内未达成协议的，当事人可以依法申请仲裁</div>}
          </Descriptions.Item>
        )}
        {record.courtCaseNo && (
          <Descriptions.Item label="法院案号">
            {record.courtName} {record.courtCaseNo}
            {record.courtDueOn && <span className="lx-muted">（法院要求 {record.courtDueOn} 前完成调解）</span>}
          </Descriptions.Item>
        )}
        <Descriptions.Item label="用人单位">
          {record.enterpriseName}
          {record.enterpriseCreditCode && <div className="lx-muted">统一社会信用代码 {record.enterpriseCreditCode}</div>}
        </Descriptions.Item>
        {record.signalId !== null && (
          <Descriptions.Item label="来源预警">
            <Link to={`/risk-signals/${record.signalId}`} data-testid="case-signal">
              查看转来的风险预警
            </Link>
          </Descriptions.Item>
        )}
        <Descriptions.Item label="诉求金额">{yuan(record.claimedTotal)}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{record.facts}</Typography.Paragraph>

      <Divider titlePlacement="start" style={{ margin: 0 }}>
        职工当事人（{record.workerCount} 人）
      </Divider>
      <Table
        size="small"
        rowKey={(w) => w.id}
        pagination={{ hideOnSinglePage: true, pageSize: 20 }}
        dataSource={record.workers}
        {...tableWidth}
        columns={[
          { key: 'name', title: '姓名', render: (_, w) => <>{w.name}{w.isMember && <Tag style={{ marginLeft: 4 }}>会员</Tag>}</> },
          ...(isWorker ? [] : [{ key: 'phone', title: '手机号', render: (_: unknown, w: CaseDetail['workers'][number]) => w.phone ?? '—' }]),
          { key: 'receipt', title: '签收', render: (_, w) => (w.receiptSignedAt ? '已签收' : '—') },
          { key: 'rating', title: '评价', render: (_, w) => w.ratingLabel ?? '—' },
        ]}
        data-testid="case-workers"
      />

      <Divider titlePlacement="start" style={{ margin: 0 }}>
        诉求
      </Divider>
      {record.claims.map((c) => (
        <Flex key={c.id} justify="space-between">
          <span>
            {c.typeLabel}
            {c.note && <span className="lx-muted"> · {c.note}</span>}
          </span>
          <span>{c.amount ? yuan(c.amount) : '—'}</span>
        </Flex>
      ))}

      <Divider titlePlacement="start" style={{ margin: 0 }}>
        走访与调解
      </Divider>
      {record.entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有走访或调解记录" />
      ) : (
        record.entries.map((e) => (
          <div key={e.id} data-testid="case-entry">
            <Typography.Text strong>
              {e.kindLabel} {e.heldOn ?? ''}
            </Typography.Text>
            {e.place && <span className="lx-muted"> · {e.place}</span>}
            {e.people && <div className="lx-muted">{e.people}</div>}
            {e.notes && <div style={{ whiteSpace: 'pre-wrap' }}>{e.notes}</div>}
          </div>
        ))
      )}

      {record.agreement && (
        <>
          <Divider titlePlacement="start" style={{ margin: 0 }}>
            调解协议
          </Divider>
          <Flex vertical gap={8} data-testid="case-agreement">
            <Typography.Text>
              {record.agreement.agreedOn} 签订，共 {yuan(record.agreement.total)}
            </Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{record.agreement.terms}</Typography.Paragraph>
            <div>
              {record.agreement.shares.map((s) => (
                <Tag key={s.partyId}>
                  {s.name} {yuan(s.amount)}
                </Tag>
              ))}
            </div>
            {record.agreement.instalments.map((p, i) => (
              <div key={p.dueOn}>
                第 {i + 1} 期：{p.dueOn} 前支付 {yuan(p.amount)}
              </div>
            ))}
            {record.confirmationCourt && <div>司法确认：{record.confirmationCourt}{record.confirmationRuling ? ` ${record.confirmationRuling}` : '（审查中）'}</div>}
            <div>
              <DownloadButton href={agreementUrl(record.id)} testId="case-agreement-docx">
                调解协议书（Word）
              </DownloadButton>
            </div>
          </Flex>
        </>
      )}
      {(record.referredTo || record.outcomeNote) && (
        <Alert type="info" showIcon title={record.referredTo ? `已转 ${record.referredTo}` : '结果说明'} description={record.outcomeNote ?? undefined} />
      )}

      <Divider titlePlacement="start" style={{ margin: 0 }}>
        办理过程
      </Divider>
      <HistoryTimeline entries={record.timeline} describe={describe} testId="case-history" />
    </Flex>
  );
}
