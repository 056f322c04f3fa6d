import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { addWorkingDays, type CalendarDay, type CalendarDayInput, fetchCalendar, revertCalendarDay, setCalendarDay } from './api';

const CALENDAR = ['calendar'] as const;

const byDate = (days: CalendarDay[]) => new Map(days.map((day) => [day.date, day]));

/** The year's special days, by date. */
export const useCalendar = (year: number) =>
  useQuery({ queryKey: [...CALENDAR, 'year', year], queryFn: () => fetchCalendar(year).then((r) => r.items), select: byDate });

/** Null until the user asks. */
export const useAddWorkingDays = (request: { from: string; n: number } | null) =>
  useQuery({
    queryKey: [...CALENDAR, 'add-working-days', request],
    queryFn: request ? () => addWorkingDays(request.from, request.n).then((r) => r.date) : skipToken,
  });

/** Changing a day moves every working-day sum across it, so all calendar queries refresh. */
function useCalendarMutation<V>(mutationFn: (variables: V) => Promise<void>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: CALENDAR }) });
}

export const useSetCalendarDay = () =>
  useCalendarMutation(({ date, ...day }: CalendarDayInput & { date: string }) => setCalendarDay(date, day));

export const useRevertCalendarDay = () => useCalendarMutation(revertCalendarDay);
