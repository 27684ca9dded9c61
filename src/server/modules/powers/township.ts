import { desc, eq, sql } from "drizzle-orm";
import type { PowerDifferencesInput, PowerItemInput, TownshipPowerList } from "../../../contracts/powers.js";
import type { Db, Queryable } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import { authorize, type Actor, type ScopeUnit } from "../../kernel/actor.js";
import { recordAudit } from "../audit/audit.js";
import { normalizeName } from "../duties/effective.js";
import { effectiveOn, loadLineage, loadTownship, mergeDifferences, versionsOn, itemsOfVersions, type ItemRow } from "./effective.js";
import { powerItems, powerListVersions } from "./schema.js";
import { POWER_LOCK_SPACE, powerPolicy, type PowerSource, type VersionRow } from "./versions.js";
import { versionDto } from "./view.js";

/**
 * A township's differences from its county's list of delegated powers 赋权事项 (乡镇差异): versions of
 * the township's whole set of differences, each with its date of effect, reason, author and source,
 * never changed once written (docs/decisions/0003, as for the duty list). The county's office keeps them:
 * powers are the county's to hand down, a township asks and the county decides.
 */
export type Problem = { path: string; zh: string; en: string };

export function rejectPowerProblems(problems: readonly Problem[], lang: Lang): void {
  if (problems.length === 0) return;
  throw new AppError("POWER_LIST_INVALID", { count: problems.length }, problems.map((p) => ({ path: p.path, message: lang === "en" ? p.en : p.zh })));
}

export async function readableTownship(db: Queryable, actor: Actor, code: string): Promise<ScopeUnit> {
  const township = await loadTownship(db, code);
  authorize(powerPolicy.canRead(actor, township), "OUT_OF_SCOPE", { code });
  return township;
}

/** The township's list on a date: the county's in force for it, its differences, what they take away, every version. */
export async function townshipListView(db: Queryable, actor: Actor | null, township: ScopeUnit, on: string): Promise<TownshipPowerList> {
  const lineage = await loadLineage(db, township);
  const eff = await effectiveOn(db, lineage, on);
  const applying = lineage.countyVersions.filter((v) => v.appliesTo === null || v.appliesTo.includes(township.code));
  const versions = [...applying.map((v) => versionDto(v, applying)), ...lineage.differences.map((v) => versionDto(v, lineage.differences))].sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt) || b.version - a.version,
  );
  return {
    township: { code: township.code, name: township.name },
    county: lineage.county ? { code: lineage.county.code, name: lineage.county.name } : null,
    on,
    countyVersion: eff.county ? versionDto(eff.county, applying) : null,
    differences: eff.differences ? versionDto(eff.differences, lineage.differences) : null,
    items: eff.items,
    removed: eff.removed,
    versions,
    can: actor && powerPolicy.canEdit(actor, township) ? ["edit"] : [],
  };
}

const clean = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
const rowOf = (item: PowerItemInput & { key: string }, op: string, position: number): ItemRow => ({
  key: item.key,
  op,
  name: item.name.trim(),
  category: item.category,
  legalBasis: clean(item.legalBasis),
  fromDepartment: item.fromDepartment.trim(),
  note: clean(item.note),
  position,
});

function checkDifferences(county: Map<string, ItemRow>, input: PowerDifferencesInput): Problem[] {
  const unknown = (path: string, key: string): Problem => ({ path, zh: `县级清单中没有编码为 ${key} 的事项`, en: `The county list has no power with key ${key}` });
  const touched = new Map<string, string>();
  const twice = (path: string, key: string): Problem[] => {
    const other = touched.get(key);
    touched.set(key, path);
    return other ? [{ path, zh: `事项 ${key} 已在 ${other} 中调整，一项只能调整一次`, en: `${key} is already adjusted at ${other}` }] : [];
  };
  return [
    ...input.change.flatMap((c, i) => (county.has(c.key) ? twice(`change.${i}.key`, c.key) : [unknown(`change.${i}.key`, c.key)])),
    ...input.remove.flatMap((key, i) => (county.has(key) ? twice(`remove.${i}`, key) : [unknown(`remove.${i}`, key)])),
    ...input.add.flatMap((a, i) =>
      a.key && county.has(a.key) ? [{ path: `add.${i}.key`, zh: `编码 ${a.key} 已是县级清单中的事项，请用“调整”`, en: `Key ${a.key} is a county power; change it instead` }] : [],
    ),
  ];
}

/** Keys of the township's own powers: the key its name had before, else the next T-number; never a county key. */
function keysForAdded(added: readonly PowerItemInput[], previous: readonly { key: string; name: string }[], taken: Set<string>): (PowerItemInput & { key: string })[] {
  const byName = new Map(previous.map((p) => [normalizeName(p.name), p.key]));
  let next = 1;
  for (const key of [...previous.map((p) => p.key), ...taken]) {
    const m = /^T(\d+)$/.exec(key);
    if (m) next = Math.max(next, Number(m[1]) + 1);
  }
  for (const a of added) if (a.key) taken.add(a.key);
  return added.map((a) => {
    if (a.key) return { ...a, key: a.key };
    const reused = byName.get(normalizeName(a.name));
    if (reused && !taken.has(reused)) return (taken.add(reused), { ...a, key: reused });
    while (taken.has(`T${String(next).padStart(3, "0")}`)) next++;
    const key = `T${String(next++).padStart(3, "0")}`;
    taken.add(key);
    return { ...a, key };
  });
}

function duplicateNames(items: readonly { key: string; name: string }[]): Problem[] {
  const seen = new Map<string, string>();
  return items.flatMap((i) => {
    const other = seen.get(normalizeName(i.name));
    seen.set(normalizeName(i.name), i.key);
    return other ? [{ path: i.key, zh: `“${i.name}”与 ${other} 重复`, en: `“${i.name}” duplicates ${other}` }] : [];
  });
}

/** Replaces a township's differences from the county list with a new version, checked whole, in one transaction. */
export async function writeTownshipDifferences(db: Db, args: { actor: Actor | null; townshipCode: string; input: PowerDifferencesInput; source: PowerSource; lang: Lang }): Promise<VersionRow> {
  const { actor, input, lang } = args;
  const township = await loadTownship(db, args.townshipCode);
  if (actor) authorize(powerPolicy.canEdit(actor, township), "OUT_OF_SCOPE", { code: township.code });
  const lineage = await loadLineage(db, township);
  const { county } = versionsOn(lineage, input.effectiveFrom);
  if (!county) throw new AppError("POWER_LIST_NOT_FOUND", { unit: township.name, on: input.effectiveFrom });
  await itemsOfVersions(db, lineage, [county.id]);
  const countyRows = lineage.items.get(county.id)!;
  const byKey = new Map(countyRows.map((r) => [r.key, r]));
  rejectPowerProblems(checkDifferences(byKey, input), lang);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${POWER_LOCK_SPACE}, hashtext(${township.code}))`);
    const previous = await tx
      .select({ key: powerItems.key, name: powerItems.name, op: powerItems.op })
      .from(powerItems)
      .innerJoin(powerListVersions, eq(powerListVersions.id, powerItems.versionId))
      .where(eq(powerListVersions.unitCode, township.code))
      .orderBy(desc(powerListVersions.version));
    const added = keysForAdded(input.add, previous.filter((p) => p.op === "add"), new Set(byKey.keys()));
    const rows: ItemRow[] = [
      ...added.map((a, i) => rowOf(a, "add", i + 1)),
      ...input.change.map((c) => rowOf(c, "change", byKey.get(c.key)!.position)),
      ...input.remove.map((key) => ({ ...byKey.get(key)!, op: "remove" })),
    ];
    rejectPowerProblems(duplicateNames(mergeDifferences(countyRows, rows).items), lang);
    const [last] = await tx.select({ version: powerListVersions.version }).from(powerListVersions).where(eq(powerListVersions.unitCode, township.code)).orderBy(desc(powerListVersions.version)).limit(1);
    const [version] = await tx
      .insert(powerListVersions)
      .values({
        kind: "differences",
        unitCode: township.code,
        unitPath: township.path,
        provinceCode: township.provinceCode,
        version: (last?.version ?? 0) + 1,
        effectiveFrom: input.effectiveFrom,
        reason: input.reason.trim(),
        source: args.source,
        appliesTo: null,
        itemCount: rows.length,
        createdBy: actor?.id ?? null,
        createdByName: actor ? `${actor.displayName}（${actor.username}）` : null,
      })
      .returning();
    if (!version) throw new AppError("INTERNAL");
    if (rows.length) await tx.insert(powerItems).values(rows.map((r) => ({ ...r, versionId: version.id, provinceCode: township.provinceCode })));
    const changes = { added: input.add.length, changed: input.change.length, removed: input.remove.length };
    await recordAudit(tx, {
      actor: actor ? { id: actor.id, name: actor.username } : null,
      action: "powers.differences",
      entityType: "power_list",
      entityId: version.id,
      scopePath: township.path,
      detail: { township: township.code, county: county.unitCode, countyVersion: county.version, version: version.version, effectiveFrom: input.effectiveFrom, reason: version.reason, source: args.source, changes },
    });
    return version;
  });
}

/**
 * The differences that turn the county list into a township's whole list (read from its Excel file):
 * rows matched to county items by key, else by name; a matched row that differs is a change, a county
 * item no row matches is removed, a row matching nothing is the township's own.
 */
export function differencesFromList(county: readonly ItemRow[], items: readonly (PowerItemInput & { key?: string | undefined })[]): Pick<PowerDifferencesInput, "add" | "change" | "remove"> {
  const byKey = new Map(county.map((r) => [r.key, r]));
  const byName = new Map(county.map((r) => [normalizeName(r.name), r]));
  const matched = new Set<string>();
  const add: PowerItemInput[] = [];
  const change: (PowerItemInput & { key: string })[] = [];
  for (const item of items) {
    const base = (item.key ? byKey.get(item.key) : undefined) ?? byName.get(normalizeName(item.name));
    if (!base || matched.has(base.key)) {
      add.push(item.key && byKey.has(item.key) ? { ...item, key: undefined } : item);
      continue;
    }
    matched.add(base.key);
    const same = base.name === item.name && base.category === item.category && (base.legalBasis ?? null) === (clean(item.legalBasis) ?? null) && base.fromDepartment === item.fromDepartment && (base.note ?? null) === (clean(item.note) ?? null);
    if (!same) change.push({ ...item, key: base.key });
  }
  return { add, change, remove: county.filter((r) => !matched.has(r.key)).map((r) => r.key) };
}

/** The county rows in force for a township on a date (for reading its whole list from a file). */
export async function countyRowsFor(db: Queryable, township: ScopeUnit, on: string): Promise<ItemRow[]> {
  const lineage = await loadLineage(db, township);
  const { county } = versionsOn(lineage, on);
  if (!county) throw new AppError("POWER_LIST_NOT_FOUND", { unit: township.name, on });
  await itemsOfVersions(db, lineage, [county.id]);
  return lineage.items.get(county.id)!;
}
