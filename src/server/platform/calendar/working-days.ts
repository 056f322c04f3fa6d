/**
 * China's working-day calendar: weekends are off unless the State Council
 * declares a make-up working day (调休上班), weekdays are on unless they fall in
 * a public holiday. Used for statutory deadlines such as "within 15 working days".
 *
 * Dates are 'YYYY-MM-DD' business dates (Asia/Shanghai). Arithmetic is done on
 * whole-day numbers in UTC, so the host time zone and DST never shift a date.
 */
import { createRequire } from 'node:module';

export type CalendarOverride = {
  /** YYYY-MM-DD */
  date: string;
  /** 'holiday': a day off, weekday or weekend. 'workday': a make-up working day on a weekend (调休). */
  kind: 'holiday' | 'workday';
  /** Chinese name, e.g. '国庆节'. */
  name: string;
};

export type DayInfo = {
  date: string;
  working: boolean;
  kind: 'weekday' | 'weekend' | 'holiday' | 'workday';
  name?: string;
};

/** chinese-days values look like "National Day,国庆节,3": English name, Chinese name, holiday length. */
type ChineseDaysData = {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

// The package has no "exports" map, so its bundled JSON can be required directly;
// createRequire works the same under plain Node ESM, tsx and vitest.
const require = createRequire(import.meta.url);

/**
 * Official holidays and make-up working days for every year chinese-days covers.
 * Its `holidays` list already includes the weekends inside each holiday period.
 */
export function officialCalendarOverrides(): CalendarOverride[] {
  const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  const chineseName = (value: string) => {
    const fields = value.split(',');
    return fields[fields.length - 2]; // counted from the end in case an English name contains a comma
  };
  return [
    ...Object.entries(data.holidays).map(([date, value]) => ({ date, kind: 'holiday' as const, name: chineseName(value) })),
    ...Object.entries(data.workdays).map(([date, value]) => ({ date, kind: 'workday' as const, name: chineseName(value) })),
  ].sort((a, b) => a.date.localeCompare(b.date));
}

const MS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01. Throws RangeError for anything but an existing YYYY-MM-DD date. */
function toDayNumber(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const utc = new Date(0);
    utc.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, keeps years below 100 literal
    if (utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day) {
      return utc.getTime() / MS_PER_DAY;
    }
  }
  throw new RangeError(`Invalid date "${date}", expected an existing date in YYYY-MM-DD form`);
}

function fromDayNumber(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

function isWeekend(dayNumber: number): boolean {
  const weekday = (((dayNumber + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday === 0 || weekday === 6;
}

export class WorkingDayCalendar {
  private readonly overrides = new Map<number, CalendarOverride>();

  /** Later overrides for the same date win, so admin corrections can follow the official list. */
  constructor(overrides: Iterable<CalendarOverride>) {
    for (const override of overrides) this.overrides.set(toDayNumber(override.date), override);
  }

  isWorkingDay(date: string): boolean {
    return this.isWorkingDayNumber(toDayNumber(date));
  }

  dayInfo(date: string): DayInfo {
    const dayNumber = toDayNumber(date);
    const override = this.overrides.get(dayNumber);
    if (override) {
      return { date, working: override.kind === 'workday', kind: override.kind, name: override.name };
    }
    const weekend = isWeekend(dayNumber);
    return { date, working: !weekend, kind: weekend ? 'weekend' : 'weekday' };
  }

  /**
   * n ≥ 1: the n-th working day strictly after `date` (a "15 working days from
   * the application date" deadline is addWorkingDays(applicationDate, 15)).
   * n = 0: `date` itself if it is a working day, otherwise the next working day.
   * n ≤ -1: the |n|-th working day strictly before `date`.
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n)) throw new RangeError(`Working-day count must be an integer, got ${n}`);
    let dayNumber = toDayNumber(date);
    if (n === 0) {
      while (!this.isWorkingDayNumber(dayNumber)) dayNumber++;
      return fromDayNumber(dayNumber);
    }
    const step = Math.sign(n);
    for (let remaining = Math.abs(n); remaining > 0; ) {
      dayNumber += step;
      if (this.isWorkingDayNumber(dayNumber)) remaining--;
    }
    return fromDayNumber(dayNumber);
  }

  /**
   * The last day of a period of `days` calendar days from `date`, as the law
   * counts periods (民法典 arts. 201, 203; 劳动争议调解仲裁法 art. 14): the
   * day it starts is not counted, and a period whose last day is a rest day
   * (a statutory holiday or a weekend not worked by 调休) ends on the next
   * working day. A 15-day mediation applied for on 2025-09-20 would end on
   * 2025-10-05, in the National Day holiday: it ends on 2025-10-09; applied
   * for on 2025-09-26, it ends on 2025-10-11, a Saturday worked by 调休.
   */
  endOfPeriod(date: string, days: number): string {
    if (!Number.isInteger(days) || days < 1) throw new RangeError(`A period is a whole number of days ≥ 1, got ${days}`);
    return this.addWorkingDays(fromDayNumber(toDayNumber(date) + days), 0);
  }

  /**
   * Working days in the half-open interval (from, to], so that
   * workingDaysBetween(d, addWorkingDays(d, n)) === n for n ≥ 1.
   * Negative when `to` is before `from`: -workingDaysBetween(to, from).
   */
  workingDaysBetween(from: string, to: string): number {
    const start = toDayNumber(from);
    const end = toDayNumber(to);
    const [low, high, sign] = start <= end ? [start, end, 1] : [end, start, -1];
    let count = 0;
    for (let dayNumber = low + 1; dayNumber <= high; dayNumber++) {
      if (this.isWorkingDayNumber(dayNumber)) count += sign;
    }
    return count;
  }

  private isWorkingDayNumber(dayNumber: number): boolean {
    const override = this.overrides.get(dayNumber);
    return override ? override.kind === 'workday' : !isWeekend(dayNumber);
  }
}
