import { sql } from "drizzle-orm";
import type { BurdenInput } from "../../../contracts/burdens.js";
import type { Db } from "../../db/client.js";
import { executeBuilt } from "../../db/named.js";
import { anyUuid } from "../../db/sql-helpers.js";
import { addDays } from "../../kernel/dates.js";
import { estimateJaccardPacked, minhashSignature, packSignatures } from "../../kernel/minhash.js";
import { prepare, preparedSimilarity, serializePrepared, shinglesOf, similarityToStored, type PreparedText } from "../../kernel/text-similarity.js";
import { plainUnitReader, type UnitReader } from "../org/unit-cache.js";
import type { SimilarBurden } from "./gate/types.js";
import { burdens } from "./schema.js";

/**
 * Admitted burdens that ask the same thing of the same targets (DUPLICATE_REQUEST 重复报送): found in
 * three steps so that a county-wide form, which shares targets with hundreds of admitted burdens, costs
 * no more than a few tokenizations. (1) SQL: the admitted burdens of the last months sharing most
 * targets, with their MinHash signatures, from one covering index (gate/target-scan.ts, in the same read
 * as the targets' monthly loads). (2) Screen: the estimated similarity of each from the signatures
 * alone. (3) Score exactly, from the words stored with each, the few that look alike.
 * bench/gate.bench.ts measures how often the screen changes the answer of scoring them all.
 */

/** How far back an admitted burden still counts as a possible duplicate. */
const DUPLICATE_WINDOW_DAYS = 180;
/** Below this similarity a candidate is not worth showing even as evidence. */
export const SIMILARITY_FLOOR = 0.3;
/** Candidates by shared targets: the ones sharing most come first. */
export const CANDIDATES = 200;
/** Screened candidates scored exactly: the best by estimate, and only those that might reach the floor. */
export const SHORTLIST = 20;
export const SCREEN_FLOOR = 0.15;
/** The text a signature and a score look at: a long notice is judged by its beginning. */
const TEXT_LIMIT = 2000;

export type CheckedText = { title: PreparedText; whole: PreparedText };

const wholeText = (title: string, text: string) => `${title}\n${text.slice(0, TEXT_LIMIT)}`;

/** The burden's title and text prepared once for every comparison of a check. */
export const prepareChecked = (input: Pick<BurdenInput, "title" | "text">, prepareText: (text: string) => PreparedText = prepare): CheckedText => ({
  title: prepareText(input.title),
  whole: prepareText(wholeText(input.title, input.text)),
});

const signaturesOf = (checked: CheckedText) => [minhashSignature(shinglesOf(checked.title)), minhashSignature(shinglesOf(checked.whole))] as const;

/** What a burden stores for the duplicate search: the signatures of its title and of its title + text, and both segmented. */
export function similarityColumnsOf(input: Pick<BurdenInput, "title" | "text">): { similaritySignature: Uint8Array; similarityWords: string } {
  const checked = prepareChecked(input);
  return { similaritySignature: packSignatures(...signaturesOf(checked)), similarityWords: serializeChecked(checked) };
}

/** The stored signature of a burden's title and of its title + text. */
export const similaritySignatureOf = (input: Pick<BurdenInput, "title" | "text">): Uint8Array => similarityColumnsOf(input).similaritySignature;

const CHECKED_SEPARATOR = "\u001d";
const serializeChecked = (c: CheckedText): string => `${serializePrepared(c.title)}${CHECKED_SEPARATOR}${serializePrepared(c.whole)}`;

/** Dice of two sets from their Jaccard: the scale preparedSimilarity's bigram half uses. */
const diceOf = (jaccard: number) => (2 * jaccard) / (1 + jaccard);

/**
 * The exact score of a candidate: the closer of its title and its title + text, from its stored words,
 * or from its text segmented now when it has none (written before they were stored).
 */
export function exactScore(checked: CheckedText, other: { title: string; text: string; words?: string | null }): number {
  if (other.words) {
    const [title, whole] = other.words.split(CHECKED_SEPARATOR);
    const byTitle = title === undefined ? null : similarityToStored(checked.title, title);
    const byWhole = whole === undefined ? null : similarityToStored(checked.whole, whole);
    if (byTitle !== null && byWhole !== null) return Math.max(byTitle, byWhole);
  }
  const theirs = prepareChecked(other);
  return Math.max(preparedSimilarity(checked.title, theirs.title), preparedSimilarity(checked.whole, theirs.whole));
}

/** An admitted burden sharing targets with the checked one: how many, and its stored signatures (gate/target-scan.ts finds them). */
export type Candidate = { id: string; shared: number; signature: Uint8Array | null };

/** The first day on which an admitted burden's load may end and still make it a candidate. */
export const duplicateWindowStart = (input: Pick<BurdenInput, "issuedOn">): string => addDays(input.issuedOn, -DUPLICATE_WINDOW_DAYS);

/**
 * Which candidates to score exactly: every one without a signature (written before signatures existed),
 * and of the others the SHORTLIST best by estimate, if their estimate reaches SCREEN_FLOOR.
 */
export function screen(checked: CheckedText, candidates: readonly Candidate[]): string[] {
  const [title, whole] = signaturesOf(checked);
  const unsigned: string[] = [];
  const estimated: { id: string; estimate: number }[] = [];
  for (const c of candidates) {
    const byTitle = c.signature ? estimateJaccardPacked(title, c.signature, 0, 2) : null;
    const byWhole = c.signature ? estimateJaccardPacked(whole, c.signature, 1, 2) : null;
    if (byTitle === null || byWhole === null) unsigned.push(c.id);
    else estimated.push({ id: c.id, estimate: Math.max(diceOf(byTitle), diceOf(byWhole)) });
  }
  const likely = estimated.filter((e) => e.estimate >= SCREEN_FLOOR).sort((a, b) => b.estimate - a.estimate).slice(0, SHORTLIST);
  return [...unsigned, ...likely.map((e) => e.id)];
}

/** The shortlisted candidates' stored words, their text only when they have none (db/named.ts builds it once). */
const shortlistStatement = () => sql`
    select b.id, b.admission_number, b.title, case when b.similarity_words is null then left(b.text, ${sql.placeholder("textLimit")}) else '' end as text, b.similarity_words as words,
           b.kind, b.details->>'head' as head, b.issuer_code, b.deadline::text as deadline
    from ${burdens} b where ${anyUuid(sql`b.id`, sql.placeholder("ids"))}`;

/** Admitted burdens to the same targets in the last months that ask much the same, most similar first. */
export async function similarBurdens(db: Db, args: { checked: CheckedText; candidates: readonly Candidate[]; units?: Pick<UnitReader, "getMany"> }): Promise<SimilarBurden[]> {
  const { candidates } = args;
  const ids = candidates.length > 0 ? screen(args.checked, candidates) : [];
  if (ids.length === 0) return [];
  const { rows } = await executeBuilt<{
    id: string; admission_number: string | null; title: string; text: string; words: string | null; kind: string; head: string | null; issuer_code: string; deadline: string;
  }>(db, "gate_similar_shortlist", shortlistStatement, { ids, textLimit: TEXT_LIMIT });
  const scored = rows
    .map((r) => ({ r, score: exactScore(args.checked, r) }))
    .filter((s) => s.score >= SIMILARITY_FLOOR)
    .sort((a, b) => b.score - a.score)
    .slice(0, 10);
  if (scored.length === 0) return [];
  const shared = new Map(candidates.map((c) => [c.id, c.shared]));
  // The issuers' names from the check's units (held in memory for the gate), not joined for every candidate read.
  const issuerCodes = [...new Set(scored.map(({ r }) => r.issuer_code))];
  const issuerNames = new Map((await (args.units ?? plainUnitReader(db)).getMany(issuerCodes)).map((u) => [u.code, u.name]));
  return scored.map(({ r, score }) => ({
    id: r.id,
    admissionNumber: r.admission_number,
    title: r.title,
    issuerName: issuerNames.get(r.issuer_code) ?? r.issuer_code,
    deadline: r.deadline,
    similarity: Math.round(score * 1000) / 1000,
    sharedTargets: shared.get(r.id) ?? 0,
    kind: r.kind as SimilarBurden["kind"],
    documentHead: r.kind === "document" ? ((r.head as SimilarBurden["documentHead"]) ?? undefined) : undefined,
  }));
}

/**
 * Fills the duplicate-search columns of burdens written before they existed (signatures, then stored
 * words), in batches of one statement each; returns how many. Run at start: until then the gate scores
 * such candidates by segmenting their text, which is right but slower.
 */
export async function signUnsignedBurdens(db: Db, batch = 500): Promise<number> {
  let signed = 0;
  // In id order from where the last batch ended: each row is looked at once, however many are unsigned.
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const { rows } = await db.execute<{ id: string; title: string; text: string }>(
      sql`select id, title, text from ${burdens} where (similarity_signature is null or similarity_words is null) and id > ${after} order by id limit ${batch}`,
    );
    if (rows.length === 0) return signed;
    after = rows.at(-1)!.id;
    const columns = rows.map((r) => similarityColumnsOf(r));
    await db.execute(sql`
      update ${burdens} b set similarity_signature = decode(u.signature, 'base64'), similarity_words = u.words
      from unnest(${sql.param(rows.map((r) => r.id))}::uuid[], ${sql.param(columns.map((c) => Buffer.from(c.similaritySignature).toString("base64")))}::text[],
                  ${sql.param(columns.map((c) => c.similarityWords))}::text[]) as u(id, signature, words)
      where b.id = u.id`);
    signed += rows.length;
  }
}
