import { Empty, Timeline, Typography } from 'antd';
import type { z } from 'zod';
import type { timelineEntries } from '../../server/http/schemas';
import { formatDateTime } from '../lib/time';

/** One entry of a workflow record's history (the engine's timeline). */
export type TimelineEntry = z.input<typeof timelineEntries>[number];

interface HistoryTimelineProps {
  entries: TimelineEntry[];
  /** The lines worth showing under an entry, read off its payload by the module (reasons, dates, numbers). */
  describe?: (entry: TimelineEntry) => string[];
  testId?: string;
}

/**
 * A workflow record's history, oldest first, for every workflow: what was done
 * (the transition's own label), the state it led to in its tone's colour, when,
 * by whom, and what the module reads off the entry.
 */
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
            {[...(describe?.(entry) ?? []), ...(entry.note ? [entry.note] : [])].map((line) => (
              <div key={line} style={{ fontSize: 13, whiteSpace: 'pre-wrap' }}>
                {line}
              </div>
            ))}
          </div>
        ),
      }))}
    />
  );
}
