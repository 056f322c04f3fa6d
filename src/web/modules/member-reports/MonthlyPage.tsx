import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { Card, DatePicker, Flex, Form, Table, type TableColumnsType, Typography } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert';
import { dayjs, today } from '../../lib/time';
import { exportUrls, type Figures, type Measures, type MonthlyRow, type Rates } from './api';
import { useMonthly } from './hooks';
import { countColumns, DownloadButton, OrgField, OwnFiguresNote, pct, progressColumns, RankTag, type ReportLine, rowClassName, useReportOrg } from './shared';

interface Line extends ReportLine {
  row?: MonthlyRow;
  month: Figures;
  progress?: { ytd: Figures; target: Measures | null; rates: Rates };
}

function Movement({ value }: { value: number | null }) {
  if (value === null) return <span className="lx-muted">—</span>;
  if (value > 0)
    return (
      <span className="lx-rate-done">
        <ArrowUpOutlined /> {value}
      </span>
    );
  if (value < 0)
    return (
      <span className="lx-rate-low">
        <ArrowDownOutlined /> {-value}
      </span>
    );
  return (
    <span className="lx-muted">
      <MinusOutlined /> 持平
    </span>
  );
}

const RANK_COLUMN: TableColumnsType<Line>[number] = {
  key: 'rank',
  title: '排名',
  width: 100,
  fixed: 'left',
  render: (_, line) => (line.row ? <RankTag rank={line.row.rank} last={line.row.last} /> : ''),
};
const FIGURE_COLUMNS: TableColumnsType<Line> = [
  { key: 'name', title: '单位', dataIndex: 'name', width: 180, fixed: 'left' },
  countColumns<Line>('本月', 'month', (line) => line.month),
  ...progressColumns<Line>((line) => line.progress),
];
const RANKING_COLUMNS: TableColumnsType<Line> = [
  { key: 'score', title: '综合完成率', align: 'right', render: (_, line) => (line.row ? <b>{pct(line.row.score)}</b> : '') },
  { key: 'previousRank', title: '上月排名', align: 'right', render: (_, line) => (line.row ? (line.row.previousRank ?? '—') : '') },
  { key: 'movement', title: '位次变化', render: (_, line) => (line.row ? <Movement value={line.row.movement} /> : '') },
];
/** A town's units are not ranked: its table has the figures only. */
const columnsOf = (ranked: boolean): TableColumnsType<Line> => (ranked ? [RANK_COLUMN, ...FIGURE_COLUMNS, ...RANKING_COLUMNS] : FIGURE_COLUMNS);

/** 月例会数据: a month's figures per district, the year to date against targets, and the move in rank since last month. */
export function MonthlyPage() {
  const { orgId, params, update, setOrgId } = useReportOrg();
  const month = params.get('month') ?? today().format('YYYY-MM');
  const monthly = useMonthly(orgId, month);
  const m = monthly.data;

  const lines: Line[] = m
    ? [
        ...m.rows.map((row) => ({ key: String(row.districtId), kind: 'district' as const, name: row.districtName, row, month: row.month, progress: row })),
        ...(m.direct
          ? [{ key: 'direct', kind: 'direct' as const, name: m.org.directLabel, month: m.direct.month, progress: { ytd: m.direct.ytd, target: null, rates: { newUnions: null, newMembers: null, newFormMembers: null } } }]
          : []),
        { key: 'total', kind: 'total' as const, name: '合计', month: m.total.month, progress: m.total },
      ]
    : [];

  return (
    <Card title="月例会数据" extra={orgId && <DownloadButton href={exportUrls.monthlyXlsx(orgId, month)} testId="monthly-export">导出 Excel</DownloadButton>}>
      <Flex gap={16} wrap style={{ marginBottom: 16 }}>
        <OrgField orgId={orgId} onChange={setOrgId} />
        <Form.Item label="月份" style={{ marginBottom: 0 }}>
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(value) => value && update({ month: value.format('YYYY-MM') })}
            data-testid="monthly-month"
          />
        </Form.Item>
      </Flex>
      {m && (
        <Typography.Paragraph type="secondary">
          {m.org.ranksDistricts ? (
            <>
              {m.org.name} · {m.monthStart} 至 {m.monthEnd}；位次变化与 {m.previousMonth} 月末的排名相比。每月召开一次各{m.org.districtLabel}分管工会主席例会，查找问题，研究举措。
            </>
          ) : (
            <>
              {m.org.name} · {m.monthStart} 至 {m.monthEnd}；全年累计自 {m.year}-01-01 起。
              <OwnFiguresNote />
            </>
          )}
        </Typography.Paragraph>
      )}
      <ErrorAlert error={monthly.error} />
      <Table<Line>
        rowKey="key"
        bordered
        size="middle"
        columns={columnsOf(m?.org.ranksDistricts ?? true)}
        dataSource={lines}
        loading={monthly.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowClassName={(line) => (line.row?.last ? 'lx-report-last' : rowClassName(line))}
        data-testid="monthly-table"
      />
    </Card>
  );
}
