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

/** How often a township exercised a power in a month (行使次数); a later report for the month replaces it. */
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
