import { describe, expect, it } from 'vitest';
import { halfMonthOf, isDay, isPeriodEnd, monthOf, rank, ratesOf, scoreOf, weekOf } from './calc.js';

describe('periods', () => {
  it('a week runs Monday to Sunday, across month and year ends', () => {
    expect(weekOf('2026-03-02')).toEqual({ start: '2026-03-02', end: '2026-03-08' });
    expect(weekOf('2026-03-08')).toEqual({ start: '2026-03-02', end: '2026-03-08' });
    expect(weekOf('2027-01-01')).toEqual({ start: '2026-12-28', end: '2027-01-03' });
  });

  it('half months end on the 15th and on the last day, February and leap years included', () => {
    expect(halfMonthOf('2026-02-15')).toEqual({ start: '2026-02-01', end: '2026-02-15' });
    expect(halfMonthOf('2026-02-16')).toEqual({ start: '2026-02-16', end: '2026-02-28' });
    expect(halfMonthOf('2028-02-20')).toEqual({ start: '2028-02-16', end: '2028-02-29' });
    expect(['2026-03-15', '2026-03-31', '2026-04-30', '2026-02-28'].every(isPeriodEnd)).toBe(true);
    expect(['2026-03-14', '2026-03-30', '2026-02-29', 'x'].some(isPeriodEnd)).toBe(false);
  });

  it('months know the month before, across the new year', () => {
    expect(monthOf('2026-01')).toMatchObject({ start: '2026-01-01', end: '2026-01-31', previous: { month: '2025-12', end: '2025-12-31' } });
    expect(isDay('2026-02-30')).toBe(false);
  });
});

describe('completion and ranking', () => {
  it('rates per measure; no target is no rate; the score caps each rate at 100%', () => {
    const rates = ratesOf({ newUnions: 3, newMembers: 6, newFormMembers: 1 }, { newUnions: 2, newMembers: 4, newFormMembers: 0 });
    expect(rates).toEqual({ newUnions: 1.5, newMembers: 1.5, newFormMembers: null });
    expect(scoreOf(rates)).toBe(1);
    expect(scoreOf({ newUnions: 0.5, newMembers: 1, newFormMembers: 0.5 })).toBe(0.6667);
    expect(scoreOf(ratesOf({ newUnions: 1, newMembers: 1, newFormMembers: 1 }, null))).toBeNull();
  });

  const row = (id: number, score: number | null) => ({ districtId: id, districtName: `d${id}`, ytd: {} as never, target: null, rates: {} as never, score });

  it('ties share a rank; all tied is nobody last; the unranked follow', () => {
    expect(rank([row(1, 0.2), row(2, null), row(3, 0.5), row(4, 0.2)]).map((r) => [r.districtId, r.rank, r.last])).toEqual([
      [3, 1, false],
      [1, 2, true],
      [4, 2, true],
      [2, null, false],
    ]);
    expect(rank([row(1, 0), row(2, 0)]).map((r) => r.last)).toEqual([false, false]);
    expect(rank([row(1, 0.3)]).map((r) => [r.rank, r.last])).toEqual([[1, false]]);
  });
});
