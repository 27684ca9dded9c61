import { z } from "zod";
import { ZUnitCode, ZUnitLevel } from "./roles.js";

/** What a report 问题线索 may be about (issue 5); "other" catches the rest. */
export const CASE_CATEGORIES = [
  "meetings_documents", // 文山会海
  "inspections", // 督检考过多过频
  "fingertip", // 指尖上的形式主义 (apps, work groups, check-ins)
  "layered_increase", // 层层加码
  "proofs", // 万能章/证明
  "statistical_fraud", // 统计造假
  "evaluations", // 违规评比创建/节庆论坛
  "secondment", // 违规借调
  "image_project", // 形象工程
  "hidden_burden", // 隐形负担
  "other", // 其他
] as const;
export const ZCaseCategory = z.enum(CASE_CATEGORIES);
export type CaseCategory = z.infer<typeof ZCaseCategory>;

export const CATEGORY_NAMES: Record<CaseCategory, { zh: string; en: string }> = {
  meetings_documents: { zh: "文山会海", en: "Too many documents and meetings" },
  inspections: { zh: "督检考过多过频", en: "Too many inspections and assessments" },
  fingertip: { zh: "指尖上的形式主义（政务APP、工作群、打卡）", en: "Formalism at the fingertips (apps, work groups, check-ins)" },
  layered_increase: { zh: "层层加码", en: "Targets raised level by level" },
  proofs: { zh: "万能章、证明事项", en: "Certificates and proofs demanded of villages" },
  statistical_fraud: { zh: "统计造假", en: "Falsified statistics" },
  evaluations: { zh: "违规评比创建、节庆论坛", en: "Unapproved evaluations, campaigns, festivals or forums" },
  secondment: { zh: "违规借调", en: "Unapproved secondment" },
  image_project: { zh: "形象工程", en: "Vanity projects" },
  hidden_burden: { zh: "隐形负担", en: "Hidden burdens" },
  other: { zh: "其他", en: "Other" },
};

/**
 * How a report came in: a 直报点 information officer, any logged-in cadre, the public by QR/web, or
 * "system": opened by an official from a flag the platform raised (cases/system.ts).
 */
export const CASE_CHANNELS = ["point", "cadre", "public", "system"] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

export const CASE_STATUSES = ["received", "verifying", "substantiated", "unsubstantiated", "rectifying", "verified", "closed"] as const;
export const ZCaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof ZCaseStatus>;

export const CASE_STATUS_NAMES: Record<CaseStatus, { zh: string; en: string }> = {
  received: { zh: "已受理", en: "received" },
  verifying: { zh: "核实中", en: "verifying" },
  substantiated: { zh: "属实", en: "substantiated" },
  unsubstantiated: { zh: "不属实", en: "unsubstantiated" },
  rectifying: { zh: "整改中", en: "rectifying" },
  verified: { zh: "整改已验收", en: "rectification verified" },
  closed: { zh: "已办结", en: "closed" },
};

/** The handling bodies a case is routed to. */
export const ZHandlerRole = z.enum(["commission", "office"]);
export type HandlerRole = z.infer<typeof ZHandlerRole>;

/** Receipt codes are 16 digits; people may type them with spaces or hyphens. */
export const ZReceipt = z.string().trim().max(40);

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(10, "At least 10 characters / 请至少写 10 个字")
    .max(max, `At most ${max} characters / 最多 ${max} 个字`);

const reportFields = {
  category: ZCaseCategory,
  text: text(5000),
  unitCode: ZUnitCode,
  /** The admission number 准入编号 the burden carried, when it had one. */
  admissionNumber: z.string().trim().min(1).max(40).optional(),
  /** The reporter says the burden had no admission number: an unregistered burden. */
  noAdmission: z.boolean().default(false),
};

/** A logged-in cadre's report; anonymity keeps even his name from the handler. */
export const ZCadreReport = z.object({ ...reportFields, anonymous: z.boolean().default(false) }).strict();
export type CadreReport = z.infer<typeof ZCadreReport>;

/** A report of the public: optional contact, and the proof of work the server asked for. */
export const ZPublicReport = z
  .object({
    ...reportFields,
    contact: z.string().trim().max(200).optional(),
    challenge: z.string().min(1).max(200),
    nonce: z.string().min(1).max(40),
    /** Made by the page once per report and kept in the browser; a retry sends the same and gets the same receipt. */
    idempotencyKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,100}$/, "16–100 letters, digits, - or _ / 提交编号应为 16–100 位字母、数字、- 或 _")
      .optional(),
  })
  .strict();
export type PublicReport = z.infer<typeof ZPublicReport>;

export const ZReportReceipt = z.object({ receipt: z.string(), receivedOn: z.string() });
export const ZChallenge = z.object({ challenge: z.string(), bits: z.number().int() });

export const ZMessageInput = z.object({ text: text(2000).min(1, "Write something / 请填写内容") }).strict();
export type MessageInput = z.infer<typeof ZMessageInput>;

const ZReporterEvent = z.object({
  on: z.string(),
  kind: z.enum(["received", "status", "message"]),
  from: z.enum(["reporter", "handler"]).nullable(),
  status: ZCaseStatus.nullable(),
  text: z.string().nullable(),
});

/** What the holder of a receipt sees: never who handles it by name, never internal notes. */
export const ZReporterView = z.object({
  category: ZCaseCategory,
  unit: z.object({ code: z.string(), name: z.string() }),
  status: ZCaseStatus,
  receivedOn: z.string(),
  events: z.array(ZReporterEvent),
});
export type ReporterView = z.infer<typeof ZReporterView>;

export const ZCaseIdParams = z.object({ id: z.uuid() });
export const ZReceiptParams = z.object({ receipt: ZReceipt });

export const ZCaseListQuery = z.object({
  status: ZCaseStatus.optional(),
  overdue: z.enum(["true", "false"]).optional(),
  /** Closed cases whose revisit day has come. */
  revisitDue: z.enum(["true", "false"]).optional(),
  /** Open cases whose handler was reminded of the present state's deadline. */
  dueSoon: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const ZCaseSummary = z.object({
  id: z.string(),
  channel: z.enum(CASE_CHANNELS),
  category: ZCaseCategory,
  status: ZCaseStatus,
  unit: z.object({ code: z.string(), name: z.string(), level: ZUnitLevel }),
  handlerRole: ZHandlerRole,
  receivedOn: z.string(),
  deadline: z.string().nullable(),
  overdue: z.boolean(),
  escalationLevel: z.number().int(),
  revisitOn: z.string().nullable(),
  /** The handler was reminded that the deadline of the present state is near (reminders.ts). */
  dueSoon: z.boolean(),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type CaseSummary = z.infer<typeof ZCaseSummary>;
export const ZCaseList = z.object({ items: z.array(ZCaseSummary), total: z.number().int() });

export const ZCaseEvent = z.object({
  on: z.string(),
  at: z.string().nullable(),
  kind: z.enum(["received", "status", "message", "note", "assigned", "escalated", "reminder", "identity_revealed", "task", "task_done"]),
  from: z.enum(["reporter", "handler", "system"]),
  actorName: z.string().nullable(),
  status: ZCaseStatus.nullable(),
  text: z.string().nullable(),
  visibleToReporter: z.boolean(),
});
export type CaseEvent = z.infer<typeof ZCaseEvent>;

export const ZCaseTask = z.object({
  id: z.string(),
  unit: z.object({ code: z.string(), name: z.string() }),
  text: z.string(),
  dueOn: z.string(),
  status: z.enum(["open", "done"]),
  proof: z.string().nullable(),
  doneOn: z.string().nullable(),
  doneByName: z.string().nullable(),
  overdue: z.boolean(),
});
export type CaseTask = z.infer<typeof ZCaseTask>;
export const ZCaseTaskList = z.object({ items: z.array(ZCaseTask) });
export const ZTaskInput = z
  .object({ unitCode: ZUnitCode, text: z.string().trim().min(5).max(2000), dueOn: z.iso.date() })
  .strict();
export type TaskInput = z.infer<typeof ZTaskInput>;
export const ZTaskProof = z.object({ proof: z.string().trim().min(5).max(5000) }).strict();
export const ZTaskIdParams = z.object({ id: z.uuid() });

export const ZEvidence = z.object({ id: z.string(), contentType: z.string(), extension: z.string(), size: z.number().int(), on: z.string() });
export type Evidence = z.infer<typeof ZEvidence>;
export const ZEvidenceParams = z.object({ id: z.uuid(), evidenceId: z.uuid() });

export const CASE_ACTIONS = ["transition", "assign", "note", "message", "reveal", "task"] as const;
export const ZCaseDetail = ZCaseSummary.extend({
  text: z.string(),
  admissionNumber: z.string().nullable(),
  noAdmission: z.boolean(),
  anonymous: z.boolean(),
  hasIdentity: z.boolean(),
  next: z.array(ZCaseStatus),
  actions: z.array(z.enum(CASE_ACTIONS)),
  /** Open cases of the same unit whose text is close: likely the same problem reported again. */
  tasks: z.array(ZCaseTask),
  evidence: z.array(ZEvidence),
  similar: z.array(z.object({ id: z.string(), receivedOn: z.string(), status: ZCaseStatus, score: z.number() })),
  events: z.array(ZCaseEvent),
});
export type CaseDetail = z.infer<typeof ZCaseDetail>;

export const ZTransition = z.object({ to: ZCaseStatus, reason: z.string().trim().min(2).max(2000) }).strict();
export const ZAssign = z.object({ userId: z.uuid() }).strict();
export const ZReveal = z.object({ reason: z.string().trim().min(2).max(500) }).strict();
export const ZIdentity = z.object({
  kind: z.enum(["user", "contact"]),
  username: z.string().nullable(),
  displayName: z.string().nullable(),
  unitCode: z.string().nullable(),
  contact: z.string().nullable(),
});
export type Identity = z.infer<typeof ZIdentity>;

export const ZReportPointInput = z.object({ userId: z.uuid() }).strict();
export const ZReportPoint = z.object({ userId: z.string(), username: z.string(), displayName: z.string(), unitCode: z.string(), unitName: z.string() });
export const ZReportPointList = z.object({ items: z.array(ZReportPoint) });
export const ZOkResult = z.object({ ok: z.literal(true) });

export const ZUnitSearchQuery = z.object({ q: z.string().trim().min(1).max(40) });
/** Names of divisions and departments are public; the public report page picks the unit from these. */
export const ZPublicUnitList = z.object({
  items: z.array(z.object({ code: z.string(), name: z.string(), level: z.string(), parentName: z.string().nullable() })),
});
export type PublicUnitList = z.infer<typeof ZPublicUnitList>;

const ZDays = z.number().int().min(1).max(365);
/** Working days per state a region's office may set; a state left out keeps the inherited value. */
export const ZDeadlineDaysPatch = z
  .object({
    received: ZDays,
    verifying: ZDays,
    substantiated: ZDays,
    unsubstantiated: ZDays,
    rectifying: ZDays,
    verified: ZDays,
    /** Working days before a deadline the handler is reminded (0: on the day itself). */
    reminder: z.number().int().min(0).max(20),
  })
  .partial()
  .strict();
export const ZRoutingRuleInput = z.object({ category: ZCaseCategory, handlerRole: ZHandlerRole }).strict();
export const ZCaseSettings = z.object({
  regionCode: z.string(),
  deadlines: z.record(z.string(), z.number().int()),
  reminderDays: z.number().int(),
  routing: z.array(z.object({ category: ZCaseCategory, handlerRole: ZHandlerRole })),
});
export type CaseSettings = z.infer<typeof ZCaseSettings>;
export const ZReporting = z.object({ canReport: z.boolean(), point: z.boolean() });

/** A notice 通报 of typical cases: what the public reads, never who reported. */
const ZNoticeItemInput = z
  .object({
    caseId: z.uuid(),
    problem: z.string().trim().min(10).max(2000),
    handling: z.string().trim().min(4).max(2000),
    lesson: z.string().trim().max(1000).default(""),
  })
  .strict();
export const ZNoticeInput = z.object({ title: z.string().trim().min(4).max(100), items: z.array(ZNoticeItemInput).min(1).max(20) }).strict();
export type NoticeInput = z.infer<typeof ZNoticeInput>;
export const ZNoticeItem = z.object({ unitName: z.string(), category: ZCaseCategory, problem: z.string(), handling: z.string(), lesson: z.string() });
export const ZNotice = z.object({
  id: z.string(),
  issuer: z.string(),
  number: z.string().nullable(),
  title: z.string(),
  status: z.enum(["draft", "published"]),
  publishedOn: z.string().nullable(),
  items: z.array(ZNoticeItem),
});
export type Notice = z.infer<typeof ZNotice>;
export const ZNoticeList = z.object({ items: z.array(ZNotice) });
export const ZNoticeIdParams = z.object({ id: z.uuid() });
export const ZPublicNoticeQuery = z.object({ region: ZUnitCode.optional() });

/** Case statistics for the dashboard and the monthly report: cases received in a period that the actor handles. */
export const ZCaseStatisticsQuery = z.object({ from: z.iso.date(), to: z.iso.date() });
export const ZCaseStatistics = z.object({
  from: z.string(),
  to: z.string(),
  received: z.number().int(),
  closed: z.number().int(),
  substantiated: z.number().int().describe("cases found true (substantiated or later: rectifying, verified, closed after substantiation)"),
  /** Calendar days from receipt to closing, the median of the cases closed; null when none. */
  medianDaysToClose: z.number().nullable(),
  /** Open cases past their deadline today, whenever received. */
  overdue: z.number().int(),
  byCategory: z.array(z.object({ category: ZCaseCategory, received: z.number().int(), closed: z.number().int() })),
});
export type CaseStatistics = z.infer<typeof ZCaseStatistics>;
