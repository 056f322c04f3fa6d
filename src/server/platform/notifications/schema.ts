import { index, pgTable, primaryKey, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { id, identityId } from '../../db/columns.js';

/** In-app notifications. Keyed by user: on Citus, distributed by `user_id`. */
export const notifications = pgTable(
  'notifications',
  {
    userId: id('user_id').notNull(),
    id: identityId(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    kind: varchar('kind', { length: 32 }).notNull(),
    title: varchar('title', { length: 200 }).notNull(),
    body: text('body'),
    /** In-app route to open, e.g. `/orgs?id=12`. */
    link: varchar('link', { length: 300 }),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.id] }), index('notifications_user_at_idx').on(t.userId, t.at)],
);
