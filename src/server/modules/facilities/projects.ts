import { asc, eq, inArray } from "drizzle-orm";
import type { Project, ProjectInput, ProjectKind, ProjectStatus } from "../../../contracts/projects.js";
import type { Db, Queryable, Tx } from "../../db/client.js";
import { pathWithin } from "../../db/sql-helpers.js";
import { AppError } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import { authorize, type Actor, type ScopeUnit } from "../../kernel/actor.js";
import { chinaToday } from "../../kernel/dates.js";
import { recordAudit } from "../audit/audit.js";
import { getUnit, getUnits } from "../org/units.js";
import { investmentOf, projectFlags } from "./project-flags.js";
import { resourcePolicy } from "./policy.js";
import { scopedPath } from "./registry.js";
import { projectRulesFrom, rulesOnPath } from "./rules.js";
import { projectCases, projects, projectUses } from "./schema.js";

type Row = typeof projects.$inferSelect;

export async function projectUnit(db: Queryable, actor: Actor | null, code: string): Promise<ScopeUnit> {
  const unit = await getUnit(db, code);
  if (!unit) throw new AppError("UNIT_NOT_FOUND", { code });
  if (actor) authorize(resourcePolicy.canKeepProject(actor, unit), "OUT_OF_SCOPE", { code });
  return unit;
}

const columnsOf = (input: ProjectInput) => ({
  name: input.name,
  kind: input.kind,
  owner: input.owner,
  status: input.status,
  completedOn: input.status === "completed" ? (input.completedOn ?? null) : null,
  fiscalFunds: input.fiscalFunds,
  debtFunds: input.debtFunds,
  otherFunds: input.otherFunds,
  hasFeasibilityStudy: input.hasFeasibilityStudy,
  feasibilityDocument: input.hasFeasibilityStudy ? (input.feasibilityDocument ?? null) : null,
  servedPopulation: input.servedPopulation,
  expectedUsePerYear: input.expectedUsePerYear,
  useMeasure: input.useMeasure,
});

export async function insertProject(tx: Tx, actor: Actor | null, unit: ScopeUnit, input: ProjectInput, source: "api" | "excel" | "seed"): Promise<string> {
  if (investmentOf(input) <= 0) throw new AppError("PROJECT_NO_INVESTMENT");
  const [row] = await tx
    .insert(projects)
    .values({ ...columnsOf(input), unitCode: unit.code, unitPath: unit.path, provinceCode: unit.provinceCode, createdBy: actor?.username ?? "seed" })
    .returning({ id: projects.id });
  if (!row) throw new AppError("INTERNAL");
  await recordAudit(tx, {
    actor: actor ? { id: actor.id, name: actor.username } : null,
    action: "project.register",
    entityType: "project",
    entityId: row.id,
    scopePath: unit.path,
    detail: { name: input.name, kind: input.kind, investment: investmentOf(input), debt: input.debtFunds, study: input.hasFeasibilityStudy, source },
  });
  return row.id;
}

export async function registerProject(db: Db, actor: Actor, input: ProjectInput): Promise<string> {
  const unit = await projectUnit(db, actor, input.unitCode);
  return db.transaction((tx) => insertProject(tx, actor, unit, input, "api"));
}

export async function readableProject(db: Queryable, actor: Actor, id: string): Promise<Row> {
  const [row] = await db.select().from(projects).where(eq(projects.id, id));
  if (!row || !resourcePolicy.canRead(actor, { code: row.unitCode, path: row.unitPath })) throw new AppError("PROJECT_NOT_FOUND");
  return row;
}

export async function updateProject(db: Db, actor: Actor, id: string, input: ProjectInput): Promise<void> {
  const row = await readableProject(db, actor, id);
  authorize(resourcePolicy.canKeepProject(actor, { code: row.unitCode, path: row.unitPath }));
  const unit = await projectUnit(db, actor, input.unitCode);
  if (investmentOf(input) <= 0) throw new AppError("PROJECT_NO_INVESTMENT");
  await db.transaction(async (tx) => {
    await tx.update(projects).set({ ...columnsOf(input), unitCode: unit.code, unitPath: unit.path, provinceCode: unit.provinceCode }).where(eq(projects.id, id));
    await recordAudit(tx, { actor: { id: actor.id, name: actor.username }, action: "project.update", entityType: "project", entityId: id, scopePath: unit.path, detail: { ...input } });
  });
}

/** The actual use of a year after completion; a second figure for the year replaces the first (audited). */
export async function recordProjectUse(db: Db, actor: Actor, id: string, input: { year: number; actualUse: number }): Promise<void> {
  const row = await readableProject(db, actor, id);
  authorize(resourcePolicy.canKeepProject(actor, { code: row.unitCode, path: row.unitPath }));
  const completedYear = row.completedOn ? Number(row.completedOn.slice(0, 4)) : null;
  if (row.status !== "completed" || completedYear === null || input.year < completedYear) throw new AppError("PROJECT_NOT_COMPLETED", { year: input.year });
  if (input.year > Number(chinaToday().slice(0, 4))) throw new AppError("PERIOD_IN_FUTURE", { period: String(input.year) });
  await db.transaction(async (tx) => {
    await tx
      .insert(projectUses)
      .values({ projectId: id, year: input.year, actualUse: input.actualUse, reportedBy: actor.username })
      .onConflictDoUpdate({ target: [projectUses.projectId, projectUses.year], set: { actualUse: input.actualUse, reportedBy: actor.username } });
    await recordAudit(tx, { actor: { id: actor.id, name: actor.username }, action: "project.use", entityType: "project", entityId: id, scopePath: row.unitPath, detail: input });
  });
}

export async function presentProjects(db: Queryable, actor: Actor | null, rows: Row[], lang: Lang): Promise<Project[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [uses, opened, rules, units] = await Promise.all([
    db.select().from(projectUses).where(inArray(projectUses.projectId, ids)).orderBy(asc(projectUses.year)),
    db.select().from(projectCases).where(inArray(projectCases.projectId, ids)),
    rulesOnPath(db, ...new Set(rows.map((r) => r.unitPath))),
    getUnits(db, [...new Set(rows.map((r) => r.unitCode))]),
  ]);
  const names = new Map(units.map((u) => [u.code, u.name]));
  return rows.map((r) => {
    const own = uses.filter((u) => u.projectId === r.id).map((u) => ({ year: u.year, actualUse: u.actualUse }));
    const facts = { ...r, kind: r.kind as ProjectKind, uses: own };
    const place = { code: r.unitCode, path: r.unitPath };
    const flags = projectFlags(facts, projectRulesFrom(rules, r.unitPath), lang).map((f) => ({
      ...f,
      caseId: opened.find((o) => o.projectId === r.id && o.flag === f.code)?.caseId ?? null,
    }));
    const canOpen = actor !== null && resourcePolicy.canOpenCase(actor, place) && flags.some((f) => f.caseId === null);
    return {
      id: r.id,
      name: r.name,
      kind: r.kind as ProjectKind,
      unit: { code: r.unitCode, name: names.get(r.unitCode) ?? r.unitCode },
      owner: r.owner,
      status: r.status as ProjectStatus,
      completedOn: r.completedOn,
      investment: investmentOf(r),
      fiscalFunds: r.fiscalFunds,
      debtFunds: r.debtFunds,
      otherFunds: r.otherFunds,
      hasFeasibilityStudy: r.hasFeasibilityStudy,
      feasibilityDocument: r.feasibilityDocument,
      servedPopulation: r.servedPopulation,
      expectedUsePerYear: r.expectedUsePerYear,
      useMeasure: r.useMeasure,
      uses: own,
      flags,
      can: [...(actor && resourcePolicy.canKeepProject(actor, place) ? (["edit"] as const) : []), ...(canOpen ? (["open_case"] as const) : [])],
    };
  });
}

export async function getProject(db: Queryable, actor: Actor, id: string, lang: Lang): Promise<Project> {
  return (await presentProjects(db, actor, [await readableProject(db, actor, id)], lang))[0]!;
}

export async function projectsUnder(db: Queryable, path: string): Promise<Row[]> {
  return db.select().from(projects).where(pathWithin(projects.unitPath, path)).orderBy(asc(projects.unitPath), asc(projects.name));
}

export async function listProjects(db: Queryable, actor: Actor, query: { unit?: string | undefined; flagged?: "true" | "false" | undefined; limit: number }, lang: Lang) {
  const path = await scopedPath(db, actor, query.unit);
  let items = await presentProjects(db, actor, (await projectsUnder(db, path)).slice(0, query.limit), lang);
  if (query.flagged) items = items.filter((p) => (p.flags.length > 0) === (query.flagged === "true"));
  return { total: items.length, items };
}
