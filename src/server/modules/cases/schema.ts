import { sql } from "drizzle-orm";
import { bigserial, boolean, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

/**
 * Cases 问题线索: reports about a unit, routed to a handling office above it. What a report keeps of
 * its reporter is only the encrypted identity (when given) and the day it came in: no IP, no user
 * agent, no time of day. Ids are random (uuid v4), never sequential or time-ordered.
 */
export const cases = pgTable(
  "cases",
  {
    id: uuid("id").primaryKey(),
    channel: text("channel").notNull(),
    category: text("category").notNull(),
    status: text("status").notNull(),
    text: text("text").notNull(),
    unitCode: text("unit_code").notNull(),
    unitPath: text("unit_path").notNull(),
    provinceCode: text("province_code").notNull(),
    /** The region whose office or commission handles it (never in the reported unit's chain). */
    handlerRegionPath: text("handler_region_path").notNull(),
    handlerDepth: integer("handler_depth").notNull(),
    handlerRole: text("handler_role").notNull(),
    /** How many levels above the handling region may see and act on it after missed deadlines. */
    escalationLevel: integer("escalation_level").notNull().default(0),
    lastEscalatedDeadline: date("last_escalated_deadline", { mode: "string" }),
    deadline: date("deadline", { mode: "string" }),
    /** When a closed case is looked at again to catch a rebound 反弹 (set on closing a rectified case). */
    revisitOn: date("revisit_on", { mode: "string" }),
    assigneeId: uuid("assignee_id"),
    assigneeName: text("assignee_name"),
    admissionNumber: text("admission_number"),
    noAdmission: boolean("no_admission").notNull().default(false),
    anonymous: boolean("anonymous").notNull(),
    /** SM4-CBC + HMAC-SM3 of the reporter's identity, bound to the case id; null when anonymous. */
    identityCipher: text("identity_cipher"),
    /** 24-bit keyed tag of the receipt code (a bucket, not an identifier) and its argon2id hash. */
    receiptTag: text("receipt_tag").notNull(),
    receiptHash: text("receipt_hash").notNull(),
    receivedOn: date("received_on", { mode: "string" }).notNull(),
    /** Idempotent public intake (idempotency.ts): keyed tag of the client's key, keyed content fingerprint, sealed receipt. */
    intakeKeyTag: text("intake_key_tag"),
    intakeFingerprint: text("intake_fingerprint"),
    intakeReceipt: text("intake_receipt"),
    /** The state and deadline the handler was last reminded of (reminders.ts): one reminder per stay in a state. */
    remindedFor: text("reminded_for"),
  },
  (t) => [
    index("cases_handler_idx").using("btree", sql`${t.handlerRegionPath} text_pattern_ops`, t.status),
    // The handler's list (queries.ts readableBy): the cases of his own level, and those escalated to it.
    index("cases_handler_level_idx").using("btree", t.handlerRole, t.handlerDepth, sql`${t.handlerRegionPath} text_pattern_ops`),
    index("cases_escalated_idx").using("btree", t.handlerRole, sql`${t.handlerRegionPath} text_pattern_ops`).where(sql`${t.escalationLevel} > 0`),
    index("cases_receipt_tag_idx").on(t.receiptTag),
    index("cases_deadline_idx").on(t.status, t.deadline),
    uniqueIndex("cases_intake_key_idx").on(t.intakeKeyTag),
  ],
);

/**
 * The timeline of a case. Events of the reporter carry only the day; the handlers' carry the time.
 * `seq` orders them within a case.
 */
export const caseEvents = pgTable(
  "case_events",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    on: date("on", { mode: "string" }).notNull(),
    at: timestamp("at", { withTimezone: true }),
    kind: text("kind").notNull(),
    author: text("author").notNull(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    status: text("status"),
    body: text("body"),
    visibleToReporter: boolean("visible_to_reporter").notNull(),
  },
  (t) => [index("case_events_case_idx").on(t.caseId, t.seq)],
);

/** 直报点: the information officers a county office designates in its townships and villages. */
export const reportPoints = pgTable("case_report_points", {
  userId: uuid("user_id").primaryKey(),
  unitCode: text("unit_code").notNull(),
  unitPath: text("unit_path").notNull(),
  provinceCode: text("province_code").notNull(),
  createdBy: uuid("created_by").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Routing by region and category: the nearest region's rule wins over the defaults in code. */
export const caseRoutingRules = pgTable(
  "case_routing_rules",
  {
    regionCode: text("region_code").notNull(),
    regionPath: text("region_path").notNull(),
    category: text("category").notNull(),
    handlerRole: text("handler_role").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.category] })],
);

/** Working days allowed per state, set by a region's office; the nearest region wins over the defaults. */
export const caseDeadlineSettings = pgTable("case_deadline_settings", {
  regionCode: text("region_code").primaryKey(),
  regionPath: text("region_path").notNull(),
  days: jsonb("days").notNull(),
  /** Working days before a deadline the handler is reminded; null inherits (reminders.ts). */
  reminderDays: integer("reminder_days"),
});

/** Rectification 整改 tasks the handling office gives the responsible unit; it answers with its proof. */
export const caseTasks = pgTable(
  "case_tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    unitCode: text("unit_code").notNull(),
    unitPath: text("unit_path").notNull(),
    text: text("text").notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    status: text("status").notNull(),
    proof: text("proof"),
    doneOn: date("done_on", { mode: "string" }),
    doneByName: text("done_by_name"),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("case_tasks_case_idx").on(t.caseId), index("case_tasks_unit_idx").using("btree", sql`${t.unitPath} text_pattern_ops`, t.status)],
);

/**
 * Evidence files, metadata stripped before storage (the original bytes are never kept), dated by the
 * day only. Served to the handling body alone.
 */
export const caseEvidence = pgTable(
  "case_evidence",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    contentType: text("content_type").notNull(),
    extension: text("extension").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    data: bytea("data").notNull(),
    on: date("on", { mode: "string" }).notNull(),
  },
  (t) => [index("case_evidence_case_idx").on(t.caseId)],
);

/** Notices 通报 of typical cases: composed by a handling body, numbered and published to a public page. */
export const caseNotices = pgTable(
  "case_notices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: text("region_code").notNull(),
    regionPath: text("region_path").notNull(),
    handlerRole: text("handler_role").notNull(),
    issuer: text("issuer").notNull(),
    title: text("title").notNull(),
    /** Snapshots of the cases as published: unit, category, problem, handling, lesson. */
    items: jsonb("items").notNull(),
    caseIds: jsonb("case_ids").notNull(),
    status: text("status").notNull(),
    year: integer("year"),
    seq: integer("seq"),
    number: text("number"),
    publishedOn: date("published_on", { mode: "string" }),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("case_notices_region_idx").using("btree", sql`${t.regionPath} text_pattern_ops`, t.status), unique("case_notices_number").on(t.regionCode, t.handlerRole, t.year, t.seq)],
);
