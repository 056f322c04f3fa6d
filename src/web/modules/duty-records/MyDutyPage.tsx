import { Card, Col, DatePicker, Empty, Flex, Row, Statistic, Typography } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { dayjs } from '../../lib/time';
import { useUrlParams } from '../../lib/useUrlParams';
import { FIGURES, figureText, pointsRule } from './figures';
import { useDutyRules, useMyDuty } from './hooks';

/**
 * 我的履职 on the phone: the year's score, then a card per figure with what it counts and the points it
 * brings, so a representative sees what to do to do better.
 */
export function MyDutyPage() {
  const [params, update] = useUrlParams();
  const year = params.get('year') ?? undefined;
  const record = useMyDuty(year ? { from: `${year}-01-01`, to: `${year}-12-31` } : {});
  const rules = useDutyRules().data;
  const r = record.data;
  if (record.isPending) return <PageLoading />;

  const nothingYet = r && r.received + r.submitted + r.cosigned + r.reviews === 0;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 720 }}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            我的履职
          </Typography.Title>
          <DatePicker picker="year" allowClear={false} value={dayjs(r?.from ?? undefined)} onChange={(d) => d && update({ year: d.format('YYYY') })} data-testid="my-duty-year" />
        </Flex>
        <ErrorAlert error={record.error} />
        {r && (
          <Flex gap={24} wrap style={{ marginTop: 12 }}>
            <Statistic title="履职积分" value={r.score} data-testid="my-duty-score" />
            <Statistic title="所在工会" value={r.orgName} valueStyle={{ fontSize: 16 }} />
          </Flex>
        )}
        {r && (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            {r.from} 至 {r.to}。积分由下列各项相加，工会按积分在本工会代表中排名。
          </Typography.Paragraph>
        )}
      </Card>
      {nothingYet && <Empty description="本期还没有履职记录：回复职工的诉求、提交或附议提案、参加提案审议，都会记在这里" />}
      {r && (
        <Row gutter={[12, 12]} data-testid="my-duty-figures">
          {FIGURES.map((f) => (
            <Col key={f.key} xs={24} sm={12}>
              <Card size="small" title={f.title} extra={f.points && <Typography.Text type="success">{r.points[f.points]} 分</Typography.Text>}>
                <Typography.Text strong style={{ fontSize: 20 }}>
                  {figureText(f, r)}
                </Typography.Text>
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                  {f.how}
                  {f.points && `；${pointsRule(rules, f.points)}`}
                </Typography.Paragraph>
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </Flex>
  );
}
