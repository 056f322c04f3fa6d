CREATE TABLE "attachment_contents" (
	"tenant_id" bigint NOT NULL,
	"id" bigint NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "attachment_contents_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"owner_kind" varchar(32) NOT NULL,
	"owner_id" bigint NOT NULL,
	"purpose" varchar(32),
	"purpose_id" bigint,
	"file_name" varchar(100) NOT NULL,
	"content_type" varchar(64) NOT NULL,
	"size" integer NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"uploaded_by" bigint NOT NULL,
	"uploader_name" varchar(50) NOT NULL,
	"org_path" "ltree" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "attachments_size_check" CHECK ("attachments"."size" > 0)
);
--> statement-breakpoint
ALTER TABLE "attachment_contents" ADD CONSTRAINT "attachment_contents_tenant_id_id_attachments_tenant_id_id_fk" FOREIGN KEY ("tenant_id","id") REFERENCES "public"."attachments"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_owner_idx" ON "attachments" USING btree ("tenant_id","owner_kind","owner_id","created_at");--> statement-breakpoint
CREATE INDEX "attachments_path_gist" ON "attachments" USING gist ("org_path");--> statement-breakpoint
-- hand-written (carry over on regeneration)
-- Photos and PDFs are compressed already: store the bytes out of line without trying to compress them again.
ALTER TABLE "attachment_contents" ALTER COLUMN "bytes" SET STORAGE EXTERNAL;
