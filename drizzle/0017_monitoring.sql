CREATE TABLE "burden_index_actual" (
	"unit_code" text NOT NULL,
	"parent_code" text,
	"province_code" text NOT NULL,
	"month" text NOT NULL,
	"answers" integer NOT NULL,
	"expected_minutes" double precision NOT NULL,
	"actual_minutes" double precision NOT NULL,
	"unregistered_minutes" double precision NOT NULL,
	"unregistered" integer NOT NULL,
	CONSTRAINT "burden_index_actual_unit_code_month_pk" PRIMARY KEY("unit_code","month")
);
--> statement-breakpoint
CREATE TABLE "monitoring_answer_items" (
	"answer_id" uuid NOT NULL,
	"burden_id" uuid NOT NULL,
	"admission_number" text,
	"title" text NOT NULL,
	"issuer_code" text NOT NULL,
	"expected_minutes" double precision NOT NULL,
	"actual_minutes" double precision NOT NULL,
	CONSTRAINT "monitoring_answer_items_answer_id_burden_id_pk" PRIMARY KEY("answer_id","burden_id")
);
--> statement-breakpoint
CREATE TABLE "monitoring_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"province_code" text NOT NULL,
	"week" date NOT NULL,
	"month" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"expected_minutes" double precision NOT NULL,
	"actual_minutes" double precision NOT NULL,
	"unregistered_minutes" double precision NOT NULL,
	"unregistered_count" integer NOT NULL,
	"answered_by" uuid NOT NULL,
	"answered_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitoring_answers_week_uq" UNIQUE("unit_code","week"),
	CONSTRAINT "monitoring_answers_key_uq" UNIQUE("unit_code","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "monitoring_points" (
	"unit_code" text PRIMARY KEY NOT NULL,
	"unit_path" text NOT NULL,
	"province_code" text NOT NULL,
	"since" date NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"chosen_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_reminders" (
	"unit_code" text NOT NULL,
	"week" date NOT NULL,
	"reminded_on" date NOT NULL,
	"reminded_by" text NOT NULL,
	CONSTRAINT "monitoring_reminders_unit_code_week_reminded_on_pk" PRIMARY KEY("unit_code","week","reminded_on")
);
--> statement-breakpoint
CREATE TABLE "monitoring_unregistered" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"answer_id" uuid NOT NULL,
	"text" text NOT NULL,
	"issuer_code" text,
	"issuer_name" text,
	"minutes" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "satisfaction_monthly" (
	"unit_code" text NOT NULL,
	"parent_code" text,
	"province_code" text NOT NULL,
	"month" text NOT NULL,
	"responses" integer NOT NULL,
	"sum_q1" integer NOT NULL,
	"sum_q2" integer NOT NULL,
	"sum_q3" integer NOT NULL,
	"sum_q4" integer NOT NULL,
	"comments" integer NOT NULL,
	CONSTRAINT "satisfaction_monthly_unit_code_month_pk" PRIMARY KEY("unit_code","month")
);
--> statement-breakpoint
CREATE TABLE "satisfaction_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"province_code" text NOT NULL,
	"month" text NOT NULL,
	"q1" smallint NOT NULL,
	"q2" smallint NOT NULL,
	"q3" smallint NOT NULL,
	"q4" smallint NOT NULL,
	"comment" text
);
--> statement-breakpoint
ALTER TABLE "monitoring_answer_items" ADD CONSTRAINT "monitoring_answer_items_answer_id_monitoring_answers_id_fk" FOREIGN KEY ("answer_id") REFERENCES "public"."monitoring_answers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_unregistered" ADD CONSTRAINT "monitoring_unregistered_answer_id_monitoring_answers_id_fk" FOREIGN KEY ("answer_id") REFERENCES "public"."monitoring_answers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "burden_index_actual_parent_idx" ON "burden_index_actual" USING btree ("parent_code","month");--> statement-breakpoint
CREATE INDEX "monitoring_answers_path_idx" ON "monitoring_answers" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "monitoring_answers_week_idx" ON "monitoring_answers" USING btree ("week");--> statement-breakpoint
CREATE INDEX "monitoring_points_path_idx" ON "monitoring_points" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "satisfaction_monthly_parent_idx" ON "satisfaction_monthly" USING btree ("parent_code","month");--> statement-breakpoint
CREATE INDEX "satisfaction_responses_unit_idx" ON "satisfaction_responses" USING btree ("unit_code","month");--> statement-breakpoint
CREATE INDEX "satisfaction_responses_path_idx" ON "satisfaction_responses" USING btree ("unit_path" text_pattern_ops);