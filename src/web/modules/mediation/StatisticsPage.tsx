import { Card, Col, Row, Spin, Statistic, Table } from 'antd';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgPeriodFilter } from '../../components/OrgPeriodFilter';
import { pct } from '../../lib/numbers';
import { intParam, useUrlParams } from '../../lib/useUrlParams';
import { type StatisticsParams, statisticsXlsxUrl } from './api';
import { useMediationStatistics } from './hooks';
import { yuan } from '../../lib/money';

/** 调解统计: the figures of an org's subtree for the cases received in a period, and their workbook. */
export function StatisticsPage() {
  const [params, update] = useUrlParams();
  const query: StatisticsParams = { orgId: intParam(params, 'orgId') ?? undefined, from: params.get('from') ?? undefined, to: params.get('to') ?? undefined };
  const figures = useMediationStatistics(query);
  const s = figures.data;
  return (
    <Card title="调解统计" extra={s && <DownloadButton href={statisticsXlsxUrl({ orgId: s.orgId, from: s.from, to: s.to })} testId="mediation-xlsx">导出 Excel</DownloadButton>}>
      <OrgPeriodFilter shown={s} orgId={query.orgId} periodLabel="受理日期" update={update} testIdPrefix="mediation-statistics" />
      <ErrorAlert error={figures.error} />
      {!s ? (
        <Spin />
      ) : (
        <>
          <Row gutter={[16, 16]} data-testid="mediation-figures">
            {[
              ['受理案件', `${s.cases} 件`],
              ['来访咨询', `${s.consultations} 件`],
              ['调解成功率', pct(s.successRate)],
              ['协议金额', yuan(s.recovered)],
              ['帮助职工', `${s.workersHelped} 人`],
              ['满意率', pct(s.satisfactionRate)],
            ].map(([title, value]) => (
              <Col key={title} xs={12} md={8} xl={4}>
                <Statistic title={title} value={value} />
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} lg={8}>
              <Table size="small" rowKey="source" pagination={false} dataSource={s.bySource} columns={[{ key: 'l', title: '来源', dataIndex: 'label' }, { key: 'c', title: '案件', dataIndex: 'cases' }]} />
            </Col>
            <Col xs={24} lg={10}>
              <Table
                size="small"
                rowKey="type"
                pagination={false}
                dataSource={s.byType}
                columns={[
                  { key: 'l', title: '诉求类型', dataIndex: 'label' },
                  { key: 'c', title: '案件', dataIndex: 'cases' },
                  { key: 'a', title: '诉求金额', render: (_, r) => yuan(r.claimed) },
                ]}
              />
            </Col>
            <Col xs={24} lg={6}>
              <Table size="small" rowKey="rating" pagination={false} dataSource={s.ratings} columns={[{ key: 'l', title: '职工评价', dataIndex: 'label' }, { key: 'w', title: '人数', dataIndex: 'workers' }]} />
            </Col>
          </Row>
          <div className="lx-muted" style={{ marginTop: 12 }}>
            调解成功率 = 达成协议 {s.agreements} 件 ÷ 调解结束 {s.concluded} 件（协议、调解不成、转仲裁或诉讼；撤回的不计）。
          </div>
        </>
      )}
    </Card>
  );
}
