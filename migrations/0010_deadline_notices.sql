CREATE TABLE "workflow_deadline_notices" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "workflow_deadline_notices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workflow" varchar(48) NOT NULL,
	"record_id" bigint NOT NULL,
	"due_on" date NOT NULL,
	"kind" varchar(16) NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workflow_deadline_notices_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_deadline_notices_once_key" ON "workflow_deadline_notices" USING btree ("tenant_id","workflow","record_id","due_on","kind");