import { and, eq } from "drizzle-orm";
import type { Checks } from "../../../../contracts/forms.js";
import type { Queryable } from "../../../db/client.js";
import { anyUuid, pathWithin } from "../../../db/sql-helpers.js";
import type { Lang } from "../../../http/i18n.js";
import type { IndicatorRow } from "../catalog.js";
import { formData, formDisagreements } from "../schema.js";
import { mismatch } from "./statistics.js";

/** A flag before the unit's name is looked up. */
export type RawFlag = Omit<Checks["flags"][number], "unit"> & { unitCode?: string };

type Source = { value: string; sourceKind: string; sourceId: string | null; by: string | null; at: string };

const SOURCE: Record<string, { zh: string; en: string }> = {
  submission: { zh: "村级填报", en: "the village's submission" },
  import: { zh: "部门导入", en: "a department's import" },
  department: { zh: "部门录入", en: "a department's entry" },
};
const said = (s: Source, lang: Lang) => {
  const name = SOURCE[s.sourceKind]?.[lang === "en" ? "en" : "zh"] ?? s.sourceKind;
  return s.by ? `${name}${lang === "en" ? ", " : "，"}${s.by}` : name;
};

/**
 * Mismatch against another source (来源不一致): each figure another source gave for a datum of the
 * period (an import kept out, a value a submission replaced) that still disagrees with the datum held,
 * beyond the tolerance. Both values and both provenances go in the evidence; nothing is changed.
 */
export async function mismatchFlags(db: Queryable, args: { indicators: IndicatorRow[]; regionPath: string; periodKey: string; lang: Lang }): Promise<RawFlag[]> {
  const byId = new Map(args.indicators.map((i) => [i.id, i]));
  const rows = await db
    .select({ other: formDisagreements, held: formData })
    .from(formDisagreements)
    .innerJoin(formData, and(eq(formData.indicatorId, formDisagreements.indicatorId), eq(formData.unitCode, formDisagreements.unitCode), eq(formData.periodKey, formDisagreements.periodKey)))
    .where(and(anyUuid(formDisagreements.indicatorId, [...byId.keys()]), eq(formDisagreements.periodKey, args.periodKey), pathWithin(formDisagreements.unitPath, args.regionPath)))
    .orderBy(formDisagreements.unitCode, formDisagreements.noticedAt);
  const seen = new Set<string>();
  return rows.flatMap(({ other: o, held: h }) => {
    const indicator = byId.get(o.indicatorId)!;
    const m = mismatch(h.value, o.value);
    // The same figure from the same source noticed twice (an import confirmed again) is one flag.
    const key = `${o.indicatorId}|${o.unitCode}|${o.value}|${o.sourceKind}|${o.sourceId}`;
    if (!m || seen.has(key)) return [];
    seen.add(key);
    const held: Source = { value: h.value, sourceKind: h.sourceKind, sourceId: h.sourceId, by: h.recordedByName, at: h.recordedAt.toISOString() };
    const other: Source = { value: o.value, sourceKind: o.sourceKind, sourceId: o.sourceId, by: o.recordedByName, at: o.recordedAt.toISOString() };
    const u = indicator.unit;
    const message =
      args.lang === "en"
        ? `${indicator.name}: ${h.value} ${u} held (${said(held, "en")}), ${o.value} ${u} from ${said(other, "en")}`
        : `${indicator.name}：现有数据 ${h.value}${u}（${said(held, "zh-CN")}），另一来源为 ${o.value}${u}（${said(other, "zh-CN")}）`;
    const ref = { id: indicator.id, code: indicator.code, name: indicator.name, unit: u };
    const value = Number(h.value);
    return [{ kind: "mismatch" as const, indicator: ref, unitCode: o.unitCode, value: Number.isFinite(value) ? value : null, message, evidence: { held, other, differencePercent: m.differencePercent, tolerancePercent: m.tolerancePercent } }];
  });
}
