import { and, asc, desc, lte, sql } from "drizzle-orm";
import { concurrently, type Queryable } from "../../db/client.js";
import { runBuilt } from "../../db/named.js";
import { anyText, anyUuid } from "../../db/sql-helpers.js";
import { citedCloseness, prepareName, relevanceTo, type PreparedName } from "../../kernel/name-relevance.js";
import { prepare, type PreparedText } from "../../kernel/text-similarity.js";
import type { DutyPart } from "../../../contracts/duties.js";
import type { DutyItemMatch, DutyMatch } from "./match-types.js";
import { getUnits } from "../org/units.js";
import type { UnitReader } from "../org/unit-cache.js";
import { appliesTo, listOrder, mergeDifferences, normalizeName, type ItemRow, type VersionRow } from "./effective.js";
import { dutyItems, dutyListVersions } from "./schema.js";

/**
 * The gate's view of duty lists: for each target township, whether a list is in force, the item the
 * issuer cited, and the item that best describes the burden. Versions never change once written, so
 * their items, tokenized, are kept in memory by version id and shared by every township of a county.
 */

/**
 * A duty name as the gate compares it, prepared once and shared by every list that carries the name
 * (lists follow provincial guidance: 农业技术推广… is in most of them).
 */
type NamedDuty = { name: string; text: PreparedName; normalized: string };

/** What the gate keeps of a duty item: what a finding shows and what the merge of differences needs. */
type GateItem = Pick<ItemRow, "key" | "op" | "part" | "position" | "leadDepartment"> & { named: NamedDuty };

/**
 * Every version's items in memory: at national scale (2,850 county templates of ~340 items and the
 * differences of 1,838 townships, 976,331 rows in the bench) a check drawn from any county then
 * costs no query for its list. A row is a few fields pointing at shared names (bench/gate.bench.ts
 * prints the heap after its checks: 481 MiB with every list of the nation and their 135,361 distinct
 * names); the least recently used version goes first past the budget. A miss costs one query.
 */
const CACHE_ITEM_BUDGET = 1_500_000;
const cache = new Map<string, GateItem[]>();
let cachedItems = 0;

function fromCache(id: string): GateItem[] | undefined {
  const rows = cache.get(id);
  if (rows) {
    cache.delete(id);
    cache.set(id, rows);
  }
  return rows;
}

function remember(id: string, rows: GateItem[]) {
  cache.set(id, rows);
  cachedItems += rows.length;
  for (const [oldest, old] of cache) {
    if (cachedItems <= CACHE_ITEM_BUDGET || oldest === id) break;
    cache.delete(oldest);
    cachedItems -= old.length;
  }
}

/**
 * Tokenized names, kept by name: a version not in the cache costs its query, not ~3 ms of word
 * segmentation for 340 names. Bounded: about 1.5 KB a name, 300 MB at most (the bench's national
 * lists have 135,000 distinct names).
 */
const NAME_BUDGET = 200_000;
const names = new Map<string, NamedDuty>();
/** Lead departments repeat across every list: one string each. */
const departments = new Map<string, string>();

function namedDuty(name: string): NamedDuty {
  let named = names.get(name);
  if (!named) {
    named = { name, text: prepareName(name), normalized: normalizeName(name) };
    names.set(name, named);
    // Insertion order: the oldest goes first. (Not LRU: a hit would cost a delete and a set.)
    if (names.size > NAME_BUDGET) names.delete(names.keys().next().value!);
  }
  return named;
}

function internDepartment(name: string | null): string | null {
  if (name === null) return null;
  let kept = departments.get(name);
  if (kept === undefined) {
    if (departments.size >= NAME_BUDGET) departments.clear();
    departments.set(name, name);
    kept = name;
  }
  return kept;
}

/**
 * A township's effective list (its county template with its own differences) by the pair of version
 * ids: both never change, so the merge and sort of ~340 items is done once per pair, not per check.
 * A township without differences needs no entry: its template's items are kept in list order.
 * An entry is an array of pointers to cached items (8 bytes an item): every pair of the nation fits.
 */
const EFFECTIVE_BUDGET = 2_000_000;
const effectiveLists = new Map<string, GateItem[]>();
let effectiveItems = 0;

function effectiveList(key: string, merge: () => GateItem[]): GateItem[] {
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

/** The columns the gate uses of the items of some versions, in list order (legal bases and notes stay in the database). */
async function loadGateItems(db: Queryable, versionIds: readonly string[]): Promise<Map<string, GateItem[]>> {
  const byVersion = new Map<string, GateItem[]>(versionIds.map((id) => [id, []]));
  if (versionIds.length === 0) return byVersion;
  const rows = await runBuilt(
    db,
    "duty_gate_items",
    () =>
      db
        .select({ versionId: dutyItems.versionId, key: dutyItems.key, op: dutyItems.op, part: dutyItems.part, name: dutyItems.name, leadDepartment: dutyItems.leadDepartment, position: dutyItems.position })
        .from(dutyItems)
        .where(anyUuid(dutyItems.versionId, sql.placeholder("ids")))
        .orderBy(asc(dutyItems.position)),
    { ids: [...versionIds] },
  );
  for (const r of rows) {
    byVersion.get(r.versionId)?.push({ key: r.key, op: r.op, part: r.part as DutyPart, position: r.position, leadDepartment: internDepartment(r.leadDepartment), named: namedDuty(r.name) });
  }
  // In the order of an effective list: a template a township applies without differences is then its list as it is.
  for (const items of byVersion.values()) items.sort(listOrder);
  return byVersion;
}

async function preparedItems(db: Queryable, versionIds: readonly string[]): Promise<Map<string, GateItem[]>> {
  const found = new Map<string, GateItem[]>();
  const missing: string[] = [];
  for (const id of new Set(versionIds)) {
    const rows = fromCache(id);
    if (rows) found.set(id, rows);
    else missing.push(id);
  }
  for (const [id, rows] of await loadGateItems(db, missing)) {
    remember(id, rows);
    found.set(id, rows);
  }
  return found;
}

/** The version in force on a date for each unit: one index scan per unit. */
async function versionsInForce(db: Queryable, unitCodes: readonly string[], onDate: string): Promise<Map<string, VersionRow>> {
  if (unitCodes.length === 0) return new Map();
  const rows = await runBuilt(
    db,
    "duty_versions_in_force",
    () =>
      db
        .selectDistinctOn([dutyListVersions.unitCode])
        .from(dutyListVersions)
        .where(and(anyText(dutyListVersions.unitCode, sql.placeholder("codes")), lte(dutyListVersions.effectiveFrom, sql.placeholder("onDate"))))
        .orderBy(dutyListVersions.unitCode, desc(dutyListVersions.version)),
    { codes: [...unitCodes], onDate },
  );
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
  /** How texts are prepared: a caller that prepares the same strings for another purpose passes its memo. */
  prepareText?: (text: string) => PreparedText;
  /** Where the townships are read: the gate's check passes its reader (org/unit-cache.ts). */
  units?: Pick<UnitReader, "getMany">;
};

/** How the burden relates to each township's duty list in force on `onDate` (DutyMatch of the gate). */
export async function matchDuty(db: Queryable, input: MatchDutyInput): Promise<DutyMatch[]> {
  // A township's statistical code starts with its county's: both lookups go out at once.
  const guessedHolders = input.townshipCodes.map((c) => c.slice(0, 6));
  const [found, guessed] = await concurrently(db, [
    () => (input.units ? input.units.getMany(input.townshipCodes) : getUnits(db, input.townshipCodes)),
    () => versionsInForce(db, [...new Set([...input.townshipCodes, ...guessedHolders])], input.onDate),
  ]);
  const townships = new Map(found.filter((u) => u.level === "township").map((u) => [u.code, u]));
  const missed = [...new Set([...townships.values()].flatMap((u) => (u.parentCode && !guessedHolders.includes(u.parentCode) ? [u.parentCode] : [])))];
  const inForce = missed.length ? new Map([...guessed, ...(await versionsInForce(db, missed, input.onDate))]) : guessed;
  const items = await preparedItems(db, [...inForce.values()].map((v) => v.id));

  const prepareText = input.prepareText ?? prepare;
  const title = prepareText(input.title ?? input.text.split("\n", 1)[0]!.slice(0, 300));
  const body = input.text.length > 0 ? prepareText(input.text.slice(0, 5000)) : null;
  const relevanceOf = relevanceTo(title, body);
  const citedItem = input.citedItem?.trim();
  const cited = citedItem ? { key: citedItem.toLowerCase(), normalized: normalizeName(citedItem), text: prepare(citedItem) } : null;
  const asMatch = (row: GateItem, score: number): DutyItemMatch => ({ key: row.key, name: row.named.name, part: row.part, leadDepartment: row.leadDepartment, score });

  // Townships with the same template and differences (most: the template alone) share one answer.
  const answers = new Map<string, Pick<DutyMatch, "cited" | "best">>();
  const answerFor = (template: VersionRow | undefined, differences: VersionRow | undefined) => {
    const id = `${template?.id ?? ""}|${differences?.id ?? ""}`;
    let answer = answers.get(id);
    if (!answer) {
      const rows = (v: VersionRow | undefined) => (v ? (items.get(v.id) ?? []) : []);
      const effective = differences ? effectiveList(id, () => mergeDifferences(rows(template), rows(differences)).map((e) => e.row)) : rows(template);
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

  function bestOf(effective: GateItem[]): DutyItemMatch | null {
    let best: GateItem | null = null;
    let bestScore = 0;
    for (const row of effective) {
      const score = relevanceOf(row.named.text);
      if (score > bestScore) [best, bestScore] = [row, score];
    }
    return best ? asMatch(best, bestScore) : null;
  }

  function findCited(effective: GateItem[], c: NonNullable<typeof cited>): DutyItemMatch | null {
    const exact = effective.find((r) => r.key.toLowerCase() === c.key || r.named.normalized === c.normalized);
    if (exact) return asMatch(exact, 1);
    let near: DutyItemMatch | null = null;
    for (const row of effective) {
      const score = citedCloseness(c.text, row.named.text);
      if (score >= CITED_NEAR && (!near || score > near.score)) near = asMatch(row, score);
    }
    return near;
  }
}

/** For tests and benchmarks: forget every cached version (and the tokenized names, unless kept). */
export function clearDutyMatchCache(options: { keepNames?: boolean } = {}) {
  cache.clear();
  effectiveLists.clear();
  if (!options.keepNames) {
    names.clear();
    departments.clear();
  }
  cachedItems = 0;
  effectiveItems = 0;
}

/**
 * Loads every list version in force today into the cache, newest first, a page of versions per query,
 * so that the first check of each county does not pay for its list (at start: the national lists take
 * some seconds in the background). Stops at the cache budget; returns the items loaded.
 */
export async function warmDutyMatch(db: Queryable, onDate: string, pageSize = 200): Promise<number> {
  const ids = (
    await db
      .selectDistinctOn([dutyListVersions.unitCode], { id: dutyListVersions.id })
      .from(dutyListVersions)
      .where(lte(dutyListVersions.effectiveFrom, onDate))
      .orderBy(dutyListVersions.unitCode, desc(dutyListVersions.version))
  ).map((r) => r.id);
  let loaded = 0;
  for (let i = 0; i < ids.length && cachedItems < CACHE_ITEM_BUDGET; i += pageSize) {
    for (const rows of (await preparedItems(db, ids.slice(i, i + pageSize))).values()) loaded += rows.length;
  }
  return loaded;
}

/** For benchmarks: how much the caches hold (versions, their items, distinct names, effective lists). */
export const dutyMatchCacheSize = () => ({ versions: cache.size, items: cachedItems, names: names.size, effectiveLists: effectiveLists.size });
