import { AsyncLocalStorage } from 'node:async_hooks';
import { beijingDate } from './beijing-time.js';

/**
 * The time the services stamp records with (`now`) and today's business date (`today`, Asia/Shanghai).
 * Normally the real time, with today pinned in tests. Inside `asOf(at, step)` both read `at`: the demo runs
 * each step of its story through the services on the day and hour it happened — a proposal submitted weeks
 * ago, answered days later — so every timeline, deadline and figure is the product's own, not a table the
 * demo wrote. The moment belongs to the step's async context only: requests served meanwhile see the real time.
 */
export interface Clock {
  now: () => Date;
  today: () => string;
  asOf: <T>(at: Date, step: () => Promise<T>) => Promise<T>;
}

export function createClock(options: { today?: () => string } = {}): Clock {
  const moment = new AsyncLocalStorage<Date>();
  return {
    now: () => new Date(moment.getStore() ?? Date.now()),
    today: () => {
      const at = moment.getStore();
      return at ? beijingDate(at) : (options.today?.() ?? beijingDate(new Date()));
    },
    asOf: (at, step) => moment.run(at, step),
  };
}
