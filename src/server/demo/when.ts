import { addDays } from '../platform/beijing-time.js';
import type { Services } from '../services.js';

/**
 * When the demo's stories happen. Each step goes through the services as of a moment of the past weeks
 * (`services.asOf`, platform/clock.ts), so the timelines, the deadlines and the figures that measure them
 * (提案统计's handling days, 履职监督's reply times) read as a county's would — not everything at the minute
 * the demo was loaded. Counted back from the services' today; never today itself, which has not happened yet.
 */
export async function demoTime(services: Services) {
  const today = services.today();
  const calendar = await services.calendar.calendar();
  const at = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);
  const workday = (workdaysAgo: number) => calendar.addWorkingDays(today, -Math.max(workdaysAgo, 1));
  return {
    today,
    /** The business date `daysAgo` calendar days before today. */
    day: (daysAgo: number) => addDays(today, -daysAgo),
    /** `time` (Beijing, HH:MM) on the day `daysAgo` calendar days before today. */
    daysAgo: (daysAgo: number, time: string) => at(addDays(today, -Math.max(daysAgo, 1)), time),
    /** The working day `workdaysAgo` working days before today. */
    workday,
    /** `time` on the working day `workdaysAgo` working days before today (the union's, the handlers' office days). */
    workdaysAgo: (workdaysAgo: number, time: string) => at(workday(workdaysAgo), time),
    /** `time` on a business date. */
    on: at,
    /** Run a step through the services as of `moment`. */
    asOf: <T>(moment: Date, step: () => Promise<T>) => services.asOf(moment, step),
  };
}

export type DemoTime = Awaited<ReturnType<typeof demoTime>>;
