CREATE TABLE "secondments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_name" text NOT NULL,
	"from_unit_code" text NOT NULL,
	"from_unit_path" text NOT NULL,
	"borrowing_unit_code" text NOT NULL,
	"borrowing_unit_path" text NOT NULL,
	"start_on" date NOT NULL,
	"planned_end_on" date NOT NULL,
	"returned_on" date,
	"approval_code" text,
	"reason" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "secondments_person_idx" ON "secondments" USING btree ("person_name","from_unit_code");--> statement-breakpoint
CREATE INDEX "secondments_borrowing_path_idx" ON "secondments" USING btree ("borrowing_unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "secondments_from_path_idx" ON "secondments" USING btree ("from_unit_path" text_pattern_ops);