CREATE TABLE "mediation_case_months" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "mediation_case_months_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"month" date NOT NULL,
	"org_path" "ltree" NOT NULL,
	"figure" varchar(8) NOT NULL,
	"key" varchar(24) NOT NULL,
	"cases" integer NOT NULL,
	"amount" bigint NOT NULL,
	"workers" integer NOT NULL,
	CONSTRAINT "mediation_case_months_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "mediation_case_months_key_idx" ON "mediation_case_months" USING btree ("tenant_id","month","org_path","figure","key");--> statement-breakpoint
-- hand-written (carry over on regeneration)
-- What one case adds to the statistics (schema.ts, mediationCaseMonths): its state's case, agreed amount and workers;
-- its source's case; each claim type's case and amount; each rating's workers. Columns, not the row, so the live
-- figures of a part month (statistics.ts) still read the statistics index alone.
CREATE FUNCTION "mediation_case_figures"(state text, source text, agreed_total bigint, worker_count int, claimed_by_type jsonb, rating_counts jsonb)
  RETURNS TABLE ("figure" text, "key" text, "cases" int, "amount" bigint, "workers" int) LANGUAGE sql IMMUTABLE AS $fn$
  SELECT 'state', state, 1, coalesce(agreed_total, 0), worker_count
  UNION ALL SELECT 'source', source, 1, 0, 0
  UNION ALL SELECT 'claim', t."key", 1, t."value"::bigint, 0 FROM jsonb_each_text(claimed_by_type) t
  UNION ALL SELECT 'rating', r."key", 0, 0, r."value"::int FROM jsonb_each_text(rating_counts) r
$fn$;
--> statement-breakpoint
-- Keeps mediation_case_months as the sum over the cases: the statement that adds the figures of the rows a query
-- selects, each with its sign (+1 new, -1 old), summed per key first (a row whose figures did not change nets to
-- nothing and writes nothing), upserted in key order so concurrent writers take the rows' locks in one order. A text,
-- run by EXECUTE in the trigger (where the transition tables are visible) and once below for the cases so far.
CREATE FUNCTION "mediation_case_months_statement"(signed_rows text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT format($sql$
    INSERT INTO "mediation_case_months" AS m ("tenant_id", "month", "org_path", "figure", "key", "cases", "amount", "workers")
    SELECT c."tenant_id", date_trunc('month', c."received_on"::timestamp)::date, c."org_path", f."figure", f."key",
           sum(c."sign" * f."cases"), sum(c."sign" * f."amount"), sum(c."sign" * f."workers")
    FROM (%s) c
    CROSS JOIN LATERAL "mediation_case_figures"(c."state", c."source", c."agreed_total", c."worker_count", c."claimed_by_type", c."rating_counts") f
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(c."sign" * f."cases") <> 0 OR sum(c."sign" * f."amount") <> 0 OR sum(c."sign" * f."workers") <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("tenant_id", "month", "org_path", "figure", "key") DO UPDATE SET
      "cases" = m."cases" + excluded."cases", "amount" = m."amount" + excluded."amount", "workers" = m."workers" + excluded."workers"
  $sql$, signed_rows)
$fn$;
--> statement-breakpoint
CREATE FUNCTION "mediation_case_months_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE "mediation_case_months_statement"(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT -1 AS sign, * FROM old_rows'
    ELSE 'SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1, * FROM old_rows'
  END);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "mediation_cases_months_insert" AFTER INSERT ON "mediation_cases"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "mediation_case_months_keep"();
--> statement-breakpoint
CREATE TRIGGER "mediation_cases_months_update" AFTER UPDATE ON "mediation_cases"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "mediation_case_months_keep"();
--> statement-breakpoint
CREATE TRIGGER "mediation_cases_months_delete" AFTER DELETE ON "mediation_cases"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "mediation_case_months_keep"();
--> statement-breakpoint
-- The cases before this migration.
DO $$ BEGIN EXECUTE "mediation_case_months_statement"('SELECT 1 AS sign, * FROM "mediation_cases"'); END $$;
