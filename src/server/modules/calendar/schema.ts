import { date, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Days the burden-reduction office 减负办 entered: a public holiday or a make-up workday 调休 that
 * overrides the holiday package, typically for a year the package does not cover yet. The calendar is
 * national: one row per date.
 */
export const calendarDays = pgTable("calendar_days", {
  date: date("date", { mode: "string" }).primaryKey(),
  kind: text("kind").notNull(),
  name: text("name").notNull(),
  enteredBy: uuid("entered_by").notNull(),
  enteredByName: text("entered_by_name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
