import { sql } from "drizzle-orm";
import { customType, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

/**
 * 一表通: a county's indicator catalog, the forms departments upload (kept with their original file so
 * the export writes back into the same layout), the data villages give once, their submissions and
 * drafts. Unit codes are text (org owns units; no cross-module foreign keys); every table carries the
 * province code so it can be partitioned or distributed by province.
 */

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const formIndicators = pgTable(
  "form_indicators",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The region (a county) whose 减负办 keeps the catalog. */
    regionCode: text("region_code").notNull(),
    regionPath: text("region_path").notNull(),
    provinceCode: text("province_code").notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    aliases: text("aliases").array().notNull().default(sql`'{}'::text[]`),
    definition: text("definition").notNull().default(""),
    unit: text("unit").notNull().default(""),
    type: text("type").notNull(),
    options: text("options").array().notNull().default(sql`'{}'::text[]`),
    granularity: text("granularity").notNull(),
    refreshCycle: text("refresh_cycle").notNull(),
    ownerDepartment: text("owner_department"),
    min: doublePrecision("min"),
    max: doublePrecision("max"),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("form_indicators_region_code").on(t.regionCode, t.code)],
);

/** A department's form, linked to its burden of kind "form"; `layout` and `file` keep the original table. */
export const forms = pgTable(
  "forms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    burdenId: uuid("burden_id").notNull(),
    ownerCode: text("owner_code").notNull(),
    ownerPath: text("owner_path").notNull(),
    provinceCode: text("province_code").notNull(),
    title: text("title").notNull(),
    fileName: text("file_name").notNull(),
    file: bytea("file").notNull(),
    /** Sheets read: name, header rows, first data row, units declared in a "单位：户/人/亩" row. */
    layout: jsonb("layout").notNull(),
    /** What the reader accepted with a remark (a Chinese numeral read as a number…). */
    notes: jsonb("notes").notNull().default(sql`'[]'::jsonb`),
    status: text("status").notNull(),
    referenceDate: date("reference_date", { mode: "string" }).notNull(),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("forms_burden_idx").on(t.burdenId), index("forms_owner_path_idx").using("btree", sql`${t.ownerPath} text_pattern_ops`)],
);

export const formFields = pgTable(
  "form_fields",
  {
    formId: uuid("form_id")
      .notNull()
      .references(() => forms.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    sheet: text("sheet").notNull(),
    col: integer("col").notNull(),
    header: text("header").notNull(),
    unit: text("unit").notNull(),
    role: text("role").notNull(),
    indicatorId: uuid("indicator_id").references(() => formIndicators.id),
    proposal: jsonb("proposal").notNull(),
    provinceCode: text("province_code").notNull(),
  },
  (t) => [primaryKey({ columns: [t.formId, t.position] }), index("form_fields_indicator_idx").on(t.indicatorId)],
);

/** The value of an indicator for a unit and period with its provenance: a datum held, or another source's figure for it. */
const datumColumns = () => ({
  indicatorId: uuid("indicator_id")
    .notNull()
    .references(() => formIndicators.id),
  unitCode: text("unit_code").notNull(),
  unitPath: text("unit_path").notNull(),
  provinceCode: text("province_code").notNull(),
  periodKey: text("period_key").notNull(),
  value: text("value").notNull(),
  /** "submission", "import" or "department". */
  sourceKind: text("source_kind").notNull(),
  sourceId: uuid("source_id"),
  recordedBy: uuid("recorded_by"),
  recordedByName: text("recorded_by_name"),
});

/** A datum: the value of an indicator for a unit and period, with where it came from. */
export const formData = pgTable(
  "form_data",
  { ...datumColumns(), recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow() },
  (t) => [primaryKey({ columns: [t.indicatorId, t.unitCode, t.periodKey] }), index("form_data_unit_idx").on(t.unitCode)],
);

/** One row per submission; the idempotency key makes a retry find the first instead of writing twice. */
export const formSubmissions = pgTable(
  "form_submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitCode: text("unit_code").notNull(),
    unitPath: text("unit_path").notNull(),
    provinceCode: text("province_code").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    requestHash: text("request_hash").notNull(),
    values: jsonb("values").notNull(),
    notes: jsonb("notes").notNull().default(sql`'[]'::jsonb`),
    createdBy: uuid("created_by").notNull(),
    createdByName: text("created_by_name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("form_submissions_unit_key").on(t.unitCode, t.idempotencyKey),
    index("form_submissions_path_idx").using("btree", sql`${t.unitPath} text_pattern_ops`, t.createdAt),
  ],
);

export const formDrafts = pgTable("form_drafts", {
  unitCode: text("unit_code").primaryKey(),
  provinceCode: text("province_code").notNull(),
  values: jsonb("values").notNull(),
  updatedBy: uuid("updated_by").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A figure another source gave for a datum that differs from the one held then: the value an import
 * kept out (what was held stays), or the value a submission displaced. Never read back as data; the
 * mismatch check (来源不一致) compares it with the datum held now and flags what still disagrees.
 */
export const formDisagreements = pgTable(
  "form_disagreements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ...datumColumns(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
    noticedAt: timestamp("noticed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("form_disagreements_datum_idx").on(t.indicatorId, t.periodKey, t.unitCode)],
);
