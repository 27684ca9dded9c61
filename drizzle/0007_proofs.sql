CREATE TABLE "proof_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_code" text NOT NULL,
	"village_path" text NOT NULL,
	"proof_name" text NOT NULL,
	"requested_by" text NOT NULL,
	"purpose" text,
	"on" date NOT NULL,
	"decision" text NOT NULL,
	"matched" text,
	"channel" text,
	"refusal_text" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "proof_requests_village_idx" ON "proof_requests" USING btree ("village_code","on");--> statement-breakpoint
CREATE INDEX "proof_requests_path_idx" ON "proof_requests" USING btree ("village_path" text_pattern_ops);