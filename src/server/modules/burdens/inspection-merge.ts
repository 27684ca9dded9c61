import { and, eq, sql } from "drizzle-orm";
import type { MergeProposals } from "../../../contracts/burdens.js";
import type { Db } from "../../db/client.js";
import { pathWithin } from "../../db/sql-helpers.js";
import type { Actor } from "../../kernel/actor.js";
import { getUnits } from "../org/units.js";
import { actorRegionPath } from "./policy.js";
import { mergedInspectionKeys } from "./inspection-visits.js";
import { quarterRange } from "./quarter.js";
import { burdens, burdenTargets } from "./schema.js";

/**
 * 督检考统筹: admitted inspections 督查检查考核 that visit the same township in one quarter, proposed for
 * merging into one joint visit (reported practice: several departments inspecting one township in a
 * month is the burden, not each inspection). A village target counts for its township: its statistical
 * code's first nine digits.
 */

const townshipOf = (code: string): string | null => (code.length === 12 ? `${code.slice(0, 9)}000` : null);

export { quarterRange } from "./quarter.js";

export async function inspectionMergeProposals(db: Db, actor: Actor, period: { year: number; quarter: number }): Promise<MergeProposals> {
  const { from, to } = quarterRange(period.year, period.quarter);
  const rows = await db
    .select({
      id: burdens.id,
      title: burdens.title,
      issuerCode: burdens.issuerCode,
      date: burdens.deadline,
      admissionNumber: burdens.admissionNumber,
      onSite: sql<boolean>`coalesce((${burdens.details}->>'onSite')::boolean, true)`,
      unitCode: burdenTargets.unitCode,
    })
    .from(burdenTargets)
    .innerJoin(burdens, eq(burdens.id, burdenTargets.burdenId))
    .where(and(eq(burdens.kind, "inspection"), burdenTargets.inForce, pathWithin(burdenTargets.unitPath, actorRegionPath(actor)), sql`${burdens.deadline} between ${from} and ${to}`))
    .limit(20_000);
  // Inspections the office already merged into a joint visit to that township are proposed no more.
  const merged = await mergedInspectionKeys(db, actorRegionPath(actor));
  const byTownship = new Map<string, Map<string, (typeof rows)[number]>>();
  for (const r of rows) {
    const township = townshipOf(r.unitCode);
    if (!township || merged.has(`${township}|${r.id}`)) continue;
    const visits = byTownship.get(township) ?? new Map();
    visits.set(r.id, r);
    byTownship.set(township, visits);
  }
  const groups = [...byTownship].filter(([, visits]) => visits.size >= 2);
  const names = new Map(
    (await getUnits(db, [...new Set([...groups.map(([t]) => t), ...groups.flatMap(([, v]) => [...v.values()].map((r) => r.issuerCode))])])).map((u) => [u.code, u.name]),
  );
  const proposals = groups.map(([township, visits]) => {
    const list = [...visits.values()].sort((a, b) => a.date.localeCompare(b.date));
    return {
      townshipCode: township,
      townshipName: names.get(township) ?? township,
      issuers: new Set(list.map((r) => r.issuerCode)).size,
      earliest: list[0]!.date,
      latest: list.at(-1)!.date,
      inspections: list.map((r) => ({ id: r.id, title: r.title, issuerCode: r.issuerCode, issuerName: names.get(r.issuerCode) ?? r.issuerCode, date: r.date, admissionNumber: r.admissionNumber, onSite: r.onSite })),
    };
  });
  proposals.sort((a, b) => b.inspections.length - a.inspections.length || b.issuers - a.issuers || a.townshipCode.localeCompare(b.townshipCode));
  return { from, to, proposals };
}
