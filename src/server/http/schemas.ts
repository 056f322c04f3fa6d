import { z } from 'zod';
import { STATE_TONES } from '../platform/workflow/engine.js';

/** Shared response/param schemas, so every route documents the same shapes. */
export const idParam = z.object({ id: z.coerce.number().int().positive() });
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messageEn: z.string(),
    fields: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
  }),
});
export const versionBody = z.object({ version: z.number().int().min(1) });
/** Dates leave as ISO strings: handlers return Date, the serializer encodes (zod codec). */
export const timestamp = z.codec(z.iso.datetime({ offset: true }), z.date(), {
  decode: (iso) => new Date(iso),
  encode: (date) => date.toISOString(),
});
export const nullableTimestamp = timestamp.nullable();
/**
 * A `YYYY-MM-DD` day that is on the calendar (2026-02-30 is refused, not rolled over) and has a next day:
 * counting on from 9999-12-31 (a period's end, a roster's day) leaves the four-digit years.
 */
export const calendarDay = z.iso
  .date('应为有效日期（YYYY-MM-DD）')
  // A malformed day has its issue already: one issue per field.
  .refine((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || d < '9999-12-31', '日期不能晚于 9998-12-31');
/** A date of something that has happened: today or before (the form offers today). */
export const pastOrToday = (today: () => string) => calendarDay.refine((d) => d <= today(), '日期不能晚于今天').meta({ notAfterToday: true });
/** A day filter as the instant it starts in Beijing; `to` filters are inclusive, so the server adds a day. */
export const dayQuery = calendarDay.transform((d) => new Date(`${d}T00:00:00+08:00`));
export const dayEndQuery = dayQuery.transform((d) => new Date(d.getTime() + 86_400_000));
export const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
export const noContent = z.null().describe('No content');
/** One entry of a code list (employment forms, statuses, org types, roles): the stored code and its label. */
export const codeLabel = z.object({ code: z.string(), label: z.string() });
/** The codes of a code list (`{ code: label }`), for `z.enum`. */
export const keysOf = <K extends string>(record: Record<K, unknown>) => Object.keys(record) as [K, ...K[]];
/** A code list (`{ code: label }`) as the API sends it. */
export const codeLabels = (record: Record<string, string>) => Object.entries(record).map(([code, label]) => ({ code, label }));

/** Body of every workflow action route: the action and, when it needs one, its input (the engine checks both). */
export const actionBody = z.object({ action: z.string().min(1).max(48), input: z.unknown().optional() });
/** Most records one bulk action takes: a page of the largest size. */
export const BULK_MAX = 200;
/** The records a bulk action (批量) is for. */
export const bulkIds = z
  .array(z.number().int().positive())
  .min(1)
  .max(BULK_MAX)
  .refine((ids) => new Set(ids).size === ids.length, '记录不能重复')
  .meta({ title: '所选记录' });
/** A bulk workflow action: one action and its input for each selected record. */
export const bulkActionBody = actionBody.extend({ ids: bulkIds });
/** A bulk action's outcome, one entry per record in the order sent: done, or refused and why (eachAlone). */
export const bulkResults = z.object({
  results: z.array(z.union([z.object({ id: z.number(), ok: z.literal(true) }), z.object({ id: z.number(), ok: z.literal(false), code: z.string(), message: z.string() })])),
});
/** What an actor may do next on a workflow record (engine AllowedAction): one web component renders them all. */
export const allowedActions = z.array(
  z.object({
    action: z.string(),
    label: z.string(),
    to: z.string(),
    destructive: z.boolean().describe('须先确认'),
    warning: z.string().nullable().describe('办理前提示的后果'),
    input: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe('办理须填写的内容（JSON Schema：title 字段名、required 必填、enum 与 enumLabels 选项、format: date 日期、notAfterToday 不晚于今天、defaultToday 默认今天）；null 为无须填写'),
  }),
);
/** A workflow record's history, oldest first (engine timeline). */
export const timelineEntries = z.array(
  z.object({
    seq: z.number(),
    at: timestamp,
    actorName: z.string().nullable(),
    action: z.string(),
    actionLabel: z.string().describe('这一步做了什么（流程中该操作的名称）'),
    from: z.string().nullable(),
    to: z.string(),
    toLabel: z.string(),
    toTone: z.enum(STATE_TONES).describe('页面如何显示这一状态'),
    note: z.string().nullable(),
    payload: z.unknown(),
  }),
);
