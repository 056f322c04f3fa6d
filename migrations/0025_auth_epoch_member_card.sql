CREATE TABLE "auth_epoch" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"value" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "auth_epoch_single_row" CHECK ("auth_epoch"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "person_hash" "bytea";--> statement-breakpoint
CREATE UNIQUE INDEX "users_person_key" ON "users" USING btree ("person_hash") WHERE "users"."person_hash" is not null;--> statement-breakpoint
CREATE INDEX "join_applications_person_idx" ON "join_applications" USING btree ("person_hash");--> statement-breakpoint
CREATE INDEX "transfers_person_idx" ON "transfers" USING btree ("person_hash");--> statement-breakpoint
-- hand-written (carry over on regeneration)
INSERT INTO "auth_epoch" ("id", "value") VALUES (1, 0);
--> statement-breakpoint
-- Moves the counter at commit (a deferred constraint trigger runs last, so a transaction holds the counter's
-- row lock only while it commits, never while it waits for another lock) and once per transaction.
CREATE FUNCTION "bump_auth_epoch"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('lianxin.auth_epoch_bumped', true) IS DISTINCT FROM txid_current()::text THEN
    UPDATE "auth_epoch" SET "value" = "value" + 1 WHERE "id" = 1;
    PERFORM set_config('lianxin.auth_epoch_bumped', txid_current()::text, true);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "role_grants_auth_epoch" AFTER INSERT OR UPDATE OR DELETE ON "role_grants"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_auth_epoch"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "users_auth_epoch" AFTER UPDATE OF "username", "display_name", "active", "home_org_id", "must_change_password", "password_hash", "person_hash" OR DELETE ON "users"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_auth_epoch"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "orgs_auth_epoch" AFTER UPDATE OF "name", "path", "active", "tenant_id" OR DELETE ON "orgs"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_auth_epoch"();
