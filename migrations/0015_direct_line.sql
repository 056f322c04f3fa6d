CREATE TABLE "direct_line_messages" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "direct_line_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"request_id" bigint NOT NULL,
	"author_user_id" bigint NOT NULL,
	"author_name" varchar(50) NOT NULL,
	"from_worker" boolean NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "direct_line_messages_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "direct_line_requests" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "direct_line_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"state" varchar(20) NOT NULL,
	"worker_user_id" bigint NOT NULL,
	"worker_name" varchar(50) NOT NULL,
	"worker_org_id" bigint NOT NULL,
	"representative_user_id" bigint,
	"representative_name" varchar(50),
	"subject" varchar(100) NOT NULL,
	"category" varchar(20) NOT NULL,
	"first_reply_at" timestamp with time zone,
	"first_reply_user_id" bigint,
	"proposal_id" bigint,
	"rating" varchar(24),
	"rating_comment" text,
	"closed_at" timestamp with time zone,
	"search" "tsvector" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "direct_line_requests_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "direct_line_messages" ADD CONSTRAINT "direct_line_messages_tenant_id_request_id_direct_line_requests_tenant_id_id_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."direct_line_requests"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "direct_line_messages_request_idx" ON "direct_line_messages" USING btree ("tenant_id","request_id","created_at");--> statement-breakpoint
CREATE INDEX "direct_line_requests_tenant_path_updated_idx" ON "direct_line_requests" USING btree ("tenant_id","org_path","updated_at");--> statement-breakpoint
CREATE INDEX "direct_line_requests_path_gist" ON "direct_line_requests" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "direct_line_requests_worker_idx" ON "direct_line_requests" USING btree ("worker_user_id","updated_at");--> statement-breakpoint
CREATE INDEX "direct_line_requests_representative_idx" ON "direct_line_requests" USING btree ("representative_user_id","updated_at");--> statement-breakpoint
CREATE INDEX "direct_line_requests_tenant_created_idx" ON "direct_line_requests" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "direct_line_requests_search_gin" ON "direct_line_requests" USING gin ("search");