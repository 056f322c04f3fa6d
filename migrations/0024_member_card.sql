ALTER TABLE "users" ADD COLUMN "person_hash" "bytea";--> statement-breakpoint
CREATE UNIQUE INDEX "users_person_key" ON "users" USING btree ("person_hash") WHERE "users"."person_hash" is not null;--> statement-breakpoint
CREATE INDEX "join_applications_person_idx" ON "join_applications" USING btree ("person_hash");--> statement-breakpoint
CREATE INDEX "transfers_person_idx" ON "transfers" USING btree ("person_hash");