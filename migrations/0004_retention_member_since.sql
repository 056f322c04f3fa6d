ALTER TABLE "member_imports" ADD COLUMN "lines_purged_at" timestamp with time zone;--> statement-breakpoint
-- persons.member_since is the 会龄 start of the open membership, null while there is none (modules/members/member-since.ts):
-- people who withdrew, were deemed withdrawn or were expelled before this rule still carried their old date.
UPDATE "persons" SET "member_since" = NULL WHERE "open_membership_id" IS NULL AND "member_since" IS NOT NULL;
