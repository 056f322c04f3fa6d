DROP INDEX "mediation_cases_tenant_received_idx";--> statement-breakpoint
DROP INDEX "mediation_cases_studio_updated_idx";--> statement-breakpoint
ALTER TABLE "mediation_cases" ADD COLUMN "signal_id" bigint;--> statement-breakpoint
CREATE INDEX "mediation_cases_tenant_updated_idx" ON "mediation_cases" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "mediation_cases_tenant_state_updated_idx" ON "mediation_cases" USING btree ("tenant_id","state","updated_at","id");--> statement-breakpoint
CREATE INDEX "mediation_cases_enterprise_idx" ON "mediation_cases" USING btree ("tenant_id","enterprise_credit_code","updated_at");--> statement-breakpoint
CREATE INDEX "mediation_cases_statistics_idx" ON "mediation_cases" USING btree ("tenant_id","received_on","state","source","id","agreed_total","worker_count","org_path");--> statement-breakpoint
CREATE INDEX "mediation_cases_studio_updated_idx" ON "mediation_cases" USING btree ("tenant_id","studio_id","updated_at","id");