import type { TableImportResult } from "../../../contracts/excel.js";
import { ZPlaqueAllowedRow } from "../../../contracts/evaluations.js";
import type { Db } from "../../db/client.js";
import type { Lang } from "../../http/i18n.js";
import { authorize, type Actor } from "../../kernel/actor.js";
import { unitCodeIn } from "../../kernel/excel/cells.js";
import { importTable } from "../../kernel/excel/import.js";
import { parseRow, writeTable, type TableColumn } from "../../kernel/excel/table.js";
import { listAllowedPlaques } from "./plaque-queries.js";
import { addAllowedPlaque } from "./plaques.js";

/**
 * The allowed list of plaques on village offices 村级组织准挂牌子清单 as a sheet. The same sheet comes back
 * in, each row added as one entered by hand; a row the list already has as written is left alone, so
 * the exported list with rows added imports as it is.
 */
const COLUMNS = [
  { id: "region", header: "设定地区", aliases: ["地区", "地区代码"], width: 26 },
  { id: "name", header: "牌子名称", width: 32, required: true },
  { id: "basis", header: "设置依据", aliases: ["依据"], width: 40 },
] as const satisfies readonly TableColumn<string>[];
type ColumnId = (typeof COLUMNS)[number]["id"];

export const MAX_ALLOWED_PLAQUE_ROWS = 1000;

/** What holds for a village of one's region (or for the region); the empty sheet for a template. */
export async function exportAllowedPlaques(db: Db, actor: Actor, query: { village?: string; template?: "true" | "false" }): Promise<Buffer> {
  const items = query.template === "true" ? [] : await listAllowedPlaques(db, actor, query.village);
  return writeTable({
    title: `${actor.scope.name}村级组织准挂牌子清单`,
    sheet: "准挂牌子清单",
    columns: COLUMNS,
    rows: items.map((a) => ({ region: `${a.region.name}（${a.region.code}）`, name: a.name, basis: a.basis ?? "" })),
  });
}

const FIELD_COLUMN: Record<string, ColumnId> = { regionCode: "region", name: "name", basis: "basis" };

/** Imports the allowed list (the office): each row through addAllowedPlaque, in one transaction; one bad row and nothing is written. */
export async function importAllowedPlaques(db: Db, actor: Actor, file: Buffer, lang: Lang): Promise<TableImportResult> {
  authorize(actor.role === "office");
  return importTable(db, {
    file,
    columns: COLUMNS,
    maxRows: MAX_ALLOWED_PLAQUE_ROWS,
    lang,
    parse: (row) => {
      const c = row.cells;
      return parseRow(row, ZPlaqueAllowedRow, { regionCode: c.region ? unitCodeIn(c.region) : undefined, name: c.name, basis: c.basis }, (field) => FIELD_COLUMN[field] ?? "name");
    },
    create: (tx, input) => addAllowedPlaque(tx, actor, input),
    columnOf: (code) => (code === "PLAQUE_ALLOWED_BASIS" ? "basis" : "region"),
  });
}
