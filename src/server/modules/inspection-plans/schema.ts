import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

/**
 * Items of the annual inspection plan 年度督查检查考核计划 as departments submit them, with the
 * 减负办's decision. An approved item is also written to the gate's register (gate_registers,
 * register "inspection_plan") under the same code: that is what UNPLANNED_INSPECTION reads.
 */
export const inspectionPlanItems = pgTable(
  "inspection_plan_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: text("region_code").notNull(),
    regionPath: text("region_path").notNull(),
    year: integer("year").notNull(),
    code: text("code").notNull(),
    departmentCode: text("department_code").notNull(),
    departmentPath: text("department_path").notNull(),
    title: text("title").notNull(),
    targets: jsonb("targets").$type<string[]>().notNull(),
    month: integer("month").notNull(),
    comprehensive: boolean("comprehensive").notNull().default(false),
    status: text("status").notNull(),
    decisionReason: text("decision_reason"),
    decidedBy: text("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** An approved item the office withdrew 撤回 from the register, with its reason. */
    withdrawReason: text("withdraw_reason"),
    withdrawnBy: text("withdrawn_by"),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    submittedBy: uuid("submitted_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("inspection_plan_items_code").on(t.regionCode, t.year, t.code),
    index("inspection_plan_items_region_idx").using("btree", sql`${t.regionPath} text_pattern_ops`, t.year),
  ],
);
