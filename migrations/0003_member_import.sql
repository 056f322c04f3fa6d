CREATE TABLE "member_import_rows" (
	"tenant_id" bigint NOT NULL,
	"id" bigint NOT NULL,
	"import_id" bigint NOT NULL,
	"line" integer NOT NULL,
	"outcome" varchar(24) NOT NULL,
	"reason" text,
	"id_hash" "bytea",
	"id_cipher" "bytea",
	"id_masked" varchar(18),
	"name" varchar(50),
	"sex" varchar(6),
	"birth_date" date,
	"phone" varchar(11),
	"employment_form" varchar(24),
	"employer_name" varchar(100),
	"employer_credit_code" varchar(18),
	"platform_name" varchar(50),
	"joined_on" date,
	"search_doc" text,
	"current_org_id" bigint,
	CONSTRAINT "member_import_rows_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "member_imports" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "member_imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"file_name" varchar(255) NOT NULL,
	"format" varchar(8) NOT NULL,
	"state" varchar(16) NOT NULL,
	"header_line" integer,
	"columns" jsonb,
	"counts" jsonb,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"bytes_read" bigint DEFAULT 0 NOT NULL,
	"bytes_total" bigint DEFAULT 0 NOT NULL,
	"created_by" bigint,
	"created_by_name" varchar(50),
	"committed_at" timestamp with time zone,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_imports_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "member_imports_path_gist" ON "member_imports" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "member_imports_tenant_created_idx" ON "member_imports" USING btree ("tenant_id","created_at");