import { and, eq } from "drizzle-orm";
import { DOCUMENT_HEADS, HEAD_NAMES, ZRegisterDocument, type RegisterDocument } from "../../../contracts/documents.js";
import type { TableImportResult } from "../../../contracts/excel.js";
import type { Db } from "../../db/client.js";
import { anyUuid } from "../../db/sql-helpers.js";
import { AppError } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import { authorize, type Actor } from "../../kernel/actor.js";
import { unitCodeIn } from "../../kernel/excel/cells.js";
import { importTable } from "../../kernel/excel/import.js";
import { parseRow, writeTable, type TableColumn } from "../../kernel/excel/table.js";
import { documentPolicy } from "./policy.js";
import { listDocuments } from "./queries.js";
import { registerDocument } from "./registry.js";
import { documents } from "./schema.js";

/**
 * The documents register 文件登记台账 as a sheet: one row per document, its findings in words. The same
 * sheet comes back in, each row registered as one entered by hand (copy detection, yearly counts):
 * 全文 is optional — a row without it is registered with its title as its text; 字数 and 问题 are
 * worked out again, not read. An Excel cell holds at most 32,767 characters: a longer text is left out
 * of the export.
 */
const COLUMNS = [
  { id: "issuedOn", header: "成文日期", width: 12, required: true },
  { id: "issuer", header: "发文单位", aliases: ["发文单位代码"], width: 24, required: true },
  { id: "docNumber", header: "文号", width: 20, required: true },
  { id: "title", header: "标题", width: 40, required: true },
  { id: "head", header: "形式", width: 10, required: true },
  { id: "scope", header: "类别", width: 10 },
  { id: "implements", header: "落实的上级文件文号", aliases: ["上级文件文号"], width: 22 },
  { id: "increaseReason", header: "发文增加理由", width: 24 },
  { id: "chars", header: "字数", width: 8 },
  { id: "findings", header: "问题", width: 50 },
  { id: "text", header: "全文", aliases: ["正文"], width: 60 },
] as const satisfies readonly TableColumn<string>[];
type ColumnId = (typeof COLUMNS)[number]["id"];

const SCOPE_NAMES = { general: "综合性", specific: "专项" } as const;
const MAX_CELL_CHARS = 32_000;
export const MAX_DOCUMENT_ROWS = 1000;

/** The documents one may read (of a year, of an issuer, only flagged ones; up to 10,000 rows); the empty sheet for a template. */
export async function exportDocuments(db: Db, actor: Actor, query: { year?: number; issuer?: string; flagged?: "true" | "false"; template?: "true" | "false" }, lang: Lang): Promise<Buffer> {
  const { items } = query.template === "true" ? { items: [] } : await listDocuments(db, actor, { ...query, limit: 10_000, offset: 0 }, lang);
  const ids = items.map((d) => d.id);
  const full = new Map(ids.length ? (await db.select({ id: documents.id, text: documents.text, implementsId: documents.implementsId, increaseReason: documents.increaseReason }).from(documents).where(anyUuid(documents.id, ids))).map((r) => [r.id, r]) : []);
  const higherIds = [...new Set([...full.values()].map((r) => r.implementsId).filter((x): x is string => !!x))];
  const numbers = new Map(higherIds.length ? (await db.select({ id: documents.id, docNumber: documents.docNumber }).from(documents).where(anyUuid(documents.id, higherIds))).map((r) => [r.id, r.docNumber]) : []);
  return writeTable({
    title: `文件登记台账${query.year ? `（${query.year}年）` : ""}`,
    sheet: "文件登记",
    columns: COLUMNS,
    rows: items.map((d) => {
      const f = full.get(d.id);
      return {
        issuedOn: d.issuedOn,
        issuer: `${d.issuerName}（${d.issuerCode}）`,
        docNumber: d.docNumber,
        title: d.title,
        head: HEAD_NAMES[d.head].zh,
        scope: SCOPE_NAMES[d.scope],
        implements: f?.implementsId ? (numbers.get(f.implementsId) ?? "") : "",
        increaseReason: f?.increaseReason ?? "",
        chars: d.chars,
        findings: d.findings.map((x) => x.message).join("；"),
        text: f && f.text.length <= MAX_CELL_CHARS ? f.text : "",
      };
    }),
  });
}

const headOf = (text = "") => DOCUMENT_HEADS.find((h) => h === text || HEAD_NAMES[h].zh === text || HEAD_NAMES[h].zh.replace("文件", "") === text) ?? text;
const scopeOf = (text?: string): string | undefined => {
  if (!text) return undefined;
  return Object.entries(SCOPE_NAMES).find(([k, v]) => k === text || v === text)?.[0] ?? text;
};
const FIELD_COLUMN: Record<string, ColumnId> = { issuer: "issuer", docNumber: "docNumber", head: "head", scope: "scope", title: "title", text: "text", issuedOn: "issuedOn", increaseReason: "increaseReason" };

/** The readable document of that number the row implements, found in the import's transaction (an earlier row counts). */
async function higherDocument(tx: Db, actor: Actor, docNumber: string): Promise<string> {
  const rows = await tx.select({ id: documents.id, issuerPath: documents.issuerPath, issuerLevel: documents.issuerLevel }).from(documents).where(and(eq(documents.docNumber, docNumber)));
  const found = rows.find((r) => documentPolicy.canRead(actor, r));
  if (!found) throw new AppError("DOCUMENT_NOT_FOUND");
  return found.id;
}

/**
 * Imports document metadata (and the full text when given): each row through registerDocument — the
 * issuer's right, the yearly count and its reason, copy detection against the register and the rows
 * above — in one transaction; one bad row and nothing is written.
 */
export async function importDocuments(db: Db, actor: Actor, file: Buffer, lang: Lang): Promise<TableImportResult> {
  authorize(actor.role === "department_staff" || actor.role === "township_official" || actor.role === "office");
  return importTable(db, {
    file,
    columns: COLUMNS,
    maxRows: MAX_DOCUMENT_ROWS,
    lang,
    parse: (row) => {
      const c = row.cells;
      const input = parseRow(row, ZRegisterDocument.omit({ implementsId: true }), {
        issuer: unitCodeIn(c.issuer),
        docNumber: c.docNumber,
        head: headOf(c.head),
        scope: scopeOf(c.scope),
        title: c.title,
        text: c.text || c.title,
        issuedOn: c.issuedOn,
        increaseReason: c.increaseReason,
      }, (field) => FIELD_COLUMN[field] ?? "title");
      return input ? { input, higher: c.implements } : null;
    },
    create: async (tx, { input, higher }) => {
      const full: RegisterDocument = { ...input, ...(higher ? { implementsId: await higherDocument(tx, actor, higher) } : {}) };
      return (await registerDocument(tx, { actor, input: full })).id;
    },
    columnOf: (code) => (code === "DOCUMENT_NOT_FOUND" ? "implements" : code === "DOCUMENT_INCREASE_REASON_REQUIRED" ? "increaseReason" : code === "DOCUMENT_TEXT_EMPTY" ? "text" : "issuer"),
  });
}
