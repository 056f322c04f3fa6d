import { boolean, date, foreignKey, index, pgTable, primaryKey, smallint, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id, identityId, ltree, tenantId, timestamps, version } from '../../../db/columns.js';
import { pathCopies } from '../../../platform/org-tree/paths.js';
import { mediationStudios, studioMembers } from '../schema.js';

/** How a duty rule repeats (seed 002: 每月一次律师坐诊, 每周舱长值班). */
export const DUTY_RECURRENCES = {
  weekly: '每周',
  monthly_weekday: '每月第几个星期几',
  monthly_day: '每月几号',
} as const;
export type DutyRecurrence = keyof typeof DUTY_RECURRENCES;

/** The part of the day a member is on duty, in the order a day lists them; a rule may give exact times too. */
export const DUTY_SLOTS = {
  all_day: '全天',
  morning: '上午',
  afternoon: '下午',
} as const;
export type DutySlot = keyof typeof DUTY_SLOTS;

/** What an exception does to one day of a rule: 取消 it, or 代班 by another member. */
export const DUTY_EXCEPTION_KINDS = {
  cancel: '取消',
  swap: '代班',
} as const;
export type DutyExceptionKind = keyof typeof DUTY_EXCEPTION_KINDS;

/**
 * A recurring duty of one member of a studio's team (值班规则): e.g. the
 * resident lawyer on the first Wednesday morning of each month, a cabin chief
 * every Monday. Which fields carry the recurrence depends on `recurrence`
 * (rosters/recurrence.ts). The studio's path is copied for scope filters.
 */
export const mediationDutyRules = pgTable(
  'mediation_duty_rules',
  {
    tenantId: tenantId(),
    id: identityId(),
    studioId: id('studio_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    memberId: id('member_id').notNull(),
    recurrence: varchar('recurrence', { length: 20 }).$type<DutyRecurrence>().notNull(),
    /** weekly: ISO weekdays, 1 = Monday … 7 = Sunday. */
    weekdays: smallint('weekdays').array().notNull().default([]),
    /** monthly_weekday: the n-th (1–4) or the last (-1) `weekday` of the month. */
    nth: smallint('nth'),
    weekday: smallint('weekday'),
    /** monthly_day: the day of the month (1–28), or the last day (-1). */
    monthDay: smallint('month_day'),
    slot: varchar('slot', { length: 10 }).$type<DutySlot>().notNull(),
    /** 'HH:MM', both or neither. */
    startTime: varchar('start_time', { length: 5 }),
    endTime: varchar('end_time', { length: 5 }),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    /** Also on weekends and statutory holidays (by default a duty falls only on working days). */
    onRestDays: boolean('on_rest_days').notNull().default(false),
    note: varchar('note', { length: 200 }),
    active: boolean('active').notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.studioId], foreignColumns: [mediationStudios.tenantId, mediationStudios.id] }),
    foreignKey({ columns: [t.tenantId, t.memberId], foreignColumns: [studioMembers.tenantId, studioMembers.id] }),
    // A studio's roster: every read (the month, today's duty) takes its rules.
    index('mediation_duty_rules_studio_idx').on(t.tenantId, t.studioId, t.active),
    index('mediation_duty_rules_member_idx').on(t.tenantId, t.memberId),
  ],
);

/** One day of a rule cancelled or taken over by another member (代班), with the reason. */
export const mediationDutyExceptions = pgTable(
  'mediation_duty_exceptions',
  {
    tenantId: tenantId(),
    id: identityId(),
    studioId: id('studio_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    ruleId: id('rule_id').notNull(),
    day: date('day').notNull(),
    kind: varchar('kind', { length: 10 }).$type<DutyExceptionKind>().notNull(),
    substituteId: id('substitute_id'),
    reason: varchar('reason', { length: 200 }).notNull(),
    createdBy: id('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.ruleId], foreignColumns: [mediationDutyRules.tenantId, mediationDutyRules.id] }),
    foreignKey({ columns: [t.tenantId, t.substituteId], foreignColumns: [studioMembers.tenantId, studioMembers.id] }),
    // One exception per rule and day; the month view reads a studio's days.
    uniqueIndex('mediation_duty_exceptions_rule_day_key').on(t.tenantId, t.ruleId, t.day),
    index('mediation_duty_exceptions_studio_day_idx').on(t.tenantId, t.studioId, t.day),
  ],
);

export const rostersSubtreeMoved = [pathCopies(mediationDutyRules.orgPath), pathCopies(mediationDutyExceptions.orgPath)];
