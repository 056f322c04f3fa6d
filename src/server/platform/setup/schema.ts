import { sql } from 'drizzle-orm';
import { check, pgTable, smallint, timestamp } from 'drizzle-orm/pg-core';

/**
 * The installation's own state: one row. `root_named_at` is when the first administrator named the root of
 * the org tree (first-run setup); until then the root is a placeholder and the web app shows the setup page
 * before anything else. A reference table, like the tree it speaks of.
 */
export const installation = pgTable(
  'installation',
  {
    id: smallint('id').primaryKey().default(1),
    rootNamedAt: timestamp('root_named_at', { withTimezone: true }),
  },
  () => [check('installation_one_row', sql`id = 1`)],
);
