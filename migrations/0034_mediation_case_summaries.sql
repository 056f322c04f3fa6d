DROP INDEX "mediation_cases_statistics_idx";--> statement-breakpoint
ALTER TABLE "mediation_cases" ADD COLUMN "claimed_by_type" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "mediation_cases" ADD COLUMN "rating_counts" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- hand-written (carry over on regeneration)
-- The existing cases' summaries, as summaries.ts keeps them: the claims summed by type, the ratings counted.
UPDATE "mediation_cases" m SET
	"claimed_by_type" = coalesce((SELECT jsonb_object_agg(c."type", c."amount") FROM (
		SELECT "type", sum("amount") AS "amount" FROM "mediation_case_claims" WHERE "tenant_id" = m."tenant_id" AND "case_id" = m."id" GROUP BY "type") c), '{}'::jsonb),
	"rating_counts" = coalesce((SELECT jsonb_object_agg(w."rating", w."workers") FROM (
		SELECT "rating", count(*) AS "workers" FROM "mediation_case_workers" WHERE "tenant_id" = m."tenant_id" AND "case_id" = m."id" AND "rating" IS NOT NULL GROUP BY "rating") w), '{}'::jsonb);
--> statement-breakpoint
-- The statistics (statistics.ts) from this index alone: the subtree's tenant and the period as keys, everything the
-- figures add carried, the summaries included, so neither the claims nor the workers are joined. drizzle cannot
-- declare INCLUDE; docs/scaling.md, "Mediation cases at 100,000", has the measurements.
CREATE INDEX IF NOT EXISTS "mediation_cases_statistics_idx" ON "mediation_cases" USING btree ("tenant_id","received_on") INCLUDE ("state","source","agreed_total","worker_count","org_path","claimed_by_type","rating_counts");
