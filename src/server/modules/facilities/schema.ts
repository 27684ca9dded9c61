import { sql } from "drizzle-orm";
import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Public service facilities 公共服务设施 and projects 项目 of units (issue 8). Units by code and path
 * (org owns them, no cross-module foreign keys); province code on every row for partitioning.
 */
export const facilities = pgTable(
  "facilities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    unitCode: text("unit_code").notNull(),
    unitPath: text("unit_path").notNull(),
    provinceCode: text("province_code").notNull(),
    owner: text("owner").notNull(),
    cost: doublePrecision("cost").notNull(),
    staffHoursPerWeek: doublePrecision("staff_hours_per_week").notNull(),
    openingHours: text("opening_hours").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("facilities_unit_path_idx").using("btree", sql`${t.unitPath} text_pattern_ops`)],
);

/** One use report per facility and month: visits and events, as the village counted them. */
export const facilityUseReports = pgTable(
  "facility_use_reports",
  {
    facilityId: uuid("facility_id")
      .notNull()
      .references(() => facilities.id, { onDelete: "cascade" }),
    period: text("period").notNull(),
    visits: integer("visits").notNull(),
    events: integer("events").notNull(),
    note: text("note"),
    provinceCode: text("province_code").notNull(),
    reportedBy: text("reported_by").notNull(),
    reportedAt: timestamp("reported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.facilityId, t.period] })],
);

/**
 * A region's thresholds: `subject` is "facility:*", "facility:<kind>" (idle floor and periods) or
 * "project" (under-use and vanity-sign ratios). The nearest region wins; for facilities the kind's own
 * rule wins over the region's rule for all kinds.
 */
export const resourceRules = pgTable(
  "resource_rules",
  {
    regionCode: text("region_code").notNull(),
    regionPath: text("region_path").notNull(),
    subject: text("subject").notNull(),
    values: jsonb("values").notNull(),
    updatedBy: text("updated_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.subject] })],
);

export const projects = pgTable(
  "projects",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    unitCode: text("unit_code").notNull(),
    unitPath: text("unit_path").notNull(),
    provinceCode: text("province_code").notNull(),
    owner: text("owner").notNull(),
    status: text("status").notNull(),
    completedOn: date("completed_on", { mode: "string" }),
    fiscalFunds: doublePrecision("fiscal_funds").notNull(),
    debtFunds: doublePrecision("debt_funds").notNull(),
    otherFunds: doublePrecision("other_funds").notNull(),
    hasFeasibilityStudy: boolean("has_feasibility_study").notNull(),
    feasibilityDocument: text("feasibility_document"),
    servedPopulation: integer("served_population").notNull(),
    expectedUsePerYear: integer("expected_use_per_year").notNull(),
    useMeasure: text("use_measure").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("projects_unit_path_idx").using("btree", sql`${t.unitPath} text_pattern_ops`)],
);

/** Actual use of a completed project, a figure a year. */
export const projectUses = pgTable(
  "project_uses",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    actualUse: integer("actual_use").notNull(),
    reportedBy: text("reported_by").notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.year] })],
);

/** A case 问题线索 opened from a project's flag: at most one per project and flag. */
export const projectCases = pgTable(
  "project_cases",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    flag: text("flag").notNull(),
    caseId: uuid("case_id").notNull(),
    openedBy: text("opened_by").notNull(),
    openedOn: date("opened_on", { mode: "string" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.flag] })],
);

/** A case 问题线索 opened from a facility's flag (闲置): at most one per facility and flag. */
export const facilityCases = pgTable(
  "facility_cases",
  {
    facilityId: uuid("facility_id")
      .notNull()
      .references(() => facilities.id, { onDelete: "cascade" }),
    flag: text("flag").notNull(),
    caseId: uuid("case_id").notNull(),
    openedBy: text("opened_by").notNull(),
    openedOn: date("opened_on", { mode: "string" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.facilityId, t.flag] })],
);
