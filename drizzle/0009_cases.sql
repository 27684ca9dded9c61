CREATE TABLE "case_deadline_settings" (
	"region_code" text PRIMARY KEY NOT NULL,
	"region_path" text NOT NULL,
	"days" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"on" date NOT NULL,
	"at" timestamp with time zone,
	"kind" text NOT NULL,
	"author" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"status" text,
	"body" text,
	"visible_to_reporter" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"content_type" text NOT NULL,
	"extension" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"region_path" text NOT NULL,
	"handler_role" text NOT NULL,
	"issuer" text NOT NULL,
	"title" text NOT NULL,
	"items" jsonb NOT NULL,
	"case_ids" jsonb NOT NULL,
	"status" text NOT NULL,
	"year" integer,
	"seq" integer,
	"number" text,
	"published_on" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_notices_number" UNIQUE("region_code","handler_role","year","seq")
);
--> statement-breakpoint
CREATE TABLE "case_routing_rules" (
	"region_code" text NOT NULL,
	"region_path" text NOT NULL,
	"category" text NOT NULL,
	"handler_role" text NOT NULL,
	CONSTRAINT "case_routing_rules_region_code_category_pk" PRIMARY KEY("region_code","category")
);
--> statement-breakpoint
CREATE TABLE "case_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"text" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text NOT NULL,
	"proof" text,
	"done_on" date,
	"done_by_name" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"category" text NOT NULL,
	"status" text NOT NULL,
	"text" text NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"province_code" text NOT NULL,
	"handler_region_path" text NOT NULL,
	"handler_depth" integer NOT NULL,
	"handler_role" text NOT NULL,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"last_escalated_deadline" date,
	"deadline" date,
	"revisit_on" date,
	"assignee_id" uuid,
	"assignee_name" text,
	"admission_number" text,
	"no_admission" boolean DEFAULT false NOT NULL,
	"anonymous" boolean NOT NULL,
	"identity_cipher" text,
	"receipt_tag" text NOT NULL,
	"receipt_hash" text NOT NULL,
	"received_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_report_points" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"province_code" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_evidence" ADD CONSTRAINT "case_evidence_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "case_evidence_case_idx" ON "case_evidence" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_notices_region_idx" ON "case_notices" USING btree ("region_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "case_tasks_case_idx" ON "case_tasks" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_tasks_unit_idx" ON "case_tasks" USING btree ("unit_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "cases_handler_idx" ON "cases" USING btree ("handler_region_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "cases_receipt_tag_idx" ON "cases" USING btree ("receipt_tag");--> statement-breakpoint
CREATE INDEX "cases_deadline_idx" ON "cases" USING btree ("status","deadline");