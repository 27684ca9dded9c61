import type { Db } from "../../db/client.js";
import type { Actor } from "../../kernel/actor.js";
import { writeTable } from "../duties/excel/table.js";
import { listProofRequests } from "./requests.js";

/** What became of a request, in the words of the log. */
const DECISION_NAMES = { issue: "可以出具", refuse_banned: "不予出具（明令取消）", refuse_unlisted: "不予出具（不在清单内）" } as const;

/** The log of proofs asked of villages 证明事项台账 as a sheet. */
const COLUMNS = [
  { id: "on", header: "日期", width: 12 },
  { id: "village", header: "村（社区）", width: 22 },
  { id: "proof", header: "证明事项", width: 26 },
  { id: "requestedBy", header: "索要单位", width: 20 },
  { id: "purpose", header: "用途", width: 20 },
  { id: "decision", header: "处理", width: 22 },
  { id: "matched", header: "对应清单事项", width: 24 },
  { id: "channel", header: "可自行核查的途径", width: 40 },
] as const;

/** The requests of one's region (of a year, of a village; up to 10,000 rows). */
export async function exportProofRequests(db: Db, actor: Actor, query: { year?: number; village?: string }): Promise<Buffer> {
  const { items } = await listProofRequests(db, actor, { ...query, limit: 10_000 });
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
    })),
  });
}
