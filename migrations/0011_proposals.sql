CREATE TABLE "handler_unit_accounts" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "handler_unit_accounts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"unit_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "handler_unit_accounts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "handler_units" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "handler_units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"name" varchar(100) NOT NULL,
	"kind" varchar(20) NOT NULL,
	"contact" varchar(100),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "handler_units_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "proposal_cosigners" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "proposal_cosigners_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"proposal_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"name" varchar(50) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_cosigners_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "proposal_progress" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "proposal_progress_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"proposal_id" bigint NOT NULL,
	"handler_unit_id" bigint,
	"author_name" varchar(100) NOT NULL,
	"percent" smallint NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_progress_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "proposal_ratings" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "proposal_ratings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"proposal_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"name" varchar(50) NOT NULL,
	"round" smallint NOT NULL,
	"rating" varchar(24) NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_ratings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "proposals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"serial_no" varchar(20),
	"org_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"state" varchar(20) NOT NULL,
	"title" varchar(100) NOT NULL,
	"field" varchar(20) NOT NULL,
	"reasons" text NOT NULL,
	"suggestions" text NOT NULL,
	"submitter_user_id" bigint NOT NULL,
	"submitter_name" varchar(50) NOT NULL,
	"worker_user_id" bigint,
	"worker_name" varchar(50),
	"decision_reason" text,
	"merged_into_id" bigint,
	"lead_handler_id" bigint,
	"co_handler_ids" bigint[] DEFAULT '{}' NOT NULL,
	"due_on" date,
	"progress_percent" smallint DEFAULT 0 NOT NULL,
	"answer_category" varchar(1),
	"answer" text,
	"answered_at" timestamp with time zone,
	"reopened_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"concluded_at" timestamp with time zone,
	"search" "tsvector" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "handler_unit_accounts" ADD CONSTRAINT "handler_unit_accounts_tenant_id_unit_id_handler_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."handler_units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_cosigners" ADD CONSTRAINT "proposal_cosigners_tenant_id_proposal_id_proposals_tenant_id_id_fk" FOREIGN KEY ("tenant_id","proposal_id") REFERENCES "public"."proposals"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_progress" ADD CONSTRAINT "proposal_progress_tenant_id_proposal_id_proposals_tenant_id_id_fk" FOREIGN KEY ("tenant_id","proposal_id") REFERENCES "public"."proposals"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_ratings" ADD CONSTRAINT "proposal_ratings_tenant_id_proposal_id_proposals_tenant_id_id_fk" FOREIGN KEY ("tenant_id","proposal_id") REFERENCES "public"."proposals"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "handler_unit_accounts_key" ON "handler_unit_accounts" USING btree ("tenant_id","unit_id","user_id");--> statement-breakpoint
CREATE INDEX "handler_unit_accounts_user_idx" ON "handler_unit_accounts" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "handler_units_name_key" ON "handler_units" USING btree ("tenant_id","org_id","name");--> statement-breakpoint
CREATE INDEX "handler_units_path_gist" ON "handler_units" USING gist ("org_path");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_cosigners_key" ON "proposal_cosigners" USING btree ("tenant_id","proposal_id","user_id");--> statement-breakpoint
CREATE INDEX "proposal_cosigners_user_idx" ON "proposal_cosigners" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "proposal_progress_proposal_idx" ON "proposal_progress" USING btree ("tenant_id","proposal_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_ratings_key" ON "proposal_ratings" USING btree ("tenant_id","proposal_id","user_id","round");--> statement-breakpoint
CREATE UNIQUE INDEX "proposals_serial_key" ON "proposals" USING btree ("tenant_id","serial_no");--> statement-breakpoint
CREATE INDEX "proposals_path_gist" ON "proposals" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "proposals_tenant_state_idx" ON "proposals" USING btree ("tenant_id","state","updated_at");--> statement-breakpoint
CREATE INDEX "proposals_tenant_path_created_idx" ON "proposals" USING btree ("tenant_id","org_path","created_at");--> statement-breakpoint
CREATE INDEX "proposals_lead_handler_idx" ON "proposals" USING btree ("tenant_id","lead_handler_id");--> statement-breakpoint
CREATE INDEX "proposals_submitter_idx" ON "proposals" USING btree ("submitter_user_id");--> statement-breakpoint
CREATE INDEX "proposals_worker_idx" ON "proposals" USING btree ("worker_user_id");--> statement-breakpoint
CREATE INDEX "proposals_due_idx" ON "proposals" USING btree ("tenant_id","due_on");--> statement-breakpoint
CREATE INDEX "proposals_search_gin" ON "proposals" USING gin ("search");