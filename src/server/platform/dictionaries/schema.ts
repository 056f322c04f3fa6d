import { boolean, integer, pgTable, primaryKey, timestamp, varchar } from 'drizzle-orm/pg-core';
import { id, version } from '../../db/columns.js';

/**
 * 字典: an administrator's changes to the code lists that are data (employment forms' labels and order,
 * industries). A declared entry without a row keeps its declared label and place (registry.ts); an entry
 * an administrator added to an open dictionary exists only here. Small and instance-wide: a reference table.
 */
export const dictionaryEntries = pgTable(
  'dictionary_entries',
  {
    dictionary: varchar('dictionary', { length: 64 }).notNull(),
    code: varchar('code', { length: 64 }).notNull(),
    label: varchar('label', { length: 100 }).notNull(),
    sortOrder: integer('sort_order').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    version: version(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: id('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.dictionary, t.code] })],
);
