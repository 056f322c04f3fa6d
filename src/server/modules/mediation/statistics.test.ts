import { describe, expect, it } from 'vitest';
import { periodParts } from './statistics.js';

describe('a statistics period as whole months and the days around them', () => {
  it('a year is its twelve months, nothing read live', () => {
    expect(periodParts('2026-01-01', '2026-12-31')).toEqual({ months: ['2026-01-01', '2027-01-01'], days: [] });
  });

  it('a year so far: the months before this one whole, this month’s days live', () => {
    expect(periodParts('2026-01-01', '2026-12-07')).toEqual({ months: ['2026-01-01', '2026-12-01'], days: [['2026-12-01', '2026-12-07']] });
  });

  it('part months at both ends, across a year and February’s end', () => {
    expect(periodParts('2023-11-15', '2024-02-29')).toEqual({ months: ['2023-12-01', '2024-03-01'], days: [['2023-11-15', '2023-11-30']] });
    expect(periodParts('2023-11-15', '2024-02-28')).toEqual({ months: ['2023-12-01', '2024-02-01'], days: [['2023-11-15', '2023-11-30'], ['2024-02-01', '2024-02-28']] });
  });

  it('no whole month in it: the period is read live, once', () => {
    expect(periodParts('2026-03-15', '2026-03-20')).toEqual({ months: null, days: [['2026-03-15', '2026-03-20']] });
    expect(periodParts('2026-03-15', '2026-04-10')).toEqual({ months: null, days: [['2026-03-15', '2026-04-10']] });
    expect(periodParts('2026-03-02', '2026-03-31')).toEqual({ months: null, days: [['2026-03-02', '2026-03-31']] });
    expect(periodParts('2026-12-06', '2026-12-06')).toEqual({ months: null, days: [['2026-12-06', '2026-12-06']] });
  });

  it('one whole month', () => {
    expect(periodParts('2026-03-01', '2026-03-31')).toEqual({ months: ['2026-03-01', '2026-04-01'], days: [] });
  });
});
