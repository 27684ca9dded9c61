ALTER TABLE "case_deadline_settings" ADD COLUMN "reminder_days" integer;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "intake_key_tag" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "intake_fingerprint" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "intake_receipt" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "reminded_for" text;--> statement-breakpoint
CREATE UNIQUE INDEX "cases_intake_key_idx" ON "cases" USING btree ("intake_key_tag");