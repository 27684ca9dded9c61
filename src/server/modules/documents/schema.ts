import { sql } from "drizzle-orm";
import { date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Documents 文件: registered with their full text. Units are referenced by code (org owns them), with the
 * issuer's path for scoped reads. A document never changes once registered: a corrected one is another.
 */
export const documents = pgTable(
  "documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    issuerCode: text("issuer_code").notNull(),
    issuerPath: text("issuer_path").notNull(),
    issuerLevel: text("issuer_level").notNull(),
    docNumber: text("doc_number").notNull(),
    head: text("head").notNull(),
    scope: text("scope").notNull(),
    title: text("title").notNull(),
    text: text("text").notNull(),
    /** Characters that count (no spaces or punctuation), the measure of the regulation's length caps. */
    chars: integer("chars").notNull(),
    implementsId: uuid("implements_id"),
    issuedOn: date("issued_on", { mode: "string" }).notNull(),
    increaseReason: text("increase_reason"),
    findings: jsonb("findings").notNull().default(sql`'[]'::jsonb`),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("documents_issuer_idx").on(t.issuerCode, t.issuedOn),
    index("documents_issuer_path_idx").using("btree", sql`${t.issuerPath} text_pattern_ops`),
  ],
);

/** LSH bands of each document's MinHash signature (copying.ts): documents sharing a band are compared. */
export const documentBands = pgTable(
  "document_bands",
  {
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    band: smallint("band").notNull(),
    key: integer("key").notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.band] }), index("document_bands_key_idx").on(t.band, t.key)],
);
