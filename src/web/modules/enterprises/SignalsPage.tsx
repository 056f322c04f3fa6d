import { Card, Flex, Table, type TableColumnsType, Typography } from 'antd';
import { Link } from 'react-router';
import { type FilterField, ListPage, useListParams } from '../../components/ListPage';
import { StateTag, stateOptions, useWorkflowStates } from '../../components/StateTag';
import type { RiskSignal, SignalFilterKey, SignalStatistics } from './api';
import { useEnterprisesMeta, useSignals, useSignalStatistics } from './hooks';
import { SignalView } from './SignalView';
import { yuan } from '../../lib/money';
import { DETAIL_WIDTH, LevelTag, WORKFLOW } from './shared';

const COLUMNS: TableColumnsType<RiskSignal> = [
  { key: 'severity', title: '等级', sorter: true, render: (_, s) => <LevelTag level={s.level} label={s.levelLabel} /> },
  {
    key: 'enterprise',
    title: '企业',
    render: (_, s) => (
      <div style={{ minWidth: 180 }}>
        {s.enterpriseName}
        <div className="lx-muted">{s.creditCode}</div>
      </div>
    ),
  },
  { key: 'kind', title: '风险类型', dataIndex: 'kindLabel' },
  { key: 'state', title: '状态', render: (_, s) => <StateTag workflow={WORKFLOW} state={s.state} label={s.stateLabel} /> },
  { key: 'description', title: '情况', render: (_, s) => <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, minWidth: 220, maxWidth: 360 }}>{s.description}</Typography.Paragraph> },
  { key: 'workersAffected', title: '涉及职工', sorter: true, render: (_, s) => `${s.workersAffected} 人` },
  { key: 'amountFen', title: '涉及金额', sorter: true, render: (_, s) => yuan(s.amountFen) },
  { key: 'reportedOn', title: '发现日期', sorter: true, dataIndex: 'reportedOn' },
  { key: 'org', title: '负责工会', dataIndex: 'orgName' },
  { key: 'follower', title: '跟进人', render: (_, s) => s.follower ?? '—' },
];

/** The counts of one dimension as a small table. */
function Tally({ title, rows }: { title: string; rows: SignalStatistics['byKind'] }) {
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="code"
      dataSource={rows}
      columns={[
        { key: 'label', title, dataIndex: 'label' },
        { key: 'count', title: '条数', dataIndex: 'count', align: 'right' },
      ]}
      style={{ minWidth: 200 }}
    />
  );
}

/** 预警统计 of the subtree (or of the union the list is filtered to). */
function Statistics({ orgId }: { orgId?: string }) {
  const stats = useSignalStatistics(orgId).data;
  if (!stats) return null;
  return (
    <Card size="small" title={`预警统计（共 ${stats.total} 条）`} style={{ marginBottom: 16 }} data-testid="signal-statistics">
      <Flex gap={16} wrap>
        <Tally title="等级" rows={stats.byLevel} />
        <Tally title="风险类型" rows={stats.byKind} />
        <Tally title="状态" rows={stats.byState} />
      </Flex>
    </Card>
  );
}

/** 风险预警: the subtree's signals, the red first; a row opens the signal with what the user may do. */
export function SignalsPage() {
  const meta = useEnterprisesMeta().data;
  const states = useWorkflowStates(WORKFLOW).data;
  const filters: FilterField<SignalFilterKey>[] = [
    { kind: 'text', key: 'q', label: '企业', placeholder: '企业名称或统一社会信用代码' },
    { kind: 'select', key: 'level', label: '等级', options: meta?.levels.map((l) => ({ value: l.code, label: l.label })) ?? [] },
    { kind: 'select', key: 'kind', label: '风险类型', options: meta?.kinds.map((k) => ({ value: k.code, label: k.label })) ?? [] },
    { kind: 'select', key: 'state', label: '状态', options: stateOptions(states) },
    { kind: 'org', key: 'orgId', label: '工会' },
  ];
  const list = useListParams(filters);
  const signals = useSignals(list.params);
  const filtered = filters.some((f) => f.kind !== 'dateRange' && list.params[f.key]);

  return (
    <ListPage
      tableId="enterprise-signals"
      phoneColumns={['enterprise', 'severity', 'kind', 'state']}
      title="风险预警"
      list={list}
      query={signals}
      columns={COLUMNS}
      rowKey={(s) => s.id}
      header={<Statistics orgId={list.params.orgId} />}
      emptyText={filtered ? '没有符合条件的预警' : '还没有风险预警：在「一企一策」中打开企业，登记预警或记录主动访查'}
      detail={{
        width: DETAIL_WIDTH,
        title: (s) => <Link to={`/risk-signals/${s.id}`}>{s.enterpriseName}的预警</Link>,
        render: (s) => <SignalView id={s.id} />,
      }}
    />
  );
}
