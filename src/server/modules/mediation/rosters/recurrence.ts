import type { DayInfo } from '../../../platform/calendar/working-days.js';
import type { DutyRecurrence } from './schema.js';

/**
 * When a duty rule falls, as pure functions of the date and the working-day
 * calendar's verdict on it. Weekdays are ISO (1 = Monday … 7 = Sunday).
 */

export interface Recurrence {
  recurrence: DutyRecurrence;
  weekdays: number[];
  nth: number | null;
  weekday: number | null;
  monthDay: number | null;
}

export const WEEKDAY_LABELS = ['', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'] as const;
const WORKING_WEEK = [1, 2, 3, 4, 5];

const parts = (day: string) => ({ year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), date: Number(day.slice(8, 10)) });

export function isoWeekday(day: string): number {
  const { year, month, date } = parts(day);
  return ((new Date(Date.UTC(year, month - 1, date)).getUTCDay() + 6) % 7) + 1;
}

export function daysInMonth(day: string): number {
  const { year, month } = parts(day);
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A rule on all of Monday to Friday means every working day: it also falls on a 调休 make-up day. */
const everyWorkingDay = (rule: Recurrence) => rule.recurrence === 'weekly' && WORKING_WEEK.every((d) => rule.weekdays.includes(d));

/** Does the recurrence name this date (before the calendar has its say)? */
function matches(rule: Recurrence, day: string): boolean {
  const { date } = parts(day);
  switch (rule.recurrence) {
    case 'weekly':
      return rule.weekdays.includes(isoWeekday(day));
    case 'monthly_weekday':
      if (isoWeekday(day) !== rule.weekday) return false;
      return rule.nth === -1 ? date + 7 > daysInMonth(day) : Math.ceil(date / 7) === rule.nth;
    case 'monthly_day':
      return rule.monthDay === -1 ? date === daysInMonth(day) : date === rule.monthDay;
  }
}

/**
 * Is a rule on duty on a day: its recurrence names the day and the day is a
 * working day — unless the rule runs on rest days too. A 调休 make-up day is
 * a working day: a rule on its own weekday falls on it, and so does one on
 * every working day (Monday to Friday).
 */
export function fallsOn(rule: Recurrence & { onRestDays: boolean }, info: DayInfo): boolean {
  if (!info.working && !rule.onRestDays) return false;
  return matches(rule, info.date) || (info.kind === 'workday' && everyWorkingDay(rule));
}

/** 每周一、三 · 每月第一个星期三 · 每月最后一天: how pages and audit entries name a recurrence. */
export function describeRecurrence(rule: Recurrence): string {
  switch (rule.recurrence) {
    case 'weekly':
      if (rule.weekdays.length === 5 && everyWorkingDay(rule)) return '每个工作日';
      return `每周${[...rule.weekdays].sort().map((d) => WEEKDAY_LABELS[d].slice(2)).join('、')}`;
    case 'monthly_weekday':
      return `每月${rule.nth === -1 ? '最后一个' : `第${'一二三四'[rule.nth! - 1]}个`}${WEEKDAY_LABELS[rule.weekday!]}`;
    case 'monthly_day':
      return rule.monthDay === -1 ? '每月最后一天' : `每月${rule.monthDay}日`;
  }
}

/** What a recurrence lacks or cannot be, by field; empty when it is whole. */
export function recurrenceIssues(rule: Recurrence): { field: string; reason: string }[] {
  switch (rule.recurrence) {
    case 'weekly':
      if (rule.weekdays.length === 0) return [{ field: 'weekdays', reason: '请选择每周哪几天值班' }];
      if (rule.weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) return [{ field: 'weekdays', reason: '星期只能是 1（星期一）至 7（星期日）' }];
      if (new Set(rule.weekdays).size !== rule.weekdays.length) return [{ field: 'weekdays', reason: '同一个星期几选了两次' }];
      return [];
    case 'monthly_weekday': {
      const issues = [];
      if (rule.nth === null) issues.push({ field: 'nth', reason: '请选择每月第几个星期几' });
      else if (rule.nth === 5) issues.push({ field: 'nth', reason: '不是每个月都有第五个星期几，请选第一至第四个或“最后一个”' });
      else if (![1, 2, 3, 4, -1].includes(rule.nth)) issues.push({ field: 'nth', reason: '只能是第一至第四个或“最后一个”' });
      if (rule.weekday === null || rule.weekday < 1 || rule.weekday > 7) issues.push({ field: 'weekday', reason: '请选择星期几（1 为星期一，7 为星期日）' });
      return issues;
    }
    case 'monthly_day':
      if (rule.monthDay === null) return [{ field: 'monthDay', reason: '请选择每月几号' }];
      if (rule.monthDay >= 29 && rule.monthDay <= 31) return [{ field: 'monthDay', reason: `不是每个月都有 ${rule.monthDay} 日，请选 1 至 28 日或“最后一天”` }];
      if (rule.monthDay !== -1 && (rule.monthDay < 1 || rule.monthDay > 28)) return [{ field: 'monthDay', reason: '只能是 1 至 28 日或“最后一天”' }];
      return [];
  }
}
