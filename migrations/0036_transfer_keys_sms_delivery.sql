ALTER TABLE "sms_outbox" ADD COLUMN "delivery" varchar(12);--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD COLUMN "delivery_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD COLUMN "delivery_code" varchar(64);--> statement-breakpoint
ALTER TABLE "transfers" ADD COLUMN "idempotency_key" varchar(64);--> statement-breakpoint
CREATE INDEX "sms_outbox_delivery_idx" ON "sms_outbox" USING btree ("delivery","created_at");--> statement-breakpoint
CREATE INDEX "sms_outbox_provider_message_idx" ON "sms_outbox" USING btree ("provider","provider_message_id") WHERE "sms_outbox"."provider_message_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "transfers_idempotency_key" ON "transfers" USING btree ("idempotency_key","tenant_id") WHERE "transfers"."idempotency_key" is not null;