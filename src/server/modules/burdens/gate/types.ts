import type { BurdenInput, BurdenKind, Quantity, Severity } from "../../../../contracts/burdens.js";
import type { UnitLevel } from "../../../../contracts/roles.js";

/**
 * The admission gate 准入: small pure rules over a burden and a context loaded beforehand. A rule
 * never touches the database; everything it needs is in GateContext, so it is testable alone.
 */

/** What a rule returns: a stable code, a severity, a message in both languages, and the evidence. */
export type RawFinding = {
  code: string;
  severity: Severity;
  messages: { "zh-CN": string; en: string };
  evidence: Record<string, unknown>;
};

export type Rule = {
  code: string;
  /** One line on what it catches, for the docs and the settings page. */
  description: { "zh-CN": string; en: string };
  run: (burden: GateBurden, ctx: GateContext) => RawFinding[];
};

/** The burden under check, with its details parsed by kind. */
export type GateBurden = BurdenInput & { id?: string };

export type GateUnit = { code: string; name: string; level: UnitLevel; path: string; orgType: string | null };

/** A target unit, with the township whose duty list applies to it (itself, or a village's township). */
export type GateTarget = GateUnit & { townshipCode: string | null };

export type { DutyItemMatch, DutyMatch, DutyPart } from "../../duties/match-types.js";
import type { DutyMatch } from "../../duties/match-types.js";

/** Thresholds are configuration per region (nearest ancestor's settings win), never constants in rules. */
export type GateSettings = {
  /** SHORT_DEADLINE: fewer working days than this between issue and deadline. */
  minWorkingDays: number;
  /** QUOTA_EXCEEDED: yearly cap of burdens of a kind per issuer (absent: no cap). */
  issuerYearlyCap: Partial<Record<BurdenKind, number>>;
  /** QUOTA_EXCEEDED: cap on the expected minutes a target carries in one month. */
  targetMonthlyMinutesCap: number;
  /** DUPLICATE_REQUEST: text similarity (0..1) from which two requests ask the same thing. */
  duplicateSimilarity: number;
  /** DUTY_NOT_LISTED: similarity from which a burden is taken to fall under a duty item. */
  dutyMatchSimilarity: number;
  /** The 2024 regulation's caps, as reported. */
  documentMaxChars: { general: number; specific: number };
  generalMeetingsPerYear: number;
  speechMaxMinutes: number;
  /** LAYERED_MEETING: a meeting on the same topic within this many days after a higher one relays it. */
  layeredMeetingDays: number;
  comprehensiveInspectionsPerYear: number;
  /** SECONDMENT_TOO_LONG: months from which a secondment 借调 goes to review (absent: the default, 6). */
  secondmentMaxMonths?: number;
  /** 借调: the same person may not be seconded again within this many years (absent: 2). */
  secondmentRepeatYears?: number;
  /** Words that reveal a demand for 留痕 (proof of work) or for traffic figures; extendable per region. */
  traceWords: string[];
  trafficWords: string[];
  /** Proofs village committees may no longer issue (证明事项清单 outside the allowed list). */
  bannedProofs: string[];
  /** Grassroots minutes per item of the kind registers that hold no minutes of their own (their burden-hours). */
  registryMinutes: RegistryMinutes;
};

/**
 * The minutes behind the burden-hours of the registers whose rows carry no estimate of their own: a proof
 * issued 证明事项, a plaque hung 挂牌 (its upkeep for a year), a working day of a cadre seconded away 借调.
 * Evaluations 评比创建 need none: they reach the grassroots as burdens with minutes per target.
 */
export type RegistryMinutes = { proofIssued: number; plaqueYearly: number; secondmentWorkingDay: number };

/** The issuer's use of its quotas this year (admitted burdens only, this one excluded). */
export type IssuerUsage = {
  sameKindThisYear: number;
  documentsThisYear: number;
  documentsLastYear: number;
  generalMeetingsThisYear: number;
  comprehensiveInspectionsThisYear: number;
};

/** An admitted burden that overlaps this one's targets and resembles it. */
export type SimilarBurden = {
  id: string;
  admissionNumber: string | null;
  title: string;
  issuerName: string;
  deadline: string;
  similarity: number;
  sharedTargets: number;
  kind?: BurdenKind;
  /** For a document: its head (红头 red, 白头 white, memo), to catch 红头改白头 reissues. */
  documentHead?: "red" | "white" | "memo";
};

export type ParentBurden = {
  id: string;
  kind: BurdenKind;
  title: string;
  issuedOn: string;
  deadline: string;
  quantity: Quantity | null;
  minutesPerTarget: number;
  frequency: BurdenInput["frequency"];
};

/** Registers the office keeps (annual plans and lists); issue 6 builds their full life. */
export type Registers = {
  /** Approved annual inspection plan items 督检考计划 of the issuer's region for the year. */
  inspectionPlan: { code: string; title: string }[];
  /** Approved list of evaluations, demonstrations, festivals and forums for the year. */
  approvedEvaluations: { code: string; title: string }[];
  /** Approved secondment documents 借调审批 for the issuer. */
  secondmentApprovals: string[];
  /** Proofs a village committee may still issue 证明事项清单. */
  allowedProofs: string[];
};

/** A day that is not an ordinary weekday or weekend: a public holiday off, or a make-up workday 调休. */
export type { NamedDay, WorkingCalendar } from "../../calendar/types.js";
import type { WorkingCalendar } from "../../calendar/types.js";

export type GateContext = {
  today: string;
  settings: GateSettings;
  issuer: GateUnit;
  targets: GateTarget[];
  duty: DutyMatch[];
  calendar: WorkingCalendar;
  issuerUsage: IssuerUsage;
  /** Expected minutes already admitted per target in the month of this burden's deadline. */
  targetLoads: { code: string; name: string; minutesThisMonth: number }[];
  similar: SimilarBurden[];
  parent: ParentBurden | null;
  /** For a meeting: the higher meeting it names as relayed (details.relaysMeetingId 传达的上级会议), with its issuer. */
  relayedMeeting: RelayedMeeting | null;
  registers: Registers;
};

export type RelayedMeeting = { id: string; title: string; deadline: string; issuerName: string };

export const finding = (
  code: string,
  severity: Severity,
  zh: string,
  en: string,
  evidence: Record<string, unknown> = {},
): RawFinding => ({ code, severity, messages: { "zh-CN": zh, en }, evidence });
