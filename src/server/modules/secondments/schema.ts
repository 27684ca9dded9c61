import { date, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

/** Secondments 借调 of grassroots cadres to higher units; units by code (org owns them). */
export const secondments = pgTable(
  "secondments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personName: text("person_name").notNull(),
    fromUnitCode: text("from_unit_code").notNull(),
    fromUnitPath: text("from_unit_path").notNull(),
    borrowingUnitCode: text("borrowing_unit_code").notNull(),
    borrowingUnitPath: text("borrowing_unit_path").notNull(),
    startOn: date("start_on", { mode: "string" }).notNull(),
    plannedEndOn: date("planned_end_on", { mode: "string" }).notNull(),
    returnedOn: date("returned_on", { mode: "string" }),
    approvalCode: text("approval_code"),
    reason: text("reason").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("secondments_person_idx").on(t.personName, t.fromUnitCode),
    index("secondments_borrowing_path_idx").using("btree", sql`${t.borrowingUnitPath} text_pattern_ops`),
    index("secondments_from_path_idx").using("btree", sql`${t.fromUnitPath} text_pattern_ops`),
  ],
);
