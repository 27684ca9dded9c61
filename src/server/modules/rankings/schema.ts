import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Ranking notices 排名通报 and assessments 考核 with their indicators, per issuer and year. */
export const rankingNotices = pgTable(
  "ranking_notices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    issuerCode: text("issuer_code").notNull(),
    issuerPath: text("issuer_path").notNull(),
    year: integer("year").notNull(),
    title: text("title").notNull(),
    targets: jsonb("targets").$type<string[]>().notNull(),
    indicatorCount: integer("indicator_count").notNull(),
    ranked: text("ranked").notNull(),
    status: text("status").notNull().default("active"),
    cancelReason: text("cancel_reason"),
    cancelledBy: text("cancelled_by"),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ranking_notices_issuer_idx").using("btree", sql`${t.issuerPath} text_pattern_ops`, t.year), index("ranking_notices_year_idx").on(t.year, t.issuerCode)],
);
