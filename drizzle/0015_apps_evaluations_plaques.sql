CREATE TABLE "fingertip_channels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"platform" text,
	"owner_code" text NOT NULL,
	"owner_path" text NOT NULL,
	"region_path" text NOT NULL,
	"audience_codes" text[] NOT NULL,
	"audience_paths" text[] NOT NULL,
	"audience_roles" text[] NOT NULL,
	"demands" text[] NOT NULL,
	"minutes_per_week" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"merged_into_id" uuid,
	"decision_reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"admission_number" text,
	"note" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"region_path" text NOT NULL,
	"year" integer NOT NULL,
	"issuer_code" text NOT NULL,
	"issuer_path" text NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"approval_code" text,
	"decision_reason" text,
	"requested_by" text NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plaque_allowed" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"region_path" text NOT NULL,
	"name" text NOT NULL,
	"basis" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plaque_survey" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_code" text NOT NULL,
	"village_path" text NOT NULL,
	"name" text NOT NULL,
	"issuer" text,
	"surveyed_on" date NOT NULL,
	"removed_on" date,
	"photo_type" text,
	"photo_size" integer,
	"photo_sha256" text,
	"photo" "bytea",
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "fingertip_channels_owner_name_uq" ON "fingertip_channels" USING btree ("owner_code","name");--> statement-breakpoint
CREATE INDEX "fingertip_channels_region_idx" ON "fingertip_channels" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "evaluation_requests_region_idx" ON "evaluation_requests" USING btree ("region_path" text_pattern_ops,"year");--> statement-breakpoint
CREATE UNIQUE INDEX "plaque_allowed_region_name_uq" ON "plaque_allowed" USING btree ("region_code","name");--> statement-breakpoint
CREATE INDEX "plaque_survey_path_idx" ON "plaque_survey" USING btree ("village_path" text_pattern_ops);