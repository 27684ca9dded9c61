import type { z } from "zod";
import { ZBurdenInput } from "../../../../../contracts/burdens.js";
import { buildWorkingCalendar } from "../../../calendar/working-calendar.js";
import type { DutyMatch, GateBurden, GateContext, GateTarget } from "../types.js";
import { DEFAULT_GATE_SETTINGS } from "./defaults.js";

/**
 * Burdens and contexts for the rules' tests, with no database: the calendar is the real one (package
 * data, no office days), everything else plain data a test overrides.
 */

export const RAOHE_TOWN = { code: "230524100000", name: "饶河镇" };

/** `n` villages of 饶河镇 (codes 230524100201…): the targets of most cases. */
export function villagesOf(n: number, township = RAOHE_TOWN): GateTarget[] {
  return Array.from({ length: n }, (_, i) => {
    const code = `${township.code.slice(0, 9)}${String(201 + i).padStart(3, "0")}`;
    return {
      code,
      name: `第${i + 1}村委会`,
      level: "village",
      path: `100000.230000.230500.230524.${township.code}.${code}`,
      orgType: null,
      townshipCode: township.code,
    };
  });
}

/** A township whose list holds a close basic item, so a plain statistical task is on the list. */
export const listedDuty = (overrides: Partial<DutyMatch> = {}): DutyMatch => ({
  townshipCode: RAOHE_TOWN.code,
  townshipName: RAOHE_TOWN.name,
  hasList: true,
  cited: null,
  best: { key: "B-017", name: "配合开展统计调查", part: "basic", score: 0.72, leadDepartment: null },
  ...overrides,
});

export function buildGateContext(overrides: Partial<GateContext> = {}): GateContext {
  const targets = overrides.targets ?? villagesOf(3);
  return {
    today: "2025-09-01",
    settings: DEFAULT_GATE_SETTINGS,
    issuer: { code: "230524D02", name: "饶河县统计局", level: "department", path: "100000.230000.230500.230524.230524D02", orgType: "bureau" },
    targets,
    duty: [listedDuty()],
    calendar: buildWorkingCalendar([]),
    issuerUsage: { sameKindThisYear: 0, documentsThisYear: 0, documentsLastYear: 0, generalMeetingsThisYear: 0, comprehensiveInspectionsThisYear: 0 },
    targetLoads: targets.map((t) => ({ code: t.code, name: t.name, minutesThisMonth: 0 })),
    similar: [],
    parent: null,
    relayedMeeting: null,
    registers: { inspectionPlan: [], approvedEvaluations: [], secondmentApprovals: [], allowedProofs: [] },
    ...overrides,
  };
}

export type GateBurdenOverrides = Partial<z.input<typeof ZBurdenInput>> & { id?: string };

/**
 * A valid burden (parsed by the contract, so details get their defaults): by default a one-off task of
 * 饶河县统计局 to three villages, issued 2025-09-01, due in two weeks.
 */
export function buildGateBurden(overrides: GateBurdenOverrides = {}): GateBurden {
  const { id, ...input } = overrides;
  const parsed = ZBurdenInput.parse({
    kind: "task",
    issuer: "230524D02",
    targets: villagesOf(3).map((t) => t.code),
    title: "填报村级基本情况统计表",
    text: "请各村如实填报村级基本情况统计表。",
    issuedOn: "2025-09-01",
    deadline: "2025-09-15",
    frequency: "once",
    minutesPerTarget: 60,
    ...input,
  });
  return id ? { ...parsed, id } : parsed;
}
