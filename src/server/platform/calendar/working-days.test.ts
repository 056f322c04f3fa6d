import { describe, it, expect } from 'vitest';
import { officialCalendarOverrides, WorkingDayCalendar } from './working-days.js';

const calendar = new WorkingDayCalendar(officialCalendarOverrides());

function datesOf(year: number): string[] {
  const dates: string[] = [];
  for (let day = new Date(Date.UTC(year, 0, 1)); day.getUTCFullYear() === year; day.setUTCDate(day.getUTCDate() + 1)) {
    dates.push(day.toISOString().slice(0, 10));
  }
  return dates;
}

describe('officialCalendarOverrides', () => {
  it('loads all years with Chinese names', () => {
    const overrides = officialCalendarOverrides();
    const years = new Set(overrides.map((o) => o.date.slice(0, 4)));
    expect(years.has('2004')).toBe(true);
    expect(years.has('2025')).toBe(true);
    expect(overrides).toContainEqual({ date: '2025-10-01', kind: 'holiday', name: '国庆节' });
    expect(overrides).toContainEqual({ date: '2025-10-06', kind: 'holiday', name: '中秋' });
    expect(overrides).toContainEqual({ date: '2025-09-28', kind: 'workday', name: '国庆节' });
  });
});

describe('WorkingDayCalendar on the official 2025 calendar', () => {
  it('treats National Day + Mid-Autumn 2025 (Oct 1–8) as holidays, weekends included', () => {
    for (let day = 1; day <= 8; day++) {
      const date = `2025-10-0${day}`;
      expect(calendar.isWorkingDay(date), date).toBe(false);
      expect(calendar.dayInfo(date).kind).toBe('holiday');
    }
    expect(calendar.dayInfo('2025-10-04')).toEqual({ date: '2025-10-04', working: false, kind: 'holiday', name: '国庆节' });
  });

  it('treats the make-up Sunday 2025-09-28 and Saturday 2025-10-11 as working days', () => {
    expect(calendar.dayInfo('2025-09-28')).toEqual({ date: '2025-09-28', working: true, kind: 'workday', name: '国庆节' });
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-12')).toBe(false);
  });

  it('classifies ordinary days', () => {
    expect(calendar.dayInfo('2025-09-26')).toEqual({ date: '2025-09-26', working: true, kind: 'weekday' });
    expect(calendar.dayInfo('2025-09-27')).toEqual({ date: '2025-09-27', working: false, kind: 'weekend' });
  });

  it('adds working days across the National Day holiday', () => {
    expect(calendar.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(calendar.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
    expect(calendar.addWorkingDays('2025-09-30', 3)).toBe('2025-10-11');
    expect(calendar.addWorkingDays('2025-09-25', 15)).toBe('2025-10-22');
  });

  it('handles n = 0 and negative n', () => {
    expect(calendar.addWorkingDays('2025-10-09', 0)).toBe('2025-10-09');
    expect(calendar.addWorkingDays('2025-10-03', 0)).toBe('2025-10-09');
    expect(calendar.addWorkingDays('2025-10-09', -1)).toBe('2025-09-30');
    expect(calendar.addWorkingDays('2025-09-29', -1)).toBe('2025-09-28');
    expect(calendar.addWorkingDays('2025-09-29', -2)).toBe('2025-09-26');
  });

  it('ends a period of calendar days as the law counts it: the first day not counted, a rest day moved to the next working day', () => {
    expect(calendar.endOfPeriod('2025-09-10', 15)).toBe('2025-09-25'); // a Thursday: as counted
    expect(calendar.endOfPeriod('2025-09-20', 15)).toBe('2025-10-09'); // 10-05 is in the National Day holiday
    expect(calendar.endOfPeriod('2025-09-26', 15)).toBe('2025-10-11'); // a Saturday worked by 调休
    expect(calendar.endOfPeriod('2025-09-12', 15)).toBe('2025-09-28'); // Sat 09-27 is a rest day; the next day, a Sunday, is worked (调休)
    expect(() => calendar.endOfPeriod('2025-09-12', 0)).toThrow(RangeError);
  });

  it('counts working days in the half-open interval (from, to]', () => {
    // 27 Sat no, 28 Sun make-up yes, 29, 30, Oct 1–8 off, 9, 10 → 5
    expect(calendar.workingDaysBetween('2025-09-26', '2025-10-10')).toBe(5);
    expect(calendar.workingDaysBetween('2025-10-10', '2025-09-26')).toBe(-5);
    expect(calendar.workingDaysBetween('2025-10-01', '2025-10-08')).toBe(0);
    expect(calendar.workingDaysBetween('2025-10-08', '2025-10-01')).toBe(0);
    expect(calendar.workingDaysBetween('2025-10-09', '2025-10-09')).toBe(0);
  });

  it('follows the 2025 Spring Festival (Jan 28 – Feb 4, make-up Jan 26 and Feb 8)', () => {
    expect(calendar.dayInfo('2025-01-26').kind).toBe('workday');
    expect(calendar.dayInfo('2025-02-08').kind).toBe('workday');
    for (const date of ['2025-01-28', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-04']) {
      expect(calendar.dayInfo(date), date).toMatchObject({ working: false, kind: 'holiday', name: '春节' });
    }
    expect(calendar.addWorkingDays('2025-01-27', 1)).toBe('2025-02-05');
  });

  it('follows Labour Day 2025 (May 1–5, make-up Apr 27)', () => {
    expect(calendar.isWorkingDay('2025-04-27')).toBe(true);
    expect(calendar.workingDaysBetween('2025-04-30', '2025-05-06')).toBe(1);
    expect(calendar.addWorkingDays('2025-04-30', 1)).toBe('2025-05-06');
  });

  it('has 248 working days in 2025', () => {
    // 261 weekdays − 18 weekday holidays + 5 make-up days. (248 is the published
    // figure: 2025 added a day each to Spring Festival and Labour Day.)
    const days = datesOf(2025);
    const working = days.filter((date) => calendar.isWorkingDay(date)).length;
    expect(working).toBe(248);
    expect(calendar.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
  });

  it('satisfies workingDaysBetween(d, addWorkingDays(d, n)) === n across 2025', () => {
    for (const date of datesOf(2025)) {
      for (let n = 1; n <= 20; n++) {
        const deadline = calendar.addWorkingDays(date, n);
        expect(calendar.isWorkingDay(deadline)).toBe(true);
        if (calendar.workingDaysBetween(date, deadline) !== n) {
          expect.fail(`workingDaysBetween(${date}, ${deadline}) !== ${n}`);
        }
      }
    }
  });
});

describe('WorkingDayCalendar overrides and input validation', () => {
  it('lets a later admin override win over the official data', () => {
    const adjusted = new WorkingDayCalendar([
      ...officialCalendarOverrides(),
      { date: '2025-12-31', kind: 'holiday', name: '单位调休' },
    ]);
    expect(calendar.isWorkingDay('2025-12-31')).toBe(true);
    expect(adjusted.dayInfo('2025-12-31')).toEqual({ date: '2025-12-31', working: false, kind: 'holiday', name: '单位调休' });
    expect(calendar.addWorkingDays('2025-12-30', 1)).toBe('2025-12-31');
    expect(adjusted.addWorkingDays('2025-12-30', 1)).toBe('2026-01-04'); // Jan 1–3 元旦, Sun Jan 4 make-up
    expect(adjusted.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(247);
  });

  it('works with weekends only when given no overrides, including before 1970', () => {
    const plain = new WorkingDayCalendar([]);
    expect(plain.isWorkingDay('2025-10-01')).toBe(true);
    expect(plain.dayInfo('1969-12-28').kind).toBe('weekend'); // a Sunday
    expect(plain.addWorkingDays('1969-12-26', 1)).toBe('1969-12-29');
  });

  it('rejects malformed dates and counts', () => {
    expect(() => calendar.isWorkingDay('2025-9-1')).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2025-02-29')).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2025-13-01', 1)).toThrow(RangeError);
    expect(() => calendar.workingDaysBetween('2025-01-01', '20250102')).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2025-01-01', 1.5)).toThrow(RangeError);
    expect(() => new WorkingDayCalendar([{ date: '2025-02-30', kind: 'holiday', name: 'x' }])).toThrow(RangeError);
  });
});
