import { sql } from "drizzle-orm";
import { date, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Proofs asked of a village 证明事项台账: what, by whom, and whether the village issued it. */
export const proofRequests = pgTable(
  "proof_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    villageCode: text("village_code").notNull(),
    villagePath: text("village_path").notNull(),
    proofName: text("proof_name").notNull(),
    requestedBy: text("requested_by").notNull(),
    purpose: text("purpose"),
    on: date("on", { mode: "string" }).notNull(),
    decision: text("decision").notNull(),
    matched: text("matched"),
    channel: text("channel"),
    refusalText: text("refusal_text"),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("proof_requests_village_idx").on(t.villageCode, t.on), index("proof_requests_path_idx").using("btree", sql`${t.villagePath} text_pattern_ops`)],
);
