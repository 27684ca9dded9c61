import { ZSecondmentInput, type SecondmentInput } from "../../../contracts/secondments.js";
import type { TableImportResult } from "../../../contracts/excel.js";
import type { Db } from "../../db/client.js";
import type { ErrorCode } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import { authorize, type Actor } from "../../kernel/actor.js";
import { unitCodeIn } from "../../kernel/excel/cells.js";
import { importTable } from "../../kernel/excel/import.js";
import { optionalDateCell, parseRow, writeTable, type TableColumn } from "../../kernel/excel/table.js";
import { listSecondments, registerSecondment, returnSecondment } from "./registry.js";

/**
 * The secondments register 借调登记台账 as a sheet: what the list shows, flags in words. The same sheet
 * comes back in: units as "名称（代码）" or a bare code; 借调月数, 占用工时 and 问题 are worked out again, not read.
 */
const COLUMNS = [
  { id: "person", header: "姓名", width: 10, required: true },
  { id: "from", header: "原单位", aliases: ["原单位代码"], width: 22, required: true },
  { id: "borrowing", header: "借调单位", aliases: ["借调单位代码"], width: 22, required: true },
  { id: "start", header: "开始日期", width: 12, required: true },
  { id: "plannedEnd", header: "计划结束日期", width: 12, required: true },
  { id: "returned", header: "实际返回日期", width: 12 },
  { id: "months", header: "借调月数", width: 10 },
  { id: "approval", header: "审批文号", width: 20 },
  { id: "reason", header: "借调事由", width: 30, required: true },
  { id: "flags", header: "问题", width: 50 },
  // Last, so a template filled in by position keeps its columns.
  { id: "hours", header: "占用工时（小时）", width: 12 },
] as const satisfies readonly TableColumn<string>[];
type ColumnId = (typeof COLUMNS)[number]["id"];

export const MAX_SECONDMENT_ROWS = 2000;

/** Everything of one's region (up to 10,000 rows), or only the flagged ones; the empty sheet for a template. */
export async function exportSecondments(db: Db, actor: Actor, query: { flagged?: "true" | "false"; template?: "true" | "false" }, lang: Lang): Promise<Buffer> {
  const { items } = query.template === "true" ? { items: [] } : await listSecondments(db, actor, { ...query, limit: 10_000 }, lang);
  return writeTable({
    title: `借调登记台账（${actor.scope.name}）`,
    sheet: "借调登记",
    columns: COLUMNS,
    rows: items.map((s) => ({
      person: s.personName,
      from: `${s.fromUnit.name}（${s.fromUnit.code}）`,
      borrowing: `${s.borrowingUnit.name}（${s.borrowingUnit.code}）`,
      start: s.startOn,
      plannedEnd: s.plannedEndOn,
      returned: s.returnedOn ?? "",
      months: s.months,
      hours: s.hours,
      approval: s.approvalCode ?? "",
      reason: s.reason,
      flags: s.flags.map((f) => f.message).join("；"),
    })),
  });
}

const FIELD_COLUMN: Record<string, ColumnId> = { personName: "person", fromUnit: "from", borrowingUnit: "borrowing", startOn: "start", plannedEndOn: "plannedEnd", approvalCode: "approval", reason: "reason" };

function columnOfError(code: ErrorCode, input: SecondmentInput, params: Record<string, unknown>): ColumnId {
  if (code === "SECONDMENT_FROM_NOT_GRASSROOTS") return "from";
  if (code === "SECONDMENT_RETURN_DATE") return "returned";
  if (code === "UNIT_NOT_FOUND") return params.code === input.fromUnit ? "from" : "borrowing";
  return "borrowing";
}

/**
 * Imports secondments: each row through registerSecondment (the borrower's right, the person's unit in
 * its region) and, when 实际返回日期 is filled, returnSecondment — in one transaction; one bad row and
 * nothing is written. The caps, repeats and overdue returns are flagged on the list as for one entered by hand.
 */
export async function importSecondments(db: Db, actor: Actor, file: Buffer, lang: Lang): Promise<TableImportResult> {
  authorize(actor.role === "department_staff" || actor.role === "township_official" || actor.role === "office");
  return importTable(db, {
    file,
    columns: COLUMNS,
    maxRows: MAX_SECONDMENT_ROWS,
    lang,
    parse: (row) => {
      const c = row.cells;
      const returned = optionalDateCell(row, "returned");
      const input = parseRow(row, ZSecondmentInput, {
        personName: c.person,
        fromUnit: unitCodeIn(c.from),
        borrowingUnit: unitCodeIn(c.borrowing),
        startOn: c.start,
        plannedEndOn: c.plannedEnd,
        approvalCode: c.approval,
        reason: c.reason,
      }, (field) => FIELD_COLUMN[field] ?? "person");
      return input && returned !== null ? { ...input, returnedOn: returned } : null;
    },
    create: async (tx, { returnedOn, ...input }) => {
      const id = await registerSecondment(tx, { actor, input });
      if (returnedOn) await returnSecondment(tx, { actor, id, returnedOn });
      return id;
    },
    columnOf: columnOfError,
  });
}
