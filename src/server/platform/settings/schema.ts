import { jsonb, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';
import { id, version } from '../../db/columns.js';

/**
 * 参数设置: the values an administrator changed; a setting without a row has its registered default
 * (registry.ts). Instance-wide, a few rows: a reference table.
 */
export const settings = pgTable('settings', {
  key: varchar('key', { length: 100 }).primaryKey(),
  value: jsonb('value').notNull(),
  version: version(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: id('updated_by'),
});
