import { sql } from "drizzle-orm";
import { date, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

/**
 * Delegated powers 赋权事项清单, versioned like the duty list (docs/decisions/0003): a county keeps
 * immutable versions of its list for its townships; the version in force on a date is the
 * highest-numbered one that took effect on or before it.
 */
export const powerListVersions = pgTable(
  "power_list_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitCode: text("unit_code").notNull(),
    unitPath: text("unit_path").notNull(),
    provinceCode: text("province_code").notNull(),
    /** "county" (a county's list for its townships) or "differences" (a township's own differences from it). */
    kind: text("kind").notNull().default("county"),
    version: integer("version").notNull(),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    reason: text("reason").notNull(),
    /** "api", "excel" or "seed". */
    source: text("source").notNull(),
    /** The townships the list applies to (null: every township of the county). */
    appliesTo: text("applies_to").array(),
    itemCount: integer("item_count").notNull(),
    createdBy: uuid("created_by"),
    createdByName: text("created_by_name"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("power_list_versions_unit_version").on(t.unitCode, t.version), index("power_list_versions_path_idx").using("btree", sql`${t.unitPath} text_pattern_ops`)],
);

export const powerItems = pgTable(
  "power_items",
  {
    versionId: uuid("version_id")
      .notNull()
      .references(() => powerListVersions.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    /** "item" in a county list; in a township's differences "add", "change" or "remove" (docs/decisions/0003). */
    op: text("op").notNull().default("item"),
    name: text("name").notNull(),
    category: text("category").notNull(),
    legalBasis: text("legal_basis"),
    fromDepartment: text("from_department").notNull(),
    note: text("note"),
    position: integer("position").notNull(),
    provinceCode: text("province_code").notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.key] })],
);

/**
 * Monthly totals 行使次数 as townships reported them before exercises were recorded one by one. Kept as
 * a read-only summary source: a month with records counts its records, a month without them its total
 * (docs/decisions/0009-power-exercise-records.md).
 */
export const powerExercises = pgTable(
  "power_exercises",
  {
    townshipCode: text("township_code").notNull(),
    townshipPath: text("township_path").notNull(),
    provinceCode: text("province_code").notNull(),
    key: text("key").notNull(),
    period: text("period").notNull(),
    count: integer("count").notNull(),
    reportedBy: text("reported_by").notNull(),
    reportedAt: timestamp("reported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.townshipCode, t.key, t.period] }), index("power_exercises_path_idx").using("btree", sql`${t.townshipPath} text_pattern_ops`)],
);

/** One exercise 行使记录 of a delegated power by a township: a dated act with its case or document number. */
export const powerExerciseRecords = pgTable(
  "power_exercise_records",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    townshipCode: text("township_code").notNull(),
    townshipPath: text("township_path").notNull(),
    provinceCode: text("province_code").notNull(),
    key: text("key").notNull(),
    exercisedOn: date("exercised_on", { mode: "string" }).notNull(),
    /** 案卷号/文书号: the number of the case file or decision the act produced. */
    documentNumber: text("document_number").notNull(),
    note: text("note"),
    source: text("source").notNull(),
    recordedBy: text("recorded_by").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("power_exercise_records_document").on(t.townshipCode, t.key, t.documentNumber),
    index("power_exercise_records_township_idx").on(t.townshipCode, t.exercisedOn),
    index("power_exercise_records_path_idx").using("btree", sql`${t.townshipPath} text_pattern_ops`),
  ],
);

/** A case 问题线索 opened from an unused power: at most one per township, power and flag. */
export const powerCases = pgTable(
  "power_cases",
  {
    townshipCode: text("township_code").notNull(),
    key: text("key").notNull(),
    flag: text("flag").notNull(),
    caseId: uuid("case_id").notNull(),
    openedBy: text("opened_by").notNull(),
    openedOn: date("opened_on", { mode: "string" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.townshipCode, t.key, t.flag] })],
);
