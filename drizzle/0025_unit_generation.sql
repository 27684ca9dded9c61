CREATE TABLE "unit_generation" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"generation" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "unit_generation" ("id", "generation") VALUES (1, 0);
--> statement-breakpoint
-- One more for every statement that writes units, in the writer's transaction: a process holding units
-- in memory compares the number it read with them against the number now (org/unit-cache.ts).
CREATE OR REPLACE FUNCTION unit_generation_bump() RETURNS trigger AS $$
BEGIN
  UPDATE unit_generation SET generation = generation + 1 WHERE id = 1;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER units_bump_generation AFTER INSERT OR UPDATE OR DELETE ON units
  FOR EACH STATEMENT EXECUTE FUNCTION unit_generation_bump();
--> statement-breakpoint
CREATE TRIGGER units_bump_generation_truncate AFTER TRUNCATE ON units
  FOR EACH STATEMENT EXECUTE FUNCTION unit_generation_bump();
