CREATE TABLE "duty_items" (
	"version_id" uuid NOT NULL,
	"key" text NOT NULL,
	"op" text NOT NULL,
	"part" text NOT NULL,
	"name" text NOT NULL,
	"legal_basis" text,
	"lead_department" text,
	"note" text,
	"position" integer NOT NULL,
	"province_code" text NOT NULL,
	CONSTRAINT "duty_items_version_id_key_pk" PRIMARY KEY("version_id","key")
);
--> statement-breakpoint
CREATE TABLE "duty_list_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
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
	CONSTRAINT "duty_list_versions_unit_version" UNIQUE("unit_code","version")
);
--> statement-breakpoint
ALTER TABLE "duty_items" ADD CONSTRAINT "duty_items_version_id_duty_list_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."duty_list_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "duty_list_versions_path_idx" ON "duty_list_versions" USING btree ("unit_path" text_pattern_ops);