import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { mediationCaseClaims, mediationCases, mediationCaseWorkers } from './schema.js';

/**
 * The case row's summaries that the statistics read instead of joining the
 * claims and the workers (docs/scaling.md): the claims summed by type and the
 * workers' ratings counted. Recomputed from those rows in the caller's
 * transaction, after every change to either, so they cannot drift; migration
 * 0034 filled them for the cases before it with the same statement.
 */
export async function refreshCaseSummaries(tx: Db, row: { tenantId: number; id: number }) {
  await tx.execute(sql`
    update ${mediationCases} m set
      claimed_by_type = coalesce((select jsonb_object_agg(c.type, c.amount) from (
        select type, sum(amount) as amount from ${mediationCaseClaims} where tenant_id = m.tenant_id and case_id = m.id group by type) c), '{}'::jsonb),
      rating_counts = coalesce((select jsonb_object_agg(w.rating, w.workers) from (
        select rating, count(*) as workers from ${mediationCaseWorkers} where tenant_id = m.tenant_id and case_id = m.id and rating is not null group by rating) w), '{}'::jsonb)
    where m.tenant_id = ${row.tenantId} and m.id = ${row.id}`);
}
