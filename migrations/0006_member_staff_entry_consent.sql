ALTER TABLE "memberships" ADD COLUMN "consent_version" varchar(16);--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "consent_at" timestamp with time zone;