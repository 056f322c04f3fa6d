/**
 * Time as people here read it: Beijing time (Asia/Shanghai, UTC+8 all year,
 * no daylight saving). The database and the API carry instants, which the web
 * app shows in Beijing time itself (web/lib/time.ts); business dates
 * (`YYYY-MM-DD`) and text the server writes for a person — a downloaded file,
 * its name, a message — are Beijing time, from here.
 */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** An instant's Beijing date: '2026-12-06'. */
export const beijingDate = (at: Date) => new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);

/** An instant as Beijing date and time to the minute: '2026-12-06 16:05'. */
export const beijingDateTime = (at: Date) => new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');

/** An instant to the second in Beijing time, for logs: `2026-12-06 16:05:09`. */
export const beijingTimestamp = (at: Date) => new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');

/** Today's business date; services take it as `today` (tests pin it). */
export const beijingToday = () => beijingDate(new Date());

/** A business date (`YYYY-MM-DD`) moved by `n` calendar days. */
export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A business date as documents write it: 2026年3月15日. */
export const chineseDate = (day: string) => `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** The instant a Beijing business date begins, or the one `days` later begins (a period's end: the day after its last). */
export const beijingDayStart = (day: string, days = 0) => new Date(new Date(`${day}T00:00:00+08:00`).getTime() + days * 86_400_000);
