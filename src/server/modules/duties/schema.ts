import { sql } from "drizzle-orm";
import { date, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

/**
 * Duty lists 履职事项清单 (docs/decisions/0003-duty-list-storage.md): a county keeps versions of a
 * template; a township keeps versions of its differences from it. Both are immutable once written;
 * the version in force on a date is the highest-numbered one that took effect on or before it.
 * Unit codes are text (the org module owns units; no cross-module foreign keys).
 */
export const dutyListVersions = pgTable(
  "duty_list_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** "template" (a county's) or "differences" (a township's). */
    kind: text("kind").notNull(),
    unitCode: text("unit_code").notNull(),
    unitPath: text("unit_path").notNull(),
    /** Kept on every row so the tables can be partitioned or distributed by province. */
    provinceCode: text("province_code").notNull(),
    version: integer("version").notNull(),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    reason: text("reason").notNull(),
    /** "api", "excel" or "seed": how the version came in. */
    source: text("source").notNull(),
    /** A template: the townships it applies to (null: every township of the county). */
    appliesTo: text("applies_to").array(),
    itemCount: integer("item_count").notNull(),
    createdBy: uuid("created_by"),
    createdByName: text("created_by_name"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("duty_list_versions_unit_version").on(t.unitCode, t.version),
    index("duty_list_versions_path_idx").using("btree", sql`${t.unitPath} text_pattern_ops`),
  ],
);

/**
 * The rows of a version. In a template every row is an item (op "item"). In a township's differences
 * a row adds an item of its own ("add"), replaces a template item with the same key ("change"), or
 * drops one ("remove"; name and part are kept for the record).
 */
export const dutyItems = pgTable(
  "duty_items",
  {
    versionId: uuid("version_id")
      .notNull()
      .references(() => dutyListVersions.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    op: text("op").notNull(),
    part: text("part").notNull(),
    name: text("name").notNull(),
    legalBasis: text("legal_basis"),
    leadDepartment: text("lead_department"),
    note: text("note"),
    /** The delegated power 赋权事项 (its key in the county's power list) that enables the item, if any. */
    powerKey: text("power_key"),
    position: integer("position").notNull(),
    provinceCode: text("province_code").notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.key] })],
);
