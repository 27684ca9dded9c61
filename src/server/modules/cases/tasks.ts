import { and, asc, count, eq } from "drizzle-orm";
import type { CaseTask, TaskInput } from "../../../contracts/cases.js";
import type { Db, Queryable } from "../../db/client.js";
import { pathWithin } from "../../db/sql-helpers.js";
import { AppError } from "../../http/errors.js";
import { authorize, pathIsInside, regionPathOf, type Actor } from "../../kernel/actor.js";
import { chinaToday } from "../../kernel/dates.js";
import { recordAudit } from "../audit/audit.js";
import { getUnit, getUnits } from "../org/units.js";
import { handlerEvent } from "./events.js";
import type { CaseRow } from "./follow.js";
import { casePolicy } from "./policy.js";
import { caseTasks } from "./schema.js";

type TaskRow = typeof caseTasks.$inferSelect;

const present = (rows: TaskRow[], names: Map<string, string>, today: string): CaseTask[] =>
  rows.map((r) => ({
    id: r.id,
    unit: { code: r.unitCode, name: names.get(r.unitCode) ?? r.unitCode },
    text: r.text,
    dueOn: r.dueOn,
    status: r.status as CaseTask["status"],
    proof: r.proof,
    doneOn: r.doneOn,
    doneByName: r.doneByName,
    overdue: r.status === "open" && r.dueOn < today,
  }));

const withNames = async (db: Queryable, rows: TaskRow[]) => present(rows, new Map((await getUnits(db, [...new Set(rows.map((r) => r.unitCode))])).map((u) => [u.code, u.name])), chinaToday());

export async function tasksOfCase(db: Queryable, caseId: string): Promise<CaseTask[]> {
  return withNames(db, await db.select().from(caseTasks).where(eq(caseTasks.caseId, caseId)).orderBy(asc(caseTasks.createdAt)));
}

export async function openTaskCount(db: Queryable, caseId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(caseTasks).where(and(eq(caseTasks.caseId, caseId), eq(caseTasks.status, "open")));
  return row?.n ?? 0;
}

/** The handling office gives the reported unit (or a unit under it) a task with a due date; the reporter is never named in it. */
export async function addTask(db: Db, args: { actor: Actor; row: CaseRow; input: TaskInput }): Promise<void> {
  const { actor, row, input } = args;
  authorize(casePolicy.canHandle(actor, row));
  if (row.status !== "substantiated" && row.status !== "rectifying") throw new AppError("CASE_TASK_NOT_NOW");
  const unit = await getUnit(db, input.unitCode);
  if (!unit || !pathIsInside(unit.path, row.unitPath)) throw new AppError("CASE_TASK_UNIT_INVALID");
  const today = chinaToday();
  if (input.dueOn < today) throw new AppError("TASK_DUE_IN_PAST");
  await db.transaction(async (tx) => {
    const [task] = await tx
      .insert(caseTasks)
      .values({ caseId: row.id, unitCode: unit.code, unitPath: unit.path, text: input.text, dueOn: input.dueOn, status: "open", createdBy: actor.id })
      .returning({ id: caseTasks.id });
    await handlerEvent(tx, row.id, actor, today, { kind: "task", body: `${unit.name}：${input.text}（${input.dueOn}）`, visibleToReporter: false });
    await recordAudit(tx, { actor: { id: actor.id, name: actor.displayName }, action: "case.task_added", entityType: "case", entityId: row.id, scopePath: row.handlerRegionPath, detail: { taskId: task?.id, unit: unit.code, dueOn: input.dueOn } });
  });
}

/** The tasks a unit has to carry out: those given to a unit inside the actor's region. Only the task, never the report. */
export async function myTasks(db: Db, actor: Actor): Promise<CaseTask[]> {
  authorize(casePolicy.canReport(actor));
  const rows = await db.select().from(caseTasks).where(pathWithin(caseTasks.unitPath, regionPathOf(actor))).orderBy(asc(caseTasks.status), asc(caseTasks.dueOn)).limit(500);
  return withNames(db, rows);
}

/** The responsible unit answers a task with its proof; the office then verifies the rectification. */
export async function completeTask(db: Db, args: { actor: Actor; taskId: string; proof: string }): Promise<void> {
  const { actor } = args;
  authorize(casePolicy.canReport(actor));
  const [task] = await db.select().from(caseTasks).where(eq(caseTasks.id, args.taskId));
  if (!task || !pathIsInside(task.unitPath, regionPathOf(actor))) throw new AppError("TASK_NOT_FOUND");
  const today = chinaToday();
  await db.transaction(async (tx) => {
    await tx.update(caseTasks).set({ status: "done", proof: args.proof, doneOn: today, doneByName: actor.displayName }).where(eq(caseTasks.id, task.id));
    await handlerEvent(tx, task.caseId, actor, today, { kind: "task_done", body: args.proof, visibleToReporter: false });
    await recordAudit(tx, { actor: { id: actor.id, name: actor.displayName }, action: "case.task_done", entityType: "case_task", entityId: task.id, scopePath: task.unitPath });
  });
}
