import { and, asc, eq, sql, type Placeholder } from "drizzle-orm";
import type { Db, Queryable } from "../../../db/client.js";
import { recordAudit } from "../../audit/audit.js";
import type { Actor, ScopeUnit } from "../../../kernel/actor.js";
import { gateRegisters, gateSettings } from "../schema.js";
import { DEFAULT_GATE_SETTINGS } from "./rules/defaults.js";
import type { GateSettings, Registers } from "./types.js";

/** What a region stores: any thresholds, and any one of a group of caps. */
export type GateSettingsPatch = Omit<Partial<GateSettings>, "documentMaxChars" | "registryMinutes"> & {
  documentMaxChars?: Partial<GateSettings["documentMaxChars"]>;
  registryMinutes?: Partial<GateSettings["registryMinutes"]>;
};

/** Rows whose region is the given path or one of its ancestors: a provincial setting reaches its counties. */
export const regionHolds = (column: typeof gateSettings.regionPath | typeof gateRegisters.regionPath, path: string | Placeholder) =>
  sql`(${path} = ${column} or ${path} like ${column} || '.%')`;

/** Defaults, overridden by each region from the nation down to the issuer's own. */
export async function loadGateSettings(db: Queryable, issuerPath: string): Promise<GateSettings> {
  const rows = await db
    .select({ settings: gateSettings.settings })
    .from(gateSettings)
    .where(regionHolds(gateSettings.regionPath, issuerPath))
    .orderBy(asc(sql`length(${gateSettings.regionPath})`));
  return settingsFrom(rows.map((r) => r.settings as GateSettingsPatch));
}

/** The defaults with each region's patch applied in order, from the nation down (the nearest wins). */
export const settingsFrom = (patches: readonly GateSettingsPatch[]): GateSettings => patches.reduce<GateSettings>(mergeSettings, DEFAULT_GATE_SETTINGS);

/** A region that sets one cap of a group (say documentMaxChars.general) keeps the others from above. */
function mergeSettings(base: GateSettings, patch: GateSettingsPatch): GateSettings {
  return {
    ...base,
    ...patch,
    issuerYearlyCap: { ...base.issuerYearlyCap, ...patch.issuerYearlyCap },
    documentMaxChars: { ...base.documentMaxChars, ...patch.documentMaxChars },
    registryMinutes: { ...base.registryMinutes, ...patch.registryMinutes },
  };
}

/**
 * The settings in force at many units, from one read: the rows of their nearest common region, the
 * regions above it and those inside it, merged per unit as loadGateSettings merges them (the nearest
 * wins). For the registers that put a per-region rate on each of their rows.
 */
export async function gateSettingsAcross(db: Queryable, unitPaths: readonly string[]): Promise<(unitPath: string) => GateSettings> {
  const common = commonRegion(unitPaths);
  const rows =
    common === null
      ? []
      : await db
          .select({ regionPath: gateSettings.regionPath, settings: gateSettings.settings })
          .from(gateSettings)
          .where(sql`(${regionHolds(gateSettings.regionPath, common)} or ${gateSettings.regionPath} like ${common} || '.%')`)
          .orderBy(asc(sql`length(${gateSettings.regionPath})`));
  const merged = new Map<string, GateSettings>();
  return (unitPath) => {
    let settings = merged.get(unitPath);
    if (!settings) {
      settings = settingsFrom(rows.filter((r) => unitPath === r.regionPath || unitPath.startsWith(`${r.regionPath}.`)).map((r) => r.settings as GateSettingsPatch));
      merged.set(unitPath, settings);
    }
    return settings;
  };
}

/** The longest path of codes every one of the paths lies in (null for none). */
function commonRegion(paths: readonly string[]): string | null {
  if (paths.length === 0) return null;
  let common = paths[0]!.split(".");
  for (const p of paths) {
    const codes = p.split(".");
    let i = 0;
    while (i < common.length && common[i] === codes[i]) i++;
    common = common.slice(0, i);
  }
  return common.join(".");
}

export type RegisterName = "inspection_plan" | "evaluation_list" | "secondment_approval" | "allowed_proof";

/** The approved plans and lists of the issuer's region and the regions above it, for one year. */
export async function loadRegisters(db: Queryable, issuerPath: string, year: number): Promise<Registers> {
  const rows = await db
    .select({ register: gateRegisters.register, code: gateRegisters.code, title: gateRegisters.title })
    .from(gateRegisters)
    .where(and(regionHolds(gateRegisters.regionPath, issuerPath), eq(gateRegisters.year, year)));
  return registersOf(rows);
}

/** The registers the gate reads, from the rows of gate_registers that reach an issuer. */
export function registersOf(rows: readonly { register: string; code: string; title: string }[]): Registers {
  const of = (name: RegisterName) => rows.filter((r) => r.register === name);
  return {
    inspectionPlan: of("inspection_plan").map(({ code, title }) => ({ code, title })),
    approvedEvaluations: of("evaluation_list").map(({ code, title }) => ({ code, title })),
    secondmentApprovals: of("secondment_approval").map((r) => r.code),
    allowedProofs: of("allowed_proof").map((r) => r.title),
  };
}

export type RegisterEntry = { id: string; regionCode: string; regionPath: string; year: number; code: string; title: string };

/**
 * The entries of one register for a year that the people of a region work by: those kept by the region,
 * the regions above it (a province's list reaches its counties) and the regions inside it (what the
 * county's townships added, for the county's office).
 */
export async function registerEntries(db: Queryable, args: { path: string; year: number; register: RegisterName }): Promise<RegisterEntry[]> {
  const column = gateRegisters.regionPath;
  return db
    .select({ id: gateRegisters.id, regionCode: gateRegisters.regionCode, regionPath: gateRegisters.regionPath, year: gateRegisters.year, code: gateRegisters.code, title: gateRegisters.title })
    .from(gateRegisters)
    .where(and(eq(gateRegisters.register, args.register), eq(gateRegisters.year, args.year), sql`(${regionHolds(column, args.path)} or ${column} like ${args.path} || '.%')`))
    .orderBy(asc(sql`length(${column})`), asc(gateRegisters.regionCode), asc(gateRegisters.code));
}

/** One region's entry of a register by its code (a code is unique per region, year and register). */
export async function registerEntry(db: Queryable, args: { regionCode: string; year: number; register: RegisterName; code: string }): Promise<RegisterEntry | undefined> {
  const [row] = await db
    .select({ id: gateRegisters.id, regionCode: gateRegisters.regionCode, regionPath: gateRegisters.regionPath, year: gateRegisters.year, code: gateRegisters.code, title: gateRegisters.title })
    .from(gateRegisters)
    .where(and(eq(gateRegisters.regionCode, args.regionCode), eq(gateRegisters.year, args.year), eq(gateRegisters.register, args.register), eq(gateRegisters.code, args.code)));
  return row;
}

/** The office of a region sets its thresholds; what it leaves out keeps the value from above. */
export async function saveGateSettings(db: Db, args: { actor: Actor; region: ScopeUnit; settings: GateSettingsPatch }) {
  await db.transaction(async (tx) => {
    await tx
      .insert(gateSettings)
      .values({ regionCode: args.region.code, regionPath: args.region.path, settings: args.settings, updatedBy: args.actor.id })
      .onConflictDoUpdate({ target: gateSettings.regionCode, set: { settings: args.settings, updatedBy: args.actor.id, updatedAt: new Date() } });
    await recordAudit(tx, {
      actor: { id: args.actor.id, name: args.actor.username },
      action: "gate.settings",
      entityType: "region",
      entityId: args.region.code,
      scopePath: args.region.path,
      detail: { settings: args.settings },
    });
  });
}

/** Adds entries to a register (idempotent on region, year, register and code). */
export async function addRegisterEntries(
  db: Queryable,
  args: { actor: Actor | null; region: ScopeUnit; year: number; register: RegisterName; entries: { code: string; title: string }[] },
) {
  await db.transaction(async (tx) => {
    await tx
      .insert(gateRegisters)
      .values(args.entries.map((e) => ({ ...e, regionCode: args.region.code, regionPath: args.region.path, year: args.year, register: args.register, createdBy: args.actor?.id ?? null })))
      .onConflictDoNothing();
    await recordAudit(tx, {
      actor: args.actor ? { id: args.actor.id, name: args.actor.username } : null,
      action: "gate.register.add",
      entityType: "register",
      entityId: `${args.region.code}/${args.year}/${args.register}`,
      scopePath: args.region.path,
      detail: { codes: args.entries.map((e) => e.code) },
    });
  });
}

/** Codes of a register's entries kept by regions inside a path (what the office of that path may withdraw). */
export async function registerCodesWithin(db: Queryable, args: { underPath: string; year: number; register: RegisterName }): Promise<Set<string>> {
  const rows = await db
    .select({ code: gateRegisters.code })
    .from(gateRegisters)
    .where(and(eq(gateRegisters.register, args.register), eq(gateRegisters.year, args.year), sql`(${gateRegisters.regionPath} = ${args.underPath} or ${gateRegisters.regionPath} like ${args.underPath} || '.%')`));
  return new Set(rows.map((r) => r.code));
}

/**
 * Withdraws an entry from a register 撤出清单 (an approved plan item or evaluation the office takes back),
 * inside the caller's transaction, audited with the reason: from then on the gate no longer finds the
 * code, so a new burden citing it is flagged. Only entries kept by regions inside `underPath`; returns
 * the withdrawn entries (none when the code is not there).
 */
export async function withdrawRegisterEntry(
  tx: Queryable,
  args: { actor: Actor; underPath: string; year: number; register: RegisterName; code: string; reason: string },
): Promise<{ regionPath: string; title: string }[]> {
  const removed = await tx
    .delete(gateRegisters)
    .where(
      and(
        eq(gateRegisters.register, args.register),
        eq(gateRegisters.year, args.year),
        eq(gateRegisters.code, args.code),
        sql`(${gateRegisters.regionPath} = ${args.underPath} or ${gateRegisters.regionPath} like ${args.underPath} || '.%')`,
      ),
    )
    .returning({ regionCode: gateRegisters.regionCode, regionPath: gateRegisters.regionPath, title: gateRegisters.title });
  for (const r of removed) {
    await recordAudit(tx, {
      actor: { id: args.actor.id, name: args.actor.username },
      action: "gate.register.withdraw",
      entityType: "register",
      entityId: `${r.regionCode}/${args.year}/${args.register}`,
      scopePath: r.regionPath,
      detail: { code: args.code, title: r.title, reason: args.reason },
    });
  }
  return removed.map((r) => ({ regionPath: r.regionPath, title: r.title }));
}
