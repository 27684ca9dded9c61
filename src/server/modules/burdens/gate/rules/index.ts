import type { Rule } from "../types.js";
import { appBannedDemand } from "./apps.js";
import { shortDeadline } from "./deadline.js";
import { documentRules } from "./documents.js";
import { duplicateRequest } from "./duplicate.js";
import { dutyRules } from "./duty.js";
import { inspectionRules } from "./inspections.js";
import { meetingRules } from "./meetings.js";
import { quotaExceeded } from "./quota.js";
import { registerRules } from "./registers.js";
import { layeredIncrease } from "./relay.js";
import { wordingRules } from "./wording.js";

export { DEFAULT_GATE_SETTINGS } from "./defaults.js";

/**
 * Every rule of the admission gate 准入, in the order their findings are shown within a severity.
 * A rule may emit findings under related codes (SHORT_DEADLINE also CALENDAR_NOT_COVERED, …);
 * FINDING_CODES lists them all.
 */
export const ALL_RULES: Rule[] = [
  ...dutyRules,
  quotaExceeded,
  shortDeadline,
  duplicateRequest,
  ...wordingRules,
  layeredIncrease,
  ...inspectionRules,
  ...registerRules,
  ...documentRules,
  ...meetingRules,
  appBannedDemand,
];

/** Every code a finding may carry, the rules' own and the related ones they emit. */
export const FINDING_CODES = [
  ...ALL_RULES.map((r) => r.code),
  "DUTY_LIST_MISSING",
  "CALENDAR_NOT_COVERED",
  "SECONDMENT_TOO_LONG",
  "RULE_FAILED",
] as const;
