CREATE TABLE "membership_counts" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "membership_counts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_path" "ltree" NOT NULL,
	"status" varchar(20) NOT NULL,
	"employment_form" varchar(24) NOT NULL,
	"members" integer NOT NULL,
	CONSTRAINT "membership_counts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "membership_counts_key_idx" ON "membership_counts" USING btree ("tenant_id","org_path","status","employment_form");--> statement-breakpoint
-- hand-written (carry over on regeneration)
-- Keeps membership_counts as the sum over memberships: the rows a statement wrote, each with its sign (+1 new,
-- -1 old), summed per key first (a row whose union, status and form did not change nets to nothing and writes
-- nothing: a dues date, a phone), upserted in key order so concurrent writers take the rows' locks in one order.
-- A text, run by EXECUTE in the trigger (where the transition tables are visible) and once below for the
-- memberships so far.
CREATE FUNCTION "membership_counts_statement"(signed_rows text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT format($sql$
    INSERT INTO "membership_counts" AS c ("tenant_id", "org_path", "status", "employment_form", "members")
    SELECT m."tenant_id", m."org_path", m."status", m."employment_form", sum(m."sign")
    FROM (%s) m
    GROUP BY 1, 2, 3, 4
    HAVING sum(m."sign") <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ("tenant_id", "org_path", "status", "employment_form") DO UPDATE SET "members" = c."members" + excluded."members"
  $sql$, signed_rows)
$fn$;
--> statement-breakpoint
CREATE FUNCTION "membership_counts_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  columns text := '"tenant_id", "org_path", "status", "employment_form"';
BEGIN
  EXECUTE "membership_counts_statement"(CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT 1 AS sign, %s FROM new_rows', columns)
    WHEN 'DELETE' THEN format('SELECT -1 AS sign, %s FROM old_rows', columns)
    ELSE format('SELECT 1 AS sign, %s FROM new_rows UNION ALL SELECT -1, %s FROM old_rows', columns, columns)
  END);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "memberships_counts_insert" AFTER INSERT ON "memberships"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership_counts_keep"();
--> statement-breakpoint
CREATE TRIGGER "memberships_counts_update" AFTER UPDATE ON "memberships"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership_counts_keep"();
--> statement-breakpoint
CREATE TRIGGER "memberships_counts_delete" AFTER DELETE ON "memberships"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership_counts_keep"();
--> statement-breakpoint
-- The memberships before this migration.
DO $$ BEGIN EXECUTE "membership_counts_statement"('SELECT 1 AS sign, "tenant_id", "org_path", "status", "employment_form" FROM "memberships"'); END $$;
