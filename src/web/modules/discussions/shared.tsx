import { PushpinFilled } from '@ant-design/icons';
import { Space, Tag } from 'antd';
import type { Topic, TopicStatus } from './api';

/** A topic's standing, in the colours the other modules give waiting, running and ended things. */
const STATUS_COLORS: Record<TopicStatus, string> = { open: 'green', upcoming: 'blue', closed: 'default' };

export const STATUS_OPTIONS: { value: TopicStatus; label: string }[] = [
  { value: 'open', label: '征集中' },
  { value: 'upcoming', label: '未开始' },
  { value: 'closed', label: '已结束' },
];

export function StatusTag({ status, label }: { status: TopicStatus; label: string }) {
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="topic-status">
      {label}
    </Tag>
  );
}

/** Status, pinned, the union: the line above a topic's title. */
export function TopicTags({ topic }: { topic: Pick<Topic, 'status' | 'statusLabel' | 'pinned' | 'orgName'> }) {
  return (
    <Space wrap size={6}>
      <StatusTag status={topic.status} label={topic.statusLabel} />
      {topic.pinned && (
        <Tag icon={<PushpinFilled />} color="red" style={{ marginInlineEnd: 0 }}>
          置顶
        </Tag>
      )}
      <Tag style={{ marginInlineEnd: 0 }}>{topic.orgName}</Tag>
    </Space>
  );
}

/** `2026-12-01` → `12月1日`, the year only when it is not this one. */
export function shortDay(day: string) {
  const [year, month, date] = day.split('-').map(Number);
  return `${year === new Date().getFullYear() ? '' : `${year}年`}${month}月${date}日`;
}

export const periodOf = (t: Pick<Topic, 'opensOn' | 'closesOn'>) => `${shortDay(t.opensOn)} – ${shortDay(t.closesOn)}`;
