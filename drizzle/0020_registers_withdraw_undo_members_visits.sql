CREATE TABLE "inspection_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"township_code" text NOT NULL,
	"township_path" text NOT NULL,
	"visit_on" date NOT NULL,
	"lead_code" text NOT NULL,
	"burden_ids" uuid[] NOT NULL,
	"note" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fingertip_members" (
	"channel_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"added_by_merge" uuid,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fingertip_members_channel_id_user_id_pk" PRIMARY KEY("channel_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "inspection_plan_items" ADD COLUMN "withdraw_reason" text;--> statement-breakpoint
ALTER TABLE "inspection_plan_items" ADD COLUMN "withdrawn_by" text;--> statement-breakpoint
ALTER TABLE "inspection_plan_items" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "fingertip_channels" ADD COLUMN "merge_added" jsonb;--> statement-breakpoint
ALTER TABLE "evaluation_requests" ADD COLUMN "withdraw_reason" text;--> statement-breakpoint
ALTER TABLE "evaluation_requests" ADD COLUMN "withdrawn_by" text;--> statement-breakpoint
ALTER TABLE "evaluation_requests" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "fingertip_members" ADD CONSTRAINT "fingertip_members_channel_id_fingertip_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."fingertip_channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inspection_visits_path_idx" ON "inspection_visits" USING btree ("township_path" text_pattern_ops,"visit_on");--> statement-breakpoint
CREATE INDEX "fingertip_members_user_idx" ON "fingertip_members" USING btree ("user_id");