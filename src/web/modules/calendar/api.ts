import type { z } from 'zod';
import type { calendarDayInput, calendarException, workingDaysLater } from '../../../server/platform/calendar/routes';
import { api } from '../../lib/api';

/** A day that breaks the Monday–Friday rule: a public holiday, or a 调休 make-up workday (as the server sends it). */
export type CalendarDay = z.input<typeof calendarException>;
export type DayKind = CalendarDay['kind'];
/** What an admin sets a day to. */
export type CalendarDayInput = z.input<typeof calendarDayInput>;

export const fetchCalendar = (year: number) => api.get<{ items: CalendarDay[] }>('/api/calendar', { year });

export const setCalendarDay = (date: string, day: CalendarDayInput) =>
  api.put(`/api/calendar/${date}`, day);

/** Drops an admin's setting for the day. */
export const revertCalendarDay = (date: string) => api.delete(`/api/calendar/${date}`);

export const addWorkingDays = (from: string, n: number) =>
  api.get<z.input<typeof workingDaysLater>>('/api/calendar/add-working-days', { from, n });
