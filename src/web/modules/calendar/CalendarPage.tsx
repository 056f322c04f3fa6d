import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DATE_FORMAT, dayjs, today } from '../../lib/time';
import { intParam, useUrlParams } from '../../lib/useUrlParams';
import type { CalendarDay } from './api';
import { DayEditModal } from './DayEditModal';
import { useCalendar } from './hooks';
import { MonthGrid } from './MonthGrid';
import { WorkdayCalculator } from './WorkdayCalculator';

const NO_DAYS = new Map<string, CalendarDay>();

function Legend() {
  return (
    <Space size="middle" className="lx-legend">
      <span>
        <i className="lx-day is-holiday" /> 放假
      </span>
      <span>
        <i className="lx-day is-workday" /> 调休上班
      </span>
      <span>
        <i className="lx-day is-weekend" /> 周末
      </span>
    </Space>
  );
}

/** The working calendar of a year (`?year=`); admins click a day to change it. */
export function CalendarPage() {
  const { can } = useAuth();
  const [params, update] = useUrlParams();
  const now = today();
  const year = intParam(params, 'year') ?? now.year();
  const calendar = useCalendar(year);
  const days = calendar.data ?? NO_DAYS;
  // Kept after closing so the modal can animate out with its content.
  const [editing, setEditing] = useState<{ date: string; open: boolean } | null>(null);

  const months = Array.from({ length: 12 }, (_, m) => dayjs(new Date(year, m, 1)));

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={18}>
        <Card
          loading={calendar.isPending}
          title={
            <Flex align="center" gap={8}>
              <Button type="text" icon={<LeftOutlined />} aria-label="上一年" onClick={() => update({ year: year - 1 })} />
              <Typography.Title level={4} style={{ margin: 0 }}>
                {year} 年工作日历
              </Typography.Title>
              <Button type="text" icon={<RightOutlined />} aria-label="下一年" onClick={() => update({ year: year + 1 })} />
            </Flex>
          }
          extra={<Legend />}
        >
          <ErrorAlert error={calendar.error} />
          {can('calendar.manage') && (
            <Typography.Paragraph type="secondary">点击某一天可将其设为放假或调休上班日。</Typography.Paragraph>
          )}
          <Row gutter={[24, 24]}>
            {months.map((month) => (
              <Col key={month.month()} xs={24} sm={12} lg={8} xxl={6}>
                <MonthGrid
                  month={month}
                  days={days}
                  today={now.format(DATE_FORMAT)}
                  onDayClick={can('calendar.manage') ? (date) => setEditing({ date, open: true }) : undefined}
                />
              </Col>
            ))}
          </Row>
        </Card>
      </Col>
      <Col xs={24} xl={6}>
        <WorkdayCalculator />
      </Col>
      {editing && (
        <DayEditModal
          open={editing.open}
          date={editing.date}
          day={days.get(editing.date)}
          onClose={() => setEditing({ ...editing, open: false })}
        />
      )}
    </Row>
  );
}
