import { and, asc, desc, gte, inArray, lte, type SQL } from "drizzle-orm";
import { ZExerciseInput, type ExerciseInput, type ExerciseRecord } from "../../../contracts/powers.js";
import type { Db, Queryable, Tx } from "../../db/client.js";
import { isUniqueViolation, pathWithin } from "../../db/sql-helpers.js";
import { AppError } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import { authorize, pathIsInside, regionPathOf, type Actor, type ScopeUnit } from "../../kernel/actor.js";
import { chinaToday } from "../../kernel/dates.js";
import { recordAudit } from "../audit/audit.js";
import { inSheetOrder, readTable, writeTable, type TableColumn } from "../../kernel/excel/table.js";
import { getUnits } from "../org/units.js";
import { effectiveOn, loadLineage, loadLineages, loadTownship, type Lineage } from "./effective.js";
import { powerExerciseRecords } from "./schema.js";
import { powerPolicy } from "./versions.js";

/**
 * Exercise records 行使记录: each time a township exercised a delegated power, with the day and the
 * number of the case file or decision (案卷号/文书号) — entered one by one or from Excel, never half.
 * The power must be in the township's effective list on that day; a document number is recorded once.
 */
type Row = typeof powerExerciseRecords.$inferSelect;
export const MAX_EXERCISE_ROWS = 5000;

/** Names of the powers a township held on each day asked about, computed once per township and day. */
class HeldPowers {
  private readonly cache = new Map<string, Map<string, string>>();
  constructor(private readonly db: Queryable) {}
  async on(lineage: Lineage, day: string): Promise<Map<string, string>> {
    const id = `${lineage.township.code}|${day}`;
    if (!this.cache.has(id)) this.cache.set(id, new Map((await effectiveOn(this.db, lineage, day)).items.map((i) => [i.key, i.name])));
    return this.cache.get(id)!;
  }
}

async function insertRecord(tx: Tx, actor: Actor, township: ScopeUnit, input: ExerciseInput, source: "api" | "excel" | "seed"): Promise<Row> {
  const [row] = await tx
    .insert(powerExerciseRecords)
    .values({
      townshipCode: township.code,
      townshipPath: township.path,
      provinceCode: township.provinceCode,
      key: input.key,
      exercisedOn: input.exercisedOn,
      documentNumber: input.documentNumber,
      note: input.note?.trim() || null,
      source,
      recordedBy: actor.username,
    })
    .returning();
  if (!row) throw new AppError("INTERNAL");
  return row;
}

/** Records one exercise; the power must have been held on the day. */
export async function recordExercise(db: Db, actor: Actor, input: ExerciseInput): Promise<ExerciseRecord> {
  const township = await loadTownship(db, input.townshipCode);
  authorize(powerPolicy.canRecord(actor, township), "OUT_OF_SCOPE", { code: township.code });
  if (input.exercisedOn > chinaToday()) throw new AppError("POWER_EXERCISE_FUTURE", { date: input.exercisedOn });
  const held = await new HeldPowers(db).on(await loadLineage(db, township), input.exercisedOn);
  if (!held.has(input.key)) throw new AppError("POWER_NOT_HELD", { township: township.name, key: input.key, period: input.exercisedOn });
  try {
    const row = await db.transaction(async (tx) => {
      const r = await insertRecord(tx, actor, township, input, "api");
      await recordAudit(tx, { actor: { id: actor.id, name: actor.username }, action: "powers.exercise", entityType: "power_exercise", entityId: r.id, scopePath: township.path, detail: { ...input } });
      return r;
    });
    return dto(row, township.name, held.get(input.key) ?? null);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("POWER_EXERCISE_DUPLICATE", { number: input.documentNumber, key: input.key });
    throw err;
  }
}

const dto = (r: Row, townshipName: string, name: string | null): ExerciseRecord => ({
  id: r.id,
  township: { code: r.townshipCode, name: townshipName },
  key: r.key,
  name,
  exercisedOn: r.exercisedOn,
  documentNumber: r.documentNumber,
  note: r.note,
  source: r.source,
  recordedBy: r.recordedBy,
  recordedAt: r.recordedAt.toISOString(),
});

export type ExerciseQuery = { township?: string | undefined; key?: string | undefined; from?: string | undefined; to?: string | undefined; limit: number };

/** Records within the actor's region (a township official: his own township), newest first. */
export async function listExercises(db: Queryable, actor: Actor, q: ExerciseQuery): Promise<{ total: number; items: ExerciseRecord[] }> {
  const region = regionPathOf(actor);
  const where: SQL[] = [];
  if (q.township) {
    const t = await loadTownship(db, q.township);
    if (!pathIsInside(t.path, region) && !pathIsInside(region, t.path)) throw new AppError("UNIT_NOT_FOUND", { code: q.township });
    where.push(inArray(powerExerciseRecords.townshipCode, [t.code]));
  } else where.push(pathWithin(powerExerciseRecords.townshipPath, region)!);
  if (q.key) where.push(inArray(powerExerciseRecords.key, [q.key]));
  if (q.from) where.push(gte(powerExerciseRecords.exercisedOn, q.from));
  if (q.to) where.push(lte(powerExerciseRecords.exercisedOn, q.to));
  const rows = await db
    .select()
    .from(powerExerciseRecords)
    .where(and(...where))
    .orderBy(desc(powerExerciseRecords.exercisedOn), asc(powerExerciseRecords.documentNumber))
    .limit(q.limit);
  const townships = await getUnits(db, [...new Set(rows.map((r) => r.townshipCode))]);
  const lineages = await loadLineages(db, townships);
  const held = new HeldPowers(db);
  const items: ExerciseRecord[] = [];
  for (const r of rows) {
    const lineage = lineages.get(r.townshipCode)!;
    items.push(dto(r, lineage.township.name, (await held.on(lineage, r.exercisedOn)).get(r.key) ?? null));
  }
  return { total: items.length, items };
}

type Col = "seq" | "townshipCode" | "townshipName" | "key" | "name" | "exercisedOn" | "documentNumber" | "note";
export const EXERCISE_COLUMNS: readonly TableColumn<Col>[] = [
  { id: "seq", header: "序号", width: 6 },
  { id: "townshipCode", header: "乡镇代码", aliases: ["区划代码", "单位代码"], width: 16, required: true },
  { id: "townshipName", header: "乡镇（街道）", aliases: ["乡镇", "乡镇名称"], width: 14 },
  { id: "key", header: "事项编码", aliases: ["编码"], width: 10, required: true },
  { id: "name", header: "事项名称", width: 40 },
  { id: "exercisedOn", header: "行使日期", aliases: ["日期", "办理日期", "决定日期"], width: 12, required: true },
  { id: "documentNumber", header: "案卷/文书编号", aliases: ["案卷号", "文书编号", "文书号", "决定书编号"], width: 26, required: true },
  { id: "note", header: "备注", aliases: ["简要情况", "说明"], width: 30 },
];
const FIELD_COLUMN: Record<string, Col> = { townshipCode: "townshipCode", key: "key", exercisedOn: "exercisedOn", documentNumber: "documentNumber", note: "note" };

/**
 * Imports exercise records from an Excel file, all or nothing: every bad row is named by its row (and
 * column) — unreadable cells, unknown or foreign townships, a power not held on the day, a date in the
 * future, a document number twice in the file or already recorded.
 */
export async function importExercises(db: Db, actor: Actor, file: Buffer, lang: Lang): Promise<number> {
  const { rows, issues } = await readTable(file, EXERCISE_COLUMNS, { maxRows: MAX_EXERCISE_ROWS });
  const codes = [...new Set(rows.flatMap((r) => (r.cells.townshipCode ? [r.cells.townshipCode] : [])))];
  const units = new Map((await getUnits(db, codes)).map((u) => [u.code, u]));
  const townships = [...units.values()].filter((u) => u.level === "township" && powerPolicy.canRecord(actor, u));
  const lineages = await loadLineages(db, townships);
  const existing = townships.length
    ? await db
        .select({ townshipCode: powerExerciseRecords.townshipCode, key: powerExerciseRecords.key, documentNumber: powerExerciseRecords.documentNumber })
        .from(powerExerciseRecords)
        .where(inArray(powerExerciseRecords.townshipCode, townships.map((t) => t.code)))
    : [];
  const recorded = new Set(existing.map((e) => `${e.townshipCode}|${e.key}|${e.documentNumber}`));
  const seen = new Map<string, number>();
  const held = new HeldPowers(db);
  const today = chinaToday();
  const inputs: { township: ScopeUnit; input: ExerciseInput }[] = [];
  for (const r of rows) {
    if (r.bad) continue;
    const before = issues.length;
    const parsed = ZExerciseInput.safeParse({ townshipCode: r.cells.townshipCode, key: r.cells.key, exercisedOn: r.cells.exercisedOn, documentNumber: r.cells.documentNumber, note: r.cells.note ?? null });
    if (!parsed.success) {
      for (const i of parsed.error.issues) r.problem(FIELD_COLUMN[String(i.path[0])] ?? "documentNumber", i.message, i.message);
      continue;
    }
    const input = parsed.data;
    const unit = units.get(input.townshipCode);
    if (!unit) r.problem("townshipCode", `未找到单位 ${input.townshipCode}`, `no unit with code ${input.townshipCode}`);
    else if (unit.level !== "township") r.problem("townshipCode", `${unit.name}（${unit.code}）不是乡镇（街道）`, `${unit.code} is not a township`);
    else if (!powerPolicy.canRecord(actor, unit)) r.problem("townshipCode", `${unit.name} 不在您可登记的范围内`, `${unit.name} is outside what you may record`);
    if (input.exercisedOn > today) r.problem("exercisedOn", `行使日期 ${input.exercisedOn} 晚于今天`, `${input.exercisedOn} is in the future`);
    if (issues.length > before || !unit) continue;
    if (!(await held.on(lineages.get(unit.code)!, input.exercisedOn)).has(input.key)) {
      r.problem("key", `${unit.name} 在 ${input.exercisedOn} 未被赋予事项 ${input.key}`, `${unit.name} did not hold ${input.key} on ${input.exercisedOn}`);
      continue;
    }
    const id = `${unit.code}|${input.key}|${input.documentNumber}`;
    const earlier = seen.get(id);
    if (earlier) r.problem("documentNumber", `与第 ${earlier} 行的案卷/文书编号重复`, `the same document number as row ${earlier}`);
    else if (recorded.has(id)) r.problem("documentNumber", `案卷/文书编号 ${input.documentNumber} 已登记过`, `document number ${input.documentNumber} is already recorded`);
    else {
      seen.set(id, r.row);
      inputs.push({ township: unit, input });
    }
  }
  if (issues.length > 0) throw new AppError("EXCEL_INVALID", { count: issues.length }, inSheetOrder(issues).map((i) => ({ path: i.path, message: lang === "en" ? i.en : i.zh })));
  try {
    await db.transaction(async (tx) => {
      for (const { township, input } of inputs) await insertRecord(tx, actor, township, input, "excel");
      await recordAudit(tx, { actor: { id: actor.id, name: actor.username }, action: "powers.exercise_import", entityType: "power_exercise", entityId: `${inputs.length}`, scopePath: regionPathOf(actor), detail: { rows: inputs.length, townships: [...new Set(inputs.map((i) => i.township.code))] } });
    });
  } catch (err) {
    // Another import wrote the same number meanwhile: the whole file is refused, as if checked above.
    if (isUniqueViolation(err)) throw new AppError("POWER_EXERCISE_DUPLICATE", { number: "—", key: "" });
    throw err;
  }
  return inputs.length;
}

export async function exportExercises(title: string, items: readonly ExerciseRecord[]): Promise<Buffer> {
  return writeTable({
    title,
    sheet: "行使记录",
    columns: EXERCISE_COLUMNS,
    rows: items.map((r, i) => ({ seq: i + 1, townshipCode: r.township.code, townshipName: r.township.name, key: r.key, name: r.name ?? "", exercisedOn: r.exercisedOn, documentNumber: r.documentNumber, note: r.note ?? "" })),
  });
}
