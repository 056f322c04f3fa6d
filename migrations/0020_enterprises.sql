CREATE TABLE "enterprise_plans" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "enterprise_plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"enterprise_id" bigint NOT NULL,
	"revision" integer NOT NULL,
	"summary" text NOT NULL,
	"measures" text NOT NULL,
	"responsible_person" varchar(50) NOT NULL,
	"author_user_id" bigint,
	"author_name" varchar(50) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprise_plans_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "enterprise_visits" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "enterprise_visits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"enterprise_id" bigint NOT NULL,
	"visited_on" date NOT NULL,
	"visitors" varchar(200) NOT NULL,
	"findings" text NOT NULL,
	"recorded_by_user_id" bigint,
	"recorded_by_name" varchar(50) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprise_visits_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "enterprises_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"name" varchar(100) NOT NULL,
	"credit_code" varchar(18) NOT NULL,
	"industry" varchar(50),
	"address" varchar(200),
	"employee_count" integer,
	"contact_name" varchar(50),
	"contact_phone" varchar(20),
	"has_union" boolean DEFAULT false NOT NULL,
	"search" "tsvector" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprises_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "risk_signals" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "risk_signals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"enterprise_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"state" varchar(20) NOT NULL,
	"kind" varchar(24) NOT NULL,
	"level" varchar(10) NOT NULL,
	"severity" smallint GENERATED ALWAYS AS (case level when 'red' then 3 when 'orange' then 2 else 1 end) STORED NOT NULL,
	"source" varchar(24) NOT NULL,
	"description" text NOT NULL,
	"workers_affected" integer NOT NULL,
	"amount_fen" bigint,
	"reported_on" date NOT NULL,
	"visit_id" bigint,
	"follower" varchar(100),
	"resolution" text,
	"resolved_on" date,
	"case_id" bigint,
	"case_label" varchar(60),
	"leaders_notified_at" timestamp with time zone,
	"created_by_user_id" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_signals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "enterprise_plans" ADD CONSTRAINT "enterprise_plans_tenant_id_enterprise_id_enterprises_tenant_id_id_fk" FOREIGN KEY ("tenant_id","enterprise_id") REFERENCES "public"."enterprises"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_visits" ADD CONSTRAINT "enterprise_visits_tenant_id_enterprise_id_enterprises_tenant_id_id_fk" FOREIGN KEY ("tenant_id","enterprise_id") REFERENCES "public"."enterprises"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_signals" ADD CONSTRAINT "risk_signals_tenant_id_enterprise_id_enterprises_tenant_id_id_fk" FOREIGN KEY ("tenant_id","enterprise_id") REFERENCES "public"."enterprises"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_signals" ADD CONSTRAINT "risk_signals_tenant_id_visit_id_enterprise_visits_tenant_id_id_fk" FOREIGN KEY ("tenant_id","visit_id") REFERENCES "public"."enterprise_visits"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enterprise_plans_revision_key" ON "enterprise_plans" USING btree ("tenant_id","enterprise_id","revision");--> statement-breakpoint
CREATE INDEX "enterprise_visits_enterprise_idx" ON "enterprise_visits" USING btree ("tenant_id","enterprise_id","visited_on");--> statement-breakpoint
CREATE UNIQUE INDEX "enterprises_credit_code_key" ON "enterprises" USING btree ("tenant_id","credit_code");--> statement-breakpoint
CREATE INDEX "enterprises_tenant_path_name_idx" ON "enterprises" USING btree ("tenant_id","org_path","name");--> statement-breakpoint
CREATE INDEX "enterprises_path_gist" ON "enterprises" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "enterprises_search_gin" ON "enterprises" USING gin ("search");--> statement-breakpoint
CREATE INDEX "risk_signals_tenant_path_severity_idx" ON "risk_signals" USING btree ("tenant_id","org_path","severity","reported_on");--> statement-breakpoint
CREATE INDEX "risk_signals_tenant_path_reported_idx" ON "risk_signals" USING btree ("tenant_id","org_path","reported_on");--> statement-breakpoint
CREATE INDEX "risk_signals_path_gist" ON "risk_signals" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "risk_signals_enterprise_idx" ON "risk_signals" USING btree ("tenant_id","enterprise_id","reported_on");