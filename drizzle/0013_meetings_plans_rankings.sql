CREATE TABLE "meeting_caps" (
	"region_code" text PRIMARY KEY NOT NULL,
	"region_path" text NOT NULL,
	"per_system_per_year" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_plan_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"region_path" text NOT NULL,
	"year" integer NOT NULL,
	"code" text NOT NULL,
	"department_code" text NOT NULL,
	"department_path" text NOT NULL,
	"title" text NOT NULL,
	"targets" jsonb NOT NULL,
	"month" integer NOT NULL,
	"comprehensive" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"decision_reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"submitted_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspection_plan_items_code" UNIQUE("region_code","year","code")
);
--> statement-breakpoint
CREATE TABLE "ranking_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"issuer_code" text NOT NULL,
	"issuer_path" text NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"targets" jsonb NOT NULL,
	"indicator_count" integer NOT NULL,
	"ranked" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"cancel_reason" text,
	"cancelled_by" text,
	"cancelled_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "inspection_plan_items_region_idx" ON "inspection_plan_items" USING btree ("region_path" text_pattern_ops,"year");--> statement-breakpoint
CREATE INDEX "ranking_notices_issuer_idx" ON "ranking_notices" USING btree ("issuer_path" text_pattern_ops,"year");--> statement-breakpoint
CREATE INDEX "ranking_notices_year_idx" ON "ranking_notices" USING btree ("year","issuer_code");