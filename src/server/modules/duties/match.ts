import { and, desc, lte } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { anyText } from "../../db/sql-helpers.js";
import { citedCloseness, prepare, prepareName, relevance, type PreparedName } from "../../kernel/text-similarity.js";
import type { DutyItemMatch, DutyMatch } from "./match-types.js";
import { getUnits } from "../org/units.js";
import { appliesTo, mergeDifferences, normalizeName, type ItemRow, type VersionRow } from "./effective.js";
import { loadItems } from "./lists.js";
import { dutyListVersions } from "./schema.js";

/**
 * The gate's view of duty lists: for each target township, whether a list is in force, the item the
 * issuer cited, and the item that best describes the burden. Versions never change once written, so
 * their items, tokenized, are kept in memory by version id and shared by every township of a county.
 */

type PreparedRow = ItemRow & { text: PreparedName; normalized: string };

/**
 * About 200,000 items in memory (~600 county templates of ~340 items; a row is ~250 bytes, its
 * tokenized name shared through the name cache below); the least recently used version goes first. A
 * miss costs one query.
 */
const CACHE_ITEM_BUDGET = 200_000;
const cache = new Map<string, PreparedRow[]>();
let cachedItems = 0;

function fromCache(id: string): PreparedRow[] | undefined {
  const rows = cache.get(id);
  if (rows) {
    cache.delete(id);
    cache.set(id, rows);
  }
  return rows;
}

function remember(id: string, rows: PreparedRow[]) {
  cache.set(id, rows);
  cachedItems += rows.length;
  for (const [oldest, old] of cache) {
    if (cachedItems <= CACHE_ITEM_BUDGET || oldest === id) break;
    cache.delete(oldest);
    cachedItems -= old.length;
  }
}

/**
 * Duty names recur across counties (lists follow provincial guidance, 农业技术推广… in most of them), so
 * their tokenized form is kept by name as well: a version not in the cache costs its query, not ~3 ms of
 * word segmentation for 340 names. Bounded: about 1.5 KB a name, 300 MB at most (the bench's national
 * lists have 135,000 distinct names).
 */
const NAME_BUDGET = 200_000;
const names = new Map<string, PreparedName>();

function preparedName(name: string): PreparedName {
  let prepared = names.get(name);
  if (!prepared) {
    prepared = prepareName(name);
    names.set(name, prepared);
    // Insertion order: the oldest goes first. (Not LRU: a hit would cost a delete and a set.)
    if (names.size > NAME_BUDGET) names.delete(names.keys().next().value!);
  }
  return prepared;
}

/**
 * A township's effective list (its county template with its own differences) by the pair of version
 * ids: both never change, so the merge and sort of ~340 items is done once per pair, not per check.
 */
const EFFECTIVE_BUDGET = 200_000;
const effectiveLists = new Map<string, PreparedRow[]>();
let effectiveItems = 0;

function effectiveList(key: string, merge: () => PreparedRow[]): PreparedRow[] {
  let rows = effectiveLists.get(key);
  if (!rows) {
    rows = merge();
    effectiveLists.set(key, rows);
    effectiveItems += rows.length;
    // Insertion order: the oldest goes first.
    for (const [oldest, old] of effectiveLists) {
      if (effectiveItems <= EFFECTIVE_BUDGET || oldest === key) break;
      effectiveLists.delete(oldest);
      effectiveItems -= old.length;
    }
  }
  return rows;
}

async function preparedItems(db: Queryable, versionIds: readonly string[]): Promise<Map<string, PreparedRow[]>> {
  const found = new Map<string, PreparedRow[]>();
  const missing: string[] = [];
  for (const id of new Set(versionIds)) {
    const rows = fromCache(id);
    if (rows) found.set(id, rows);
    else missing.push(id);
  }
  for (const [id, rows] of await loadItems(db, missing)) {
    // The gate never shows legal bases or notes: they are not kept in memory.
    const prepared = rows.map((r) => ({ ...r, legalBasis: null, note: null, text: preparedName(r.name), normalized: normalizeName(r.name) }));
    remember(id, prepared);
    found.set(id, prepared);
  }
  return found;
}

/** The version in force on a date for each unit: one index scan per unit. */
async function versionsInForce(db: Queryable, unitCodes: readonly string[], onDate: string): Promise<Map<string, VersionRow>> {
  if (unitCodes.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([dutyListVersions.unitCode])
    .from(dutyListVersions)
    .where(and(anyText(dutyListVersions.unitCode, [...unitCodes]), lte(dutyListVersions.effectiveFrom, onDate)))
    .orderBy(dutyListVersions.unitCode, desc(dutyListVersions.version));
  return new Map(rows.map((r) => [r.unitCode, r]));
}

/** A cited item is found by its key, by its name, or by a name close enough (≥ this). */
const CITED_NEAR = 0.75;

export type MatchDutyInput = {
  townshipCodes: string[];
  /** The burden's issue date: the lists in force then apply. */
  onDate: string;
  /** What the issuer cites (dutyItem): a key such as C012, or the item's name. */
  citedItem?: string;
  /** The burden's title and text; without `title`, the first line of `text` is taken as the title. */
  text: string;
  title?: string;
};

/** How the burden relates to each township's duty list in force on `onDate` (DutyMatch of the gate). */
export async function matchDuty(db: Queryable, input: MatchDutyInput): Promise<DutyMatch[]> {
  // A township's statistical code starts with its county's: both lookups go out at once.
  const guessedHolders = input.townshipCodes.map((c) => c.slice(0, 6));
  const [found, guessed] = await Promise.all([
    getUnits(db, input.townshipCodes),
    versionsInForce(db, [...new Set([...input.townshipCodes, ...guessedHolders])], input.onDate),
  ]);
  const townships = new Map(found.filter((u) => u.level === "township").map((u) => [u.code, u]));
  const missed = [...new Set([...townships.values()].flatMap((u) => (u.parentCode && !guessedHolders.includes(u.parentCode) ? [u.parentCode] : [])))];
  const inForce = missed.length ? new Map([...guessed, ...(await versionsInForce(db, missed, input.onDate))]) : guessed;
  const items = await preparedItems(db, [...inForce.values()].map((v) => v.id));

  const title = prepare(input.title ?? input.text.split("\n", 1)[0]!.slice(0, 300));
  const body = input.text.length > 0 ? prepare(input.text.slice(0, 5000)) : null;
  const citedItem = input.citedItem?.trim();
  const cited = citedItem ? { key: citedItem.toLowerCase(), normalized: normalizeName(citedItem), text: prepare(citedItem) } : null;
  const asMatch = (row: PreparedRow, score: number): DutyItemMatch => ({ key: row.key, name: row.name, part: row.part, leadDepartment: row.leadDepartment, score });

  // Townships with the same template and differences (most: the template alone) share one answer.
  const answers = new Map<string, Pick<DutyMatch, "cited" | "best">>();
  const answerFor = (template: VersionRow | undefined, differences: VersionRow | undefined) => {
    const id = `${template?.id ?? ""}|${differences?.id ?? ""}`;
    let answer = answers.get(id);
    if (!answer) {
      const rows = (v: VersionRow | undefined) => (v ? (items.get(v.id) ?? []) : []);
      const effective = effectiveList(id, () => mergeDifferences(rows(template), rows(differences)).map((e) => e.row));
      answer = { best: bestOf(effective), cited: cited ? findCited(effective, cited) : null };
      answers.set(id, answer);
    }
    return answer;
  };

  return input.townshipCodes.map((code): DutyMatch => {
    const unit = townships.get(code);
    const templateVersion = unit?.parentCode ? inForce.get(unit.parentCode) : undefined;
    const template = templateVersion && appliesTo(templateVersion, code) ? templateVersion : undefined;
    const differences = inForce.get(code);
    if (!unit || (!template && !differences)) return { townshipCode: code, townshipName: unit?.name ?? code, hasList: false, cited: null, best: null };
    return { townshipCode: code, townshipName: unit.name, hasList: true, ...answerFor(template, differences) };
  });

  function bestOf(effective: PreparedRow[]): DutyItemMatch | null {
    let best: PreparedRow | null = null;
    let bestScore = 0;
    for (const row of effective) {
      const score = relevance(row.text, title, body);
      if (score > bestScore) [best, bestScore] = [row, score];
    }
    return best ? asMatch(best, bestScore) : null;
  }

  function findCited(effective: PreparedRow[], c: NonNullable<typeof cited>): DutyItemMatch | null {
    const exact = effective.find((r) => r.key.toLowerCase() === c.key || r.normalized === c.normalized);
    if (exact) return asMatch(exact, 1);
    let near: DutyItemMatch | null = null;
    for (const row of effective) {
      const score = citedCloseness(c.text, row.text);
      if (score >= CITED_NEAR && (!near || score > near.score)) near = asMatch(row, score);
    }
    return near;
  }
}

/** For tests and benchmarks: forget every cached version (and the tokenized names, unless kept). */
export function clearDutyMatchCache(options: { keepNames?: boolean } = {}) {
  cache.clear();
  effectiveLists.clear();
  if (!options.keepNames) names.clear();
  cachedItems = 0;
  effectiveItems = 0;
}
