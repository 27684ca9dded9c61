import type { Db } from "../../db/client.js";
import type { Lang } from "../../http/i18n.js";
import type { Actor } from "../../kernel/actor.js";
import { writeTable } from "../duties/excel/table.js";
import { listSecondments } from "./registry.js";

/** The secondments register 借调登记台账 as a sheet: what the list shows, flags in words. */
const COLUMNS = [
  { id: "person", header: "姓名", width: 10 },
  { id: "from", header: "原单位", width: 22 },
  { id: "borrowing", header: "借调单位", width: 22 },
  { id: "start", header: "开始日期", width: 12 },
  { id: "plannedEnd", header: "计划结束日期", width: 12 },
  { id: "returned", header: "实际返回日期", width: 12 },
  { id: "months", header: "借调月数", width: 10 },
  { id: "approval", header: "审批文号", width: 20 },
  { id: "reason", header: "借调事由", width: 30 },
  { id: "flags", header: "问题", width: 50 },
] as const;

/** Everything of one's region (up to 10,000 rows), or only the flagged ones. */
export async function exportSecondments(db: Db, actor: Actor, query: { flagged?: "true" | "false" }, lang: Lang): Promise<Buffer> {
  const { items } = await listSecondments(db, actor, { ...query, limit: 10_000 }, lang);
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
      approval: s.approvalCode ?? "",
      reason: s.reason,
      flags: s.flags.map((f) => f.message).join("；"),
    })),
  });
}
