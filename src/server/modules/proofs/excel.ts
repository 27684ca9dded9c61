import type { TableImportResult } from "../../../contracts/excel.js";
import { ZProofRequestInput } from "../../../contracts/proofs.js";
import type { Db } from "../../db/client.js";
import type { Lang } from "../../http/i18n.js";
import { authorize, type Actor } from "../../kernel/actor.js";
import { unitCodeIn } from "../../kernel/excel/cells.js";
import { importTable } from "../../kernel/excel/import.js";
import { parseRow, writeTable, type TableColumn } from "../../kernel/excel/table.js";
import { listProofRequests, recordProofRequest } from "./requests.js";

/** What became of a request, in the words of the log. */
const DECISION_NAMES = { issue: "可以出具", refuse_banned: "不予出具（明令取消）", refuse_unlisted: "不予出具（不在清单内）" } as const;

/**
 * The log of proofs asked of villages 证明事项台账 as a sheet. The same sheet comes back in: 处理,
 * 对应清单事项 and 可自行核查的途径 are decided again by the region's lists, as for one entered by hand, and
 * 耗时（小时） is worked out again from the region's minutes per proof, never read.
 */
const COLUMNS = [
  { id: "on", header: "日期", width: 12, required: true },
  { id: "village", header: "村（社区）", aliases: ["村（社区）代码", "村代码"], width: 22, required: true },
  { id: "proof", header: "证明事项", width: 26, required: true },
  { id: "requestedBy", header: "索要单位", width: 20, required: true },
  { id: "purpose", header: "用途", width: 20 },
  { id: "decision", header: "处理", width: 22 },
  { id: "matched", header: "对应清单事项", width: 24 },
  { id: "channel", header: "可自行核查的途径", width: 40 },
  { id: "hours", header: "耗时（小时）", width: 12 },
] as const satisfies readonly TableColumn<string>[];
type ColumnId = (typeof COLUMNS)[number]["id"];

export const MAX_PROOF_ROWS = 2000;

/** The requests of one's region (of a year, of a village; up to 10,000 rows); the empty sheet for a template. */
export async function exportProofRequests(db: Db, actor: Actor, query: { year?: number; village?: string; template?: "true" | "false" }): Promise<Buffer> {
  const { items } = query.template === "true" ? { items: [] } : await listProofRequests(db, actor, { ...query, limit: 10_000 });
  return writeTable({
    title: `证明事项台账（${actor.scope.name}${query.year ? ` ${query.year}年` : ""}）`,
    sheet: "证明事项",
    columns: COLUMNS,
    rows: items.map((p) => ({
      on: p.on,
      village: `${p.villageName}（${p.villageCode}）`,
      proof: p.proofName,
      requestedBy: p.requestedBy,
      purpose: p.purpose ?? "",
      decision: DECISION_NAMES[p.decision],
      matched: p.matched ?? "",
      channel: p.channel ?? "",
      hours: p.hours,
    })),
  });
}

const FIELD_COLUMN: Record<string, ColumnId> = { villageCode: "village", proofName: "proof", requestedBy: "requestedBy", purpose: "purpose", on: "on" };

/**
 * Imports the log of proofs asked (a village cadre for his village, a township official for its
 * villages): each row through recordProofRequest, decided by the region's lists, in one transaction.
 */
export async function importProofRequests(db: Db, actor: Actor, file: Buffer, lang: Lang): Promise<TableImportResult> {
  authorize(actor.role === "village_cadre" || actor.role === "township_official");
  return importTable(db, {
    file,
    columns: COLUMNS,
    maxRows: MAX_PROOF_ROWS,
    lang,
    parse: (row) => {
      const c = row.cells;
      const input = { villageCode: unitCodeIn(c.village), proofName: c.proof, requestedBy: c.requestedBy, purpose: c.purpose, on: c.on };
      return parseRow(row, ZProofRequestInput, input, (field) => FIELD_COLUMN[field] ?? "proof");
    },
    create: (tx, input) => recordProofRequest(tx, { actor, input }),
    columnOf: (code) => (code === "PROOF_DATE_IN_FUTURE" ? "on" : "village"),
  });
}
