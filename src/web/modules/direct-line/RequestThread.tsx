import { skipToken, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Collapse, Empty, Flex, Input, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { HistoryTimeline } from '../../components/HistoryTimeline';
import { type FieldChoices, WorkflowActions } from '../../components/WorkflowActions';
import { errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/time';
import { listProposals } from '../proposals/api';
import type { ReferenceField, RequestDetail } from './api';
import { useActOnRequest, useRequest } from './hooks';
import { askedWhom, RequestTags } from './shared';

const MY_PROPOSALS = { view: 'mine', page: 1, pageSize: 100 } as const;

/** 关联已有提案: the representative's own proposals, fetched only when the action is on offer. */
function useProposalChoices(asked: boolean): FieldChoices {
  const mine = useQuery({ queryKey: ['proposals', 'list', MY_PROPOSALS], queryFn: asked ? () => listProposals(MY_PROPOSALS) : skipToken });
  return {
    options: (mine.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.serialNo ?? '草稿'} ${p.title}（${p.stateLabel}）` })),
    loading: mine.isFetching,
    empty: '您还没有提案；不选则按本诉求起草新提案',
  };
}

/** The proposal the request became: a link the worker follows, or word that it is still being drafted. */
function ProposalLink({ proposal }: { proposal: NonNullable<RequestDetail['proposal']> }) {
  if (!proposal.visible) return <Alert type="info" showIcon title="已转为提案" description="代表正在完善提案草稿，提交后可在这里查看提案办理进度。" />;
  return (
    <Alert
      type="success"
      showIcon
      data-testid="request-proposal"
      title={
        <span>
          已转为提案：<Link to={`/proposals/${proposal.id}`}>{proposal.serialNo ? `${proposal.serialNo} ` : ''}{proposal.title}</Link>
        </span>
      }
      description={`提案当前状态：${proposal.stateLabel}`}
    />
  );
}

/** The thread as a chat: the viewer's side on the right. */
function Messages({ request: r, workerView }: { request: RequestDetail; workerView: boolean }) {
  if (r.messages.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无留言" />;
  return (
    <Flex vertical gap={12} data-testid="request-messages">
      {r.messages.map((m) => {
        const mine = m.fromWorker === workerView;
        return (
          <Flex key={m.id} vertical align={mine ? 'end' : 'start'} data-testid="request-message-item">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {m.authorName} · {formatDateTime(m.at)}
            </Typography.Text>
            <div
              style={{
                maxWidth: '85%',
                padding: '8px 12px',
                borderRadius: 12,
                whiteSpace: 'pre-wrap',
                wordBreak: 'break-word',
                background: mine ? '#e6f4ff' : '#f5f5f5',
              }}
            >
              {m.text}
            </div>
          </Flex>
        );
      })}
    </Flex>
  );
}

/** The message box for the one message the user may send now (回复, 追问, 补充说明), as the server says. */
function Composer({ request: r }: { request: RequestDetail }) {
  const { message } = App.useApp();
  const act = useActOnRequest();
  const [text, setText] = useState('');
  if (!r.messageAction) return null;
  const { action, label } = r.messageAction;
  const send = async () => {
    try {
      await act.mutateAsync({ id: r.id, action, input: { text: text.trim() } });
      setText('');
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  return (
    <Flex vertical gap={8}>
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 2, maxRows: 6 }}
        maxLength={2000}
        placeholder={action === 'reply' ? '写下您的答复' : '还有什么想补充或追问的'}
        data-testid="request-message"
      />
      <Flex justify="end">
        <Button type="primary" onClick={send} loading={act.isPending} disabled={text.trim().length < 2} data-testid="request-send">
          {label}
        </Button>
      </Flex>
    </Flex>
  );
}

/** A request with its thread, the proposal it became, the message box and the other allowed actions. */
export function RequestThread({ id }: { id: number }) {
  const { can } = useAuth();
  const query = useRequest(id);
  const act = useActOnRequest();
  const r = query.data;
  const asked = Boolean(r?.allowedActions.some((a) => Object.keys((a.input as { properties?: object } | null)?.properties ?? {}).includes('proposalId' satisfies ReferenceField)));
  const proposalChoices = useProposalChoices(asked);

  if (query.error) return <ErrorAlert error={query.error} />;
  if (!r) return <Spin />;
  return (
    <Flex vertical gap={16} data-testid="request-thread">
      <div data-testid="request-header">
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {r.subject}
        </Typography.Title>
        <RequestTags request={r} />
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          {askedWhom(r)}
        </Typography.Text>
      </div>
      {r.proposal && <ProposalLink proposal={r.proposal} />}
      {r.ratingComment && <Alert type="warning" title={`职工评价：${r.ratingLabel}`} description={r.ratingComment} />}
      <Messages request={r} workerView={can('directLine.ask')} />
      <Composer request={r} />
      <WorkflowActions
        actions={r.allowedActions}
        subject={`诉求「${r.subject}」`}
        choices={{ proposalId: proposalChoices } satisfies Partial<Record<ReferenceField, FieldChoices>>}
        onAct={(action, input) => act.mutateAsync({ id: r.id, action, ...(input === undefined ? {} : { input }) })}
      />
      <Collapse ghost size="small" items={[{ key: 'history', label: '办理记录', children: <HistoryTimeline entries={r.timeline} /> }]} />
    </Flex>
  );
}
