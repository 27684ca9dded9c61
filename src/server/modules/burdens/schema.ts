import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, customType, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

/** Raw bytes: node-postgres gives a Buffer, PGlite a Uint8Array. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/**
 * Burdens 负担事项: everything imposed downward, one registry for every kind. Codes of units are kept
 * as text (the org module owns units; no cross-module foreign keys), with the issuer's path and
 * province for scoped reads and partitioning.
 */
export const burdens = pgTable(
  "burdens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    status: text("status").notNull(),
    issuerCode: text("issuer_code").notNull(),
    issuerPath: text("issuer_path").notNull(),
    provinceCode: text("province_code").notNull(),
    title: text("title").notNull(),
    text: text("text").notNull(),
    issuedOn: date("issued_on", { mode: "string" }).notNull(),
    deadline: date("deadline", { mode: "string" }).notNull(),
    frequency: text("frequency").notNull(),
    minutesPerTarget: integer("minutes_per_target").notNull(),
    /** The targets as the issuer gave them (a list, or "all villages under X"). */
    targetSpec: jsonb("target_spec").notNull(),
    targetCount: integer("target_count").notNull(),
    parentId: uuid("parent_id"),
    quantity: jsonb("quantity"),
    dutyItem: text("duty_item"),
    details: jsonb("details").notNull(),
    /** The latest findings of the gate, kept so the office reviews what the issuer saw. */
    findings: jsonb("findings").notNull().default(sql`'[]'::jsonb`),
    /** Standard Cost Model: minutes × targets × occurrences per year. */
    yearlyMinutes: bigint("yearly_minutes", { mode: "number" }).notNull(),
    admissionNumber: text("admission_number").unique(),
    admittedAt: timestamp("admitted_at", { withTimezone: true }),
    decisionReason: text("decision_reason"),
    /**
     * MinHash signatures of the title and of title + text (kernel/minhash.ts), written with the text: the
     * gate screens hundreds of candidate duplicates by these before tokenizing the few that look alike.
     */
    similaritySignature: bytea("similarity_signature"),
    /**
     * The title and title + text segmented into words (kernel/text-similarity.ts serializePrepared): a
     * candidate the screen keeps is scored exactly from these, without segmenting its text again.
     */
    similarityWords: text("similarity_words"),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("burdens_issuer_idx").on(t.issuerCode, t.status),
    index("burdens_status_idx").on(t.status, t.deadline),
    index("burdens_issuer_path_idx").using("btree", sql`${t.issuerPath} text_pattern_ops`),
    index("burdens_parent_idx").on(t.parentId),
    // The gate's yearly counts of an issuer (quota, documents against last year): its burdens in force by kind and day.
    index("burdens_issuer_kind_issued_idx").on(t.issuerCode, t.kind, t.issuedOn).where(sql`${t.status} in ('admitted', 'expired')`),
  ],
);

/** One row per burden and target unit: the grain of the burden-hours and of each unit's inbox. */
export const burdenTargets = pgTable(
  "burden_targets",
  {
    burdenId: uuid("burden_id")
      .notNull()
      .references(() => burdens.id, { onDelete: "cascade" }),
    unitCode: text("unit_code").notNull(),
    unitPath: text("unit_path").notNull(),
    provinceCode: text("province_code").notNull(),
    /**
     * The load this burden puts on the unit, copied from the burden so the gate's two hottest questions
     * (this month's minutes per target; recent burdens sharing targets) are answered from one index
     * without visiting the burdens: in force once admitted (and still after it expires), the days it
     * loads (a one-off its deadline, a recurring one issue date to deadline) and its minutes per month.
     */
    inForce: boolean("in_force").notNull().default(false),
    loadFrom: date("load_from", { mode: "string" }).notNull(),
    loadTo: date("load_to", { mode: "string" }).notNull(),
    monthlyMinutes: doublePrecision("monthly_minutes").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.burdenId, t.unitCode] }),
    index("burden_targets_unit_idx").on(t.unitCode),
    index("burden_targets_load_idx").on(t.unitCode, t.loadTo, t.loadFrom, t.monthlyMinutes, t.burdenId).where(sql`${t.inForce}`),
    index("burden_targets_path_idx").using("btree", sql`${t.unitPath} text_pattern_ops`),
  ],
);

/** The timeline of a burden: every change of status, with who and why. */
export const burdenEvents = pgTable(
  "burden_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    burdenId: uuid("burden_id")
      .notNull()
      .references(() => burdens.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    reason: text("reason"),
  },
  (t) => [index("burden_events_burden_idx").on(t.burdenId)],
);

/** Next sequence number of admission numbers 准入编号 per region and year. */
export const admissionSequences = pgTable(
  "admission_sequences",
  {
    regionCode: text("region_code").notNull(),
    year: integer("year").notNull(),
    next: integer("next").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.year] })],
);

/** Thresholds of the gate set by a region's office; the nearest ancestor's value wins over defaults. */
export const gateSettings = pgTable("gate_settings", {
  regionCode: text("region_code").primaryKey(),
  regionPath: text("region_path").notNull(),
  settings: jsonb("settings").notNull(),
  updatedBy: uuid("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Approved annual plans and lists the gate checks against (inspection plan, evaluations, secondments, proofs). */
export const gateRegisters = pgTable(
  "gate_registers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: text("region_code").notNull(),
    regionPath: text("region_path").notNull(),
    year: integer("year").notNull(),
    register: text("register").notNull(),
    code: text("code").notNull(),
    title: text("title").notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("gate_registers_unique").on(t.regionCode, t.year, t.register, t.code)],
);

/**
 * Joint visits 联合督查检查: the office accepts a merge proposal (several admitted inspections of one
 * township in a quarter) and records one visit in their place: the date, who leads, the inspections merged.
 */
export const inspectionVisits = pgTable(
  "inspection_visits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    townshipCode: text("township_code").notNull(),
    townshipPath: text("township_path").notNull(),
    visitOn: date("visit_on", { mode: "string" }).notNull(),
    leadCode: text("lead_code").notNull(),
    burdenIds: uuid("burden_ids").array().notNull(),
    note: text("note"),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("inspection_visits_path_idx").using("btree", sql`${t.townshipPath} text_pattern_ops`, t.visitOn)],
);
