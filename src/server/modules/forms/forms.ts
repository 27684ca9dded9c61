import { and, asc, eq } from "drizzle-orm";
import type { Form, FieldRole } from "../../../contracts/forms.js";
import type { Db, Queryable } from "../../db/client.js";
import { pathWithin } from "../../db/sql-helpers.js";
import { AppError } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import { regionPathOf, type Actor } from "../../kernel/actor.js";
import { chinaToday } from "../../kernel/dates.js";
import { recordAudit } from "../audit/audit.js";
import { burdenPolicy } from "../burdens/policy.js";
import { loadReadableBurden } from "../burdens/queries.js";
import { getUnit, getUnits } from "../org/units.js";
import { countyCodeOf } from "./catalog.js";
import { readFormWorkbook, type SheetLayout } from "./excel/read-form.js";
import { csvToWorkbook } from "./excel/csv.js";
import { MAX_FORM_MB, throwIssues, type Issue } from "./excel/workbook.js";
import { preparedCatalogFor, proposeFor, type Proposal } from "./mapping.js";
import { authorize, formPolicy } from "./policy.js";
import { formFields, forms } from "./schema.js";
import { columnLetter } from "./excel/workbook.js";

export type FormRow = typeof forms.$inferSelect;
export type FieldRow = typeof formFields.$inferSelect;

/** A form the actor may read; any other is "not found", whether it exists or not. */
export async function loadReadableForm(db: Queryable, actor: Actor, id: string): Promise<FormRow> {
  const [row] = await db.select().from(forms).where(eq(forms.id, id));
  if (!row || !formPolicy.canRead(actor, row)) throw new AppError("FORM_NOT_FOUND");
  return row;
}

export const fieldsOf = (db: Queryable, formId: string): Promise<FieldRow[]> =>
  db.select().from(formFields).where(eq(formFields.formId, formId)).orderBy(asc(formFields.position));

export async function formDto(db: Queryable, row: FormRow, fields?: FieldRow[]): Promise<Form> {
  const owner = await getUnit(db, row.ownerCode);
  return {
    id: row.id,
    burdenId: row.burdenId,
    owner: { code: row.ownerCode, name: owner?.name ?? row.ownerCode },
    title: row.title,
    fileName: row.fileName,
    status: row.status as Form["status"],
    referenceDate: row.referenceDate,
    sheets: row.layout as SheetLayout[],
    fields: (fields ?? (await fieldsOf(db, row.id))).map((f) => ({
      position: f.position,
      sheet: f.sheet,
      column: columnLetter(f.col),
      header: f.header,
      unit: f.unit,
      role: f.role as FieldRole,
      indicatorId: f.indicatorId,
      proposal: f.proposal as Proposal,
    })),
    notes: row.notes as Form["notes"],
    createdAt: row.createdAt.toISOString(),
  };
}

/** Forms of the actor's region: a department its own, the office and commission all of the region. */
export async function listForms(db: Queryable, actor: Actor) {
  const rows = await db.select().from(forms).where(pathWithin(forms.ownerPath, regionPathOf(actor))).orderBy(asc(forms.createdAt));
  const mine = rows.filter((r) => formPolicy.canRead(actor, r));
  const owners = new Map((await getUnits(db, [...new Set(mine.map((r) => r.ownerCode))])).map((u) => [u.code, u.name]));
  const counts = await Promise.all(mine.map(async (r) => (await fieldsOf(db, r.id)).filter((f) => f.role === "indicator").length));
  return mine.map((r, i) => ({
    id: r.id, burdenId: r.burdenId, owner: { code: r.ownerCode, name: owners.get(r.ownerCode) ?? r.ownerCode }, title: r.title, fileName: r.fileName,
    status: r.status as Form["status"], referenceDate: r.referenceDate, createdAt: r.createdAt.toISOString(), fieldCount: counts[i]!,
  }));
}

const message = (lang: Lang) => (i: Issue) => ({ path: i.path, message: lang === "en" ? i.en : i.zh });

/**
 * A department uploads the .xlsx it uses today for a burden of kind form: the file is read whole (any
 * problem and nothing is saved), kept as it is, and each column gets a proposed catalog indicator.
 */
/** A CSV becomes the one-sheet workbook it stands for; the encoding it was read in is noted. */
async function workbookOf(file: Buffer, fileName: string, csv: boolean, lang: Lang): Promise<{ file: Buffer; fileName: string; notes: Issue[] }> {
  if (!csv) return { file, fileName, notes: [] };
  if (file.length > MAX_FORM_MB * 1024 * 1024) throw new AppError("FORM_FILE_TOO_LARGE", { max: MAX_FORM_MB });
  const sheet = fileName.replace(/\.csv$/i, "").slice(0, 31) || "CSV";
  const read = await csvToWorkbook(file, sheet);
  throwIssues("FORM_FILE_INVALID", read.issues, lang);
  const note = { path: sheet, zh: `CSV 文件按 ${read.encoding} 编码读取`, en: `the CSV file was read as ${read.encoding}` };
  return { file: read.file, fileName: `${sheet}.xlsx`, notes: [note] };
}

/**
 * `today` (default: now) is the day of the upload: the form's time and, unless given, its reference date.
 * The demo's history passes a day of the past year, so the dashboard's 一表通 chart has a year to show.
 */
export async function uploadForm(db: Db, args: { actor: Actor; burdenId: string; file: Buffer; fileName: string; csv?: boolean; referenceDate?: string; today?: string; lang: Lang }) {
  const { actor, lang } = args;
  const today = args.today ?? chinaToday();
  const createdAt = args.today ? new Date(`${args.today}T10:00:00+08:00`) : new Date();
  const burden = await loadReadableBurden(db, actor, args.burdenId);
  const issuer = await getUnit(db, burden.issuerCode);
  authorize(issuer !== null && burdenPolicy.canIssueAs(actor, issuer));
  if (burden.kind !== "form") throw new AppError("FORM_NOT_A_FORM_BURDEN");
  const upload = await workbookOf(args.file, args.fileName, args.csv ?? false, lang);
  const reading = await readFormWorkbook(upload.file);
  reading.notes.unshift(...upload.notes);
  throwIssues("FORM_FILE_INVALID", reading.issues, lang);
  if (!reading.columns.some((c) => c.role === "indicator")) throw new AppError("FORM_NO_FIELDS");
  const regionCode = countyCodeOf(issuer) ?? issuer.code;
  const catalog = await preparedCatalogFor(db, regionCode);
  const declared = new Map(reading.sheets.map((s) => [s.name, s.declaredUnits]));
  return db.transaction(async (tx) => {
    const [form] = await tx
      .insert(forms)
      .values({
        burdenId: burden.id, ownerCode: issuer.code, ownerPath: issuer.path, provinceCode: issuer.provinceCode, title: burden.title, fileName: upload.fileName,
        file: reading.file, layout: reading.sheets, notes: reading.notes.map(message(lang)), status: "draft", referenceDate: args.referenceDate ?? today, createdBy: actor.id, createdAt,
      })
      .returning();
    const fields = reading.columns.map((c, position) => {
      const proposal = c.role === "indicator" ? proposeFor(c, catalog, declared.get(c.sheet)) : { indicatorId: null, code: null, name: null, score: 0, unitAgrees: null, notes: [] };
      return { formId: form!.id, position, sheet: c.sheet, col: c.col, header: c.header, unit: c.unit, role: c.role, indicatorId: null, proposal, provinceCode: issuer.provinceCode };
    });
    const inserted = await tx.insert(formFields).values(fields).returning();
    await recordAudit(tx, {
      actor: { id: actor.id, name: actor.displayName }, action: "form.upload", entityType: "form", entityId: form!.id, scopePath: issuer.path,
      detail: { burdenId: burden.id, fileName: args.fileName, bytes: args.file.length, xlsForm: reading.xlsForm, fields: inserted.length },
    });
    return formDto(tx, form!, inserted);
  });
}

export async function loadMappableForm(db: Queryable, actor: Actor, id: string): Promise<FormRow> {
  const form = await loadReadableForm(db, actor, id);
  authorize(formPolicy.canMap(actor, form));
  return form;
}

export const fieldsByForm = async (db: Queryable, ids: readonly string[]): Promise<Map<string, FieldRow[]>> => {
  const map = new Map<string, FieldRow[]>();
  for (const id of ids) map.set(id, (await fieldsOf(db, id)).filter((f) => f.role === "indicator" && f.indicatorId));
  return map;
};

/** Mapped forms of a region (candidates for merging and for a village's one form). */
export const mappedFormsIn = (db: Queryable, regionPath: string): Promise<FormRow[]> =>
  db.select().from(forms).where(and(eq(forms.status, "mapped"), pathWithin(forms.ownerPath, regionPath)));
