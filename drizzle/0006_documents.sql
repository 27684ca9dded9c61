CREATE TABLE "document_bands" (
	"document_id" uuid NOT NULL,
	"band" smallint NOT NULL,
	"key" integer NOT NULL,
	CONSTRAINT "document_bands_document_id_band_pk" PRIMARY KEY("document_id","band")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issuer_code" text NOT NULL,
	"issuer_path" text NOT NULL,
	"issuer_level" text NOT NULL,
	"doc_number" text NOT NULL,
	"head" text NOT NULL,
	"scope" text NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"chars" integer NOT NULL,
	"implements_id" uuid,
	"issued_on" date NOT NULL,
	"increase_reason" text,
	"findings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "document_bands" ADD CONSTRAINT "document_bands_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_bands_key_idx" ON "document_bands" USING btree ("band","key");--> statement-breakpoint
CREATE INDEX "documents_issuer_idx" ON "documents" USING btree ("issuer_code","issued_on");--> statement-breakpoint
CREATE INDEX "documents_issuer_path_idx" ON "documents" USING btree ("issuer_path" text_pattern_ops);