import { count } from "drizzle-orm";
import type { FacilityInput } from "../../../contracts/facilities.js";
import type { ProjectInput } from "../../../contracts/projects.js";
import type { Db } from "../../db/client.js";
import { periodsEnding } from "../../kernel/periods.js";
import { getUnit } from "../org/units.js";
import { insertProject } from "./projects.js";
import { insertFacility, lastClosedPeriod } from "./registry.js";
import { facilities, facilityUseReports, projectUses } from "./schema.js";

type DemoFacility = FacilityInput & { visits: (month: number, i: number) => number };

const seasonal = (base: number) => (month: number) => Math.round(base * (month >= 5 && month <= 9 ? 1.4 : 0.7));
/** A year of use falling from `from` to `to` visits a month. */
const falling = (from: number, to: number) => (_month: number, i: number) => Math.round(from + ((to - from) * i) / 11);

/**
 * Demo facilities and projects of 饶河县: busy service centres beside a rural library and a practice
 * station nobody visits (the Wenzhou and Lishui cases), and projects of the reported kinds — a gate arch
 * and a plaza built on loans without a feasibility study, an exhibition hall used at a tenth of its plan.
 */
const FACILITIES: DemoFacility[] = [
  { name: "饶河村党群服务中心", kind: "party_service_center", unitCode: "230524100200", owner: "饶河村村民委员会", cost: 1_200_000, staffHoursPerWeek: 40, openingHours: "周一至周五 8:30-17:00", visits: seasonal(420) },
  { name: "饶河村农家书屋", kind: "rural_library", unitCode: "230524100200", owner: "县委宣传部", cost: 150_000, staffHoursPerWeek: 12, openingHours: "周二、周四 14:00-17:00", visits: falling(22, 6) },
  { name: "饶河村文化广场", kind: "culture_square", unitCode: "230524100200", owner: "饶河镇人民政府", cost: 800_000, staffHoursPerWeek: 4, openingHours: "全天开放", visits: seasonal(900) },
  { name: "镇北村新时代文明实践站", kind: "civilization_station", unitCode: "230524100201", owner: "县委宣传部", cost: 300_000, staffHoursPerWeek: 16, openingHours: "周一至周五 9:00-16:00", visits: falling(18, 4) },
  { name: "佳平村养老服务站", kind: "elderly_care", unitCode: "230524101200", owner: "县民政局", cost: 650_000, staffHoursPerWeek: 30, openingHours: "每日 8:00-18:00", visits: () => 75 },
  { name: "佳平村农家书屋", kind: "rural_library", unitCode: "230524101200", owner: "县委宣传部", cost: 120_000, staffHoursPerWeek: 10, openingHours: "周三、周六 9:00-12:00", visits: falling(15, 5) },
  { name: "小佳河镇便民服务点", kind: "convenience_point", unitCode: "230524101000", owner: "小佳河镇人民政府", cost: 200_000, staffHoursPerWeek: 40, openingHours: "周一至周五 8:30-17:00", visits: () => 260 },
  { name: "饶河镇党群服务中心", kind: "party_service_center", unitCode: "230524100000", owner: "饶河镇党委", cost: 3_500_000, staffHoursPerWeek: 80, openingHours: "周一至周五 8:30-17:00", visits: seasonal(1500) },
];

type DemoProject = ProjectInput & { uses?: { yearsAgo: number; actualUse: number }[] };
const PROJECTS = (year: number): DemoProject[] => [
  {
    name: "镇区入口景观牌楼",
    kind: "gate_arch",
    unitCode: "230524100000",
    owner: "饶河镇人民政府",
    status: "completed",
    completedOn: `${year - 2}-09-30`,
    fiscalFunds: 800_000,
    debtFunds: 3_000_000,
    otherFunds: 0,
    hasFeasibilityStudy: false,
    feasibilityDocument: null,
    servedPopulation: 3000,
    expectedUsePerYear: 50_000,
    useMeasure: "游客人次",
    uses: [{ yearsAgo: 1, actualUse: 1200 }],
  },
  {
    name: "小佳河镇生态文化广场",
    kind: "plaza",
    unitCode: "230524101000",
    owner: "小佳河镇人民政府",
    status: "building",
    completedOn: null,
    fiscalFunds: 1_600_000,
    debtFunds: 4_000_000,
    otherFunds: 0,
    hasFeasibilityStudy: false,
    feasibilityDocument: null,
    servedPopulation: 2100,
    expectedUsePerYear: 60_000,
    useMeasure: "人次",
  },
  {
    name: "现代农业展示馆",
    kind: "building",
    unitCode: "230524D01",
    owner: "饶河县农业农村局",
    status: "completed",
    completedOn: `${year - 3}-06-30`,
    fiscalFunds: 5_000_000,
    debtFunds: 4_000_000,
    otherFunds: 0,
    hasFeasibilityStudy: true,
    feasibilityDocument: `饶发改审〔${year - 5}〕45号`,
    servedPopulation: 95_000,
    expectedUsePerYear: 30_000,
    useMeasure: "参观人次",
    uses: [
      { yearsAgo: 2, actualUse: 4200 },
      { yearsAgo: 1, actualUse: 2100 },
    ],
  },
  {
    name: "饶河村村屯道路硬化",
    kind: "road",
    unitCode: "230524100200",
    owner: "饶河村村民委员会",
    status: "completed",
    completedOn: `${year - 2}-10-15`,
    fiscalFunds: 1_200_000,
    debtFunds: 0,
    otherFunds: 0,
    hasFeasibilityStudy: true,
    feasibilityDocument: `饶交规〔${year - 3}〕12号`,
    servedPopulation: 1800,
    expectedUsePerYear: 200_000,
    useMeasure: "通行人次",
    uses: [{ yearsAgo: 1, actualUse: 185_000 }],
  },
  {
    name: "佳平村饮水安全巩固提升工程",
    kind: "water",
    unitCode: "230524101200",
    owner: "县水务局",
    status: "building",
    completedOn: null,
    fiscalFunds: 680_000,
    debtFunds: 0,
    otherFunds: 120_000,
    hasFeasibilityStudy: true,
    feasibilityDocument: `饶水发〔${year - 1}〕8号`,
    servedPopulation: 1200,
    expectedUsePerYear: 1200,
    useMeasure: "受益人",
  },
];

export async function seedDemoFacilities(db: Db, today: string): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(facilities);
  if ((existing?.n ?? 0) > 0) return 0;
  const year = Number(today.slice(0, 4));
  const months = periodsEnding(lastClosedPeriod(today), 12);
  let n = 0;
  await db.transaction(async (tx) => {
    for (const { visits, ...input } of FACILITIES) {
      const unit = await getUnit(tx, input.unitCode);
      if (!unit) continue;
      const id = await insertFacility(tx, null, unit, input, "seed");
      await tx.insert(facilityUseReports).values(
        months.map((period, i) => {
          const v = visits(Number(period.slice(5)), i);
          return { facilityId: id, period, visits: v, events: Math.min(12, Math.round(v / 10)), provinceCode: unit.provinceCode, reportedBy: "seed" };
        }),
      );
      n++;
    }
    for (const { uses, ...input } of PROJECTS(year)) {
      const unit = await getUnit(tx, input.unitCode);
      if (!unit) continue;
      const id = await insertProject(tx, null, unit, input, "seed");
      if (uses?.length) await tx.insert(projectUses).values(uses.map((u) => ({ projectId: id, year: year - u.yearsAgo, actualUse: u.actualUse, reportedBy: "seed" })));
      n++;
    }
  });
  return n;
}
