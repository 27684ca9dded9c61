import { and, inArray } from "drizzle-orm";
import type { Checks } from "../../../../contracts/forms.js";
import type { Db } from "../../../db/client.js";
import { pathWithin } from "../../../db/sql-helpers.js";
import type { Lang } from "../../../http/i18n.js";
import { authorize, pathIsInside, regionPathOf, type Actor, type ScopeUnit } from "../../../kernel/actor.js";
import { getUnits } from "../../org/units.js";
import { listIndicators, type IndicatorRow } from "../catalog.js";
import { formData } from "../schema.js";
import { mismatchFlags, type RawFlag } from "./mismatch.js";
import { benford, jump, peerOutliers } from "./statistics.js";

type Point = { unitCode: string; period: string; value: number };
const NUMERIC = ["number", "integer", "percent"];

/** The 减负办, commission and administrators of the region see every flag; a department those of its own indicators. */
export function checkableIndicators(actor: Actor, region: ScopeUnit, all: IndicatorRow[]): IndicatorRow[] {
  if (actor.role === "department_staff") return all.filter((i) => i.ownerDepartment === actor.scope.code);
  authorize(["office", "commission", "admin"].includes(actor.role) && pathIsInside(region.path, regionPathOf(actor)));
  return all;
}

function flagsOf(indicator: IndicatorRow, points: Point[], periodKey: string, lang: Lang): RawFlag[] {
  const ref = { id: indicator.id, code: indicator.code, name: indicator.name, unit: indicator.unit };
  const u = indicator.unit;
  const current = points.filter((p) => p.period === periodKey);
  const earlier = points.filter((p) => p.period.length === periodKey.length && p.period < periodKey);
  const flags: RawFlag[] = [];
  for (const p of current) {
    const j = jump(p.value, earlier.filter((e) => e.unitCode === p.unitCode).map((e) => ({ period: e.period, value: e.value })));
    if (!j) continue;
    const message = lang === "en" ? `${indicator.name}: ${j.previous} ${u} in ${j.previousPeriod}, ${j.current} ${u} now (${j.changePercent}%)` : `${indicator.name}：${j.previousPeriod} 为 ${j.previous}${u}，本期 ${j.current}${u}（变化 ${j.changePercent}%）`;
    flags.push({ kind: "jump", indicator: ref, unitCode: p.unitCode, value: p.value, message, evidence: j });
  }
  for (const o of peerOutliers(current)) {
    const e = o.evidence;
    const message = lang === "en" ? `${indicator.name}: ${e.value} ${u} against a median of ${e.median} ${u} among ${e.peers} villages (robust z ${e.robustZ})` : `${indicator.name}：${e.value}${u}，${e.peers} 个村的中位数为 ${e.median}${u}（稳健 z 值 ${e.robustZ}）`;
    flags.push({ kind: "peer_outlier", indicator: ref, unitCode: o.unitCode, value: o.value, message, evidence: e });
  }
  const b = benford(current.map((p) => p.value));
  if (b) {
    const message = lang === "en" ? `${indicator.name}: first digits of ${b.sample} figures depart from Benford's law (χ² ${b.chiSquare} > 20.09)` : `${indicator.name}：${b.sample} 个数据的首位数字分布偏离本福特定律（χ² = ${b.chiSquare}，临界值 20.09）`;
    flags.push({ kind: "benford", indicator: ref, value: null, message, evidence: b });
  }
  return flags;
}

/**
 * Flags on a period's figures in a county, with their evidence; computed on request, data never altered.
 * Jumps, outliers and Benford look at numbers; a mismatch between sources at any type.
 */
export async function runChecks(db: Db, args: { actor: Actor; region: ScopeUnit; periodKey: string; lang: Lang }): Promise<Checks> {
  const visible = checkableIndicators(args.actor, args.region, await listIndicators(db, args.region.code));
  if (visible.length === 0) return { periodKey: args.periodKey, flags: [] };
  const indicators = visible.filter((i) => NUMERIC.includes(i.type));
  const rows = await db
    .select({ indicatorId: formData.indicatorId, unitCode: formData.unitCode, period: formData.periodKey, value: formData.value })
    .from(formData)
    .where(and(inArray(formData.indicatorId, indicators.map((i) => i.id)), pathWithin(formData.unitPath, args.region.path)));
  const raw = [
    ...indicators.flatMap((i) =>
      flagsOf(i, rows.filter((r) => r.indicatorId === i.id).map((r) => ({ unitCode: r.unitCode, period: r.period, value: Number(r.value) })), args.periodKey, args.lang),
    ),
    ...(await mismatchFlags(db, { indicators: visible, regionPath: args.region.path, periodKey: args.periodKey, lang: args.lang })),
  ];
  const names = new Map((await getUnits(db, [...new Set(raw.flatMap((f) => (f.unitCode ? [f.unitCode] : [])))])).map((u) => [u.code, u.name]));
  const flags = raw.map(({ unitCode, ...f }) => ({ ...f, unit: unitCode ? { code: unitCode, name: names.get(unitCode) ?? unitCode } : null }));
  return { periodKey: args.periodKey, flags };
}
