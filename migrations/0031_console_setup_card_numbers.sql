CREATE TABLE "installation" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"root_named_at" timestamp with time zone,
	CONSTRAINT "installation_one_row" CHECK (id = 1)
);
--> statement-breakpoint
-- hand-written (carry over on regeneration)
-- An installation that already has its tree named its root by LIANXIN_ROOT_ORG_NAME or the old default: no setup page.
INSERT INTO "installation" ("id", "root_named_at") SELECT 1, now() WHERE EXISTS (SELECT 1 FROM "orgs");
--> statement-breakpoint
-- 会员证号 from `<tenant>-<9-digit serial>` to the default format (members/card-number.ts: the union's division code,
-- the year of joining, the serial in 7 digits), and the search tokens with them (the old number whole and its
-- serial out, the new number and the plain serial in). Old numbers hold a hyphen and new ones none, so the
-- unique index never sees two alike. The division per union first: one lookup per org, not per member.
WITH "division" AS (
	SELECT o."id" AS "org_id",
		coalesce((SELECT a."division_code" FROM "orgs" a WHERE a."path" @> o."path" AND a."division_code" IS NOT NULL ORDER BY a."depth" DESC LIMIT 1), '000000') AS "code"
	FROM "orgs" o
)
UPDATE "memberships" m SET
	"card_no" = n."card_no",
	"search" = ts_delete(m."search", ARRAY[replace(m."card_no", '-', ''), split_part(m."card_no", '-', 2)]) || array_to_tsvector(ARRAY[n."card_no", m."id"::text])
FROM (
	SELECT mm."tenant_id", mm."id",
		d."code" || extract(year FROM mm."joined_on")::int::text || CASE WHEN length(mm."id"::text) >= 7 THEN mm."id"::text ELSE lpad(mm."id"::text, 7, '0') END AS "card_no"
	FROM "memberships" mm JOIN "division" d ON d."org_id" = mm."org_id"
) n
WHERE n."tenant_id" = m."tenant_id" AND n."id" = m."id" AND m."card_no" LIKE '%-%';
