import { EditOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Empty, Flex, Progress, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useTableWidth } from '../../components/ResponsiveTable';
import { StateTag } from '../../components/StateTag';
import { formatDateTime } from '../../lib/time';
import type { DeadlineFilter, DeadlineStatus, Proposal, ProposalsMeta } from './api';

/** The workflow's id on the server (proposals/workflow.ts). */
export const WORKFLOW = 'proposal';

/** The drawer's width on a desk; antd keeps it within the screen on a phone. */
export const DETAIL_WIDTH = 720;

/** A deadline's standing in antd's colours: the server computes it from the working-day calendar. */
const DEADLINE_COLORS: Record<DeadlineStatus, string> = { on_track: 'green', at_risk: 'orange', overdue: 'red' };

/** The list's deadline filter: its two choices, in the server's words. */
export const deadlineOptions = (meta: ProposalsMeta | undefined) =>
  (['at_risk', 'overdue'] satisfies DeadlineFilter[]).map((code) => ({ value: code, label: meta?.deadlineStatuses.find((s) => s.code === code)?.label ?? code }));

type DeadlineFields = Pick<Proposal, 'dueOn' | 'deadlineStatus' | 'deadlineStatusLabel'>;

/** 办理期限: the due date and, while it runs, its standing (正常 / 即将到期 / 已逾期); in a table the standing goes under the date. */
export function Deadline({ proposal: p, stacked = false }: { proposal: DeadlineFields; stacked?: boolean }) {
  if (!p.dueOn) return <span className="lx-muted">—</span>;
  return (
    <Flex vertical={stacked} gap={4} align={stacked ? 'start' : 'center'} data-testid="proposal-deadline">
      <span style={{ whiteSpace: 'nowrap' }}>{p.dueOn}</span>
      {p.deadlineStatus && (
        <Tag color={DEADLINE_COLORS[p.deadlineStatus]} style={{ margin: 0 }}>
          {p.deadlineStatusLabel}
        </Tag>
      )}
    </Flex>
  );
}

/** 进度, once a unit has it (or reported on it); before that a dash. */
export function ProposalProgress({ proposal: p, width = 110 }: { proposal: Pick<Proposal, 'dueOn' | 'progressPercent'>; width?: number | string }) {
  if (!p.dueOn && p.progressPercent === 0) return <span className="lx-muted">—</span>;
  return <Progress percent={p.progressPercent} size="small" style={{ width, margin: 0 }} />;
}

/** 提案号, or what a draft is. */
export const serialOf = (p: Pick<Proposal, 'serialNo'>) => p.serialNo ?? '草稿';

/** The drawer's title (the body's header gives the proposal's own). */
export const proposalTitle = (p: Pick<Proposal, 'serialNo'>) => (p.serialNo ? `提案 ${p.serialNo}` : '提案草稿');

/** Text that wraps at about this many pixels rather than widen the table. */
const wrapAt = (maxWidth: number, minWidth = 0) => (text: string) => <div style={{ minWidth, maxWidth }}>{text}</div>;

/**
 * The list's columns: what the proposal is and where it stands first, so a
 * laptop shows them without scrolling; who raised it after. A handler's list
 * leaves out who proposed it and the co-signers.
 */
export function proposalColumns({ forHandler = false }: { forHandler?: boolean } = {}): TableColumnsType<Proposal> {
  return [
    {
      key: 'serialNo',
      title: '提案号',
      render: (_, p) => (p.serialNo ? <span style={{ whiteSpace: 'nowrap' }}>{p.serialNo}</span> : <Typography.Text type="secondary">草稿</Typography.Text>),
    },
    { key: 'title', title: '标题', dataIndex: 'title', render: wrapAt(260, 150) },
    { key: 'state', title: '状态', render: (_, p) => <StateTag workflow={WORKFLOW} state={p.state} label={p.stateLabel} /> },
    { key: 'dueOn', title: '办理期限', render: (_, p) => <Deadline proposal={p} stacked /> },
    { key: 'progress', title: '进度', render: (_, p) => <ProposalProgress proposal={p} width={96} /> },
    { key: 'field', title: '类别', dataIndex: 'fieldLabel', render: wrapAt(100) },
    ...(forHandler
      ? []
      : [
          { key: 'submitter', title: '提案人', dataIndex: 'submitterName', render: (name: string) => <span style={{ whiteSpace: 'nowrap' }}>{name}</span> },
          { key: 'cosigners', title: '附议', dataIndex: 'cosignerCount', align: 'right' as const, render: (n: number) => <span style={{ whiteSpace: 'nowrap' }}>{n} 人</span> },
        ]),
    { key: 'org', title: '所在工会', dataIndex: 'orgName', render: wrapAt(140) },
    { key: 'updatedAt', title: '更新时间', dataIndex: 'updatedAt', render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at)}</span> },
  ];
}

/** What a phone shows of a proposal in a list: what it is, where it stands, its deadline. */
export const PROPOSAL_PHONE_COLUMNS = ['title', 'state', 'dueOn'];

/**
 * A table of the registers a union keeps (承办单位, 审议小组, 职代会): all rows
 * at once, as a union has a few; the empty state says what to do first.
 */
export function RecordTable<T extends { id: number }>({ query, columns, empty, testId }: { query: UseQueryResult<T[]>; columns: TableColumnsType<T>; empty: string; testId: string }) {
  const tableWidth = useTableWidth();
  return (
    <>
      <ErrorAlert error={query.error} />
      <Table<T>
        rowKey={(r) => r.id}
        columns={columns}
        dataSource={query.data}
        loading={query.isFetching}
        pagination={{ hideOnSinglePage: true, pageSize: 20 }}
        {...tableWidth}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
        data-testid={testId}
      />
    </>
  );
}

/** 修改 in a register's row. */
export function EditButton({ onClick, testId }: { onClick: () => void; testId: string }) {
  return (
    <Button type="link" size="small" icon={<EditOutlined />} onClick={onClick} data-testid={testId}>
      修改
    </Button>
  );
}
