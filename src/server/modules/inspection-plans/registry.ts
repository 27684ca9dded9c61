import { and, count, desc, eq } from "drizzle-orm";
import type { PlanItem, PlanItemInput, PlanItemStatus, PlanList } from "../../../contracts/inspection-plans.js";
import type { Db, Tx } from "../../db/client.js";
import { pathWithin } from "../../db/sql-helpers.js";
import { AppError } from "../../http/errors.js";
import { authorize, pathIsInside, regionPathOf, type Actor, type ScopeUnit } from "../../kernel/actor.js";
import { chinaToday } from "../../kernel/dates.js";
import { recordAudit } from "../audit/audit.js";
import { addRegisterEntries, withdrawRegisterEntry } from "../burdens/gate/settings.js";
import { burdenPolicy, issuerRegionPath } from "../burdens/policy.js";
import { getUnit, getUnits, pathCodes } from "../org/units.js";
import { inspectionPlanItems } from "./schema.js";

/**
 * 年度督查检查考核计划: departments submit plan items, the region's 减负办 approves or rejects each with
 * a reason. Approval also writes the item to the gate's register (gate_registers, "inspection_plan"),
 * in the same transaction, under the item's code: an inspection burden citing that code passes
 * UNPLANNED_INSPECTION, any other is blocked, exactly as before.
 */

type Row = typeof inspectionPlanItems.$inferSelect;

export const planPolicy = {
  /** Who may inspect in a unit's name may plan its inspections (a department, a township, the office for its region). */
  canSubmit: (actor: Actor, department: ScopeUnit): boolean => burdenPolicy.canIssueAs(actor, department),
  canDecide: (actor: Actor, regionPath: string): boolean => actor.role === "office" && pathIsInside(regionPath, actor.scope.path),
  canRead: (actor: Actor, row: { departmentPath: string }): boolean => pathIsInside(row.departmentPath, regionPathOf(actor)),
};

/** A plan is made for this year or the next; last year's is history. */
export function checkPlanYear(year: number, today = chinaToday()) {
  const now = Number(today.slice(0, 4));
  if (year < now || year > now + 1) throw new AppError("YEAR_OUT_OF_RANGE", { year, min: now, max: now + 1 });
}

export async function planDepartment(db: Db, actor: Actor, code: string): Promise<ScopeUnit> {
  const unit = await getUnit(db, code);
  if (!unit) throw new AppError("UNIT_NOT_FOUND", { code });
  authorize(planPolicy.canSubmit(actor, unit), "NOT_ISSUER", { issuer: unit.name });
  return unit;
}

/** Targets must be townships or villages in the department's region (the gate's own test). */
export async function checkTargets(db: Db, department: ScopeUnit, codes: readonly string[]) {
  const found = new Map((await getUnits(db, [...new Set(codes)])).map((u) => [u.code, u]));
  const bad = [...new Set(codes)].filter((c) => !found.has(c) || !burdenPolicy.canTarget(department, found.get(c)!));
  if (bad.length > 0) throw new AppError("TARGETS_NOT_GRASSROOTS", { units: bad.slice(0, 10).join("、") });
  return found;
}

async function nextCode(tx: Tx, regionCode: string, year: number): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(inspectionPlanItems).where(and(eq(inspectionPlanItems.regionCode, regionCode), eq(inspectionPlanItems.year, year)));
  return (row?.n ?? 0) + 1;
}

/** Inserts items of one department in one transaction; each gets the region's next code 督检考-年-序号. */
export async function insertPlanItems(tx: Tx, actor: Actor, department: ScopeUnit, items: readonly PlanItemInput[]): Promise<string[]> {
  const regionPath = issuerRegionPath(department);
  const regionCode = pathCodes(regionPath).at(-1)!;
  const codes: string[] = [];
  for (const item of items) {
    let seq = await nextCode(tx, regionCode, item.year);
    for (;;) {
      const code = `${regionCode}-DJK-${item.year}-${String(seq).padStart(3, "0")}`;
      const [row] = await tx
        .insert(inspectionPlanItems)
        .values({ regionCode, regionPath, year: item.year, code, departmentCode: department.code, departmentPath: department.path, title: item.title, targets: [...item.targets], month: item.month, comprehensive: item.comprehensive, status: "submitted", submittedBy: actor.id })
        .onConflictDoNothing()
        .returning({ id: inspectionPlanItems.id });
      if (row) {
        codes.push(code);
        await recordAudit(tx, { actor: { id: actor.id, name: actor.username }, action: "inspection_plan.submit", entityType: "inspection_plan_item", entityId: row.id, scopePath: department.path, detail: { code, year: item.year, title: item.title } });
        break;
      }
      seq++;
    }
  }
  return codes;
}

export async function submitPlanItem(db: Db, args: { actor: Actor; input: PlanItemInput }): Promise<string> {
  const { actor, input } = args;
  checkPlanYear(input.year);
  const department = await planDepartment(db, actor, input.department);
  await checkTargets(db, department, input.targets);
  const [code] = await db.transaction((tx) => insertPlanItems(tx, actor, department, [input]));
  const [row] = await db.select({ id: inspectionPlanItems.id }).from(inspectionPlanItems).where(and(eq(inspectionPlanItems.regionPath, issuerRegionPath(department)), eq(inspectionPlanItems.code, code!)));
  return row!.id;
}

async function readable(db: Db, actor: Actor, id: string): Promise<Row> {
  const [row] = await db.select().from(inspectionPlanItems).where(eq(inspectionPlanItems.id, id));
  if (!row || !planPolicy.canRead(actor, row)) throw new AppError("PLAN_ITEM_NOT_FOUND");
  return row;
}

/** The 减负办 approves (the item joins the gate's register) or rejects, always with a reason. */
export async function decidePlanItem(db: Db, args: { actor: Actor; id: string; decision: "approve" | "reject"; reason: string }) {
  const { actor } = args;
  const current = await readable(db, actor, args.id);
  authorize(planPolicy.canDecide(actor, current.regionPath));
  const region = await getUnit(db, current.regionCode);
  if (!region) throw new AppError("UNIT_NOT_FOUND", { code: current.regionCode });
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(inspectionPlanItems).where(eq(inspectionPlanItems.id, args.id)).for("update");
    if (!row || row.status !== "submitted") throw new AppError("PLAN_ITEM_DECIDED", { status: row?.status ?? "rejected" });
    const status: PlanItemStatus = args.decision === "approve" ? "approved" : "rejected";
    await tx.update(inspectionPlanItems).set({ status, decisionReason: args.reason, decidedBy: actor.displayName, decidedAt: new Date() }).where(eq(inspectionPlanItems.id, args.id));
    if (status === "approved") {
      // A savepoint inside this transaction: the register entry and the decision stand or fall together.
      await addRegisterEntries(tx as unknown as Db, { actor, region, year: row.year, register: "inspection_plan", entries: [{ code: row.code, title: row.title }] });
    }
    await recordAudit(tx, { actor: { id: actor.id, name: actor.username }, action: `inspection_plan.${args.decision}`, entityType: "inspection_plan_item", entityId: row.id, scopePath: row.departmentPath, detail: { code: row.code, reason: args.reason } });
  });
}

/**
 * The office withdraws an approved item 撤回: the item is marked withdrawn with the reason and its code
 * leaves the gate's register in the same transaction, so UNPLANNED_INSPECTION flags any new inspection
 * that cites it. Burdens already admitted keep their admission.
 */
export async function withdrawPlanItem(db: Db, args: { actor: Actor; id: string; reason: string }) {
  const { actor } = args;
  const current = await readable(db, actor, args.id);
  authorize(planPolicy.canDecide(actor, current.regionPath));
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(inspectionPlanItems).where(eq(inspectionPlanItems.id, args.id)).for("update");
    if (!row || row.status !== "approved") throw new AppError("PLAN_ITEM_NOT_APPROVED", { status: row?.status ?? "rejected" });
    await tx.update(inspectionPlanItems).set({ status: "withdrawn", withdrawReason: args.reason, withdrawnBy: actor.displayName, withdrawnAt: new Date() }).where(eq(inspectionPlanItems.id, args.id));
    await withdrawRegisterEntry(tx, { actor, underPath: row.regionPath, year: row.year, register: "inspection_plan", code: row.code, reason: args.reason });
    await recordAudit(tx, { actor: { id: actor.id, name: actor.username }, action: "inspection_plan.withdraw", entityType: "inspection_plan_item", entityId: row.id, scopePath: row.departmentPath, detail: { code: row.code, reason: args.reason } });
  });
}

export async function presentPlanItems(db: Db, actor: Actor, rows: Row[]): Promise<PlanItem[]> {
  const names = new Map((await getUnits(db, [...new Set(rows.flatMap((r) => [r.departmentCode, ...r.targets]))])).map((u) => [u.code, u.name]));
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    year: r.year,
    department: { code: r.departmentCode, name: names.get(r.departmentCode) ?? r.departmentCode },
    title: r.title,
    targets: r.targets.map((c) => ({ code: c, name: names.get(c) ?? c })),
    month: r.month,
    comprehensive: r.comprehensive,
    status: r.status as PlanItemStatus,
    decisionReason: r.decisionReason,
    decidedBy: r.decidedBy,
    withdrawReason: r.withdrawReason,
    withdrawnBy: r.withdrawnBy,
    can: !planPolicy.canDecide(actor, r.regionPath) ? [] : r.status === "submitted" ? ["decide"] : r.status === "approved" ? ["withdraw"] : [],
  }));
}

export async function getPlanItem(db: Db, actor: Actor, id: string): Promise<PlanItem> {
  return (await presentPlanItems(db, actor, [await readable(db, actor, id)]))[0]!;
}

export async function listPlanItems(db: Db, actor: Actor, query: { year: number; status?: PlanItemStatus; department?: string }): Promise<PlanList> {
  const rows = await db
    .select()
    .from(inspectionPlanItems)
    .where(and(pathWithin(inspectionPlanItems.departmentPath, regionPathOf(actor)), eq(inspectionPlanItems.year, query.year)))
    .orderBy(desc(inspectionPlanItems.createdAt), desc(inspectionPlanItems.code))
    .limit(5000);
  const counts = { submitted: 0, approved: 0, rejected: 0, withdrawn: 0, comprehensiveApproved: 0 };
  for (const r of rows) {
    counts[r.status as PlanItemStatus]++;
    if (r.status === "approved" && r.comprehensive) counts.comprehensiveApproved++;
  }
  const shown = rows.filter((r) => (!query.status || r.status === query.status) && (!query.department || r.departmentCode === query.department));
  return { year: query.year, items: await presentPlanItems(db, actor, shown), counts };
}
