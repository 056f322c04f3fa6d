import { count } from '../../lib/numbers';
import { Card, Col, DatePicker, Flex, Form, Row, Statistic, Table, type TableColumnsType, Typography } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DATE_FORMAT, dayjs, today } from '../../lib/time';
import { exportUrls, type Figures, type Measures, type Rates } from './api';
import { useComposition, useWeekly } from './hooks';
import { countColumns, DownloadButton, OrgField, OwnFiguresNote, progressColumns, type ReportLine, rowClassName, useReportOrg } from './shared';

interface Line extends ReportLine {
  week: Figures;
  progress?: { ytd: Figures; target: Measures | null; rates: Rates };
  ytdOnly?: Figures;
}

const COLUMNS: TableColumnsType<Line> = [
  { key: 'name', title: '单位', dataIndex: 'name', fixed: 'left', width: 200 },
  countColumns<Line>('本周', 'week', (row) => row.week),
  ...progressColumns<Line>((row) => row.progress ?? (row.ytdOnly ? { ytd: row.ytdOnly, target: null, rates: { newUnions: null, newMembers: null, newFormMembers: null } } : undefined)),
];

/** 会员构成: members of the org's subtree now, by employment form and status. */
function CompositionCard({ orgId }: { orgId: number | null }) {
  const composition = useComposition(orgId);
  const c = composition.data;
  return (
    <Card title="会员构成（当前）" size="small" loading={composition.isPending && orgId !== null} data-testid="composition">
      <ErrorAlert error={composition.error} />
      {c && (
        <Flex vertical gap={16}>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Statistic title="在册会员" value={c.current} suffix="人" />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="其中新就业形态" value={c.newFormMembers} suffix="人" />
            </Col>
            {c.byStatus
              .filter((s) => s.n > 0 && s.status !== 'active')
              .map((s) => (
                <Col xs={12} md={6} key={s.status}>
                  <Statistic title={s.label} value={s.n} suffix="人" />
                </Col>
              ))}
          </Row>
          <Table
            size="small"
            rowKey="orgId"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={c.children.filter((x) => x.active || x.current > 0)}
            columns={[
              { key: 'name', title: '下级组织', dataIndex: 'name', width: 220 },
              { key: 'type', title: '类型', dataIndex: 'typeLabel' },
              { key: 'current', title: '在册会员', dataIndex: 'current', align: 'right', render: count },
              ...c.byForm.map((f, i) => ({
                key: f.form,
                title: f.label,
                align: 'right' as const,
                render: (_: unknown, row: (typeof c.children)[number]) => count(row.byForm[i]?.n ?? 0),
              })),
            ]}
          />
        </Flex>
      )}
    </Card>
  );
}

/** 周报告: the week (Monday–Sunday) of a date, per district, with the year to date against targets. */
export function WeeklyPage() {
  const { orgId, params, update, setOrgId } = useReportOrg();
  const date = params.get('date') ?? today().format(DATE_FORMAT);
  const weekly = useWeekly(orgId, date);
  const w = weekly.data;

  const lines: Line[] = w
    ? [
        ...w.rows.map((r) => ({ key: String(r.districtId), kind: 'district' as const, name: r.districtName, week: r.week, progress: r })),
        ...(w.direct ? [{ key: 'direct', kind: 'direct' as const, name: w.org.directLabel, week: w.direct.week, ytdOnly: w.direct.ytd }] : []),
        { key: 'total', kind: 'total' as const, name: '合计', week: w.total.week, progress: w.total },
      ]
    : [];

  return (
    <Flex vertical gap={16}>
      <Card
        title="周报告"
        extra={orgId && <DownloadButton href={exportUrls.weeklyXlsx(orgId, date)} testId="weekly-export">导出 Excel</DownloadButton>}
      >
        <Flex gap={16} wrap style={{ marginBottom: 16 }}>
          <OrgField orgId={orgId} onChange={setOrgId} />
          <Form.Item label="周次" style={{ marginBottom: 0 }}>
            <DatePicker
              picker="week"
              allowClear={false}
              value={dayjs(date)}
              onChange={(value) => value && update({ date: value.format(DATE_FORMAT) })}
              data-testid="weekly-week"
            />
          </Form.Item>
        </Flex>
        {w && (
          <Typography.Paragraph type="secondary">
            {w.org.name} · {w.weekStart} 至 {w.weekEnd}（周一至周日）；全年累计自 {w.year}-01-01 起。
            {w.org.ranksDistricts ? '合计含直属单位。' : <OwnFiguresNote />}
          </Typography.Paragraph>
        )}
        <ErrorAlert error={weekly.error} />
        <Table<Line>
          rowKey="key"
          columns={COLUMNS}
          dataSource={lines}
          loading={weekly.isFetching}
          pagination={false}
          bordered
          // Small cells: all thirteen columns fit a 1366×768 screen.
          size="small"
          scroll={{ x: 'max-content' }}
          rowClassName={rowClassName}
          data-testid="weekly-table"
        />
      </Card>
      <CompositionCard orgId={orgId} />
    </Flex>
  );
}
