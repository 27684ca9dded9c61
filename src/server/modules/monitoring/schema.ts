import { sql } from "drizzle-orm";
import { bigserial, boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

/**
 * Monitoring points 监测点: villages an office chooses to report, each week, the hours its admitted
 * burdens really took and the burdens that reached it without an admission number 准入编号.
 */
export const monitoringPoints = pgTable(
  "monitoring_points",
  {
    unitCode: text("unit_code").primaryKey(),
    unitPath: text("unit_path").notNull(),
    provinceCode: text("province_code").notNull(),
    /** The first week (its Monday) the village answers for. */
    since: date("since", { mode: "string" }).notNull(),
    active: boolean("active").notNull().default(true),
    chosenBy: uuid("chosen_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("monitoring_points_path_idx").using("btree", sql`${t.unitPath} text_pattern_ops`)],
);

/** One weekly answer of a monitoring point; the idempotency key makes a retry find the first. */
export const monitoringAnswers = pgTable(
  "monitoring_answers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitCode: text("unit_code").notNull(),
    unitPath: text("unit_path").notNull(),
    provinceCode: text("province_code").notNull(),
    /** The week's Monday. */
    week: date("week", { mode: "string" }).notNull(),
    /** The month the week counts in (the month of its Thursday, as ISO weeks do). */
    month: text("month").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    requestHash: text("request_hash").notNull(),
    expectedMinutes: doublePrecision("expected_minutes").notNull(),
    actualMinutes: doublePrecision("actual_minutes").notNull(),
    unregisteredMinutes: doublePrecision("unregistered_minutes").notNull(),
    unregisteredCount: integer("unregistered_count").notNull(),
    answeredBy: uuid("answered_by").notNull(),
    answeredByName: text("answered_by_name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** 1 as sent; each correction (corrections.ts) adds one, so a stale correction is refused. */
    revision: integer("revision").notNull().default(1),
    correctedAt: timestamp("corrected_at", { withTimezone: true }),
  },
  (t) => [unique("monitoring_answers_week_uq").on(t.unitCode, t.week), unique("monitoring_answers_key_uq").on(t.unitCode, t.idempotencyKey), index("monitoring_answers_path_idx").using("btree", sql`${t.unitPath} text_pattern_ops`), index("monitoring_answers_week_idx").on(t.week)],
);

/** Hours one admitted burden took the village that week, next to what its issuer estimated. */
export const monitoringAnswerItems = pgTable(
  "monitoring_answer_items",
  {
    answerId: uuid("answer_id")
      .notNull()
      .references(() => monitoringAnswers.id, { onDelete: "cascade" }),
    burdenId: uuid("burden_id").notNull(),
    admissionNumber: text("admission_number"),
    title: text("title").notNull(),
    issuerCode: text("issuer_code").notNull(),
    expectedMinutes: doublePrecision("expected_minutes").notNull(),
    actualMinutes: doublePrecision("actual_minutes").notNull(),
  },
  (t) => [primaryKey({ columns: [t.answerId, t.burdenId] })],
);

/** A burden that arrived without an admission number: what it was, who sent it if known, the hours. */
export const monitoringUnregistered = pgTable("monitoring_unregistered", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  answerId: uuid("answer_id")
    .notNull()
    .references(() => monitoringAnswers.id, { onDelete: "cascade" }),
  text: text("text").notNull(),
  issuerCode: text("issuer_code"),
  issuerName: text("issuer_name"),
  minutes: doublePrecision("minutes").notNull(),
});

/** Reminders of a missing answer: one row per point, week and day reminded. */
export const monitoringReminders = pgTable(
  "monitoring_reminders",
  {
    unitCode: text("unit_code").notNull(),
    week: date("week", { mode: "string" }).notNull(),
    remindedOn: date("reminded_on", { mode: "string" }).notNull(),
    remindedBy: text("reminded_by").notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.week, t.remindedOn] })],
);

/** The totals of an answer before or after a correction, in minutes. */
export type AnswerTotals = { expectedMinutes: number; actualMinutes: number; unregisteredMinutes: number; unregisteredCount: number };

/**
 * Corrections 更正 of a sent answer: by the village itself within a window, or by its township with a
 * reason. Each keeps who, why, the totals before and after; its idempotency key makes a retry find it.
 */
export const monitoringCorrections = pgTable(
  "monitoring_corrections",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    answerId: uuid("answer_id")
      .notNull()
      .references(() => monitoringAnswers.id, { onDelete: "cascade" }),
    /** The answer's revision this correction made. */
    revision: integer("revision").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    requestHash: text("request_hash").notNull(),
    correctedBy: uuid("corrected_by").notNull(),
    correctedByName: text("corrected_by_name").notNull(),
    role: text("role").notNull(),
    reason: text("reason"),
    before: jsonb("before").$type<AnswerTotals>().notNull(),
    after: jsonb("after").$type<AnswerTotals>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("monitoring_corrections_key_uq").on(t.answerId, t.idempotencyKey)],
);
