import { Card, Col, Row, Skeleton, Statistic } from 'antd';
import { Link } from 'react-router';
import { DATE_FORMAT, today } from '../../lib/time';
import { useWeekly } from './hooks';
import { MEASURES, RateText, useReportOrg } from './shared';

/**
 * 本年建会入会进度 on the home page of everyone who reads the reports (a leader's first look): the year to
 * date of the county or city they report on, each measure against its target, and the way to the weekly report.
 */
export function YearProgressCard() {
  const { orgId } = useReportOrg();
  const date = today().format(DATE_FORMAT);
  const weekly = useWeekly(orgId, date);
  const report = weekly.data;
  // A street's union has no districts to rank (the report refuses it): its staff's home goes without the card.
  if (weekly.error) return null;
  return (
    <Card
      title={report ? `${report.org.name} · ${report.year} 年建会入会进度` : '本年建会入会进度'}
      size="small"
      data-testid="year-progress"
      extra={<Link to="/member-reports/weekly">查看周报告</Link>}
    >
      {!report ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : (
        <Row gutter={[16, 16]}>
          {MEASURES.map((m) => (
            <Col key={m.key} xs={24} sm={8}>
              <Statistic
                title={m.label}
                value={report.total.ytd[m.key]}
                suffix={<span className="lx-muted">{m.unit}</span>}
                data-testid={`year-progress-${m.key}`}
              />
              <div className="lx-muted">
                目标 {report.total.target?.[m.key] ?? '—'} · 完成 <RateText rate={report.total.rates[m.key]} />
              </div>
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
