import { Empty, Timeline, Typography } from 'antd';
import type { MouseEvent } from 'react';
import { dayjs, formatDateTime, today } from '../../lib/time';
import type { TimelineEntry } from './api';

/** The server's words (members/schema.ts MEMBERSHIP_SOURCES), a little fuller for the record page. */
export const SOURCE_LABELS: Record<string, string> = {
  online: '线上申请入会',
  staff: '窗口登记',
  import: '花名册导入',
  transfer: '会员接转转入',
};

const RETAIN_CAUSES: Record<string, string> = { retired: '退休', laid_off: '下岗失业', other: '其他' };

/** The parts of an entry's input worth showing: reasons, dates, decision numbers. */
function describePayload(payload: unknown, extra?: (payload: Record<string, unknown>) => string | null): string[] {
  if (!payload || typeof payload !== 'object') return [];
  const p = payload as Record<string, unknown>;
  const lines: string[] = [];
  const custom = extra?.(p);
  if (custom) lines.push(custom);
  if (typeof p.cause === 'string') lines.push(`原因：${RETAIN_CAUSES[p.cause] ?? p.cause}`);
  if (typeof p.reason === 'string' && p.reason) lines.push(`理由：${p.reason}`);
  if (typeof p.requestedOn === 'string') lines.push(`申请日期：${p.requestedOn}`);
  if (typeof p.decisionNo === 'string') lines.push(`决定文号：${p.decisionNo}`);
  if (typeof p.decidedOn === 'string') lines.push(`决定日期：${p.decidedOn}`);
  if (typeof p.note === 'string' && p.note) lines.push(`备注：${p.note}`);
  return lines;
}

interface HistoryTimelineProps {
  entries: TimelineEntry[];
  /** A line of its own about an entry's payload, e.g. where a member came from. */
  describe?: (entry: TimelineEntry, payload: Record<string, unknown>) => string | null;
  testId?: string;
}

/** A record's history, oldest first: what happened, when, by whom, and the reasons given. */
export function HistoryTimeline({ entries, describe, testId }: HistoryTimelineProps) {
  if (entries.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />;
  return (
    <Timeline
      data-testid={testId}
      items={entries.map((entry) => ({
        key: entry.seq,
        color: entry.toTone === 'refused' ? 'red' : entry.toTone === 'ended' ? 'gray' : entry.action === 'create' ? 'blue' : 'green',
        content: (
          <div data-testid="timeline-entry">
            <Typography.Text strong>{entry.actionLabel}</Typography.Text>
            <Typography.Text type="secondary"> → {entry.toLabel}</Typography.Text>
            <div className="lx-muted" style={{ fontSize: 12 }}>
              {formatDateTime(entry.at)}
              {entry.actorName ? ` · ${entry.actorName}` : ''}
            </div>
            {[...describePayload(entry.payload, describe && ((p) => describe(entry, p))), ...(entry.note ? [entry.note] : [])].map((line) => (
              <div key={line} style={{ fontSize: 13 }}>
                {line}
              </div>
            ))}
          </div>
        ),
      }))}
    />
  );
}

/** 会龄: whole years since `memberSince`, continuous across transfers. */
export function membershipYears(memberSince: string) {
  const years = today().diff(dayjs(memberSince), 'year');
  return years < 1 ? '不满 1 年' : `${years} 年`;
}

/** Buttons in a table row must not open the row's drawer too (portals included: React events bubble through them). */
export const stopRowClick = (e: MouseEvent) => e.stopPropagation();
