CREATE TABLE "congress_sessions" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "congress_sessions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"name" varchar(100) NOT NULL,
	"collect_from" date NOT NULL,
	"collect_until" date NOT NULL,
	"min_cosigners" smallint NOT NULL,
	"review_group_id" bigint NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "congress_sessions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "proposal_review_group_members" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "proposal_review_group_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"group_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"name" varchar(50) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_review_group_members_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "proposal_review_groups" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "proposal_review_groups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"name" varchar(100) NOT NULL,
	"quorum" smallint NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_review_groups_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "proposal_review_votes" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "proposal_review_votes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"proposal_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"name" varchar(50) NOT NULL,
	"vote" varchar(12) NOT NULL,
	"opinion" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_review_votes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "congress_session_id" bigint;--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "review_group_id" bigint;--> statement-breakpoint
ALTER TABLE "congress_sessions" ADD CONSTRAINT "congress_sessions_tenant_id_review_group_id_proposal_review_groups_tenant_id_id_fk" FOREIGN KEY ("tenant_id","review_group_id") REFERENCES "public"."proposal_review_groups"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_review_group_members" ADD CONSTRAINT "proposal_review_group_members_tenant_id_group_id_proposal_review_groups_tenant_id_id_fk" FOREIGN KEY ("tenant_id","group_id") REFERENCES "public"."proposal_review_groups"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_review_votes" ADD CONSTRAINT "proposal_review_votes_tenant_id_proposal_id_proposals_tenant_id_id_fk" FOREIGN KEY ("tenant_id","proposal_id") REFERENCES "public"."proposals"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "congress_sessions_name_key" ON "congress_sessions" USING btree ("tenant_id","org_id","name");--> statement-breakpoint
CREATE INDEX "congress_sessions_path_gist" ON "congress_sessions" USING gist ("org_path");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_review_group_members_key" ON "proposal_review_group_members" USING btree ("tenant_id","group_id","user_id");--> statement-breakpoint
CREATE INDEX "proposal_review_group_members_user_idx" ON "proposal_review_group_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_review_groups_name_key" ON "proposal_review_groups" USING btree ("tenant_id","org_id","name");--> statement-breakpoint
CREATE INDEX "proposal_review_groups_path_gist" ON "proposal_review_groups" USING gist ("org_path");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_review_votes_key" ON "proposal_review_votes" USING btree ("tenant_id","proposal_id","user_id");--> statement-breakpoint
CREATE INDEX "proposal_review_votes_user_idx" ON "proposal_review_votes" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "proposals_session_idx" ON "proposals" USING btree ("tenant_id","congress_session_id");