import type { TableImportResult } from "../../../contracts/excel.js";
import type { Db } from "../../db/client.js";
import { AppError, messageFor, type ErrorCode } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import { readTable, throwTableIssues, type TableColumn, type TableRow } from "./table.js";

/**
 * Imports a register table row by row through the register's own single create, so every check,
 * detector and flag of a create runs on each row. First every row is read and parsed (cells, zod);
 * then, in ONE transaction, each row that parsed is created in sheet order (a later row sees the earlier
 * ones, as if entered one after the other). A row the create refuses is reported by its sheet, row and
 * column in zh-CN and en, the remaining rows are still tried so the whole file is answered at once, and
 * when anything was refused the transaction is rolled back: nothing is written.
 */
export async function importTable<Id extends string, Input>(
  db: Db,
  args: {
    file: Buffer;
    columns: readonly TableColumn<Id>[];
    maxRows: number;
    lang: Lang;
    /** The row's cells as the create's input, checked with its zod schema; null when bad (reported through row.problem). */
    parse: (row: TableRow<Id>) => Input | null;
    /**
     * The single create, given the import's transaction; returns the new record's id, or null when the
     * row is already on a list exactly as written (an exported list comes back in without refusals).
     */
    create: (tx: Db, input: Input, row: TableRow<Id>) => Promise<string | null>;
    /** The column a refusal of the create belongs to. */
    columnOf: (code: ErrorCode, input: Input, params: Record<string, unknown>) => Id;
  },
): Promise<TableImportResult> {
  const { rows, issues } = await readTable(args.file, args.columns, { maxRows: args.maxRows });
  const parsed: { row: TableRow<Id>; input: Input }[] = [];
  for (const row of rows) {
    if (row.bad) continue;
    const input = args.parse(row);
    if (input !== null) parsed.push({ row, input });
  }
  // Even when some rows are already known bad, the good ones are tried too (and rolled back), so the
  // answer names every bad row of the file at once.
  return db.transaction(async (tx) => {
    const out: TableImportResult["rows"] = [];
    let unchanged = 0;
    for (const { row, input } of parsed) {
      try {
        // Each row in a savepoint: a statement that fails inside a create (a unique key, say) would
        // otherwise abort the whole transaction and every later row with it.
        const id = await (tx as unknown as Db).transaction((rowTx) => args.create(rowTx as unknown as Db, input, row));
        if (id === null) unchanged++;
        else out.push({ row: row.row, id });
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        row.problem(args.columnOf(err.code, input, err.params), messageFor(err.code, "zh-CN", err.params), messageFor(err.code, "en", err.params));
      }
    }
    // Thrown inside the transaction: every row created before is rolled back.
    throwTableIssues(issues, args.lang);
    return { imported: out.length, rows: out, unchanged };
  });
}
