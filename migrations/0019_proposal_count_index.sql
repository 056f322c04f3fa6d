-- hand-written (carry over on regeneration)
-- The proposal list's capped count (queries.ts, PROPOSAL_COUNT_WINDOW) from the index alone: the scope's tenant,
-- the visibility rule's state and submitter as keys, the field and union filters' columns carried along.
-- drizzle cannot declare INCLUDE; docs/scaling.md, "Proposals at 100,000", has the measurements.
CREATE INDEX IF NOT EXISTS "proposals_count_idx" ON "proposals" USING btree ("tenant_id","state","submitter_user_id") INCLUDE ("field","org_path");
