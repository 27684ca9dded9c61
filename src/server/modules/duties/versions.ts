import { asc, eq, sql } from "drizzle-orm";
import { DUTY_PART_NAMES, type DutyDifferencesInput, type DutyItemInput, type DutyPart, type DutyTemplateInput } from "../../../contracts/duties.js";
import type { Db, Tx } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import type { Actor, ScopeUnit } from "../../kernel/actor.js";
import { recordAudit } from "../audit/audit.js";
import { getUnits } from "../org/units.js";
import { applyDifferences, countByPart, normalizeName, type ItemRow, type VersionRow } from "./effective.js";
import { assignKeys } from "./keys.js";
import { latestVersion, loadListUnit, templateItemsFor } from "./lists.js";
import { authorize, dutyPolicy } from "./policy.js";
import { dutyItems, dutyListVersions } from "./schema.js";

export type VersionSource = "api" | "excel" | "seed";
export type Problem = { path: string; zh: string; en: string };
export type WriteResult = { version: VersionRow; counts: Record<DutyPart, number>; changes: { added: number; changed: number; removed: number } | null };

type WriteArgs = { actor: Actor | null; source?: VersionSource; lang?: Lang };

/** Any fixed number: with the unit code it names the lock that serializes version numbers of one unit. */
const DUTY_LOCK_SPACE = 7_270_002;

export function rejectProblems(problems: Problem[], lang: Lang = "zh-CN"): void {
  if (problems.length === 0) return;
  const details = problems.map((p) => ({ path: p.path, message: lang === "en" ? p.en : p.zh }));
  throw new AppError("DUTY_LIST_INVALID", { count: problems.length }, details);
}

/** Locks the unit's lineage, loads the unit and checks the actor may edit it. */
async function openLineage(tx: Tx, actor: Actor | null, code: string, expected: "template" | "township"): Promise<ScopeUnit> {
  await tx.execute(sql`select pg_advisory_xact_lock(${DUTY_LOCK_SPACE}, hashtext(${code}))`);
  const unit = await loadListUnit(tx, code, expected);
  if (actor) authorize(dutyPolicy.canEdit(actor, unit), "OUT_OF_SCOPE", { code });
  return unit;
}

/** Every item a unit's versions ever held, oldest version first: keys are never given to another item. */
async function itemsEverUsed(tx: Tx, unitCode: string, op?: string): Promise<{ key: string; part: DutyPart; name: string }[]> {
  const rows = await tx
    .select({ key: dutyItems.key, part: dutyItems.part, name: dutyItems.name, op: dutyItems.op })
    .from(dutyItems)
    .innerJoin(dutyListVersions, eq(dutyListVersions.id, dutyItems.versionId))
    .where(eq(dutyListVersions.unitCode, unitCode))
    .orderBy(asc(dutyListVersions.version));
  return rows.filter((r) => !op || r.op === op).map((r) => ({ key: r.key, part: r.part as DutyPart, name: r.name }));
}

const clean = (v: string | null | undefined): string | null => (v?.trim() ? v.trim() : null);
const itemRow = (item: DutyItemInput & { key: string }, op: string, position: number): ItemRow => ({
  key: item.key,
  op,
  part: item.part,
  name: item.name.trim(),
  legalBasis: clean(item.legalBasis),
  leadDepartment: clean(item.leadDepartment),
  note: clean(item.note),
  powerKey: clean(item.powerKey),
  position,
});

async function insertVersion(
  tx: Tx,
  args: { actor: Actor | null; unit: ScopeUnit; kind: "template" | "differences"; reason: string; effectiveFrom: string; source: VersionSource; appliesTo: string[] | null; rows: ItemRow[] },
): Promise<VersionRow> {
  const previous = await latestVersion(tx, args.unit.code);
  const [version] = await tx
    .insert(dutyListVersions)
    .values({
      kind: args.kind,
      unitCode: args.unit.code,
      unitPath: args.unit.path,
      provinceCode: args.unit.provinceCode,
      version: (previous?.version ?? 0) + 1,
      effectiveFrom: args.effectiveFrom,
      reason: args.reason.trim(),
      source: args.source,
      appliesTo: args.appliesTo,
      itemCount: args.rows.length,
      createdBy: args.actor?.id ?? null,
      createdByName: args.actor ? `${args.actor.displayName}（${args.actor.username}）` : null,
    })
    .returning();
  if (!version) throw new AppError("INTERNAL");
  if (args.rows.length > 0) {
    await tx.insert(dutyItems).values(args.rows.map((r) => ({ ...r, versionId: version.id, provinceCode: args.unit.provinceCode })));
  }
  return version;
}

/** The townships a template names must be townships of its own county. */
async function checkAppliesTo(tx: Tx, county: ScopeUnit, codes: readonly string[]): Promise<Problem[]> {
  const found = new Map((await getUnits(tx, codes)).map((u) => [u.code, u]));
  return codes.flatMap((code, i) => {
    const u = found.get(code);
    if (u && u.level === "township" && u.parentCode === county.code) return [];
    return [{ path: `appliesTo.${i}`, zh: `${code} 不是${county.name}的乡镇`, en: `${code} is not a township of ${county.name}` }];
  });
}

/** Publishes a new version of a county's template; the previous one stays for the dates before. */
export async function createTemplateVersion(db: Db, args: WriteArgs & { countyCode: string; input: DutyTemplateInput }): Promise<WriteResult> {
  const { actor, input } = args;
  return db.transaction(async (tx) => {
    const unit = await openLineage(tx, actor, args.countyCode, "template");
    const latest = await latestVersion(tx, unit.code);
    // Left out, the townships stay those of the previous version (an Excel file never names them).
    const appliesToCodes = input.appliesTo === undefined ? (latest?.appliesTo ?? null) : input.appliesTo;
    rejectProblems(appliesToCodes ? await checkAppliesTo(tx, unit, appliesToCodes) : [], args.lang);
    const everUsed = await itemsEverUsed(tx, unit.code);
    const keyed = assignKeys(input.items, everUsed, everUsed.map((i) => i.key), "");
    rejectProblems([...duplicateKeys(keyed), ...duplicateNames(keyed)], args.lang);
    const rows = keyed.map((item, i) => itemRow(item, "item", i + 1));
    const version = await insertVersion(tx, { ...args, source: args.source ?? "api", unit, kind: "template", reason: input.reason, effectiveFrom: input.effectiveFrom, appliesTo: appliesToCodes, rows });
    const counts = countByPart(rows);
    await recordAudit(tx, {
      actor: actor ? { id: actor.id, name: actor.username } : null,
      action: "duty.template.publish",
      entityType: "duty_list_version",
      entityId: version.id,
      scopePath: unit.path,
      detail: { unitCode: unit.code, version: version.version, effectiveFrom: input.effectiveFrom, reason: version.reason, source: version.source, counts },
    });
    return { version, counts, changes: null };
  });
}

function checkDifferences(template: Map<string, ItemRow>, input: DutyDifferencesInput): Problem[] {
  const unknown = (path: string, key: string): Problem => ({
    path,
    zh: `县级模板中没有编码为 ${key} 的事项`,
    en: `The county template has no item with key ${key}`,
  });
  return [
    ...input.change.flatMap((c, i) => (template.has(c.key) ? [] : [unknown(`change.${i}.key`, c.key)])),
    ...input.remove.flatMap((key, i) => (template.has(key) ? [] : [unknown(`remove.${i}`, key)])),
    ...input.add.flatMap((a, i) =>
      a.key && template.has(a.key)
        ? [{ path: `add.${i}.key`, zh: `编码 ${a.key} 已是模板中的事项，请用“修改”`, en: `Key ${a.key} is a template item; change it instead` }]
        : [],
    ),
  ];
}

function duplicateKeys(items: readonly { key: string }[]): Problem[] {
  const seen = new Set<string>();
  return items.flatMap((item, i) => {
    if (!seen.has(item.key)) return (seen.add(item.key), []);
    return [{ path: `items.${i}.key`, zh: `事项编码 ${item.key} 重复`, en: `Key ${item.key} appears twice` }];
  });
}

function duplicateNames(items: readonly { part: DutyPart; name: string; key: string }[]): Problem[] {
  const seen = new Map<string, string>();
  return items.flatMap((item) => {
    const id = `${item.part}|${normalizeName(item.name)}`;
    const other = seen.get(id);
    seen.set(id, item.key);
    if (!other) return [];
    const part = DUTY_PART_NAMES[item.part];
    return [{ path: item.key, zh: `“${item.name}”在${part.zh}中与 ${other} 重复`, en: `“${item.name}” duplicates ${other} among the ${part.en}` }];
  });
}

/** Replaces a township's differences from its county template with a new version. */
export async function setTownshipDifferences(db: Db, args: WriteArgs & { townshipCode: string; input: DutyDifferencesInput }): Promise<WriteResult> {
  const { actor, input } = args;
  return db.transaction(async (tx) => {
    const unit = await openLineage(tx, actor, args.townshipCode, "township");
    const templateRows = await templateItemsFor(tx, unit, input.effectiveFrom);
    const template = new Map(templateRows.map((r) => [r.key, r]));
    rejectProblems(checkDifferences(template, input), args.lang);

    const everUsed = await itemsEverUsed(tx, unit.code);
    const previousAdds = everUsed.filter((i) => /^T/.test(i.key));
    const added = assignKeys(input.add, previousAdds, [...everUsed.map((i) => i.key), ...template.keys()], "T");
    const rows: ItemRow[] = [
      ...added.map((a, i) => itemRow(a, "add", i + 1)),
      ...input.change.map((c) => itemRow(c, "change", template.get(c.key)!.position)),
      ...input.remove.map((key) => ({ ...template.get(key)!, op: "remove" })),
    ];
    const effective = applyDifferences(templateRows, rows);
    rejectProblems(duplicateNames(effective), args.lang);

    const version = await insertVersion(tx, { ...args, source: args.source ?? "api", unit, kind: "differences", reason: input.reason, effectiveFrom: input.effectiveFrom, appliesTo: null, rows });
    const changes = { added: input.add.length, changed: input.change.length, removed: input.remove.length };
    const counts = countByPart(effective);
    await recordAudit(tx, {
      actor: actor ? { id: actor.id, name: actor.username } : null,
      action: "duty.differences.set",
      entityType: "duty_list_version",
      entityId: version.id,
      scopePath: unit.path,
      detail: { unitCode: unit.code, version: version.version, effectiveFrom: input.effectiveFrom, reason: version.reason, source: version.source, changes, counts },
    });
    return { version, counts, changes };
  });
}
