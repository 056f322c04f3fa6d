import { date, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';
import { id } from '../../db/columns.js';

/**
 * Days that break the Monday–Friday rule: public holidays and 调休 make-up
 * workdays. Loaded from the chinese-days package; admins may add or correct.
 */
export const calendarDays = pgTable('calendar_days', {
  date: date('date').primaryKey(),
  kind: varchar('kind', { length: 16 }).$type<'holiday' | 'workday'>().notNull(),
  name: varchar('name', { length: 50 }).notNull(),
  source: varchar('source', { length: 16 }).$type<'official' | 'admin'>().notNull(),
  updatedBy: id('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
