import { count, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';

/**
 * How many rows of `table` match, counted up to `window` + 1 (or `upTo` + 1, when the caller wants to know
 * more than it shows): an exact count reads every match (a county's million members, a common word in
 * 100,000 cases' search documents), where this stops early. Beyond the window the page says "1,000+"
 * (`totalCapped`).
 */
export async function cappedCount(db: Db, table: PgTable, where: SQL | undefined, window: number, upTo = window) {
  const [{ n }] = await db.select({ n: count() }).from(db.select({ one: sql`1` }).from(table).where(where).limit(upTo + 1).as('capped'));
  return { total: Math.min(n, window), totalCapped: n > window, matches: n };
}
