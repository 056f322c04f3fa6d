CREATE TABLE "member_bulletins" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "member_bulletins_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"org_name" varchar(100) NOT NULL,
	"year" smallint NOT NULL,
	"issue_no" integer NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"rows" jsonb NOT NULL,
	"direct" jsonb NOT NULL,
	"total" jsonb NOT NULL,
	"issued_by_user_id" bigint,
	"issued_by_name" varchar(50),
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_bulletins_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "membership_targets" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "membership_targets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"district_org_id" bigint NOT NULL,
	"district_path" "ltree" NOT NULL,
	"year" smallint NOT NULL,
	"new_unions" integer DEFAULT 0 NOT NULL,
	"new_members" integer DEFAULT 0 NOT NULL,
	"new_form_members" integer DEFAULT 0 NOT NULL,
	"set_by_user_id" bigint,
	"set_by_name" varchar(50),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "membership_targets_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "member_bulletins_period_key" ON "member_bulletins" USING btree ("tenant_id","org_id","period_end");--> statement-breakpoint
CREATE UNIQUE INDEX "member_bulletins_issue_no_key" ON "member_bulletins" USING btree ("tenant_id","org_id","year","issue_no");--> statement-breakpoint
CREATE INDEX "member_bulletins_path_gist" ON "member_bulletins" USING gist ("org_path");--> statement-breakpoint
CREATE UNIQUE INDEX "membership_targets_district_year_key" ON "membership_targets" USING btree ("tenant_id","district_org_id","year");--> statement-breakpoint
CREATE INDEX "membership_targets_path_gist" ON "membership_targets" USING gist ("district_path");