import { and, desc, eq, or, sql, type SQL } from "drizzle-orm";
import type { DocumentDetail, DocumentHead, DocumentSummary } from "../../../contracts/documents.js";
import type { Queryable } from "../../db/client.js";
import { anyText, pathWithin } from "../../db/sql-helpers.js";
import type { Lang } from "../../http/i18n.js";
import { regionPathOf, type Actor } from "../../kernel/actor.js";
import { getUnits } from "../org/units.js";
import { copyingOf } from "./copying.js";
import type { StoredFinding } from "./findings.js";
import { documentsByIds, type DocumentRow } from "./registry.js";
import { documents } from "./schema.js";

/** The paths above a region, the nation first: their documents are the ones it implements. */
const ancestorsOf = (path: string) => path.split(".").slice(0, -1).map((_, i, all) => all.slice(0, i + 1).join("."));

/** Documents the actor reads (documentPolicy.canRead, as SQL): issued in his region or above it. */
function readable(actor: Actor): SQL {
  const region = regionPathOf(actor);
  const above = ancestorsOf(region);
  const parentOfIssuer = sql`regexp_replace(${documents.issuerPath}, '\\.[^.]+$', '')`;
  return or(
    pathWithin(documents.issuerPath, region),
    above.length ? anyText(documents.issuerPath, above) : undefined,
    above.length ? and(eq(documents.issuerLevel, "department"), anyText(parentOfIssuer, [...above, region])) : undefined,
  )!;
}

async function issuerNames(db: Queryable, rows: { issuerCode: string }[]) {
  return new Map((await getUnits(db, [...new Set(rows.map((r) => r.issuerCode))])).map((u) => [u.code, u.name]));
}

const summaryOf = (r: DocumentRow, names: Map<string, string>, lang: Lang): DocumentSummary => ({
  id: r.id,
  issuerCode: r.issuerCode,
  issuerName: names.get(r.issuerCode) ?? r.issuerCode,
  docNumber: r.docNumber,
  head: r.head as DocumentHead,
  scope: r.scope as DocumentSummary["scope"],
  title: r.title,
  issuedOn: r.issuedOn,
  chars: r.chars,
  findings: (r.findings as StoredFinding[]).map((f) => ({ code: f.code, message: f.messages[lang], sourceId: f.sourceId, share: f.share })),
});

export async function listDocuments(db: Queryable, actor: Actor, query: { year?: number; issuer?: string; flagged?: "true" | "false"; limit: number; offset: number }, lang: Lang) {
  const where = and(
    readable(actor),
    query.year ? sql`extract(year from ${documents.issuedOn})::int = ${query.year}` : undefined,
    query.issuer ? eq(documents.issuerCode, query.issuer) : undefined,
    query.flagged === "true" ? sql`jsonb_array_length(${documents.findings}) > 0` : query.flagged === "false" ? sql`jsonb_array_length(${documents.findings}) = 0` : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db.select().from(documents).where(where).orderBy(desc(documents.issuedOn), desc(documents.createdAt)).limit(query.limit).offset(query.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(documents).where(where),
  ]);
  const names = await issuerNames(db, rows);
  return { total: Number(total?.n ?? 0), items: rows.map((r) => summaryOf(r, names, lang)) };
}

/** A document with, for each source a finding names, the copied passages to show side by side. */
export async function documentDetail(db: Queryable, actor: Actor, row: DocumentRow, lang: Lang): Promise<DocumentDetail> {
  const findings = row.findings as StoredFinding[];
  const sourceIds = [...new Set(findings.flatMap((f) => (f.sourceId ? [f.sourceId] : [])))];
  const sources = await documentsByIds(db, sourceIds);
  const names = await issuerNames(db, [row, ...sources]);
  return {
    ...summaryOf(row, names, lang),
    text: row.text,
    implementsId: row.implementsId,
    increaseReason: row.increaseReason,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    sources: sources.map((s) => {
      const copying = copyingOf(row.text, s.text);
      return {
        id: s.id,
        title: s.title,
        docNumber: s.docNumber,
        issuerName: names.get(s.issuerCode) ?? s.issuerCode,
        head: s.head as DocumentHead,
        text: s.text,
        share: Math.round(copying.share * 1000) / 1000,
        passages: copying.passages,
      };
    }),
  };
}

/** Per issuer of the actor's region: documents this year and last, white-head or memo ones, the reasons given. */
export async function documentCounts(db: Queryable, actor: Actor, year: number) {
  const yearOf = sql`extract(year from ${documents.issuedOn})::int`;
  const rows = await db
    .select({
      issuerCode: documents.issuerCode,
      thisYear: sql<number>`count(*) filter (where ${yearOf} = ${year})::int`,
      lastYear: sql<number>`count(*) filter (where ${yearOf} = ${year - 1})::int`,
      whiteOrMemo: sql<number>`count(*) filter (where ${yearOf} = ${year} and ${documents.head} <> 'red')::int`,
      reasons: sql<string[]>`coalesce(array_agg(distinct ${documents.increaseReason}) filter (where ${yearOf} = ${year} and ${documents.increaseReason} is not null), '{}')`,
    })
    .from(documents)
    .where(and(pathWithin(documents.issuerPath, regionPathOf(actor)), sql`${yearOf} in (${year}, ${year - 1})`))
    .groupBy(documents.issuerCode);
  const names = await issuerNames(db, rows);
  return {
    year,
    issuers: rows
      .map((r) => ({ ...r, issuerName: names.get(r.issuerCode) ?? r.issuerCode, thisYear: Number(r.thisYear), lastYear: Number(r.lastYear), whiteOrMemo: Number(r.whiteOrMemo) }))
      .sort((a, b) => b.thisYear - a.thisYear || a.issuerCode.localeCompare(b.issuerCode)),
  };
}
