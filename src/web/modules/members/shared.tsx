import type { MouseEvent } from 'react';
import { HistoryTimeline as Timeline } from '../../components/HistoryTimeline';
import { dayjs, today } from '../../lib/time';
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

interface MemberTimelineProps {
  entries: TimelineEntry[];
  /** A line of its own about an entry's payload, e.g. where a member came from. */
  describe?: (entry: TimelineEntry, payload: Record<string, unknown>) => string | null;
  testId?: string;
}

/** A registry record's history (the generic timeline), with the reasons, dates and decision numbers its entries carry. */
export function HistoryTimeline({ entries, describe, testId }: MemberTimelineProps) {
  return <Timeline entries={entries} testId={testId} describe={(entry) => describePayload(entry.payload, describe && ((p) => describe(entry, p)))} />;
}

/** 会龄: whole years since `memberSince`, continuous across transfers. */
export function membershipYears(memberSince: string) {
  const years = today().diff(dayjs(memberSince), 'year');
  return years < 1 ? '不满 1 年' : `${years} 年`;
}

/** Buttons in a table row must not open the row's drawer too (portals included: React events bubble through them). */
export const stopRowClick = (e: MouseEvent) => e.stopPropagation();
