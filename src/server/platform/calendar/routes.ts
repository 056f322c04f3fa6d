import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.js';
import { calendarDay, noContent } from '../../http/schemas.js';
import { validationError } from '../errors.js';
import type { CalendarService } from './service.js';

const dayKind = z.enum(['holiday', 'workday']);
/** A day that breaks the Monday–Friday rule, as the API sends it (the web types it from this). */
export const calendarException = z.object({ date: z.string(), kind: dayKind, name: z.string(), source: z.enum(['official', 'admin']) });
/** What an admin sets a day to. */
export const calendarDayInput = z.object({ kind: dayKind, name: z.string().trim().min(1, '请填写名称').max(50) });
export const workingDaysLater = z.object({ date: z.string() });

export async function calendarRoutes(app: FastifyInstance, deps: { calendar: CalendarService }) {
  const { calendar } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['工作日历 calendar'];

  /** RangeError from the calendar means an impossible date such as 2025-02-30. */
  const checked = async <T>(field: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof RangeError) throw validationError([{ field, reason: '日期不存在' }]);
      throw error;
    }
  };

  r.get('/api/calendar', {
    schema: {
      tags,
      summary: '一年的节假日与调休 Holidays and make-up workdays of a year',
      querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
      response: { 200: z.object({ items: z.array(calendarException) }) },
    },
    handler: async (request) => {
      requireActor(request);
      return { items: await calendar.year(request.query.year) };
    },
  });

  r.get('/api/calendar/add-working-days', {
    schema: {
      tags,
      summary: 'N 个工作日后的日期 Date after N working days',
      querystring: z.object({ from: calendarDay, n: z.coerce.number().int().min(-3650).max(3650) }),
      response: { 200: workingDaysLater },
    },
    handler: async (request) => {
      requireActor(request);
      const { from, n } = request.query;
      return { date: await checked('from', async () => (await calendar.calendar()).addWorkingDays(from, n)) };
    },
  });

  r.put('/api/calendar/:date', {
    schema: {
      tags,
      summary: '设置节假日或调休上班日 Set a holiday or make-up workday',
      params: z.object({ date: calendarDay }),
      body: calendarDayInput,
      response: { 204: noContent },
    },
    handler: async (request, reply) => {
      await checked('date', () => calendar.setDay(requireActor(request), request.params.date, request.body.kind, request.body.name));
      return reply.status(204).send(null);
    },
  });

  r.delete('/api/calendar/:date', {
    schema: { tags, summary: '恢复官方安排 Revert to the official calendar', params: z.object({ date: calendarDay }), response: { 204: noContent } },
    handler: async (request, reply) => {
      await checked('date', () => calendar.resetDay(requireActor(request), request.params.date));
      return reply.status(204).send(null);
    },
  });
}
