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
