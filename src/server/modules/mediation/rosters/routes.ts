import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../../http/auth.js';
import { calendarDay, idParam, keysOf, noContent } from '../../../http/schemas.js';
import { STUDIO_ROLES, type StudioRole } from '../schema.js';
import { DUTY_EXCEPTION_KINDS, DUTY_RECURRENCES, DUTY_SLOTS, type DutyExceptionKind, type DutyRecurrence, type DutySlot } from './schema.js';
import type { DutyRosters } from './service.js';

/** The duty roster API's shapes (值班排班), exported so that the web types what it sends and receives from them. */

const recurrence = z.enum(keysOf<DutyRecurrence>(DUTY_RECURRENCES), '请选择重复方式');
const slot = z.enum(keysOf<DutySlot>(DUTY_SLOTS), '请选择时段');
const exceptionKind = z.enum(keysOf<DutyExceptionKind>(DUTY_EXCEPTION_KINDS), '请选择取消或代班');
const studioRole = z.enum(keysOf<StudioRole>(STUDIO_ROLES));
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间应为 HH:MM，如 08:30');

export const newDutyRule = z.object({
  memberId: z.number().int().positive().describe('值班的团队成员'),
  recurrence: recurrence.describe('重复方式：每周（选星期几）、每月第几个星期几、每月几号'),
  weekdays: z.array(z.number().int()).max(7).nullish().describe('每周：星期几，1 为星期一，7 为星期日；选全星期一至五即“每个工作日”，调休上班日也值班'),
  nth: z.number().int().nullish().describe('每月第几个：1–4，-1 为最后一个'),
  weekday: z.number().int().nullish().describe('每月第几个星期几的“星期几”：1–7'),
  monthDay: z.number().int().nullish().describe('每月几号：1–28，-1 为最后一天'),
  slot: slot.describe('时段'),
  startTime: time.nullish().describe('开始时间（可选）'),
  endTime: time.nullish().describe('结束时间（可选）'),
  validFrom: calendarDay.describe('有效期开始'),
  validTo: calendarDay.nullish().describe('有效期结束（不填为长期）'),
  onRestDays: z.boolean().optional().describe('节假日和周末也值班（默认只在工作日值班）'),
  note: z.string().trim().max(200, '备注不能超过 200 个字').nullish().describe('备注，如：驻点律师坐诊'),
});
export const dutyRuleChanges = newDutyRule
  .partial()
  .extend({ active: z.boolean().optional().describe('停用：不再排班'), version: z.number().int().min(1).describe('读取时的版本（防止覆盖他人的修改）') });
export const dutyRuleParams = z.object({ id: z.coerce.number().int().positive(), ruleId: z.coerce.number().int().positive() });

export const newDutyException = z.object({
  ruleId: z.number().int().positive().describe('调整的值班规则'),
  day: calendarDay.describe('哪一天'),
  kind: exceptionKind.describe('取消，或由他人代班'),
  substituteId: z.number().int().positive().nullish().describe('代班的团队成员'),
  reason: z.string().trim().min(2, '请填写原因（至少 2 个字）').max(200, '原因不能超过 200 个字').describe('原因'),
});
export const dutyExceptionParams = z.object({ id: z.coerce.number().int().positive(), exceptionId: z.coerce.number().int().positive() });

const slotFields = { slot, slotLabel: z.string(), startTime: z.string().nullable(), endTime: z.string().nullable() };

export const dutyRule = z.object({
  id: z.number(),
  memberId: z.number(),
  memberName: z.string(),
  memberActive: z.boolean(),
  role: studioRole,
  roleLabel: z.string(),
  recurrence,
  weekdays: z.array(z.number()),
  nth: z.number().nullable(),
  weekday: z.number().nullable(),
  monthDay: z.number().nullable(),
  description: z.string().describe('如：每月第一个星期三'),
  ...slotFields,
  validFrom: z.string(),
  validTo: z.string().nullable(),
  onRestDays: z.boolean(),
  note: z.string().nullable(),
  active: z.boolean(),
  version: z.number(),
});
export const dutyRuleList = z.object({ canManage: z.boolean(), items: z.array(dutyRule) });

export const dutyException = z.object({
  id: z.number(),
  ruleId: z.number(),
  day: z.string(),
  kind: exceptionKind,
  kindLabel: z.string(),
  substituteId: z.number().nullable(),
  substituteName: z.string().nullable(),
  reason: z.string(),
});

export const dutyEntry = z.object({
  ruleId: z.number(),
  memberId: z.number(),
  name: z.string(),
  role: studioRole,
  roleLabel: z.string(),
  userId: z.number().nullable().describe('值班人的调解员账号（新案件默认由有账号的值班人承办）'),
  ...slotFields,
  standsInFor: z.string().nullable().describe('代班：原值班人'),
  cancelled: z.boolean().describe('这一天已取消'),
  exception: z.object({ id: z.number(), kind: exceptionKind, kindLabel: z.string(), reason: z.string() }).nullable(),
});
export const dutyDay = z.object({
  date: z.string(),
  weekday: z.number().describe('1 为星期一，7 为星期日'),
  working: z.boolean().describe('工作日（含调休上班日）'),
  kind: z.enum(['weekday', 'weekend', 'holiday', 'workday']),
  holidayName: z.string().nullable().describe('节假日或调休上班日的名称'),
  entries: z.array(dutyEntry),
});
export const dutyMonth = z.object({ month: z.string(), today: z.string(), canManage: z.boolean(), days: z.array(dutyDay) });
export const dutyMonthQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM').optional().describe('月份，默认本月') });
export const onDutyQuery = z.object({ day: calendarDay.optional().describe('哪一天，默认今天') });

/** Today's duty as workers see it: names, roles and slots; only the studio's own phone. */
export const publicDuty = z.object({
  day: z.string(),
  items: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      address: z.string().nullable(),
      phone: z.string().nullable().describe('工作室的咨询电话'),
      holidayName: z.string().nullable(),
      entries: z.array(z.object({ name: z.string(), roleLabel: z.string(), slotLabel: z.string(), startTime: z.string().nullable(), endTime: z.string().nullable(), standsInFor: z.string().nullable() })),
    }),
  ),
});

export async function dutyRosterRoutes(app: FastifyInstance, deps: { dutyRosters: DutyRosters }) {
  const { dutyRosters } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['连心舱 值班 duty rosters'];

  r.get('/api/mediation/studios/:id/duty-rules', {
    schema: { tags, summary: '工作室的值班规则 A studio’s duty rules', params: idParam, response: { 200: dutyRuleList } },
    handler: async (request) => dutyRosters.rules(requireActor(request), request.params.id),
  });

  r.post('/api/mediation/studios/:id/duty-rules', {
    schema: { tags, summary: '新增值班规则 Add a duty rule', params: idParam, body: newDutyRule, response: { 201: dutyRule } },
    handler: async (request, reply) => reply.status(201).send(await dutyRosters.createRule(requireActor(request), request.params.id, request.body)),
  });

  r.patch('/api/mediation/studios/:id/duty-rules/:ruleId', {
    schema: { tags, summary: '修改或停用值班规则 Change or end a duty rule', params: dutyRuleParams, body: dutyRuleChanges, response: { 200: dutyRule } },
    handler: async (request) => dutyRosters.updateRule(requireActor(request), request.params.id, request.params.ruleId, request.body),
  });

  r.post('/api/mediation/studios/:id/duty-exceptions', {
    schema: { tags, summary: '取消某天的值班或安排代班 Cancel a day or hand it to another member', params: idParam, body: newDutyException, response: { 201: dutyException } },
    handler: async (request, reply) => reply.status(201).send(await dutyRosters.addException(requireActor(request), request.params.id, request.body)),
  });

  r.delete('/api/mediation/studios/:id/duty-exceptions/:exceptionId', {
    schema: { tags, summary: '撤销值班调整 Remove an exception', params: dutyExceptionParams, response: { 204: noContent } },
    handler: async (request, reply) => {
      await dutyRosters.removeException(requireActor(request), request.params.id, request.params.exceptionId);
      return reply.status(204).send(null);
    },
  });

  r.get('/api/mediation/studios/:id/duty', {
    schema: { tags, summary: '值班表（一个月） The month’s roster', params: idParam, querystring: dutyMonthQuery, response: { 200: dutyMonth } },
    handler: async (request) => dutyRosters.month(requireActor(request), request.params.id, request.query.month),
  });

  r.get('/api/mediation/studios/:id/on-duty', {
    schema: { tags, summary: '某天的值班人员 Who is on duty on a day', params: idParam, querystring: onDutyQuery, response: { 200: dutyDay } },
    handler: async (request) => dutyRosters.onDuty(requireActor(request), request.params.id, request.query.day),
  });

  r.get('/api/mediation/duty-today', {
    schema: { tags, summary: '今日值班：本人所在工会及上级工会的工作室 Today’s duty near me', response: { 200: publicDuty } },
    handler: async (request) => dutyRosters.dutyNearMe(requireActor(request)),
  });

  r.get('/api/public/unions/:id/mediation-duty', {
    schema: { tags: ['职工端 public'], summary: '工会页上的今日值班 Today’s duty on a union’s public page', params: idParam, response: { 200: publicDuty } },
    handler: async (request) => dutyRosters.publicDuty(request.params.id),
  });
}
