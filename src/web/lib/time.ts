import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

/** Unions work on Beijing time whatever the browser's zone. */
const ZONE = 'Asia/Shanghai';

export const DATE_FORMAT = 'YYYY-MM-DD';

/** An ISO timestamp as `YYYY-MM-DD HH:mm` in Beijing time; `—` when absent. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(ZONE).format('YYYY-MM-DD HH:mm') : '—';
}

/** Today's date in Beijing time, as a plain (zone-less) date for pickers. */
export function today() {
  return dayjs(dayjs().tz(ZONE).format(DATE_FORMAT));
}

export { dayjs };
