import { EditOutlined, LikeOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, type DescriptionsProps, Divider, Flex, Progress, Space, Spin, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth';
import { Attachments } from '../../components/Attachments';
import { ErrorAlert } from '../../components/ErrorAlert';
import { HistoryTimeline, type TimelineEntry } from '../../components/HistoryTimeline';
import { StateTag, useWorkflowStates } from '../../components/StateTag';
import { errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/time';
import type { ProposalReview, ProposalDetail as ProposalRecord, ProposalsMeta } from './api';
import { proposalAttachmentsKey, useCosign, useProposal, useProposalsMeta } from './hooks';
import { LoopSteps } from './LoopSteps';
import { ProposalActions } from './ProposalActions';
import { EditProposalModal } from './ProposalForm';
import { Deadline, ProposalProgress, serialOf, WORKFLOW } from './shared';

/** Labels stay on one line on a phone; the values wrap. */
const DESCRIPTION_STYLES = { label: { whiteSpace: 'nowrap' } } as const;
const ITEM_STYLE = { padding: '8px 12px', border: '1px solid var(--lx-border)', borderRadius: 6 };
/** Long texts keep the writer's paragraphs. */
const TEXT_STYLE = { whiteSpace: 'pre-wrap', margin: 0 } as const;

function Section({ title, children, testId }: { title: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section data-testid={testId}>
      <Divider titlePlacement="start" style={{ margin: '0 0 12px' }}>
        {title}
      </Divider>
      {children}
    </section>
  );
}

/** Label and value, one pair a row. */
function Facts({ items, testId }: { items: DescriptionsProps['items']; testId?: string }) {
  return <Descriptions size="small" bordered column={1} styles={DESCRIPTION_STYLES} items={items} data-testid={testId} />;
}

const labelOf = (list: { code: string; label: string }[] | undefined, code: unknown) => list?.find((c) => c.code === code)?.label ?? String(code);

/** What an entry of the proposal's history says besides its step: the reasons, opinions and choices of its input. */
function describeEntry(p: ProposalRecord, meta: ProposalsMeta | undefined) {
  return (entry: TimelineEntry): string[] => {
    const payload = entry.payload && typeof entry.payload === 'object' ? (entry.payload as Record<string, unknown>) : {};
    const lines: string[] = [];
    if (typeof payload.leadHandlerId === 'number' && p.handlers.lead?.id === payload.leadHandlerId) lines.push(`主办单位：${p.handlers.lead.name}`);
    if (Array.isArray(payload.coHandlerIds) && payload.coHandlerIds.length > 0) {
      const names = p.handlers.co.filter((u) => (payload.coHandlerIds as unknown[]).includes(u.id)).map((u) => u.name);
      if (names.length > 0) lines.push(`协办单位：${names.join('、')}`);
    }
    if (typeof payload.reviewGroupId === 'number' && p.review?.groupId === payload.reviewGroupId) lines.push(`审议小组：${p.review.groupName}`);
    // A vote is told only where the server lists the votes (to the group's members and the union).
    const cast = entry.action === 'vote' ? p.review?.votes.find((v) => v.name === entry.actorName) : undefined;
    if (cast) lines.push(`表决：${cast.voteLabel}${cast.opinion ? `，${cast.opinion}` : ''}`);
    if (typeof payload.intoId === 'number' && p.mergedInto?.id === payload.intoId) lines.push(`并入：${serialOf(p.mergedInto)} ${p.mergedInto.title}`);
    if (typeof payload.percent === 'number') lines.push(`办理进度：${payload.percent}%`);
    if (typeof payload.text === 'string' && payload.text) lines.push(payload.text);
    if (typeof payload.category === 'string') lines.push(`答复类别：${labelOf(meta?.answerCategories, payload.category)}`);
    if (typeof payload.rating === 'string') lines.push(`评价：${labelOf(meta?.ratings, payload.rating)}`);
    if (typeof payload.reason === 'string' && payload.reason) lines.push(`理由：${payload.reason}`);
    if (typeof payload.message === 'string' && payload.message) lines.push(`催办内容：${payload.message}`);
    if (typeof payload.note === 'string' && payload.note) lines.push(`意见：${payload.note}`);
    if (typeof payload.comment === 'string' && payload.comment) lines.push(`意见：${payload.comment}`);
    return lines;
  };
}

function Header({ proposal: p }: { proposal: ProposalRecord }) {
  return (
    <Flex vertical gap={6} data-testid="proposal-header">
      <Space wrap size={8}>
        <Typography.Text type="secondary" data-testid="proposal-serial">
          {p.serialNo ? `提案号 ${p.serialNo}` : '提交后编号'}
        </Typography.Text>
        <StateTag workflow={WORKFLOW} state={p.state} label={p.stateLabel} />
        {p.reopened && <Tag color="orange">不满意重新办理</Tag>}
        {p.congressSession && (
          <Tag color="purple" title={p.congressSession.name} data-testid="proposal-congress-tag">
            职代会提案
          </Tag>
        )}
      </Space>
      <Typography.Title level={4} style={{ margin: 0 }} data-testid="proposal-title-text">
        {p.title}
      </Typography.Title>
      {p.dueOn && (
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary">办理期限</Typography.Text>
          <Deadline proposal={p} />
        </Flex>
      )}
    </Flex>
  );
}

/** Why it stands where it stands: the reason of a refusal, merger or sent-back answer; where a merged one went; who sees a draft. */
function Notes({ proposal: p, flags, tone }: { proposal: ProposalRecord; flags: string[]; tone: string | undefined }) {
  return (
    <>
      {flags.includes('private') && (
        <Alert type="info" showIcon title="草稿只有您本人能看到。确认无误后点击「提交提案」：提交后编号，其他代表可以附议，附议人数够了由工会提交小组审议。" />
      )}
      {p.decisionReason && (
        <Alert type={tone === 'refused' ? 'error' : 'warning'} showIcon title="理由" description={<p style={TEXT_STYLE}>{p.decisionReason}</p>} data-testid="proposal-decision-reason" />
      )}
      {p.mergedInto && (
        <Alert
          type="info"
          showIcon
          title={
            <span>
              已并入提案 <Link to={`/proposals/${p.mergedInto.id}`}>{`${serialOf(p.mergedInto)} ${p.mergedInto.title}`}</Link>，随其办理
            </span>
          }
        />
      )}
    </>
  );
}

function Cosigners({ proposal: p }: { proposal: ProposalRecord }) {
  const { message } = App.useApp();
  const cosign = useCosign();
  return (
    <Flex vertical gap={8}>
      {p.cosigners.length === 0 ? (
        <Typography.Text type="secondary">还没有代表附议</Typography.Text>
      ) : (
        <Flex wrap gap={6} data-testid="proposal-cosigners">
          {p.cosigners.map((c) => (
            <Tag key={c.userId} title={`附议于 ${formatDateTime(c.at)}`} style={{ margin: 0 }}>
              {c.name}
            </Tag>
          ))}
        </Flex>
      )}
      {p.canCosign && (
        <div>
          <Button
            icon={<LikeOutlined />}
            loading={cosign.isPending}
            data-testid="proposal-cosign"
            onClick={() =>
              cosign.mutate(p.id, {
                onSuccess: () => message.success('已附议'),
                onError: (err) => message.error(errorMessage(err)),
              })
            }
          >
            附议
          </Button>
        </div>
      )}
    </Flex>
  );
}

/** One person's say on the proposal (a vote, a rating): who, what, when, and their words. */
function Verdict({ name, tags, at, text, testId }: { name: string; tags: ReactNode; at: string; text: string | null | undefined; testId?: string }) {
  return (
    <Flex vertical gap={2} style={ITEM_STYLE} data-testid={testId}>
      <Space wrap size={8}>
        <Typography.Text strong>{name}</Typography.Text>
        {tags}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(at)}
        </Typography.Text>
      </Space>
      {text && <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span>}
    </Flex>
  );
}

/**
 * What the group's votes allow the union to record, in the words of the
 * server's rule (workflow.ts `reviewBlocks`): a majority of the votes cast
 * once the quorum has voted; a tie is no majority.
 */
function reviewStanding({ quorum, accepting, refusing }: Pick<ProposalReview, 'quorum' | 'accepting' | 'refusing'>) {
  const cast = accepting + refusing;
  if (cast < quorum) return { ready: false, text: `尚未达到法定人数：需 ${quorum} 人投票，目前 ${cast} 人。达到后才能立案或不予立案。` };
  if (accepting * 2 > cast) return { ready: true, text: `小组多数同意立案（${accepting}/${cast}）：可以立案，不能不予立案。` };
  return { ready: true, text: `同意立案的票数未过半数（${accepting}/${cast}）：不能立案，可以不予立案。` };
}

const VOTE_COLORS: Record<ProposalReview['votes'][number]['vote'], string> = { accept: 'green', not_accept: 'red' };

/** 小组审议: the group, its tally, and (for its members and the union) each vote; the union's staff read what the tally allows. */
function Review({ review: r, deciding }: { review: ProposalReview; deciding: boolean }) {
  const cast = r.accepting + r.refusing;
  const standing = reviewStanding(r);
  return (
    <Flex vertical gap={8} data-testid="proposal-review">
      <Facts
        items={[
          { key: 'group', label: '审议小组', children: r.groupName },
          { key: 'quorum', label: '法定人数', children: `${r.quorum} 人（小组共 ${r.memberCount} 人）` },
          {
            key: 'tally',
            label: '表决情况',
            children: (
              <span data-testid="proposal-review-tally">
                同意 {r.accepting} / 不同意 {r.refusing}，已投 {cast}/{r.memberCount}，需 {r.quorum} 人
              </span>
            ),
          },
        ]}
      />
      {deciding && <Alert type={standing.ready ? 'info' : 'warning'} showIcon title={standing.text} data-testid="proposal-review-standing" />}
      {r.votes.map((v) => (
        <Verdict key={v.userId} name={v.name} tags={<Tag color={VOTE_COLORS[v.vote]}>{v.voteLabel}</Tag>} at={v.at} text={v.opinion} testId="proposal-review-vote" />
      ))}
      {r.notVoted.length > 0 && (
        <Typography.Text type="secondary" data-testid="proposal-review-not-voted">
          尚未表决：{r.notVoted.join('、')}
        </Typography.Text>
      )}
    </Flex>
  );
}

function Handling({ proposal: p }: { proposal: ProposalRecord }) {
  return (
    <Facts
      testId="proposal-handlers"
      items={[
        { key: 'lead', label: '主办单位', children: p.handlers.lead?.name ?? '—' },
        { key: 'co', label: '协办单位', children: p.handlers.co.length > 0 ? p.handlers.co.map((u) => u.name).join('、') : '—' },
        { key: 'due', label: '办理期限', children: <Deadline proposal={p} /> },
        { key: 'progress', label: '办理进度', children: <ProposalProgress proposal={p} width="100%" /> },
      ]}
    />
  );
}

function ProgressPosts({ proposal: p }: { proposal: ProposalRecord }) {
  if (p.progress.length === 0) return <Typography.Text type="secondary">承办单位尚未报送办理进展</Typography.Text>;
  return (
    <Timeline
      data-testid="proposal-progress"
      items={p.progress.map((post) => ({
        key: post.id,
        content: (
          <Flex vertical gap={2} data-testid="proposal-progress-item">
            <Space wrap size={8}>
              <Progress type="circle" percent={post.percent} size={28} />
              <Typography.Text strong>{post.unitName ?? post.authorName}</Typography.Text>
            </Space>
            <span className="lx-muted" style={{ fontSize: 12 }}>
              {formatDateTime(post.at)}
              {/* The unit's account is often named as the unit: the name once. */}
              {post.unitName && post.authorName !== post.unitName ? ` · ${post.authorName}` : ''}
            </span>
            <p style={TEXT_STYLE}>{post.text}</p>
          </Flex>
        ),
      }))}
    />
  );
}

function Answer({ answer }: { answer: NonNullable<ProposalRecord['answer']> }) {
  return (
    <Flex vertical gap={6} style={ITEM_STYLE} data-testid="proposal-answer">
      <Space wrap size={8}>
        <Tag color={answer.category === 'A' ? 'green' : answer.category === 'B' ? 'blue' : 'default'}>
          {answer.category} 类 · {answer.categoryLabel}
        </Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          答复于 {formatDateTime(answer.answeredAt)}
        </Typography.Text>
      </Space>
      <p style={TEXT_STYLE}>{answer.text}</p>
    </Flex>
  );
}

const RATING_COLORS: Record<ProposalRecord['ratings'][number]['rating'], string> = { satisfied: 'green', basically_satisfied: 'blue', unsatisfied: 'red' };

function Ratings({ proposal: p }: { proposal: ProposalRecord }) {
  if (p.ratings.length === 0) return <Typography.Text type="secondary">答复经督查通过后，提案人、附议人和反映问题的职工可以评价办理结果</Typography.Text>;
  return (
    <Flex vertical gap={8} data-testid="proposal-ratings">
      {p.ratings.map((r, i) => (
        <Verdict
          key={i}
          name={r.name}
          tags={
            <>
              <Tag color={RATING_COLORS[r.rating]}>{r.ratingLabel}</Tag>
              {r.round > 1 && <Tag>第 {r.round} 轮</Tag>}
            </>
          }
          at={r.at}
          text={r.comment}
        />
      ))}
    </Flex>
  );
}

function ProposalBody({ proposal: p, onDone, onReload }: { proposal: ProposalRecord; onDone?: () => void; onReload: () => Promise<unknown> }) {
  const [editing, setEditing] = useState(false);
  const meta = useProposalsMeta().data;
  const { can } = useAuth();
  const state = useWorkflowStates(WORKFLOW).data?.states.find((s) => s.state === p.state);
  const flags = state?.flags ?? [];
  const assigned = p.handlers.lead !== null;

  return (
    <Flex vertical gap={16} data-testid="proposal-detail">
      <Header proposal={p} />
      <LoopSteps proposal={p} />
      <Notes proposal={p} flags={flags} tone={state?.tone} />

      {(p.allowedActions.length > 0 || p.canEdit) && (
        <Flex gap={8} wrap data-testid="proposal-actions">
          {p.canEdit && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="proposal-edit">
              修改
            </Button>
          )}
          <ProposalActions proposal={p} onDone={onDone} />
        </Flex>
      )}

      <Section title="基本情况">
        <Facts
          items={[
            { key: 'field', label: '提案类别', children: p.fieldLabel },
            { key: 'submitter', label: '提案人', children: p.submitterName },
            { key: 'org', label: '所在工会', children: p.orgName },
            ...(p.worker ? [{ key: 'worker', label: '反映人', children: p.worker.name }] : []),
            ...(p.congressSession ? [{ key: 'congress', label: '职代会', children: p.congressSession.name }] : []),
            { key: 'submitted', label: '提交时间', children: p.submittedAt ? formatDateTime(p.submittedAt) : '尚未提交' },
            ...(p.concludedAt ? [{ key: 'concluded', label: '办结时间', children: formatDateTime(p.concludedAt) }] : []),
          ]}
        />
      </Section>

      <Section title="案由">
        <p style={TEXT_STYLE} data-testid="proposal-reasons-text">
          {p.reasons}
        </p>
      </Section>
      <Section title="建议">
        <p style={TEXT_STYLE} data-testid="proposal-suggestions-text">
          {p.suggestions}
        </p>
      </Section>

      <Section title="附件" testId="proposal-attachments">
        <Attachments url={`/api/proposals/${p.id}/attachments`} queryKey={proposalAttachmentsKey(p.id)} emptyText="没有附件" />
      </Section>

      <Section title={`附议（${p.cosigners.length} 人）`} testId="proposal-cosign-section">
        <Cosigners proposal={p} />
      </Section>

      {p.review && (
        <Section title="小组审议">
          {/* Only while the union decides, and only for those who may decide. */}
          <Review review={p.review} deciding={p.state === 'in_review' && can('proposals.review')} />
        </Section>
      )}

      {assigned && (
        <>
          <Section title="承办">
            <Handling proposal={p} />
          </Section>
          <Section title="办理进展">
            <ProgressPosts proposal={p} />
          </Section>
        </>
      )}

      {p.answer && (
        <Section title="答复">
          <Answer answer={p.answer} />
        </Section>
      )}

      {(p.ratings.length > 0 || flags.includes('ratable')) && (
        <Section title="评价">
          <Ratings proposal={p} />
        </Section>
      )}

      <Section title="流程记录">
        <HistoryTimeline entries={p.timeline} describe={describeEntry(p, meta)} testId="proposal-history" />
      </Section>

      {p.canEdit && <EditProposalModal proposal={p} open={editing} onClose={() => setEditing(false)} onReload={onReload} />}
    </Flex>
  );
}

/** One proposal, everything that happened to it and what the user may do next: in the lists' drawer and on its own page. */
export function ProposalDetail({ id, onDone }: { id: number; onDone?: () => void }) {
  const query = useProposal(id);
  if (query.error) return <ErrorAlert error={query.error} />;
  if (!query.data) return <Spin />;
  return <ProposalBody key={query.data.id} proposal={query.data} onDone={onDone} onReload={query.refetch} />;
}

