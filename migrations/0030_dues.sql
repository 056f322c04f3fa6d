CREATE TABLE "activities" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "activities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"title" varchar(100) NOT NULL,
	"held_on" date NOT NULL,
	"place" varchar(100) NOT NULL,
	"created_by" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activities_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "activity_attendance" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "activity_attendance_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"activity_id" bigint NOT NULL,
	"membership_id" bigint NOT NULL,
	"name" varchar(50) NOT NULL,
	"card_no" varchar(32) NOT NULL,
	"way" varchar(8) NOT NULL,
	"recorded_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_attendance_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "dues_exemptions" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "dues_exemptions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"membership_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"name" varchar(50) NOT NULL,
	"reason" varchar(12) NOT NULL,
	"from_month" date NOT NULL,
	"to_month" date,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dues_exemptions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "dues_import_lines" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "dues_import_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"import_id" bigint NOT NULL,
	"line" integer NOT NULL,
	"name" varchar(50) NOT NULL,
	"membership_id" bigint,
	"card_no" varchar(32),
	"org_id" bigint,
	"org_path" "ltree",
	"month" date,
	"wage_fen" integer,
	"amount_fen" integer,
	"status" varchar(10),
	"exemption" varchar(12),
	"issues" jsonb NOT NULL,
	CONSTRAINT "dues_import_lines_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "dues_imports" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "dues_imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"file_name" varchar(200) NOT NULL,
	"month" date NOT NULL,
	"state" varchar(12) NOT NULL,
	"lines" integer NOT NULL,
	"rejected" integer NOT NULL,
	"created_by" bigint,
	"committed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dues_imports_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "dues_records" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "dues_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"membership_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"name" varchar(50) NOT NULL,
	"card_no" varchar(32) NOT NULL,
	"month" date NOT NULL,
	"wage_fen" integer,
	"amount_fen" integer,
	"status" varchar(10) NOT NULL,
	"exemption" varchar(12),
	"source" varchar(10) NOT NULL,
	"import_id" bigint,
	"paid_on" date,
	"recorded_by" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dues_records_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "dues_rules" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "dues_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"rate_basis_points" integer NOT NULL,
	"round_to_fen" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dues_rules_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "dues_from" date;--> statement-breakpoint
CREATE INDEX "activities_tenant_path_idx" ON "activities" USING btree ("tenant_id","org_path","held_on","id");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_attendance_once_key" ON "activity_attendance" USING btree ("tenant_id","activity_id","membership_id");--> statement-breakpoint
CREATE INDEX "activity_attendance_member_idx" ON "activity_attendance" USING btree ("tenant_id","membership_id");--> statement-breakpoint
CREATE INDEX "dues_exemptions_member_idx" ON "dues_exemptions" USING btree ("tenant_id","membership_id");--> statement-breakpoint
CREATE INDEX "dues_exemptions_path_idx" ON "dues_exemptions" USING btree ("tenant_id","org_path");--> statement-breakpoint
CREATE UNIQUE INDEX "dues_import_lines_line_key" ON "dues_import_lines" USING btree ("tenant_id","import_id","line");--> statement-breakpoint
CREATE INDEX "dues_imports_tenant_path_idx" ON "dues_imports" USING btree ("tenant_id","org_path","id");--> statement-breakpoint
CREATE UNIQUE INDEX "dues_records_member_month_key" ON "dues_records" USING btree ("tenant_id","membership_id","month");--> statement-breakpoint
CREATE INDEX "dues_records_tenant_month_idx" ON "dues_records" USING btree ("tenant_id","month","org_path","status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "dues_rules_org_key" ON "dues_rules" USING btree ("tenant_id","org_id");