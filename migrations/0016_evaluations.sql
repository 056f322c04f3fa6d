CREATE TABLE "evaluation_participations" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "evaluation_participations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"survey_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_participations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_questions" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "evaluation_questions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"survey_id" bigint NOT NULL,
	"position" smallint NOT NULL,
	"text" varchar(200) NOT NULL,
	"weight" smallint DEFAULT 1 NOT NULL,
	CONSTRAINT "evaluation_questions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "evaluation_questions_weight_check" CHECK ("evaluation_questions"."weight" between 1 and 10)
);
--> statement-breakpoint
CREATE TABLE "evaluation_responses" (
	"tenant_id" bigint NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"scores" smallint[] NOT NULL,
	"comment" text,
	CONSTRAINT "evaluation_responses_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "evaluation_responses_scores_check" CHECK (cardinality("evaluation_responses"."scores") between 2 and 30 and 1 <= all("evaluation_responses"."scores") and 5 >= all("evaluation_responses"."scores"))
);
--> statement-breakpoint
CREATE TABLE "evaluation_surveys" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "evaluation_surveys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"state" varchar(20) NOT NULL,
	"title" varchar(100) NOT NULL,
	"period" varchar(30) NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"comment_prompt" varchar(200),
	"created_by_name" varchar(50) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_surveys_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "evaluation_surveys_dates_check" CHECK ("evaluation_surveys"."closes_on" >= "evaluation_surveys"."opens_on")
);
--> statement-breakpoint
ALTER TABLE "evaluation_participations" ADD CONSTRAINT "evaluation_participations_tenant_id_survey_id_evaluation_surveys_tenant_id_id_fk" FOREIGN KEY ("tenant_id","survey_id") REFERENCES "public"."evaluation_surveys"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_questions" ADD CONSTRAINT "evaluation_questions_tenant_id_survey_id_evaluation_surveys_tenant_id_id_fk" FOREIGN KEY ("tenant_id","survey_id") REFERENCES "public"."evaluation_surveys"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_responses" ADD CONSTRAINT "evaluation_responses_tenant_id_survey_id_evaluation_surveys_tenant_id_id_fk" FOREIGN KEY ("tenant_id","survey_id") REFERENCES "public"."evaluation_surveys"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_participations_key" ON "evaluation_participations" USING btree ("tenant_id","survey_id","user_id");--> statement-breakpoint
CREATE INDEX "evaluation_participations_user_idx" ON "evaluation_participations" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_questions_position_key" ON "evaluation_questions" USING btree ("tenant_id","survey_id","position");--> statement-breakpoint
CREATE INDEX "evaluation_responses_survey_idx" ON "evaluation_responses" USING btree ("tenant_id","survey_id","org_id");--> statement-breakpoint
CREATE INDEX "evaluation_surveys_tenant_path_idx" ON "evaluation_surveys" USING btree ("tenant_id","org_path","opens_on");--> statement-breakpoint
CREATE INDEX "evaluation_surveys_tenant_state_idx" ON "evaluation_surveys" USING btree ("tenant_id","state","opens_on");--> statement-breakpoint
CREATE INDEX "evaluation_surveys_path_gist" ON "evaluation_surveys" USING gist ("org_path");