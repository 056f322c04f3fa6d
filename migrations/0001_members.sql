CREATE TABLE "join_applications" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "join_applications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"state" varchar(20) NOT NULL,
	"tracking_code" varchar(32) NOT NULL,
	"person_hash" "bytea" NOT NULL,
	"id_cipher" "bytea" NOT NULL,
	"id_masked" varchar(18) NOT NULL,
	"name" varchar(50) NOT NULL,
	"phone" varchar(11) NOT NULL,
	"employment_form" varchar(24) NOT NULL,
	"employer_name" varchar(100),
	"employer_credit_code" varchar(18),
	"platform_name" varchar(50),
	"consent_version" varchar(16) NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"ip" varchar(64),
	"decision_reason" text,
	"membership_id" bigint,
	"auto_approved" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "join_applications_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "memberships_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"person_hash" "bytea" NOT NULL,
	"org_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"card_no" varchar(32) NOT NULL,
	"status" varchar(20) NOT NULL,
	"name" varchar(50) NOT NULL,
	"id_masked" varchar(18) NOT NULL,
	"sex" varchar(6) NOT NULL,
	"birth_date" date NOT NULL,
	"phone" varchar(11),
	"employment_form" varchar(24) NOT NULL,
	"employer_name" varchar(100),
	"employer_credit_code" varchar(18),
	"platform_name" varchar(50),
	"joined_on" date NOT NULL,
	"member_since" date NOT NULL,
	"ended_on" date,
	"end_reason" text,
	"last_dues_on" date,
	"last_activity_on" date,
	"source" varchar(16) NOT NULL,
	"search" "tsvector" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id_hash" "bytea" PRIMARY KEY NOT NULL,
	"id_cipher" "bytea" NOT NULL,
	"id_masked" varchar(18) NOT NULL,
	"name" varchar(50) NOT NULL,
	"sex" varchar(6) NOT NULL,
	"birth_date" date NOT NULL,
	"phone" varchar(11),
	"open_membership_tenant_id" bigint,
	"open_membership_id" bigint,
	"member_since" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "transfers" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "transfers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"membership_id" bigint NOT NULL,
	"person_hash" "bytea" NOT NULL,
	"name" varchar(50) NOT NULL,
	"id_masked" varchar(18) NOT NULL,
	"from_org_id" bigint NOT NULL,
	"from_org_path" "ltree" NOT NULL,
	"to_org_id" bigint NOT NULL,
	"to_org_path" "ltree" NOT NULL,
	"to_tenant_id" bigint NOT NULL,
	"state" varchar(24) NOT NULL,
	"requested_by" varchar(16) NOT NULL,
	"tracking_code" varchar(32) NOT NULL,
	"reason" text,
	"employment" jsonb,
	"new_membership_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transfers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "auto_approve_joins" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_person_hash_persons_id_hash_fk" FOREIGN KEY ("person_hash") REFERENCES "public"."persons"("id_hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_tenant_id_membership_id_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","membership_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "join_applications_path_gist" ON "join_applications" USING gist ("org_path");--> statement-breakpoint
CREATE UNIQUE INDEX "join_applications_tracking_key" ON "join_applications" USING btree ("tenant_id","tracking_code");--> statement-breakpoint
CREATE INDEX "join_applications_tenant_state_idx" ON "join_applications" USING btree ("tenant_id","state","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "join_applications_one_pending_key" ON "join_applications" USING btree ("tenant_id","person_hash") WHERE "join_applications"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "memberships_path_gist" ON "memberships" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "memberships_search_gin" ON "memberships" USING gin ("search");--> statement-breakpoint
CREATE INDEX "memberships_tenant_joined_idx" ON "memberships" USING btree ("tenant_id","joined_on" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "memberships_person_idx" ON "memberships" USING btree ("person_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_card_no_key" ON "memberships" USING btree ("tenant_id","card_no");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_one_open_key" ON "memberships" USING btree ("tenant_id","person_hash") WHERE "memberships"."status" in ('active', 'retained');--> statement-breakpoint
CREATE INDEX "transfers_from_path_gist" ON "transfers" USING gist ("from_org_path");--> statement-breakpoint
CREATE INDEX "transfers_to_path_gist" ON "transfers" USING gist ("to_org_path");--> statement-breakpoint
CREATE UNIQUE INDEX "transfers_tracking_key" ON "transfers" USING btree ("tenant_id","tracking_code");--> statement-breakpoint
CREATE UNIQUE INDEX "transfers_one_open_key" ON "transfers" USING btree ("tenant_id","membership_id") WHERE "transfers"."state" in ('requested', 'source_confirmed');