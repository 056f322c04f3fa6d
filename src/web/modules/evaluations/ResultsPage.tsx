import { Alert, Card, Col, Empty, List, Row, Space, Statistic, Table, type TableColumnsType, Typography } from 'antd';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { StateTag } from '../../components/StateTag';
import { resultsXlsxHref, type SurveyResults, WORKFLOW } from './api';
import { useResults } from './hooks';
import { ScoreChart } from './ScoreChart';
import { DownloadButton } from '../../components/DownloadButton';
import { count } from '../../lib/numbers';

type UnionRow = SurveyResults['unions'][number];
/** Rates come to a hundredth of a percent; below 1 % both decimals show, so a few answers in a county do not read as none. */
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(x > 0 && x < 0.01 ? 2 : 1)}%`);
const score = (x: number | null, suppressed = false) => (x !== null ? x.toFixed(2) : suppressed ? '不足 5 人不显示' : '—');

const UNION_COLUMNS: TableColumnsType<UnionRow> = [
  { title: '工会', dataIndex: 'orgName', ellipsis: true },
  { title: '作答人数', dataIndex: 'responses', width: 100, sorter: (a, b) => a.responses - b.responses },
  { title: '会员人数', dataIndex: 'members', width: 100, render: count },
  { title: '参评率', dataIndex: 'responseRate', width: 90, render: pct, sorter: (a, b) => (a.responseRate ?? -1) - (b.responseRate ?? -1) },
  { title: '综合得分', dataIndex: 'score', width: 130, render: (_, u) => score(u.score, u.suppressed), sorter: (a, b) => (a.score ?? -1) - (b.score ?? -1), defaultSortOrder: 'descend' },
  { title: '上期得分', dataIndex: 'previousScore', width: 100, render: (x: number | null) => score(x) },
];

/** 测评结果: the overall score, each question's average (chart) and distribution, each union's figures, the comments — anonymous. */
export function ResultsPage() {
  const id = Number(useParams().id);
  const query = useResults(id);
  if (query.error) return <ErrorAlert error={query.error} />;
  const results = query.data;
  if (!results) return <PageLoading />;
  const { survey } = results;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            {survey.title}
            <StateTag workflow={WORKFLOW} state={survey.state} label={survey.stateLabel} />
          </Space>
        }
        extra={
          <DownloadButton href={resultsXlsxHref(id)} testId="results-export">
            导出 Excel
          </DownloadButton>
        }
      >
        <Typography.Paragraph type="secondary">
          {survey.period} · {survey.orgName} · 作答日期 {survey.opensOn} 至 {survey.closesOn}
          {results.scope && ` · 只含您管辖的${results.scope}`}
        </Typography.Paragraph>
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Statistic title="综合得分（满分 5）" value={score(results.score, results.suppressed)} data-testid="results-score" />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title="作答人数" value={results.responses} data-testid="results-responses" />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title="参评率" value={pct(results.responseRate)} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={results.previous ? `上期（${results.previous.period}）得分` : '上期得分'} value={results.previous ? score(results.previous.score) : '无上期测评'} />
          </Col>
        </Row>
        {results.suppressed && <Alert type="info" showIcon message="作答不足 5 人，为保护作答人匿名，暂不显示分数。" style={{ marginTop: 16 }} />}
      </Card>
      <Card title="各题平均分">{results.score === null ? <Empty description="作答满 5 人后显示" /> : <ScoreChart results={results} />}</Card>
      <Card title="各工会">
        <Typography.Paragraph type="secondary">作答不足 5 人的工会不显示得分，以免推知作答人；会员人数为在册会员（含保留会籍）。</Typography.Paragraph>
        <Table rowKey="orgId" size="small" columns={UNION_COLUMNS} dataSource={results.unions} pagination={false} scroll={{ x: 640 }} locale={{ emptyText: '范围内还没有工会会员或作答' }} data-testid="results-unions" />
      </Card>
      <Card title={survey.commentPrompt ?? '意见建议'}>
        <List size="small" dataSource={results.comments} locale={{ emptyText: results.suppressed ? '作答满 5 人后显示' : '暂无意见建议' }} renderItem={(c) => (
            <List.Item extra={c.count > 1 && <Typography.Text type="secondary">{c.count} 人</Typography.Text>}>{c.text}</List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
