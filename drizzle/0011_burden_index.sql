CREATE TABLE "burden_index" (
	"unit_code" text NOT NULL,
	"parent_code" text,
	"province_code" text NOT NULL,
	"month" text NOT NULL,
	"kind" text NOT NULL,
	"burdens" integer NOT NULL,
	"flagged" integer NOT NULL,
	"targets" integer NOT NULL,
	"minutes" double precision NOT NULL,
	CONSTRAINT "burden_index_unit_code_month_kind_pk" PRIMARY KEY("unit_code","month","kind")
);
--> statement-breakpoint
CREATE TABLE "burden_index_issuers" (
	"unit_code" text NOT NULL,
	"province_code" text NOT NULL,
	"month" text NOT NULL,
	"issuer_code" text NOT NULL,
	"burdens" integer NOT NULL,
	"targets" integer NOT NULL,
	"minutes" double precision NOT NULL,
	CONSTRAINT "burden_index_issuers_unit_code_month_issuer_code_pk" PRIMARY KEY("unit_code","month","issuer_code")
);
--> statement-breakpoint
CREATE INDEX "burden_index_parent_idx" ON "burden_index" USING btree ("parent_code","month");--> statement-breakpoint
-- Existing admitted burdens fill the index as rebuildIndex (burden-index/rollup.ts) does.
INSERT INTO "burden_index" ("unit_code", "parent_code", "province_code", "month", "kind", "burdens", "flagged", "targets", "minutes")
SELECT p.codes[i], max(p.codes[i - 1]), max(coalesce(p.codes[2], p.codes[1])), to_char(m, 'YYYY-MM'), b."kind",
  count(DISTINCT t."burden_id"), count(DISTINCT t."burden_id") FILTER (WHERE jsonb_array_length(b."findings") > 0), count(*), sum(t."monthly_minutes")
FROM "burden_targets" t JOIN "burdens" b ON b."id" = t."burden_id"
CROSS JOIN LATERAL (SELECT string_to_array(t."unit_path", '.') AS codes) p
CROSS JOIN LATERAL generate_series(1, cardinality(p.codes)) i
CROSS JOIN LATERAL generate_series(date_trunc('month', t."load_from"::timestamp), date_trunc('month', t."load_to"::timestamp), interval '1 month') m
WHERE t."in_force"
GROUP BY 1, 4, 5;--> statement-breakpoint
INSERT INTO "burden_index_issuers" ("unit_code", "province_code", "month", "issuer_code", "burdens", "targets", "minutes")
SELECT p.codes[i], max(coalesce(p.codes[2], p.codes[1])), to_char(m, 'YYYY-MM'), b."issuer_code", count(DISTINCT t."burden_id"), count(*), sum(t."monthly_minutes")
FROM "burden_targets" t JOIN "burdens" b ON b."id" = t."burden_id"
CROSS JOIN LATERAL (SELECT string_to_array(t."unit_path", '.') AS codes) p
CROSS JOIN LATERAL generate_series(1, cardinality(p.codes)) i
CROSS JOIN LATERAL generate_series(date_trunc('month', t."load_from"::timestamp), date_trunc('month', t."load_to"::timestamp), interval '1 month') m
WHERE t."in_force" AND NOT (length(p.codes[i]) = 12 AND right(p.codes[i], 3) <> '000')
GROUP BY 1, 3, 4;
