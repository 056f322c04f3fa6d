CREATE TABLE "discussion_comments" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "discussion_comments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"topic_id" bigint NOT NULL,
	"author_user_id" bigint NOT NULL,
	"author_name" varchar(50) NOT NULL,
	"body" text NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_reason" varchar(200),
	"hidden_by_name" varchar(50),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discussion_comments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "discussion_poll_options" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "discussion_poll_options_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"poll_id" bigint NOT NULL,
	"position" smallint NOT NULL,
	"label" varchar(100) NOT NULL,
	CONSTRAINT "discussion_poll_options_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "discussion_polls" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "discussion_polls_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"topic_id" bigint NOT NULL,
	"position" smallint NOT NULL,
	"question" varchar(200) NOT NULL,
	"max_choices" smallint NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"results_hidden_until_closed" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discussion_polls_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "discussion_polls_period_check" CHECK ("discussion_polls"."closes_on" >= "discussion_polls"."opens_on"),
	CONSTRAINT "discussion_polls_choices_check" CHECK ("discussion_polls"."max_choices" >= 1)
);
--> statement-breakpoint
CREATE TABLE "discussion_topics" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "discussion_topics_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"title" varchar(100) NOT NULL,
	"body" text NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by_name" varchar(50),
	"pinned" boolean DEFAULT false NOT NULL,
	"opener_user_id" bigint NOT NULL,
	"opener_name" varchar(50) NOT NULL,
	"comment_count" integer DEFAULT 0 NOT NULL,
	"search" "tsvector" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discussion_topics_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "discussion_topics_period_check" CHECK ("discussion_topics"."closes_on" >= "discussion_topics"."opens_on")
);
--> statement-breakpoint
CREATE TABLE "discussion_votes" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "discussion_votes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"poll_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"option_ids" bigint[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discussion_votes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "discussion_votes_choice_check" CHECK (cardinality("discussion_votes"."option_ids") >= 1)
);
--> statement-breakpoint
ALTER TABLE "discussion_comments" ADD CONSTRAINT "discussion_comments_tenant_id_topic_id_discussion_topics_tenant_id_id_fk" FOREIGN KEY ("tenant_id","topic_id") REFERENCES "public"."discussion_topics"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discussion_poll_options" ADD CONSTRAINT "discussion_poll_options_tenant_id_poll_id_discussion_polls_tenant_id_id_fk" FOREIGN KEY ("tenant_id","poll_id") REFERENCES "public"."discussion_polls"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discussion_polls" ADD CONSTRAINT "discussion_polls_tenant_id_topic_id_discussion_topics_tenant_id_id_fk" FOREIGN KEY ("tenant_id","topic_id") REFERENCES "public"."discussion_topics"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discussion_votes" ADD CONSTRAINT "discussion_votes_tenant_id_poll_id_discussion_polls_tenant_id_id_fk" FOREIGN KEY ("tenant_id","poll_id") REFERENCES "public"."discussion_polls"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "discussion_comments_topic_idx" ON "discussion_comments" USING btree ("tenant_id","topic_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "discussion_poll_options_key" ON "discussion_poll_options" USING btree ("tenant_id","poll_id","position");--> statement-breakpoint
CREATE INDEX "discussion_polls_topic_idx" ON "discussion_polls" USING btree ("tenant_id","topic_id","position");--> statement-breakpoint
CREATE INDEX "discussion_topics_tenant_path_idx" ON "discussion_topics" USING btree ("tenant_id","org_path","closes_on");--> statement-breakpoint
CREATE INDEX "discussion_topics_path_idx" ON "discussion_topics" USING btree ("org_path","closes_on");--> statement-breakpoint
CREATE INDEX "discussion_topics_search_gin" ON "discussion_topics" USING gin ("search");--> statement-breakpoint
CREATE UNIQUE INDEX "discussion_votes_key" ON "discussion_votes" USING btree ("tenant_id","poll_id","user_id");