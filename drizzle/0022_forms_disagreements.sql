CREATE TABLE "form_disagreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
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
	"recorded_at" timestamp with time zone NOT NULL,
	"noticed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "form_disagreements" ADD CONSTRAINT "form_disagreements_indicator_id_form_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."form_indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "form_disagreements_datum_idx" ON "form_disagreements" USING btree ("indicator_id","period_key","unit_code");