import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Cap on meetings a system 系统 (an issuing department's line, meetings/systems.ts) holds for the
 * grassroots of a region in a year, set by the region's 减负办; the nearest region above wins.
 */
export const meetingCaps = pgTable("meeting_caps", {
  regionCode: text("region_code").primaryKey(),
  regionPath: text("region_path").notNull(),
  perSystemPerYear: integer("per_system_per_year").notNull(),
  updatedBy: uuid("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
