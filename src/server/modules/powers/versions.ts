import { asc, desc, eq, sql } from "drizzle-orm";
import type { PowerCategory, PowerItem, PowerListInput } from "../../../contracts/powers.js";
import type { Db, Queryable } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import { authorize, pathIsInside, regionPathOf, type Actor, type ScopeUnit } from "../../kernel/actor.js";
import { recordAudit } from "../audit/audit.js";
import { normalizeName } from "../duties/effective.js";
import { ancestorsOf, getUnit } from "../org/units.js";
import { powerItems, powerListVersions } from "./schema.js";

/**
 * Versions of a county's delegated-power list 赋权事项清单, kept like the duty list's template
 * (docs/decisions/0003): immutable versions numbered per county, each with its date of effect, reason,
 * author and source; the version in force on a date is the highest-numbered one in effect by then.
 * Keys are stable: an item without a key takes the key its name had before, else the next P-number.
 */
export type VersionRow = typeof powerListVersions.$inferSelect;
export type PowerSource = "api" | "excel" | "seed";

/** Any fixed number: with the county code it names the lock that serializes its version numbers. */
export const POWER_LOCK_SPACE = 7_270_008;

export const powerPolicy = {
  /** The county's office (or one above it) keeps the list. */
  canEdit: (actor: Actor, county: ScopeUnit) => actor.role === "office" && pathIsInside(county.path, actor.scope.path),
  /** Everyone whose region holds the county, and everyone inside the county (its townships see their list). */
  canRead: (actor: Actor, county: ScopeUnit) => pathIsInside(county.path, regionPathOf(actor)) || pathIsInside(regionPathOf(actor), county.path),
  /** A township records its own exercises; the county's office may record them for it. */
  canRecord: (actor: Actor, township: ScopeUnit) =>
    (actor.role === "township_official" && actor.scope.code === township.code) || (actor.role === "office" && pathIsInside(township.path, actor.scope.path)),
  /** The office or the discipline commission of a region holding the township turns an unused power into a case. */
  canOpenCase: (actor: Actor, township: ScopeUnit) => (actor.role === "office" || actor.role === "commission") && pathIsInside(township.path, regionPathOf(actor)),
};

export async function loadCounty(db: Queryable, code: string): Promise<ScopeUnit> {
  const unit = await getUnit(db, code);
  if (!unit) throw new AppError("UNIT_NOT_FOUND", { code });
  if (unit.level !== "county") throw new AppError("POWER_WRONG_LEVEL", { code, expected: "county" });
  return unit;
}

/** The county a township belongs to: its parent in the hierarchy, else the county on its path. */
export async function countyOf(db: Queryable, township: ScopeUnit): Promise<ScopeUnit | null> {
  const parent = township.parentCode ? await getUnit(db, township.parentCode) : null;
  if (parent?.level === "county") return parent;
  return (await ancestorsOf(db, township)).find((a) => a.level === "county") ?? null;
}

export async function versionsOf(db: Queryable, countyCode: string): Promise<VersionRow[]> {
  return db.select().from(powerListVersions).where(eq(powerListVersions.unitCode, countyCode)).orderBy(asc(powerListVersions.version));
}

/** Of a county's versions, the one in force on `on` for a township (null township: the county list as such). */
export function inForceOn(versions: readonly VersionRow[], on: string, townshipCode: string | null = null): VersionRow | null {
  let found: VersionRow | null = null;
  for (const v of versions) {
    const applies = townshipCode === null || v.appliesTo === null || v.appliesTo.includes(townshipCode);
    if (v.effectiveFrom <= on && applies && (!found || v.version > found.version)) found = v;
  }
  return found;
}

export async function itemsOf(db: Queryable, versionId: string): Promise<PowerItem[]> {
  const rows = await db.select().from(powerItems).where(eq(powerItems.versionId, versionId)).orderBy(asc(powerItems.position));
  return rows.map((r) => ({ key: r.key, name: r.name, category: r.category as PowerCategory, legalBasis: r.legalBasis, fromDepartment: r.fromDepartment, note: r.note }));
}

function assignKeys(items: PowerListInput["items"], previous: readonly { key: string; name: string }[]): (PowerListInput["items"][number] & { key: string })[] {
  const taken = new Set(items.flatMap((i) => (i.key ? [i.key] : [])));
  const byName = new Map(previous.map((p) => [normalizeName(p.name), p.key]));
  let next = 1;
  for (const key of [...previous.map((p) => p.key), ...taken]) {
    const m = /^P(\d+)$/.exec(key);
    if (m) next = Math.max(next, Number(m[1]) + 1);
  }
  return items.map((item) => {
    if (item.key) return { ...item, key: item.key };
    const reused = byName.get(normalizeName(item.name));
    if (reused && !taken.has(reused)) {
      taken.add(reused);
      return { ...item, key: reused };
    }
    while (taken.has(`P${String(next).padStart(3, "0")}`)) next++;
    const key = `P${String(next++).padStart(3, "0")}`;
    taken.add(key);
    return { ...item, key };
  });
}

/** Writes a new version of a county's list; the whole list, checked first, in one transaction. */
export async function writePowerList(db: Db, args: { actor: Actor | null; countyCode: string; input: PowerListInput; source: PowerSource }): Promise<VersionRow> {
  const { actor, input } = args;
  const county = await loadCounty(db, args.countyCode);
  if (actor) authorize(powerPolicy.canEdit(actor, county), "OUT_OF_SCOPE", { code: county.code });
  for (const code of input.appliesTo ?? []) {
    const t = await getUnit(db, code);
    if (!t || t.level !== "township" || !pathIsInside(t.path, county.path)) throw new AppError("POWER_WRONG_LEVEL", { code, expected: "township" });
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${POWER_LOCK_SPACE}, hashtext(${county.code}))`);
    const previous = await tx
      .select({ key: powerItems.key, name: powerItems.name })
      .from(powerItems)
      .innerJoin(powerListVersions, eq(powerListVersions.id, powerItems.versionId))
      .where(eq(powerListVersions.unitCode, county.code))
      .orderBy(desc(powerListVersions.version));
    const [last] = await tx.select({ version: powerListVersions.version }).from(powerListVersions).where(eq(powerListVersions.unitCode, county.code)).orderBy(desc(powerListVersions.version)).limit(1);
    const keyed = assignKeys(input.items, previous);
    const [version] = await tx
      .insert(powerListVersions)
      .values({
        unitCode: county.code,
        unitPath: county.path,
        provinceCode: county.provinceCode,
        version: (last?.version ?? 0) + 1,
        effectiveFrom: input.effectiveFrom,
        reason: input.reason.trim(),
        source: args.source,
        appliesTo: input.appliesTo?.length ? input.appliesTo : null,
        itemCount: keyed.length,
        createdBy: actor?.id ?? null,
        createdByName: actor ? `${actor.displayName}（${actor.username}）` : null,
      })
      .returning();
    if (!version) throw new AppError("INTERNAL");
    await tx.insert(powerItems).values(
      keyed.map((item, i) => ({
        versionId: version.id,
        key: item.key,
        name: item.name.trim(),
        category: item.category,
        legalBasis: item.legalBasis?.trim() || null,
        fromDepartment: item.fromDepartment.trim(),
        note: item.note?.trim() || null,
        position: i + 1,
        provinceCode: county.provinceCode,
      })),
    );
    await recordAudit(tx, {
      actor: actor ? { id: actor.id, name: actor.username } : null,
      action: "powers.version",
      entityType: "power_list",
      entityId: version.id,
      scopePath: county.path,
      detail: { county: county.code, version: version.version, effectiveFrom: input.effectiveFrom, reason: input.reason, items: keyed.length, source: args.source },
    });
    return version;
  });
}
