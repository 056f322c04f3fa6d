import { api } from '../../lib/api';

export type DayKind = 'holiday' | 'workday';

/** A day that breaks the Monday–Friday rule: a public holiday, or a 调休 make-up workday. */
export interface CalendarDay {
  /** YYYY-MM-DD */
  date: string;
  kind: DayKind;
  name: string;
  source: 'official' | 'admin';
}

export const fetchCalendar = (year: number) => api.get<{ items: CalendarDay[] }>('/api/calendar', { year });

export const setCalendarDay = (date: string, day: { kind: DayKind; name: string }) =>
  api.put(`/api/calendar/${date}`, day);

/** Drops an admin's setting for the day. */
export const revertCalendarDay = (date: string) => api.delete(`/api/calendar/${date}`);

export const addWorkingDays = (from: string, n: number) =>
  api.get<{ date: string }>('/api/calendar/add-working-days', { from, n });
