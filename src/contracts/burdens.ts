import { z } from "zod";
import { ZUnitCode } from "./roles.js";

/** Kinds of burden 负担事项 (DESIGN.md §3). */
export const BURDEN_KINDS = [
  "task", // 工作任务
  "form", // 报表
  "meeting", // 会议
  "document", // 文件
  "inspection", // 督查检查考核
  "evaluation", // 评比表彰、创建示范、节庆展会论坛
  "secondment", // 借调
  "app", // 政务APP
  "workgroup", // 工作群
  "plaque", // 挂牌
  "proof", // 证明事项
] as const;
export const ZBurdenKind = z.enum(BURDEN_KINDS);
export type BurdenKind = z.infer<typeof ZBurdenKind>;

export const FREQUENCIES = ["once", "daily", "weekly", "monthly", "quarterly", "yearly"] as const;
export const ZFrequency = z.enum(FREQUENCIES);
export type Frequency = z.infer<typeof ZFrequency>;

export const BURDEN_STATUSES = ["draft", "submitted", "admitted", "returned", "in_review", "withdrawn", "expired"] as const;
export const ZBurdenStatus = z.enum(BURDEN_STATUSES);
export type BurdenStatus = z.infer<typeof ZBurdenStatus>;

export const STATUS_NAMES: Record<BurdenStatus, { zh: string; en: string }> = {
  draft: { zh: "草稿", en: "draft" },
  submitted: { zh: "已提交", en: "submitted" },
  admitted: { zh: "已准入", en: "admitted" },
  returned: { zh: "已退回", en: "returned" },
  in_review: { zh: "待审核", en: "in review" },
  withdrawn: { zh: "已撤回", en: "withdrawn" },
  expired: { zh: "已过期", en: "expired" },
};

export const ZIsoDate = z.iso.date();

/** Targets: explicit unit codes, or a rule "all townships / villages under X". */
export const ZTargets = z.union([
  z.array(ZUnitCode).min(1).max(5000),
  z.object({ under: ZUnitCode, level: z.enum(["township", "village"]) }),
]);
export type Targets = z.infer<typeof ZTargets>;

/** A quantitative target imposed on each target unit, e.g. 100 人 per day. */
export const ZQuantity = z.object({
  value: z.number().positive().max(1e9),
  unit: z.string().trim().min(1).max(20),
  per: z.enum(["once", "day", "week", "month", "quarter", "year"]),
});
export type Quantity = z.infer<typeof ZQuantity>;

/** Demands an app or a work group makes of cadres (指尖上的形式主义). */
export const APP_DEMANDS = ["check_in", "points", "online_time", "install_rate", "photo_upload", "ranking", "forwarding"] as const;

const details = {
  task: z.object({}).strict(),
  form: z.object({ fieldCount: z.number().int().min(1).max(2000).optional() }).strict(),
  meeting: z
    .object({
      lengthMinutes: z.number().int().min(5).max(24 * 60),
      attendeesPerTarget: z.number().int().min(1).max(200),
      mode: z.enum(["in_person", "video"]),
      /** 全体会议/综合性工作会议: a general work meeting of a system. */
      general: z.boolean().default(false),
      speechMinutes: z.number().int().min(1).max(600).optional(),
      relaysMeetingId: z.string().uuid().optional(),
    })
    .strict(),
  document: z
    .object({
      docNumber: z.string().trim().max(60).optional(),
      head: z.enum(["red", "white", "memo"]),
      scope: z.enum(["general", "specific"]),
      implementsDocument: z.string().trim().max(200).optional(),
      /** Required when the issuer's yearly count of documents exceeds last year's. */
      increaseReason: z.string().trim().max(2000).optional(),
    })
    .strict(),
  inspection: z
    .object({
      planItemCode: z.string().trim().max(60).optional(),
      comprehensive: z.boolean().default(false),
      onSite: z.boolean().default(true),
    })
    .strict(),
  evaluation: z
    .object({
      category: z.enum(["commendation", "demonstration", "festival_forum"]),
      approvalCode: z.string().trim().max(60).optional(),
    })
    .strict(),
  secondment: z
    .object({
      persons: z.number().int().min(1).max(1000),
      months: z.number().min(0.5).max(60),
      approvalDocument: z.string().trim().max(100).optional(),
    })
    .strict(),
  app: z.object({ appName: z.string().trim().min(1).max(60), demands: z.array(z.enum(APP_DEMANDS)).max(10).default([]) }).strict(),
  workgroup: z.object({ groupName: z.string().trim().min(1).max(60), demands: z.array(z.enum(APP_DEMANDS)).max(10).default([]) }).strict(),
  plaque: z.object({ plaqueName: z.string().trim().min(1).max(60) }).strict(),
  proof: z.object({ proofName: z.string().trim().min(1).max(100) }).strict(),
} satisfies Record<BurdenKind, z.ZodType>;

const base = {
  issuer: ZUnitCode.describe("the unit or department that imposes it"),
  targets: ZTargets,
  title: z.string().trim().min(2).max(200),
  text: z.string().trim().max(60_000).default(""),
  issuedOn: ZIsoDate,
  deadline: ZIsoDate,
  frequency: ZFrequency,
  minutesPerTarget: z.number().int().min(1).max(60 * 24 * 30).describe("estimated minutes per target per occurrence"),
  parentId: z.string().uuid().optional().describe("the burden this one relays down"),
  quantity: ZQuantity.optional(),
  dutyItem: z.string().trim().max(200).optional().describe("the duty-list item the issuer cites"),
};

/** A burden as a department drafts it: common fields plus the details of its kind. */
export const ZBurdenInput = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("task"), details: details.task.default({}), ...base }),
    z.object({ kind: z.literal("form"), details: details.form.default({}), ...base }),
    z.object({ kind: z.literal("meeting"), details: details.meeting, ...base }),
    z.object({ kind: z.literal("document"), details: details.document, ...base }),
    z.object({ kind: z.literal("inspection"), details: details.inspection.default({ comprehensive: false, onSite: true }), ...base }),
    z.object({ kind: z.literal("evaluation"), details: details.evaluation, ...base }),
    z.object({ kind: z.literal("secondment"), details: details.secondment, ...base }),
    z.object({ kind: z.literal("app"), details: details.app, ...base }),
    z.object({ kind: z.literal("workgroup"), details: details.workgroup, ...base }),
    z.object({ kind: z.literal("plaque"), details: details.plaque, ...base }),
    z.object({ kind: z.literal("proof"), details: details.proof, ...base }),
  ])
  .refine((b) => b.deadline >= b.issuedOn, { message: "the deadline is before the issue date / 截止日期早于下发日期", path: ["deadline"] });
export type BurdenInput = z.infer<typeof ZBurdenInput>;

export const SEVERITIES = ["block", "review", "info"] as const;
export const ZSeverity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof ZSeverity>;

/** The output of one admission rule: it explains itself in both languages and shows its evidence. */
export const ZFinding = z.object({
  code: z.string(),
  severity: ZSeverity,
  message: z.string().describe("in the request's language"),
  messages: z.object({ "zh-CN": z.string(), en: z.string() }),
  evidence: z.record(z.string(), z.unknown()),
});
export type Finding = z.infer<typeof ZFinding>;

// ---- responses ----
export const ZGateResult = z.object({
  outcome: z.enum(["admitted", "in_review", "returned"]).describe("what the gate would decide"),
  findings: z.array(ZFinding),
  targetCount: z.number().int(),
  yearlyHours: z.number().describe("Standard Cost Model: minutes × targets × occurrences per year, in hours"),
});
export type GateResult = z.infer<typeof ZGateResult>;

export const ZBurdenWriteResult = z.object({
  id: z.string().uuid(),
  status: ZBurdenStatus,
  findings: z.array(ZFinding),
  admissionNumber: z.string().nullable(),
  targetCount: z.number().int().optional(),
  yearlyHours: z.number().optional(),
});
export type BurdenWriteResult = z.infer<typeof ZBurdenWriteResult>;

const ZUnitRef = z.object({ code: z.string(), name: z.string() });

export const ZBurdenSummary = z.object({
  id: z.string().uuid(),
  kind: ZBurdenKind,
  status: ZBurdenStatus,
  title: z.string(),
  issuer: ZUnitRef,
  issuedOn: z.string(),
  deadline: z.string(),
  frequency: ZFrequency,
  targetCount: z.number().int(),
  yearlyHours: z.number(),
  admissionNumber: z.string().nullable(),
  findingCodes: z.array(z.string()),
  createdAt: z.string(),
});
export type BurdenSummary = z.infer<typeof ZBurdenSummary>;

export const ZBurdenList = z.object({ items: z.array(ZBurdenSummary), total: z.number().int() });
export const ZBurdenListQuery = z.object({
  status: ZBurdenStatus.optional(),
  kind: ZBurdenKind.optional(),
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const ZBurdenEvent = z.object({
  at: z.string(),
  actorName: z.string().nullable(),
  fromStatus: ZBurdenStatus.nullable(),
  toStatus: ZBurdenStatus,
  reason: z.string().nullable(),
});

export const ZBurdenDetail = ZBurdenSummary.extend({
  text: z.string(),
  minutesPerTarget: z.number().int(),
  targets: ZTargets,
  targetSample: z.array(ZUnitRef).describe("up to 50 target units"),
  parentId: z.string().uuid().nullable(),
  quantity: ZQuantity.nullable(),
  dutyItem: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  findings: z.array(ZFinding),
  decisionReason: z.string().nullable(),
  events: z.array(ZBurdenEvent),
  can: z.array(z.enum(["edit", "submit", "decide", "withdraw", "relay"])).describe("what this user may do with it"),
});
export type BurdenDetail = z.infer<typeof ZBurdenDetail>;

export const ZDecide = z.object({
  decision: z.enum(["admit", "return"]),
  reason: z.string().trim().min(2).max(2000),
});
export const ZWithdraw = z.object({ reason: z.string().trim().min(2).max(2000) });
export const ZBurdenIdParams = z.object({ id: z.string().uuid() });

export const ZInboxItem = z.object({
  id: z.string().uuid(),
  kind: ZBurdenKind,
  title: z.string(),
  issuer: ZUnitRef,
  admissionNumber: z.string().nullable(),
  deadline: z.string(),
  workingDaysLeft: z.number().int(),
  frequency: ZFrequency,
  minutesPerTarget: z.number().int(),
  myTargets: z.array(ZUnitRef).describe("the units of this user that it reaches"),
  yearlyHoursForMe: z.number(),
  canRelay: z.boolean(),
});
export const ZInbox = z.object({ items: z.array(ZInboxItem), yearlyHoursTotal: z.number() });

export const ZAdmissionNumberParams = z.object({ number: z.string().trim().min(1).max(40) });
export const ZVerifyResult = z.object({
  admissionNumber: z.string(),
  valid: z.boolean().describe("admitted and not withdrawn or expired"),
  status: ZBurdenStatus,
  kind: ZBurdenKind,
  title: z.string(),
  issuer: z.string(),
  targets: z.string().describe("a readable summary of the targets"),
  targetCount: z.number().int(),
  issuedOn: z.string(),
  deadline: z.string(),
});
export type VerifyResult = z.infer<typeof ZVerifyResult>;

export const ZHoursQuery = z.object({
  by: z.enum(["issuer", "target"]),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});
export const ZHoursSummary = z.object({
  year: z.number().int(),
  items: z.array(z.object({ code: z.string(), name: z.string(), burdens: z.number().int(), yearlyHours: z.number() })),
});

// ---- gate configuration ----
export const REGISTERS = ["inspection_plan", "evaluation_list", "secondment_approval", "allowed_proof"] as const;
export const ZRegisterEntries = z.object({
  regionCode: ZUnitCode,
  year: z.number().int().min(2000).max(2100),
  register: z.enum(REGISTERS),
  entries: z.array(z.object({ code: z.string().trim().min(1).max(60), title: z.string().trim().min(1).max(200) })).min(1).max(1000),
});
export const ZGateSettingsPatch = z
  .object({
    minWorkingDays: z.number().int().min(0).max(60),
    issuerYearlyCap: z.partialRecord(ZBurdenKind, z.number().int().min(0).max(100_000)),
    targetMonthlyMinutesCap: z.number().int().min(0).max(100_000),
    duplicateSimilarity: z.number().min(0.1).max(1),
    dutyMatchSimilarity: z.number().min(0.1).max(1),
    documentMaxChars: z.object({ general: z.number().int().min(100).max(100_000), specific: z.number().int().min(100).max(100_000) }).partial(),
    generalMeetingsPerYear: z.number().int().min(0).max(100),
    speechMaxMinutes: z.number().int().min(1).max(600),
    layeredMeetingDays: z.number().int().min(0).max(60),
    secondmentMaxMonths: z.number().int().min(1).max(60),
    secondmentRepeatYears: z.number().int().min(0).max(10),
    comprehensiveInspectionsPerYear: z.number().int().min(0).max(100),
    traceWords: z.array(z.string().trim().min(1).max(20)).max(200),
    trafficWords: z.array(z.string().trim().min(1).max(20)).max(200),
    bannedProofs: z.array(z.string().trim().min(1).max(100)).max(500),
    /** Grassroots minutes per item of the registers without minutes of their own (their burden-hours). */
    registryMinutes: z
      .object({
        proofIssued: z.number().int().min(0).max(1440).describe("minutes per proof a village issues"),
        plaqueYearly: z.number().int().min(0).max(100_000).describe("minutes a year of upkeep per plaque hung"),
        secondmentWorkingDay: z.number().int().min(0).max(1440).describe("minutes per working day a seconded cadre is away"),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict();
export const ZGateSettingsView = z.object({ regionCode: z.string(), effective: z.record(z.string(), z.unknown()) });
export const ZRegionCodeParams = z.object({ regionCode: ZUnitCode });
export const ZRuleList = z.object({
  items: z.array(z.object({ code: z.string(), description: z.string() })),
});

/** GET /api/inspections/merge-proposals: inspections 督查检查 of the same township in one quarter, to be merged into one visit. */
export const ZMergeProposalsQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2099),
  quarter: z.coerce.number().int().min(1).max(4),
});
export const ZMergeProposals = z.object({
  from: z.string(),
  to: z.string(),
  proposals: z.array(
    z.object({
      townshipCode: z.string(),
      townshipName: z.string(),
      /** Different issuers visiting: the strongest case for one joint visit. */
      issuers: z.number().int(),
      earliest: z.string(),
      latest: z.string(),
      inspections: z.array(
        z.object({ id: z.string(), title: z.string(), issuerCode: z.string(), issuerName: z.string(), date: z.string(), admissionNumber: z.string().nullable(), onSite: z.boolean() }),
      ),
    }),
  ),
});
export type MergeProposals = z.infer<typeof ZMergeProposals>;

/** The office accepts a merge proposal: one joint visit 联合检查 in place of several inspections of a township. */
export const ZInspectionVisitInput = z
  .object({
    townshipCode: ZUnitCode,
    inspections: z.array(z.string().uuid()).min(2).max(50).describe("the admitted inspections merged into the visit"),
    visitOn: ZIsoDate,
    lead: ZUnitCode.optional().describe("the issuer leading the visit; the first inspection's when left out"),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type InspectionVisitInput = z.infer<typeof ZInspectionVisitInput>;
export const ZInspectionVisit = z.object({
  id: z.string(),
  township: z.object({ code: z.string(), name: z.string() }),
  visitOn: z.string(),
  lead: z.object({ code: z.string(), name: z.string() }),
  inspections: z.array(z.object({ id: z.string(), title: z.string(), issuerName: z.string(), admissionNumber: z.string().nullable() })),
  note: z.string().nullable(),
  createdBy: z.string(),
});
export type InspectionVisit = z.infer<typeof ZInspectionVisit>;
export const ZInspectionVisits = z.object({ from: z.string(), to: z.string(), items: z.array(ZInspectionVisit) });
export type InspectionVisits = z.infer<typeof ZInspectionVisits>;
