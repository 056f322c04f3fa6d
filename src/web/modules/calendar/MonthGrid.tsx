import type { Dayjs } from 'dayjs';
import { DATE_FORMAT } from '../../lib/time';
import type { CalendarDay } from './api';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

const KIND_BADGE = { holiday: '休', workday: '班' } as const;

interface MonthGridProps {
  /** Any day of the month. */
  month: Dayjs;
  days: Map<string, CalendarDay>;
  today: string;
  /** Given only to those who may change days. */
  onDayClick?: (date: string) => void;
}

function dayTitle(date: Dayjs, day: CalendarDay | undefined) {
  const base = date.format('YYYY年M月D日 dddd');
  if (!day) return base;
  const what = day.kind === 'holiday' ? '放假' : '调休上班';
  return `${base}：${day.name}（${what}${day.source === 'admin' ? '，管理员设置' : ''}）`;
}

/** One month, Monday first: holidays red, 调休 workdays marked 班, plain weekends grey. */
export function MonthGrid({ month, days, today, onDayClick }: MonthGridProps) {
  const first = month.startOf('month');
  const blanks = (first.day() + 6) % 7;
  const dates = Array.from({ length: first.daysInMonth() }, (_, i) => first.add(i, 'day'));

  return (
    <section className="lx-month" aria-label={first.format('YYYY年M月')}>
      <h4 className="lx-month-title">{first.format('M月')}</h4>
      <div className="lx-month-grid">
        {WEEKDAYS.map((w) => (
          <div key={w} className="lx-weekday">
            {w}
          </div>
        ))}
        {Array.from({ length: blanks }, (_, i) => (
          <div key={`blank-${i}`} />
        ))}
        {dates.map((date) => {
          const key = date.format(DATE_FORMAT);
          const day = days.get(key);
          const weekend = date.day() === 0 || date.day() === 6;
          const className = [
            'lx-day',
            day ? `is-${day.kind}` : weekend && 'is-weekend',
            key === today && 'is-today',
            day?.source === 'admin' && 'is-admin',
          ]
            .filter(Boolean)
            .join(' ');
          const content = (
            <>
              {date.date()}
              {day && <span className="lx-day-badge">{KIND_BADGE[day.kind]}</span>}
            </>
          );
          return onDayClick ? (
            <button
              key={key}
              type="button"
              className={className}
              title={dayTitle(date, day)}
              onClick={() => onDayClick(key)}
            >
              {content}
            </button>
          ) : (
            <div key={key} className={className} title={dayTitle(date, day)}>
              {content}
            </div>
          );
        })}
      </div>
    </section>
  );
}
