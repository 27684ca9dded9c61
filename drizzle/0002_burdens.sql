CREATE TABLE "admission_sequences" (
	"region_code" text NOT NULL,
	"year" integer NOT NULL,
	"next" integer NOT NULL,
	CONSTRAINT "admission_sequences_region_code_year_pk" PRIMARY KEY("region_code","year")
);
--> statement-breakpoint
CREATE TABLE "burden_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"burden_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "burden_targets" (
	"burden_id" uuid NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"province_code" text NOT NULL,
	CONSTRAINT "burden_targets_burden_id_unit_code_pk" PRIMARY KEY("burden_id","unit_code")
);
--> statement-breakpoint
CREATE TABLE "burdens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"issuer_code" text NOT NULL,
	"issuer_path" text NOT NULL,
	"province_code" text NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"issued_on" date NOT NULL,
	"deadline" date NOT NULL,
	"frequency" text NOT NULL,
	"minutes_per_target" integer NOT NULL,
	"target_spec" jsonb NOT NULL,
	"target_count" integer NOT NULL,
	"parent_id" uuid,
	"quantity" jsonb,
	"duty_item" text,
	"details" jsonb NOT NULL,
	"findings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"yearly_minutes" bigint NOT NULL,
	"admission_number" text,
	"admitted_at" timestamp with time zone,
	"decision_reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "burdens_admission_number_unique" UNIQUE("admission_number")
);
--> statement-breakpoint
CREATE TABLE "gate_registers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"region_path" text NOT NULL,
	"year" integer NOT NULL,
	"register" text NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gate_registers_unique" UNIQUE("region_code","year","register","code")
);
--> statement-breakpoint
CREATE TABLE "gate_settings" (
	"region_code" text PRIMARY KEY NOT NULL,
	"region_path" text NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "burden_events" ADD CONSTRAINT "burden_events_burden_id_burdens_id_fk" FOREIGN KEY ("burden_id") REFERENCES "public"."burdens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "burden_targets" ADD CONSTRAINT "burden_targets_burden_id_burdens_id_fk" FOREIGN KEY ("burden_id") REFERENCES "public"."burdens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "burden_events_burden_idx" ON "burden_events" USING btree ("burden_id");--> statement-breakpoint
CREATE INDEX "burden_targets_unit_idx" ON "burden_targets" USING btree ("unit_code");--> statement-breakpoint
CREATE INDEX "burden_targets_path_idx" ON "burden_targets" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "burdens_issuer_idx" ON "burdens" USING btree ("issuer_code","status");--> statement-breakpoint
CREATE INDEX "burdens_status_idx" ON "burdens" USING btree ("status","deadline");--> statement-breakpoint
CREATE INDEX "burdens_issuer_path_idx" ON "burdens" USING btree ("issuer_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "burdens_parent_idx" ON "burdens" USING btree ("parent_id");