DROP INDEX "memberships_tenant_joined_idx";--> statement-breakpoint
CREATE INDEX "memberships_tenant_name_idx" ON "memberships" USING btree ("tenant_id","name","id");--> statement-breakpoint
CREATE INDEX "memberships_tenant_path_idx" ON "memberships" USING btree ("tenant_id","org_path","joined_on","id");--> statement-breakpoint
CREATE INDEX "memberships_tenant_status_idx" ON "memberships" USING btree ("tenant_id","status","org_path","employment_form");--> statement-breakpoint
CREATE INDEX "memberships_tenant_form_idx" ON "memberships" USING btree ("tenant_id","employment_form","org_path","status");--> statement-breakpoint
CREATE INDEX "memberships_tenant_joined_idx" ON "memberships" USING btree ("tenant_id","joined_on","id","org_path","status","employment_form","source");--> statement-breakpoint
-- Prefix searches (pinyin, initials, digits) are estimated from the most common lexemes: keep ten times more of them.
ALTER TABLE "memberships" ALTER COLUMN "search" SET STATISTICS 1000;
