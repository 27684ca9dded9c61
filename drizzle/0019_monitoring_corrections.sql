CREATE TABLE "monitoring_corrections" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"answer_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"corrected_by" uuid NOT NULL,
	"corrected_by_name" text NOT NULL,
	"role" text NOT NULL,
	"reason" text,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitoring_corrections_key_uq" UNIQUE("answer_id","idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "monitoring_answers" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "monitoring_answers" ADD COLUMN "corrected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "monitoring_corrections" ADD CONSTRAINT "monitoring_corrections_answer_id_monitoring_answers_id_fk" FOREIGN KEY ("answer_id") REFERENCES "public"."monitoring_answers"("id") ON DELETE cascade ON UPDATE no action;