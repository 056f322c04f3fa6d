import { Card, Checkbox, Col, Empty, Flex, Row, Statistic, Table, type TableColumnsType, Tabs, Tooltip, Typography } from 'antd';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgPeriodFilter } from '../../components/OrgPeriodFilter';
import { useTableWidth } from '../../components/ResponsiveTable';
import { pct } from '../../lib/numbers';
import { intParam, useUrlParams } from '../../lib/useUrlParams';
import { type ProposalFigures, proposalBookUrl, type ProposalStatistics, type StatisticsParams } from './api';
import { useProposalStatistics } from './hooks';
import { CategoryPie, FieldBars } from './StatisticsCharts';

/** The rates as cards: what each is made of on hover, — when there is nothing to divide by. */
const KPIS: { key: string; title: string; how: string; value: (f: ProposalFigures) => string | number; testId: string }[] = [
  { key: 'submitted', title: '提交提案', how: '期内提交且未撤回的提案（件）', value: (f) => f.submitted, testId: 'kpi-submitted' },
  { key: 'acceptance', title: '立案率', how: '立案 ÷（立案 + 不予立案）；并案的不计入', value: (f) => pct(f.acceptanceRate), testId: 'kpi-acceptance' },
  { key: 'answer', title: '办复率', how: '已答复 ÷ 已交办', value: (f) => pct(f.answerRate), testId: 'kpi-answer' },
  { key: 'conclusion', title: '办结率', how: '已办结 ÷ 立案', value: (f) => pct(f.conclusionRate), testId: 'kpi-conclusion' },
  { key: 'satisfaction', title: '满意率', how: '（满意 + 基本满意）÷ 测评人次，每人每件按最后一次评价', value: (f) => pct(f.satisfactionRate), testId: 'kpi-satisfaction' },
  { key: 'onTime', title: '按期办复率', how: '办理期限内答复的 ÷ 已答复', value: (f) => pct(f.onTimeRate), testId: 'kpi-on-time' },
  { key: 'overdue', title: '逾期未办', how: '交办后超过办理期限仍未答复的提案（件）', value: (f) => f.overdue, testId: 'kpi-overdue' },
  { key: 'days', title: '平均办理天数', how: '交办至答复的平均自然日', value: (f) => f.averageHandlingDays ?? '—', testId: 'kpi-days' },
];

type Row = ProposalFigures & { key: string; name: string };
const rateColumn = (title: string, rate: (f: ProposalFigures) => number | null) => ({ key: title, title, align: 'right' as const, render: (_: unknown, row: Row) => pct(rate(row)) });
const countColumn = (title: string, key: keyof ProposalFigures) => ({ key, title, dataIndex: key, align: 'right' as const });
const nameColumn = (title: string) => ({ key: 'name', title, dataIndex: 'name', fixed: 'left' as const, width: 240 });

const HANDLER_COLUMNS: TableColumnsType<Row> = [
  nameColumn('主办单位'),
  countColumn('交办', 'assigned'),
  countColumn('已答复', 'answered'),
  countColumn('逾期未办', 'overdue'),
  rateColumn('办复率', (f) => f.answerRate),
  rateColumn('按期办复率', (f) => f.onTimeRate),
  rateColumn('满意率', (f) => f.satisfactionRate),
  { key: 'days', title: '平均办理天数', align: 'right', render: (_: unknown, row: Row) => row.averageHandlingDays ?? '—' },
];
const FIELD_COLUMNS: TableColumnsType<Row> = [
  nameColumn('提案类别'),
  countColumn('提交', 'submitted'),
  countColumn('立案', 'accepted'),
  rateColumn('立案率', (f) => f.acceptanceRate),
  rateColumn('办复率', (f) => f.answerRate),
  rateColumn('办结率', (f) => f.conclusionRate),
  rateColumn('满意率', (f) => f.satisfactionRate),
];
const UNION_COLUMNS: TableColumnsType<Row> = [...FIELD_COLUMNS.map((c) => (c.key === 'name' ? nameColumn('工会') : c)), countColumn('逾期未办', 'overdue')];

function FigureTable({ rows, columns, empty, testId }: { rows: Row[]; columns: TableColumnsType<Row>; empty: string; testId: string }) {
  const tableWidth = useTableWidth();
  return (
    <Table<Row>
      rowKey="key"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      {...tableWidth}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
      data-testid={testId}
    />
  );
}

function Tables({ s }: { s: ProposalStatistics }) {
  const handlers = s.byHandler.map((h) => ({ ...h, key: String(h.unitId) }));
  const fields = s.byField.map((f) => ({ ...f, key: f.field, name: f.label }));
  const unions = s.byUnion.map((u) => ({ ...u, key: String(u.orgId), name: u.own ? `${u.name}（本级）` : u.name }));
  return (
    <Tabs
      items={[
        {
          key: 'handlers',
          label: '按承办单位',
          children: <FigureTable rows={handlers} columns={HANDLER_COLUMNS} empty="期内还没有交办的提案：立案后在提案详情中交办给承办单位" testId="by-handler" />,
        },
        { key: 'fields', label: '按提案类别', children: <FigureTable rows={fields} columns={FIELD_COLUMNS} empty="期内没有提案" testId="by-field" /> },
        { key: 'unions', label: '按下级工会', children: <FigureTable rows={unions} columns={UNION_COLUMNS} empty="期内没有提案：换一个期间或组织看看" testId="by-union" /> },
      ]}
    />
  );
}

/**
 * 提案统计: the rates of an org's subtree over a period of submission (this year by default), the answer
 * categories and the fields as charts, the tables by handler, field and union, and 提案汇编 to download.
 */
export function StatisticsPage() {
  const [params, update] = useUrlParams();
  const query: StatisticsParams = { orgId: intParam(params, 'orgId') ?? undefined, from: params.get('from') ?? undefined, to: params.get('to') ?? undefined };
  const acceptedOnly = params.get('acceptedOnly') === 'true';
  const statistics = useProposalStatistics(query);
  const s = statistics.data;
  // The downloads name what is shown: the org and period the server settled on.
  const shown = s ? { orgId: s.org.id, from: s.from, to: s.to, acceptedOnly } : undefined;

  return (
    <Flex vertical gap={16}>
      <Card
        title="提案统计"
        extra={
          shown && (
            <Flex gap={8} wrap align="center">
              <Checkbox checked={acceptedOnly} onChange={(e) => update({ acceptedOnly: e.target.checked ? 'true' : null })} data-testid="book-accepted-only">
                汇编只含已立案
              </Checkbox>
              <DownloadButton href={proposalBookUrl('docx', shown)} testId="book-docx">
                提案汇编 Word
              </DownloadButton>
              <DownloadButton href={proposalBookUrl('xlsx', shown)} testId="book-xlsx">
                提案汇编 Excel
              </DownloadButton>
            </Flex>
          )
        }
      >
        <OrgPeriodFilter shown={s && { orgId: s.org.id, orgName: s.org.name, from: s.from, to: s.to }} orgId={query.orgId} periodLabel="提交日期" update={update} testIdPrefix="statistics" />
        <ErrorAlert error={statistics.error} />
        {s && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {s.org.name}及下级工会 · {s.from} 至 {s.to} 提交的提案（不含草稿）；逾期按 {s.asOf} 计算。
          </Typography.Paragraph>
        )}
      </Card>

      <Row gutter={[12, 12]} data-testid="kpi-cards">
        {KPIS.map((k) => (
          <Col key={k.key} xs={12} sm={8} md={6} xl={3}>
            <Card size="small" loading={statistics.isPending} data-testid={k.testId}>
              <Tooltip title={k.how}>
                <Statistic title={k.title} value={s ? k.value(s.totals) : '—'} />
              </Tooltip>
            </Card>
          </Col>
        ))}
      </Row>

      {s && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Card size="small" title={`答复类别（已答复 ${s.totals.answered} 件）`}>
                {s.totals.answered ? <CategoryPie categories={s.totals.categories} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="期内还没有答复的提案" />}
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card size="small" title="各类别提案">
                {s.totals.submitted ? <FieldBars rows={s.byField} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="期内没有提交的提案：换一个期间或组织看看" />}
              </Card>
            </Col>
          </Row>
          <Card size="small" title="办理情况" extra={<StateSummary s={s} />}>
            <Tables s={s} />
          </Card>
        </>
      )}
    </Flex>
  );
}

/** 各状态件数, in one line: where the period's proposals stand. */
function StateSummary({ s }: { s: ProposalStatistics }) {
  const standing = s.byState.filter((x) => x.count > 0);
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="by-state">
      {standing.length ? standing.map((x) => `${x.label} ${x.count}`).join(' · ') : '期内没有提案'}
    </Typography.Text>
  );
}
