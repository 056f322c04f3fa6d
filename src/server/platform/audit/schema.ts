import { index, jsonb, pgTable, primaryKey, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { id, identityId, ltree, tenantId } from '../../db/columns.js';

/** Operation log: who did what to which record, before and after, when and from where. */
export const auditLog = pgTable(
  'audit_log',
  {
    tenantId: tenantId(),
    id: identityId(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: id('actor_user_id'),
    actorName: varchar('actor_name', { length: 50 }),
    ip: varchar('ip', { length: 64 }),
    userAgent: text('user_agent'),
    /** `entity.verb`, e.g. `org.move`, `user.create`, `member.reveal_id`. */
    action: varchar('action', { length: 64 }).notNull(),
    entityType: varchar('entity_type', { length: 32 }).notNull(),
    entityId: varchar('entity_id', { length: 64 }),
    /** Path of the org the record belongs to: the reader's scope filter. */
    orgPath: ltree('org_path').notNull(),
    summary: text('summary').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('audit_log_path_gist').using('gist', t.orgPath),
    index('audit_log_at_idx').on(t.at),
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
  ],
);
