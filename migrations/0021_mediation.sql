CREATE TABLE "mediation_case_claims" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "mediation_case_claims_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" bigint NOT NULL,
	"type" varchar(24) NOT NULL,
	"amount" bigint NOT NULL,
	"note" varchar(200),
	CONSTRAINT "mediation_case_claims_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "mediation_case_claims_amount_check" CHECK ("mediation_case_claims"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "mediation_case_entries" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "mediation_case_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" bigint NOT NULL,
	"kind" varchar(12) NOT NULL,
	"held_on" date,
	"place" varchar(100),
	"people" varchar(300),
	"notes" text NOT NULL,
	"author_user_id" bigint,
	"author_name" varchar(50) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mediation_case_entries_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "mediation_case_workers" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "mediation_case_workers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" bigint NOT NULL,
	"name" varchar(50) NOT NULL,
	"phone" varchar(20),
	"user_id" bigint,
	"is_member" boolean DEFAULT false NOT NULL,
	"receipt_signed_at" timestamp with time zone,
	"rating" varchar(24),
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	CONSTRAINT "mediation_case_workers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "mediation_cases" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "mediation_cases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"studio_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"state" varchar(24) NOT NULL,
	"source" varchar(24) NOT NULL,
	"online" boolean DEFAULT false NOT NULL,
	"subject" varchar(100) NOT NULL,
	"facts" text NOT NULL,
	"enterprise_name" varchar(100) NOT NULL,
	"enterprise_credit_code" varchar(18),
	"worker_count" integer NOT NULL,
	"claimed_total" bigint NOT NULL,
	"lead_member_id" bigint,
	"lead_user_id" bigint,
	"received_on" date NOT NULL,
	"due_on" date,
	"court_name" varchar(50),
	"court_case_no" varchar(50),
	"court_due_on" date,
	"agreed_on" date,
	"agreed_total" bigint,
	"agreement_terms" text,
	"agreement_shares" jsonb,
	"agreement_instalments" jsonb,
	"confirmation_court" varchar(50),
	"confirmation_ruling" varchar(50),
	"referred_to" varchar(100),
	"outcome_note" text,
	"escalated_at" timestamp with time zone,
	"created_by_user_id" bigint,
	"concluded_at" timestamp with time zone,
	"search" "tsvector" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mediation_cases_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "mediation_cases_amounts_check" CHECK ("mediation_cases"."claimed_total" >= 0 and ("mediation_cases"."agreed_total" is null or "mediation_cases"."agreed_total" >= 0))
);
--> statement-breakpoint
CREATE TABLE "mediation_studios" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "mediation_studios_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"name" varchar(100) NOT NULL,
	"address" varchar(200),
	"phone" varchar(30),
	"active" boolean DEFAULT true NOT NULL,
	"mass_incident_workers" integer DEFAULT 10 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mediation_studios_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "studio_members" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "studio_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"studio_id" bigint NOT NULL,
	"role" varchar(20) NOT NULL,
	"name" varchar(50) NOT NULL,
	"phone" varchar(20),
	"user_id" bigint,
	"law_firm" varchar(100),
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "studio_members_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "mediation_case_claims" ADD CONSTRAINT "mediation_case_claims_tenant_id_case_id_mediation_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."mediation_cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_case_entries" ADD CONSTRAINT "mediation_case_entries_tenant_id_case_id_mediation_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."mediation_cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_case_workers" ADD CONSTRAINT "mediation_case_workers_tenant_id_case_id_mediation_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."mediation_cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_cases" ADD CONSTRAINT "mediation_cases_tenant_id_studio_id_mediation_studios_tenant_id_id_fk" FOREIGN KEY ("tenant_id","studio_id") REFERENCES "public"."mediation_studios"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_members" ADD CONSTRAINT "studio_members_tenant_id_studio_id_mediation_studios_tenant_id_id_fk" FOREIGN KEY ("tenant_id","studio_id") REFERENCES "public"."mediation_studios"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mediation_case_claims_case_idx" ON "mediation_case_claims" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "mediation_case_entries_case_idx" ON "mediation_case_entries" USING btree ("tenant_id","case_id","held_on");--> statement-breakpoint
CREATE INDEX "mediation_case_workers_case_idx" ON "mediation_case_workers" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "mediation_case_workers_user_idx" ON "mediation_case_workers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "mediation_cases_tenant_path_updated_idx" ON "mediation_cases" USING btree ("tenant_id","org_path","updated_at");--> statement-breakpoint
CREATE INDEX "mediation_cases_studio_updated_idx" ON "mediation_cases" USING btree ("tenant_id","studio_id","updated_at");--> statement-breakpoint
CREATE INDEX "mediation_cases_tenant_due_idx" ON "mediation_cases" USING btree ("tenant_id","due_on");--> statement-breakpoint
CREATE INDEX "mediation_cases_tenant_received_idx" ON "mediation_cases" USING btree ("tenant_id","received_on");--> statement-breakpoint
CREATE INDEX "mediation_cases_path_gist" ON "mediation_cases" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "mediation_cases_search_gin" ON "mediation_cases" USING gin ("search");--> statement-breakpoint
CREATE INDEX "mediation_studios_tenant_path_idx" ON "mediation_studios" USING btree ("tenant_id","org_path");--> statement-breakpoint
CREATE INDEX "mediation_studios_path_gist" ON "mediation_studios" USING gist ("org_path");--> statement-breakpoint
CREATE UNIQUE INDEX "mediation_studios_name_key" ON "mediation_studios" USING btree ("tenant_id","org_id","name");--> statement-breakpoint
CREATE INDEX "studio_members_studio_idx" ON "studio_members" USING btree ("tenant_id","studio_id","role");--> statement-breakpoint
CREATE UNIQUE INDEX "studio_members_user_key" ON "studio_members" USING btree ("user_id","tenant_id","studio_id") WHERE "studio_members"."user_id" is not null;