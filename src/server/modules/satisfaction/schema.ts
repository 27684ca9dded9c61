import { sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, smallint, text, uuid } from "drizzle-orm/pg-core";

/**
 * Public satisfaction 群众满意度: answers to a unit's QR survey. No login, and nothing of the request:
 * no address, no agent, not even the day — only the month the answer counts in.
 */
export const satisfactionResponses = pgTable(
  "satisfaction_responses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitCode: text("unit_code").notNull(),
    unitPath: text("unit_path").notNull(),
    provinceCode: text("province_code").notNull(),
    month: text("month").notNull(),
    q1: smallint("q1").notNull(),
    q2: smallint("q2").notNull(),
    q3: smallint("q3").notNull(),
    q4: smallint("q4").notNull(),
    comment: text("comment"),
  },
  (t) => [index("satisfaction_responses_unit_idx").on(t.unitCode, t.month), index("satisfaction_responses_path_idx").using("btree", sql`${t.unitPath} text_pattern_ops`)],
);

/** The rollup per unit on each answer's path and month: counts and sums of each question's scores. */
export const satisfactionMonthly = pgTable(
  "satisfaction_monthly",
  {
    unitCode: text("unit_code").notNull(),
    parentCode: text("parent_code"),
    provinceCode: text("province_code").notNull(),
    month: text("month").notNull(),
    responses: integer("responses").notNull(),
    sumQ1: integer("sum_q1").notNull(),
    sumQ2: integer("sum_q2").notNull(),
    sumQ3: integer("sum_q3").notNull(),
    sumQ4: integer("sum_q4").notNull(),
    comments: integer("comments").notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.month] }), index("satisfaction_monthly_parent_idx").on(t.parentCode, t.month)],
);
