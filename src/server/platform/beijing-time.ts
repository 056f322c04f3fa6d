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

/** Today's business date; services take it as `today` (tests pin it). */
export const beijingToday = () => beijingDate(new Date());

/** A business date (`YYYY-MM-DD`) moved by `n` calendar days. */
export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
