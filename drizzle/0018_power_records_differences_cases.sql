CREATE TABLE "facility_cases" (
	"facility_id" uuid NOT NULL,
	"flag" text NOT NULL,
	"case_id" uuid NOT NULL,
	"opened_by" text NOT NULL,
	"opened_on" date NOT NULL,
	CONSTRAINT "facility_cases_facility_id_flag_pk" PRIMARY KEY("facility_id","flag")
);
--> statement-breakpoint
CREATE TABLE "power_cases" (
	"township_code" text NOT NULL,
	"key" text NOT NULL,
	"flag" text NOT NULL,
	"case_id" uuid NOT NULL,
	"opened_by" text NOT NULL,
	"opened_on" date NOT NULL,
	CONSTRAINT "power_cases_township_code_key_flag_pk" PRIMARY KEY("township_code","key","flag")
);
--> statement-breakpoint
CREATE TABLE "power_exercise_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"township_code" text NOT NULL,
	"township_path" text NOT NULL,
	"province_code" text NOT NULL,
	"key" text NOT NULL,
	"exercised_on" date NOT NULL,
	"document_number" text NOT NULL,
	"note" text,
	"source" text NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "power_exercise_records_document" UNIQUE("township_code","key","document_number")
);
--> statement-breakpoint
ALTER TABLE "power_items" ADD COLUMN "op" text DEFAULT 'item' NOT NULL;--> statement-breakpoint
ALTER TABLE "power_list_versions" ADD COLUMN "kind" text DEFAULT 'county' NOT NULL;--> statement-breakpoint
ALTER TABLE "facility_cases" ADD CONSTRAINT "facility_cases_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "power_exercise_records_township_idx" ON "power_exercise_records" USING btree ("township_code","exercised_on");--> statement-breakpoint
CREATE INDEX "power_exercise_records_path_idx" ON "power_exercise_records" USING btree ("township_path" text_pattern_ops);