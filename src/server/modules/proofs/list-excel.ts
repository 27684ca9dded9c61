import type { TableImportResult } from "../../../contracts/excel.js";
import { ZAllowedProofInput } from "../../../contracts/proofs.js";
import type { Db } from "../../db/client.js";
import type { ErrorCode } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import { authorize, type Actor } from "../../kernel/actor.js";
import { unitCodeIn } from "../../kernel/excel/cells.js";
import { importTable } from "../../kernel/excel/import.js";
import { numberCell, parseRow, writeTable, type TableColumn } from "../../kernel/excel/table.js";
import { addAllowedProof, listAllowedProofs } from "./allowed-list.js";

/**
 * The list of proofs a village may issue 村级可出具证明事项清单 as a sheet, one proof a row. The same sheet
 * comes back in, each row added as one entered by hand; a row already on the list as written is left
 * alone, so last year's list with 年度 changed, or this year's with rows added, imports as it is.
 */
const COLUMNS = [
  { id: "year", header: "年度", width: 8, required: true },
  { id: "code", header: "编号", width: 14, required: true },
  { id: "title", header: "证明事项名称", aliases: ["证明事项"], width: 36, required: true },
  { id: "region", header: "设定地区", aliases: ["地区", "地区代码"], width: 26 },
] as const satisfies readonly TableColumn<string>[];
type ColumnId = (typeof COLUMNS)[number]["id"];

export const MAX_ALLOWED_PROOF_ROWS = 1000;

/** The list of one's region for a year; the empty sheet for a template. */
export async function exportAllowedProofs(db: Db, actor: Actor, query: { year: number; template?: "true" | "false" }): Promise<Buffer> {
  const items = query.template === "true" ? [] : await listAllowedProofs(db, actor, query.year);
  return writeTable({
    title: `${actor.scope.name}${query.year}年村级组织可出具证明事项清单`,
    sheet: "可出具证明清单",
    columns: COLUMNS,
    rows: items.map((p) => ({ year: p.year, code: p.code, title: p.title, region: `${p.region.name}（${p.region.code}）` })),
  });
}

const FIELD_COLUMN: Record<string, ColumnId> = { regionCode: "region", year: "year", code: "code", title: "title" };
const ERROR_COLUMN: Partial<Record<ErrorCode, ColumnId>> = { PROOF_LIST_CODE_TAKEN: "code", PROOF_LIST_BANNED: "title" };

/** Imports the list (the office): each row through addAllowedProof, in one transaction; one bad row and nothing is written. */
export async function importAllowedProofs(db: Db, actor: Actor, file: Buffer, lang: Lang): Promise<TableImportResult> {
  authorize(actor.role === "office");
  return importTable(db, {
    file,
    columns: COLUMNS,
    maxRows: MAX_ALLOWED_PROOF_ROWS,
    lang,
    parse: (row) => {
      const c = row.cells;
      const year = numberCell(row, "year", { min: 2000, max: 2100, integer: true });
      const input = parseRow(row, ZAllowedProofInput, { regionCode: c.region ? unitCodeIn(c.region) : undefined, year: year ?? 2000, code: c.code, title: c.title }, (field) => FIELD_COLUMN[field] ?? "title");
      return year === null ? null : input;
    },
    create: (tx, input) => addAllowedProof(tx, actor, input),
    // What else is refused is the region's: not found, no region, not the office's.
    columnOf: (code) => ERROR_COLUMN[code] ?? "region",
  });
}
