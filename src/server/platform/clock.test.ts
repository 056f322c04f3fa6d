import { describe, expect, it } from 'vitest';
import { createClock } from './clock.js';

describe('the services’ clock', () => {
  it('reads the real time, today pinned when the services pin it', () => {
    const before = Date.now();
    const clock = createClock({ today: () => '2026-12-06' });
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(before);
    expect(clock.today()).toBe('2026-12-06');
  });

  it('reads the moment a step runs at, across its awaits, while other work meanwhile sees the real time', async () => {
    const clock = createClock({ today: () => '2026-12-06' });
    // 09:30 in Beijing on 11 November is 01:30 UTC the same day; 23:30 UTC is the next day in Beijing.
    const at = new Date('2026-11-11T01:30:00Z');
    const seen = await clock.asOf(at, async () => {
      const first = clock.now();
      await new Promise((resolve) => setTimeout(resolve, 5));
      return [first, clock.now(), clock.today()] as const;
    });
    expect(seen).toEqual([at, at, '2026-11-11']);
    expect(await clock.asOf(new Date('2026-11-11T23:30:00Z'), async () => clock.today())).toBe('2026-11-12');

    const outside = clock.asOf(at, () => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(clock.today()).toBe('2026-12-06');
    expect(Date.now() - clock.now().getTime()).toBeLessThan(1000);
    await outside;
  });
});
