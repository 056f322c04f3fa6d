import { PhoneOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Spin, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useDutyToday } from './hooks';

/** 今日值班, on the phone: who is on duty today at the 连心舱 studios of the worker's union and the unions above it. */
export function TodayDutyPage() {
  const duty = useDutyToday();
  const items = duty.data?.items ?? [];
  return (
    <Card title={`今日值班${duty.data ? ` · ${duty.data.day}` : ''}`} size="small" style={{ maxWidth: 760 }}>
      <Typography.Paragraph type="secondary">遇到欠薪、工伤、解除合同等劳动纠纷，可以到“连心舱”调解工作室找值班的舱长、律师咨询，或先打工作室电话。</Typography.Paragraph>
      <ErrorAlert error={duty.error} />
      {duty.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty description="您所在的工会及上级工会还没有设立“连心舱”调解工作室" />
      ) : (
        <Flex vertical gap={12}>
          {items.map((s) => (
            <Card key={s.id} size="small" title={s.name} data-testid="duty-studio-card">
              <Flex vertical gap={8}>
                {s.address && <Typography.Text type="secondary">{s.address}</Typography.Text>}
                {s.phone && (
                  <a href={`tel:${s.phone.replace(/[^\d+]/g, '')}`}>
                    <PhoneOutlined /> {s.phone}
                  </a>
                )}
                {s.holidayName && <Tag color="red">{s.holidayName}</Tag>}
                {s.entries.length === 0 ? (
                  <Typography.Text type="secondary">今天没有安排值班，可先打电话咨询</Typography.Text>
                ) : (
                  s.entries.map((e, i) => (
                    <Flex key={i} justify="space-between" gap={8} wrap data-testid="duty-person">
                      <span>
                        <Tag>{e.roleLabel}</Tag>
                        {e.name}
                        {e.standsInFor && <Typography.Text type="secondary">（代{e.standsInFor}）</Typography.Text>}
                      </span>
                      <Typography.Text type="secondary">
                        {e.slotLabel}
                        {e.startTime && ` ${e.startTime}–${e.endTime}`}
                      </Typography.Text>
                    </Flex>
                  ))
                )}
              </Flex>
            </Card>
          ))}
        </Flex>
      )}
    </Card>
  );
}
