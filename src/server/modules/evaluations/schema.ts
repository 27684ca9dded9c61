import { customType, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

/**
 * Requests for evaluations, demonstrations, festivals and forums 评比表彰、创建示范、节庆展会论坛: an issuer
 * asks, the office of its region approves (the item then joins the gate's approved list) or rejects.
 */
export const evaluationRequests = pgTable(
  "evaluation_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: text("region_code").notNull(),
    regionPath: text("region_path").notNull(),
    year: integer("year").notNull(),
    issuerCode: text("issuer_code").notNull(),
    issuerPath: text("issuer_path").notNull(),
    title: text("title").notNull(),
    category: text("category").notNull(),
    reason: text("reason").notNull(),
    status: text("status").notNull().default("pending"),
    approvalCode: text("approval_code"),
    decisionReason: text("decision_reason"),
    requestedBy: text("requested_by").notNull(),
    decidedBy: text("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** An approved item the office withdrew 撤回 from the list, with its reason. */
    withdrawReason: text("withdraw_reason"),
    withdrawnBy: text("withdrawn_by"),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("evaluation_requests_region_idx").using("btree", sql`${t.regionPath} text_pattern_ops`, t.year)],
);

/** Plaques a village office may hang 村级组织准挂牌子清单, per region. */
export const plaqueAllowed = pgTable(
  "plaque_allowed",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: text("region_code").notNull(),
    regionPath: text("region_path").notNull(),
    name: text("name").notNull(),
    basis: text("basis"),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("plaque_allowed_region_name_uq").on(t.regionCode, t.name)],
);

/** What a village office actually has hung 挂牌摸排: one row per plaque found. */
export const plaqueSurvey = pgTable(
  "plaque_survey",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    villageCode: text("village_code").notNull(),
    villagePath: text("village_path").notNull(),
    name: text("name").notNull(),
    issuer: text("issuer"),
    surveyedOn: date("surveyed_on", { mode: "string" }).notNull(),
    removedOn: date("removed_on", { mode: "string" }),
    photoType: text("photo_type"),
    photoSize: integer("photo_size"),
    photoSha256: text("photo_sha256"),
    photo: bytea("photo"),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("plaque_survey_path_idx").using("btree", sql`${t.villagePath} text_pattern_ops`)],
);

