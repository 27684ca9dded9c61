ALTER TABLE "burden_targets" ADD COLUMN "in_force" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "burden_targets" ADD COLUMN "load_from" date;--> statement-breakpoint
ALTER TABLE "burden_targets" ADD COLUMN "load_to" date;--> statement-breakpoint
ALTER TABLE "burden_targets" ADD COLUMN "monthly_minutes" double precision;--> statement-breakpoint
-- Existing targets take their load from their burden (what registry.ts writes from now on).
UPDATE "burden_targets" AS t SET
  "in_force" = b."status" IN ('admitted', 'expired'),
  "load_from" = CASE WHEN b."frequency" = 'once' THEN b."deadline" ELSE b."issued_on" END,
  "load_to" = b."deadline",
  "monthly_minutes" = b."minutes_per_target" * CASE b."frequency" WHEN 'once' THEN 1 WHEN 'daily' THEN 250.0 / 12 WHEN 'weekly' THEN 52.0 / 12
    WHEN 'monthly' THEN 1 WHEN 'quarterly' THEN 4.0 / 12 ELSE 1.0 / 12 END
FROM "burdens" AS b WHERE b."id" = t."burden_id";--> statement-breakpoint
ALTER TABLE "burden_targets" ALTER COLUMN "load_from" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "burden_targets" ALTER COLUMN "load_to" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "burden_targets" ALTER COLUMN "monthly_minutes" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "burdens" ADD COLUMN "similarity_signature" "bytea";--> statement-breakpoint
CREATE INDEX "burden_targets_load_idx" ON "burden_targets" USING btree ("unit_code","load_to","load_from","monthly_minutes","burden_id") WHERE "burden_targets"."in_force";
