CREATE INDEX "proposals_tenant_updated_idx" ON "proposals" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "proposals_id_idx" ON "proposals" USING btree ("id");