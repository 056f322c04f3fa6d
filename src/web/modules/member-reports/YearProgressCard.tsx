import { Card, Skeleton } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DATE_FORMAT, today } from '../../lib/time';
import { useWeekly } from './hooks';
import { ProgressStats, useReportOrg } from './shared';

/**
 * 本年建会入会进度 on the home page of everyone who reads the reports (a leader's first look): the year to
 * date of the org they report on, each measure against its target (a county's or city's: its districts'
 * sum; a town's: the one its parent set for it), and the way to the weekly report.
 */
export function YearProgressCard() {
  const { orgId } = useReportOrg();
  const date = today().format(DATE_FORMAT);
  const weekly = useWeekly(orgId, date);
  const report = weekly.data;
  return (
    <Card
      title={report ? `${report.org.name} · ${report.year} 年建会入会进度` : '本年建会入会进度'}
      size="small"
      data-testid="year-progress"
      extra={<Link to="/member-reports/weekly">查看周报告</Link>}
    >
      {weekly.error ? (
        <ErrorAlert error={weekly.error} />
      ) : !report ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : (
        <ProgressStats ytd={report.total.ytd} target={report.total.target} rates={report.total.rates} />
      )}
    </Card>
  );
}
