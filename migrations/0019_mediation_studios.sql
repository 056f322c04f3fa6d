CREATE TABLE "mediation_studios" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "mediation_studios_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"org_path" "ltree" NOT NULL,
	"name" varchar(100) NOT NULL,
	"address" varchar(200),
	"phone" varchar(30),
	"active" boolean DEFAULT true NOT NULL,
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
ALTER TABLE "studio_members" ADD CONSTRAINT "studio_members_tenant_id_studio_id_mediation_studios_tenant_id_id_fk" FOREIGN KEY ("tenant_id","studio_id") REFERENCES "public"."mediation_studios"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mediation_studios_tenant_path_idx" ON "mediation_studios" USING btree ("tenant_id","org_path");--> statement-breakpoint
CREATE INDEX "mediation_studios_path_gist" ON "mediation_studios" USING gist ("org_path");--> statement-breakpoint
CREATE UNIQUE INDEX "mediation_studios_name_key" ON "mediation_studios" USING btree ("tenant_id","org_id","name");--> statement-breakpoint
CREATE INDEX "studio_members_studio_idx" ON "studio_members" USING btree ("tenant_id","studio_id","role");--> statement-breakpoint
CREATE UNIQUE INDEX "studio_members_user_key" ON "studio_members" USING btree ("user_id","tenant_id","studio_id") WHERE "studio_members"."user_id" is not null;