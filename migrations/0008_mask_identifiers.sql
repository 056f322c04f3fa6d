-- Nothing a role may see rebuilds a masked value (DESIGN §3.1; issue 10).
-- 1. Resident IDs are shown with the province and the last four characters only
--    (cn-ids.ts maskResidentId): the division and the birth date stay hidden.
UPDATE "persons" SET "id_masked" = left("id_masked", 2) || repeat('*', length("id_masked") - 6) || right("id_masked", 4) WHERE length("id_masked") > 10;--> statement-breakpoint
UPDATE "memberships" SET "id_masked" = left("id_masked", 2) || repeat('*', length("id_masked") - 6) || right("id_masked", 4) WHERE length("id_masked") > 10;--> statement-breakpoint
UPDATE "join_applications" SET "id_masked" = left("id_masked", 2) || repeat('*', length("id_masked") - 6) || right("id_masked", 4) WHERE length("id_masked") > 10;--> statement-breakpoint
UPDATE "transfers" SET "id_masked" = left("id_masked", 2) || repeat('*', length("id_masked") - 6) || right("id_masked", 4) WHERE length("id_masked") > 10;--> statement-breakpoint
UPDATE "member_import_rows" SET "id_masked" = left("id_masked", 2) || repeat('*', length("id_masked") - 6) || right("id_masked", 4) WHERE length("id_masked") > 10;--> statement-breakpoint
-- 2. A whole phone number is a search token of its own, prefixed 'tel' (person-fields.ts
--    WHOLE_PHONE_TOKEN), which only the queries of roles that see whole numbers reach.
UPDATE "memberships" SET "search" = ts_delete("search", "phone") || array_to_tsvector(ARRAY['tel' || "phone"]) WHERE "phone" IS NOT NULL;--> statement-breakpoint
UPDATE "member_import_rows" SET "search_doc" = regexp_replace("search_doc", '(^| )' || "phone" || '( |$)', '\1tel' || "phone" || '\2') WHERE "phone" IS NOT NULL AND "search_doc" IS NOT NULL;--> statement-breakpoint
-- 3. Audit rows keep masked values, never numbers: exports filtered by a whole ID or phone number.
UPDATE "audit_log" SET "after" = regexp_replace(regexp_replace("after"::text, '(?<![0-9A-Za-z])([0-9]{2})[0-9]{12}([0-9]{3}[0-9Xx])(?![0-9A-Za-z])', '\1************\2', 'g'), '(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])', '\1****\2', 'g')::jsonb WHERE "action" = 'member.export';
