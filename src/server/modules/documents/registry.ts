import { and, eq, sql } from "drizzle-orm";
import type { RegisterDocument } from "../../../contracts/documents.js";
import type { Db, Queryable } from "../../db/client.js";
import { anyUuid } from "../../db/sql-helpers.js";
import { AppError } from "../../http/errors.js";
import { authorize, type Actor } from "../../kernel/actor.js";
import { recordAudit } from "../audit/audit.js";
import { getUnit } from "../org/units.js";
import { bandKeys, normalize } from "./copying.js";
import { documentFindings, type SourceCandidate, type StoredFinding } from "./findings.js";
import { documentPolicy } from "./policy.js";
import { documentBands, documents } from "./schema.js";

export type DocumentRow = typeof documents.$inferSelect;

/** Documents that share at least one LSH band with the text, the most bands first. */
const LSH_CANDIDATES = 30;

async function candidatesFor(db: Queryable, keys: { band: number; key: number }[], implementsId: string | null): Promise<SourceCandidate[]> {
  const { rows } = await db.execute<{ id: string }>(sql`
    select document_id as id from ${documentBands}
    where (band, key) in (select * from unnest(${sql.param(keys.map((k) => k.band))}::smallint[], ${sql.param(keys.map((k) => k.key))}::int[]))
    group by 1 order by count(*) desc limit ${LSH_CANDIDATES}`);
  const ids = [...new Set([...rows.map((r) => r.id), ...(implementsId ? [implementsId] : [])])];
  if (ids.length === 0) return [];
  return db
    .select({
      id: documents.id,
      title: documents.title,
      docNumber: documents.docNumber,
      issuerPath: documents.issuerPath,
      issuerLevel: documents.issuerLevel,
      head: documents.head,
      text: documents.text,
      issuedOn: documents.issuedOn,
    })
    .from(documents)
    .where(anyUuid(documents.id, ids));
}

async function yearCounts(db: Queryable, issuerCode: string, year: number) {
  const yearOf = sql`extract(year from ${documents.issuedOn})::int`;
  const [row] = await db
    .select({
      thisYear: sql<number>`count(*) filter (where ${yearOf} = ${year})::int`,
      lastYear: sql<number>`count(*) filter (where ${yearOf} = ${year - 1})::int`,
    })
    .from(documents)
    .where(eq(documents.issuerCode, issuerCode));
  return { thisYear: Number(row?.thisYear ?? 0), lastYear: Number(row?.lastYear ?? 0) };
}

/**
 * Registers a document: the actor may speak for the issuer, the higher document it implements is one he
 * may read, an increase over last year's count carries a reason; then its findings against the
 * documents that might be its source, its LSH bands and an audit entry, in one transaction.
 */
export async function registerDocument(db: Db, args: { actor: Actor; input: RegisterDocument }): Promise<{ id: string; findings: StoredFinding[] }> {
  const { actor, input } = args;
  const issuer = await getUnit(db, input.issuer);
  if (!issuer) throw new AppError("UNIT_NOT_FOUND", { code: input.issuer });
  authorize(documentPolicy.canRegisterAs(actor, issuer), "NOT_DOCUMENT_ISSUER", { issuer: issuer.name });
  const chars = normalize(input.text).chars.length;
  if (chars === 0) throw new AppError("DOCUMENT_TEXT_EMPTY");
  if (input.implementsId) {
    const [higher] = await db.select({ issuerPath: documents.issuerPath, issuerLevel: documents.issuerLevel }).from(documents).where(eq(documents.id, input.implementsId));
    if (!higher || !documentPolicy.canRead(actor, higher)) throw new AppError("DOCUMENT_NOT_FOUND");
  }
  const year = Number(input.issuedOn.slice(0, 4));
  const count = await yearCounts(db, issuer.code, year);
  const thisYear = count.thisYear + 1;
  // Without last year in the register there is nothing to exceed: the first year is the baseline.
  if (count.lastYear > 0 && thisYear > count.lastYear && !input.increaseReason) {
    throw new AppError("DOCUMENT_INCREASE_REASON_REQUIRED", { issuer: issuer.name, year, count: thisYear, lastYear: count.lastYear });
  }
  const doc = { issuerPath: issuer.path, issuerLevel: issuer.level, head: input.head, scope: input.scope, text: input.text, chars, issuedOn: input.issuedOn, implementsId: input.implementsId ?? null };
  // Signed once: the same bands find the candidates and are stored for the documents to come.
  const keys = bandKeys(input.text);
  const findings = documentFindings(doc, await candidatesFor(db, keys, doc.implementsId), { thisYear, lastYear: count.lastYear, reason: input.increaseReason });
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(documents)
      .values({ ...doc, issuerCode: issuer.code, docNumber: input.docNumber, title: input.title, increaseReason: input.increaseReason ?? null, findings, createdBy: actor.displayName })
      .returning({ id: documents.id });
    if (!row) throw new AppError("INTERNAL");
    await tx.insert(documentBands).values(keys.map((k) => ({ documentId: row.id, ...k })));
    await recordAudit(tx, {
      actor: { id: actor.id, name: actor.username },
      action: "document.register",
      entityType: "document",
      entityId: row.id,
      scopePath: issuer.path,
      detail: { docNumber: input.docNumber, head: input.head, chars, findings: findings.map((f) => f.code) },
    });
    return row.id;
  });
  return { id, findings };
}

/** A document the actor may read, or DOCUMENT_NOT_FOUND (the same answer whether it exists or not). */
export async function loadReadableDocument(db: Queryable, actor: Actor, id: string): Promise<DocumentRow> {
  const [row] = await db.select().from(documents).where(eq(documents.id, id));
  if (!row || !documentPolicy.canRead(actor, row)) throw new AppError("DOCUMENT_NOT_FOUND");
  return row;
}

export async function documentsByIds(db: Queryable, ids: string[]): Promise<DocumentRow[]> {
  return ids.length ? db.select().from(documents).where(and(anyUuid(documents.id, ids))) : [];
}
