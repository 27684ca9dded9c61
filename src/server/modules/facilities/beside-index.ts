import { and, gte, inArray, lte } from "drizzle-orm";
import type { FacilityKind, FacilityMonths } from "../../../contracts/facilities.js";
import type { Queryable } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import type { Actor } from "../../kernel/actor.js";
import { periodOf } from "../../kernel/periods.js";
import { workbookOf } from "../burden-index/excel.js";
import { indexSeries, monthsFrom } from "../burden-index/queries.js";
import { getUnit } from "../org/units.js";
import { staffHoursPerMonth } from "./idle.js";
import { resourcePolicy } from "./policy.js";
import { facilitiesUnder, presentFacilities } from "./registry.js";
import { idleRuleFrom, rulesOnPath } from "./rules.js";
import { facilityUseReports } from "./schema.js";

const MAX_MONTHS = 36;
const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * A unit's facility staff hours beside its burden index, month by month (ADR 0008: shown beside, not
 * added). A facility stands in a month when it was registered by then or reported on for it; its hours
 * that month count as under the floor when the village reported fewer visits than its idle floor.
 */
export async function facilityMonths(db: Queryable, actor: Actor, q: { unit: string; from: string; to: string }, lang: Lang): Promise<FacilityMonths> {
  const unit = await getUnit(db, q.unit);
  if (!unit || !resourcePolicy.canRead(actor, unit)) throw new AppError("UNIT_NOT_FOUND", { code: q.unit });
  if (q.from > q.to || monthsFrom(q.from, q.to).length > MAX_MONTHS) throw new AppError("INDEX_PERIOD_INVALID", { max: MAX_MONTHS });
  const rows = await facilitiesUnder(db, unit.path);
  const [series, reports, rules, present] = await Promise.all([
    indexSeries(db, unit, { from: q.from, to: q.to }),
    rows.length
      ? db.select().from(facilityUseReports).where(and(inArray(facilityUseReports.facilityId, rows.map((r) => r.id)), gte(facilityUseReports.period, q.from), lte(facilityUseReports.period, q.to)))
      : Promise.resolve([]),
    rulesOnPath(db, ...new Set(rows.map((r) => r.unitPath))),
    presentFacilities(db, actor, rows, lang),
  ]);
  const reported = new Map(reports.map((r) => [`${r.facilityId}|${r.period}`, r.visits]));
  const floors = new Map(rows.map((r) => [r.id, idleRuleFrom(rules, r.unitPath, r.kind as FacilityKind).minVisits]));
  const months = series.months.map(({ month, hours }) => {
    let staff = 0;
    let under = 0;
    let standing = 0;
    for (const f of rows) {
      const visits = reported.get(`${f.id}|${month}`);
      if (visits === undefined && periodOf(f.createdAt.toISOString()) > month) continue;
      standing++;
      const h = staffHoursPerMonth(f.staffHoursPerWeek);
      staff += h;
      if (visits !== undefined && visits < floors.get(f.id)!) under += h;
    }
    return { month, burdenHours: hours, staffHours: round1(staff), underFloorHours: round1(under), facilities: standing };
  });
  const idle = present
    .filter((f) => f.flags.length > 0)
    .map((f) => ({ id: f.id, name: f.name, kind: f.kind, unit: f.unit, staffHoursPerMonth: f.staffHoursPerMonth, message: f.flags[0]!.message, caseId: f.flags[0]!.caseId }));
  return { unit: { code: unit.code, name: unit.name }, from: q.from, to: q.to, months, idle };
}

/** The panel's data as .xlsx: the months on one sheet, the idle facilities on another. */
export function facilityMonthsWorkbook(m: FacilityMonths, lang: Lang): Promise<Buffer> {
  const zh = lang === "zh-CN";
  return workbookOf([
    {
      title: zh ? `${m.unit.name} 设施值守工时与负担指数（${m.from} 至 ${m.to}）` : `${m.unit.name}: facility staff hours beside the burden index (${m.from} to ${m.to})`,
      header: zh ? ["月份", "负担指数（小时）", "设施值守工时（小时）", "其中到访低于闲置下限的月份工时", "设施数"] : ["Month", "Burden index (hours)", "Facility staff hours", "of which in months under the idle floor", "Facilities"],
      rows: m.months.map((x) => [x.month, x.burdenHours, x.staffHours, x.underFloorHours, x.facilities]),
    },
    {
      title: zh ? `${m.unit.name} 闲置设施` : `${m.unit.name}: idle facilities`,
      header: zh ? ["设施名称", "所在单位", "每月值守工时", "问题标记", "问题线索"] : ["Facility", "Unit", "Staff hours a month", "Flag", "Case"],
      rows: m.idle.map((f) => [f.name, f.unit.name, f.staffHoursPerMonth, f.message, f.caseId ?? ""]),
    },
  ]);
}
