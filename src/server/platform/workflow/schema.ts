import { date, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { id, identityId, tenantId } from '../../db/columns.js';

/** The one append-only timeline of every workflow record (DESIGN: "One timeline"). */
export const workflowTimeline = pgTable(
  'workflow_timeline',
  {
    tenantId: tenantId(),
    id: identityId(),
    workflow: varchar('workflow', { length: 48 }).notNull(),
    recordId: id('record_id').notNull(),
    seq: integer('seq').notNull(),
    actorUserId: id('actor_user_id'),
    actorName: varchar('actor_name', { length: 50 }),
    action: varchar('action', { length: 48 }).notNull(),
    fromState: varchar('from_state', { length: 48 }),
    toState: varchar('to_state', { length: 48 }).notNull(),
    note: text('note'),
    payload: jsonb('payload'),
    /** The entry whose effect fired this transition (engine.ts Cause), or null for an actor's own act. */
    cause: jsonb('cause'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('workflow_timeline_record_seq_key').on(t.tenantId, t.workflow, t.recordId, t.seq),
  ],
);

/**
 * The reminders and escalations the deadline job has sent (deadline-notices.ts):
 * one per record, deadline and kind, so a round that runs again — here or in
 * another instance — sends nothing twice, and a new deadline is reminded anew.
 */
export const workflowDeadlineNotices = pgTable(
  'workflow_deadline_notices',
  {
    tenantId: tenantId(),
    id: identityId(),
    workflow: varchar('workflow', { length: 48 }).notNull(),
    recordId: id('record_id').notNull(),
    dueOn: date('due_on').notNull(),
    kind: varchar('kind', { length: 16 }).$type<'remind' | 'escalate'>().notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('workflow_deadline_notices_once_key').on(t.tenantId, t.workflow, t.recordId, t.dueOn, t.kind)],
);
