CREATE TABLE "form_data" (
	"indicator_id" uuid NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"province_code" text NOT NULL,
	"period_key" text NOT NULL,
	"value" text NOT NULL,
	"source_kind" text NOT NULL,
	"source_id" uuid,
	"recorded_by" uuid,
	"recorded_by_name" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "form_data_indicator_id_unit_code_period_key_pk" PRIMARY KEY("indicator_id","unit_code","period_key")
);
--> statement-breakpoint
CREATE TABLE "form_drafts" (
	"unit_code" text PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"values" jsonb NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "form_fields" (
	"form_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"sheet" text NOT NULL,
	"col" integer NOT NULL,
	"header" text NOT NULL,
	"unit" text NOT NULL,
	"role" text NOT NULL,
	"indicator_id" uuid,
	"proposal" jsonb NOT NULL,
	"province_code" text NOT NULL,
	CONSTRAINT "form_fields_form_id_position_pk" PRIMARY KEY("form_id","position")
);
--> statement-breakpoint
CREATE TABLE "form_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"region_path" text NOT NULL,
	"province_code" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"definition" text DEFAULT '' NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"type" text NOT NULL,
	"options" text[] DEFAULT '{}'::text[] NOT NULL,
	"granularity" text NOT NULL,
	"refresh_cycle" text NOT NULL,
	"owner_department" text,
	"min" double precision,
	"max" double precision,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "form_indicators_region_code" UNIQUE("region_code","code")
);
--> statement-breakpoint
CREATE TABLE "form_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"province_code" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"values" jsonb NOT NULL,
	"notes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "form_submissions_unit_key" UNIQUE("unit_code","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "forms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"burden_id" uuid NOT NULL,
	"owner_code" text NOT NULL,
	"owner_path" text NOT NULL,
	"province_code" text NOT NULL,
	"title" text NOT NULL,
	"file_name" text NOT NULL,
	"file" "bytea" NOT NULL,
	"layout" jsonb NOT NULL,
	"notes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"reference_date" date NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "form_data" ADD CONSTRAINT "form_data_indicator_id_form_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."form_indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_fields" ADD CONSTRAINT "form_fields_form_id_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."forms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_fields" ADD CONSTRAINT "form_fields_indicator_id_form_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."form_indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "form_data_unit_idx" ON "form_data" USING btree ("unit_code");--> statement-breakpoint
CREATE INDEX "form_fields_indicator_idx" ON "form_fields" USING btree ("indicator_id");--> statement-breakpoint
CREATE INDEX "form_submissions_path_idx" ON "form_submissions" USING btree ("unit_path" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "forms_burden_idx" ON "forms" USING btree ("burden_id");--> statement-breakpoint
CREATE INDEX "forms_owner_path_idx" ON "forms" USING btree ("owner_path" text_pattern_ops);