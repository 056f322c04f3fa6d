import { Card, Empty, Flex, Pagination, Spin, Typography } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StateTag } from '../../components/StateTag';
import { useUrlParams } from '../../lib/useUrlParams';
import { formatDateTime } from '../../lib/time';
import type { Proposal } from './api';
import { useProposals } from './hooks';
import { LoopSteps } from './LoopSteps';
import { serialOf, WORKFLOW } from './shared';

const PAGE_SIZE = 10;

function ProposalCard({ proposal: p }: { proposal: Proposal }) {
  return (
    <Link to={`/proposals/${p.id}`} data-testid="my-proposal" style={{ color: 'inherit' }}>
      <Card size="small" hoverable>
        <Flex vertical gap={8}>
          <Flex justify="space-between" gap={8} align="start">
            <Typography.Text strong style={{ fontSize: 15 }}>
              {p.title}
            </Typography.Text>
            <StateTag workflow={WORKFLOW} state={p.state} label={p.stateLabel} />
          </Flex>
          <LoopSteps proposal={p} compact />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {serialOf(p)} · 会员代表 {p.submitterName} · {p.orgName} · 更新于 {formatDateTime(p.updatedAt)}
          </Typography.Text>
        </Flex>
      </Card>
    </Link>
  );
}

/**
 * 我的提案: what the worker asked a representative for and became a proposal,
 * each with where it stands in the five steps; a card opens the whole story
 * (every step, who, when, the answer, the rating). Made for a phone.
 */
export function MyProposalsPage() {
  const [params, update] = useUrlParams();
  const page = Number(params.get('page') ?? 1);
  const list = useProposals({ view: 'mine', page, pageSize: PAGE_SIZE });

  return (
    <Flex vertical gap={12} style={{ maxWidth: 720 }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          我的提案
        </Typography.Title>
        <Typography.Text type="secondary">您向会员代表反映、由代表提出的提案：提交、审议、办理、督查、评价，每一步都在这里。</Typography.Text>
      </div>
      <ErrorAlert error={list.error} />
      {list.isLoading ? (
        <Spin />
      ) : list.data?.items.length ? (
        <>
          {list.data.items.map((p) => (
            <ProposalCard key={p.id} proposal={p} />
          ))}
          {list.data.total > PAGE_SIZE && <Pagination simple current={page} pageSize={PAGE_SIZE} total={list.data.total} onChange={(next) => update({ page: next })} />}
        </>
      ) : (
        <Empty description="还没有为您提出的提案。有诉求可以通过「零距离」告诉您的会员代表，代表提出提案后，办理进度会显示在这里。" />
      )}
    </Flex>
  );
}
