CREATE TABLE "mediation_duty_exceptions" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "mediation_duty_exceptions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"studio_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"rule_id" bigint NOT NULL,
	"day" date NOT NULL,
	"kind" varchar(10) NOT NULL,
	"substitute_id" bigint,
	"reason" varchar(200) NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mediation_duty_exceptions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "mediation_duty_rules" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "mediation_duty_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"studio_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"member_id" bigint NOT NULL,
	"recurrence" varchar(20) NOT NULL,
	"weekdays" smallint[] DEFAULT '{}' NOT NULL,
	"nth" smallint,
	"weekday" smallint,
	"month_day" smallint,
	"slot" varchar(10) NOT NULL,
	"start_time" varchar(5),
	"end_time" varchar(5),
	"valid_from" date NOT NULL,
	"valid_to" date,
	"on_rest_days" boolean DEFAULT false NOT NULL,
	"note" varchar(200),
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mediation_duty_rules_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "mediation_duty_exceptions" ADD CONSTRAINT "mediation_duty_exceptions_tenant_id_rule_id_mediation_duty_rules_tenant_id_id_fk" FOREIGN KEY ("tenant_id","rule_id") REFERENCES "public"."mediation_duty_rules"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_duty_exceptions" ADD CONSTRAINT "mediation_duty_exceptions_tenant_id_substitute_id_studio_members_tenant_id_id_fk" FOREIGN KEY ("tenant_id","substitute_id") REFERENCES "public"."studio_members"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_duty_rules" ADD CONSTRAINT "mediation_duty_rules_tenant_id_studio_id_mediation_studios_tenant_id_id_fk" FOREIGN KEY ("tenant_id","studio_id") REFERENCES "public"."mediation_studios"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_duty_rules" ADD CONSTRAINT "mediation_duty_rules_tenant_id_member_id_studio_members_tenant_id_id_fk" FOREIGN KEY ("tenant_id","member_id") REFERENCES "public"."studio_members"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mediation_duty_exceptions_rule_day_key" ON "mediation_duty_exceptions" USING btree ("tenant_id","rule_id","day");--> statement-breakpoint
CREATE INDEX "mediation_duty_exceptions_studio_day_idx" ON "mediation_duty_exceptions" USING btree ("tenant_id","studio_id","day");--> statement-breakpoint
CREATE INDEX "mediation_duty_rules_studio_idx" ON "mediation_duty_rules" USING btree ("tenant_id","studio_id","active");--> statement-breakpoint
CREATE INDEX "mediation_duty_rules_member_idx" ON "mediation_duty_rules" USING btree ("tenant_id","member_id");