CREATE TABLE "facilities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"province_code" text NOT NULL,
	"owner" text NOT NULL,
	"cost" double precision NOT NULL,
	"staff_hours_per_week" double precision NOT NULL,
	"opening_hours" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "facility_use_reports" (
	"facility_id" uuid NOT NULL,
	"period" text NOT NULL,
	"visits" integer NOT NULL,
	"events" integer NOT NULL,
	"note" text,
	"province_code" text NOT NULL,
	"reported_by" text NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facility_use_reports_facility_id_period_pk" PRIMARY KEY("facility_id","period")
);
--> statement-breakpoint
CREATE TABLE "project_cases" (
	"project_id" uuid NOT NULL,
	"flag" text NOT NULL,
	"case_id" uuid NOT NULL,
	"opened_by" text NOT NULL,
	"opened_on" date NOT NULL,
	CONSTRAINT "project_cases_project_id_flag_pk" PRIMARY KEY("project_id","flag")
);
--> statement-breakpoint
CREATE TABLE "project_uses" (
	"project_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"actual_use" integer NOT NULL,
	"reported_by" text NOT NULL,
	CONSTRAINT "project_uses_project_id_year_pk" PRIMARY KEY("project_id","year")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"province_code" text NOT NULL,
	"owner" text NOT NULL,
	"status" text NOT NULL,
	"completed_on" date,
	"fiscal_funds" double precision NOT NULL,
	"debt_funds" double precision NOT NULL,
	"other_funds" double precision NOT NULL,
	"has_feasibility_study" boolean NOT NULL,
	"feasibility_document" text,
	"served_population" integer NOT NULL,
	"expected_use_per_year" integer NOT NULL,
	"use_measure" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_rules" (
	"region_code" text NOT NULL,
	"region_path" text NOT NULL,
	"subject" text NOT NULL,
	"values" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_rules_region_code_subject_pk" PRIMARY KEY("region_code","subject")
);
--> statement-breakpoint
CREATE TABLE "power_exercises" (
	"township_code" text NOT NULL,
	"township_path" text NOT NULL,
	"province_code" text NOT NULL,
	"key" text NOT NULL,
	"period" text NOT NULL,
	"count" integer NOT NULL,
	"reported_by" text NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "power_exercises_township_code_key_period_pk" PRIMARY KEY("township_code","key","period")
);
--> statement-breakpoint
CREATE TABLE "power_items" (
	"version_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"legal_basis" text,
	"from_department" text NOT NULL,
	"note" text,
	"position" integer NOT NULL,
	"province_code" text NOT NULL,
	CONSTRAINT "power_items_version_id_key_pk" PRIMARY KEY("version_id","key")
);
--> statement-breakpoint
CREATE TABLE "power_list_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"province_code" text NOT NULL,
	"version" integer NOT NULL,
	"effective_from" date NOT NULL,
	"reason" text NOT NULL,
	"source" text NOT NULL,
	"applies_to" text[],
	"item_count" integer NOT NULL,
	"created_by" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "power_list_versions_unit_version" UNIQUE("unit_code","version")
);
--> statement-breakpoint
ALTER TABLE "duty_items" ADD COLUMN "power_key" text;--> statement-breakpoint
ALTER TABLE "facility_use_reports" ADD CONSTRAINT "facility_use_reports_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_cases" ADD CONSTRAINT "project_cases_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_uses" ADD CONSTRAINT "project_uses_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "power_items" ADD CONSTRAINT "power_items_version_id_power_list_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."power_list_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "facilities_unit_path_idx" ON "facilities" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "projects_unit_path_idx" ON "projects" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "power_exercises_path_idx" ON "power_exercises" USING btree ("township_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "power_list_versions_path_idx" ON "power_list_versions" USING btree ("unit_path" text_pattern_ops);