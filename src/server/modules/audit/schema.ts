import { sql } from "drizzle-orm";
import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Audit log 审计日志: append-only (a trigger refuses UPDATE and DELETE) and hash-chained: each entry's
 * hash covers its content and the previous entry's hash, so any edit or removal breaks the chain.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, mode: "string" }).notNull(),
    actorId: text("actor_id"),
    actorName: text("actor_name"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    /** Materialized path of the unit the change concerns, so scoped readers filter by prefix. */
    scopePath: text("scope_path"),
    detail: jsonb("detail").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_entity_idx").on(t.entityType, t.entityId), index("audit_scope_idx").using("btree", sql`${t.scopePath} text_pattern_ops`)],
);
