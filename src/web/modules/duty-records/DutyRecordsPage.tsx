import { Card, Empty, Flex, List, Table, type TableColumnsType, Tabs, Tag, Tooltip, Typography } from 'antd';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgPeriodFilter } from '../../components/OrgPeriodFilter';
import { useTableWidth } from '../../components/ResponsiveTable';
import { intParam, useUrlParams } from '../../lib/useUrlParams';
import { type DutyParams, type DutyRow, dutyXlsxUrl } from './api';
import { FIGURES, pointsRule } from './figures';
import { useDutyRules, useDutyTable } from './hooks';

const SORTS = new Set<string>(['rank', 'score', 'name', 'received', 'answeredOnTime', 'submitted', 'accepted', 'cosigned', 'attendanceRate', 'satisfactionRate']);
const EMPTY = '这里还没有会员代表：请在「用户管理」中为代表授予会员代表角色，或换一个组织看看';

/** The score with the points of each figure on hover: nobody is ranked by a number they cannot recount. */
function ScoreCell({ row }: { row: DutyRow }) {
  const rules = useDutyRules().data;
  const parts = FIGURES.filter((f) => f.points).map((f) => `${f.title} ${row.points[f.points!]} 分（${pointsRule(rules, f.points!)}）`);
  return (
    <Tooltip title={parts.join('；')}>
      <Typography.Text strong>{row.score}</Typography.Text>
    </Tooltip>
  );
}

function columns(sort: string): TableColumnsType<DutyRow> {
  const sortable = (key: string) => ({ sorter: true, sortDirections: ['descend' as const], sortOrder: sort === key ? ('descend' as const) : null });
  return [
    { key: 'rank', title: '工会内排名', dataIndex: 'rank', fixed: 'left', ...sortable('rank') },
    { key: 'name', title: '姓名', dataIndex: 'name', fixed: 'left', ...sortable('name') },
    { key: 'orgName', title: '所在工会', dataIndex: 'orgName' },
    ...FIGURES.map((f) => ({
      key: f.key,
      title: <Tooltip title={f.how}>{f.title}</Tooltip>,
      align: 'right' as const,
      render: (_: unknown, row: DutyRow) => {
        const detail = f.detail?.(row);
        return (
          <>
            {f.value(row)}
            {detail && <div className="lx-muted" style={{ whiteSpace: 'nowrap' }}>{detail}</div>}
          </>
        );
      },
      ...(SORTS.has(f.key) ? sortable(f.key) : {}),
    })),
    { key: 'score', title: '履职积分', align: 'right', fixed: 'right', render: (_, row) => <ScoreCell row={row} />, ...sortable('score') },
  ];
}

/** 各工会排名: one card per union, its representatives by rank. */
function UnionRankings({ rows }: { rows: DutyRow[] }) {
  const unions = [...new Set(rows.map((r) => r.orgName))];
  if (unions.length === 0) return <Empty description={EMPTY} />;
  return (
    <Flex wrap gap={16} data-testid="union-rankings">
      {unions.map((union) => (
        <Card key={union} size="small" title={union} style={{ width: 340 }}>
          <List
            size="small"
            dataSource={rows.filter((r) => r.orgName === union).sort((a, b) => a.rank - b.rank)}
            renderItem={(r) => (
              <List.Item extra={<ScoreCell row={r} />}>
                <Flex gap={8} align="center">
                  <Tag color={r.rank <= 3 ? 'gold' : undefined}>第 {r.rank} 名</Tag>
                  {r.name}
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      ))}
    </Flex>
  );
}

/**
 * 履职监督: every representative of an org's subtree over a period (this year by default) with each
 * figure, the points they make and the rank within their union; the table as Excel.
 */
export function DutyRecordsPage() {
  const tableWidth = useTableWidth();
  const [params, update] = useUrlParams();
  const sortParam = params.get('sort') ?? 'rank';
  const sort = SORTS.has(sortParam) ? sortParam : 'rank';
  const query: DutyParams = { orgId: intParam(params, 'orgId') ?? undefined, from: params.get('from') ?? undefined, to: params.get('to') ?? undefined, sort: sort as DutyParams['sort'] };
  const table = useDutyTable(query);
  const rules = useDutyRules().data;
  const t = table.data;

  return (
    <Card
      title="履职监督"
      extra={t && <DownloadButton href={dutyXlsxUrl({ orgId: t.orgId, from: t.from, to: t.to, sort: query.sort })} testId="duty-xlsx">导出 Excel</DownloadButton>}
    >
      <OrgPeriodFilter shown={t} orgId={query.orgId} periodLabel="期间" update={update} testIdPrefix="duty" />
      <ErrorAlert error={table.error} />
      {t && rules && (
        <Typography.Paragraph type="secondary" data-testid="duty-formula">
          {t.orgName}及下级工会的会员代表 · {t.from} 至 {t.to}。履职积分 = 提交提案每件 {rules.points.submitted} 分 + 立案每件 {rules.points.accepted} 分 + 附议每次 {rules.points.cosigned} 分 +
          两个工作日内回复诉求每件 {rules.points.answeredOnTime} 分 + 审议出席率 × {rules.points.attendance} 分 + 满意率 × {rules.points.satisfaction} 分；排名在代表所在工会内比较，积分相同名次相同。鼠标移到积分上可看各项得分。
        </Typography.Paragraph>
      )}
      <Tabs
        items={[
          {
            key: 'table',
            label: '全部代表',
            children: (
              <Table<DutyRow>
                rowKey="userId"
                size="small"
                loading={table.isFetching}
                columns={columns(sort)}
                dataSource={t?.items ?? []}
                pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
                {...tableWidth}
                onChange={(_p, _f, sorter) => {
                  const key = Array.isArray(sorter) ? undefined : sorter.order ? String(sorter.columnKey) : undefined;
                  update({ sort: key && key !== 'rank' ? key : null });
                }}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={EMPTY} /> }}
                data-testid="duty-table"
              />
            ),
          },
          { key: 'unions', label: '各工会排名', children: <UnionRankings rows={t?.items ?? []} /> },
        ]}
      />
    </Card>
  );
}
