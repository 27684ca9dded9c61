import { randomUUID } from "node:crypto";
import type { CaseCategory, CaseChannel } from "../../../contracts/cases.js";
import type { Db } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import { chinaToday } from "../../kernel/dates.js";
import { normalizeAdmissionNumber, parseAdmissionNumber } from "../burdens/admission-number.js";
import { verifyAdmission } from "../burdens/queries.js";
import { getUnit } from "../org/units.js";
import { sealIdentity, type ReporterKeys } from "./crypto.js";
import { deadlineFor } from "./deadlines.js";
import { commitIntake } from "./group-commit.js";
import { intakeKeyOf, isUniqueViolation, priorIntake, sealReceipt, type IntakeKey } from "./idempotency.js";
import { hashReceipt, newReceipt, receiptTag } from "./receipts.js";
import { routeCase } from "./routing.js";

export type ReportInput = { category: CaseCategory; text: string; unitCode: string; admissionNumber?: string | undefined; noAdmission: boolean };

/** Who reported, as only the handling office may read it after an audited reveal. */
export type ReporterIdentity =
  | { kind: "user"; userId: string; username: string; displayName: string; unitCode: string }
  | { kind: "contact"; contact: string };

/** The admission number in its canonical form, checked against the registry; none when not given. */
async function checkedAdmission(db: Db, input: ReportInput): Promise<string | null> {
  if (!input.admissionNumber) return null;
  if (input.noAdmission) throw new AppError("CASE_ADMISSION_CONFLICT");
  const parsed = parseAdmissionNumber(input.admissionNumber);
  if (!parsed) throw new AppError("ADMISSION_NUMBER_INVALID");
  const number = normalizeAdmissionNumber(parsed);
  await verifyAdmission(db, number);
  return number;
}

type Receipt = { receipt: string; receivedOn: string };

/** Intakes under way by key tag, so a retry racing its first attempt waits for it instead of failing. */
const inFlight = new Map<string, Promise<unknown>>();

/**
 * Takes a report in: routes it, seals the identity, hashes a new receipt code, and writes the case, its
 * first event and an audit entry in one transaction, shared with the reports arriving at the same moment
 * (group-commit.ts). The receipt is returned only after the commit, so an acknowledged report is durable.
 * Nothing of the request (address, agent, time of day) is kept, and the audit entry names the handling
 * region, not the case, so the log does not date the report.
 *
 * With an idempotency key (idempotency.ts) a retry of the same report gets the first receipt and makes no
 * case; `admit` (the proof of work) is asked only when a new case is to be made, since a retry may resend
 * an answer already spent.
 */
export async function receiveReport(
  db: Db,
  keys: ReporterKeys,
  args: { channel: CaseChannel; input: ReportInput; identity: ReporterIdentity | null; idempotencyKey?: string | undefined; admit?: () => void; today?: string },
): Promise<Receipt> {
  const { channel, input, identity } = args;
  const key = args.idempotencyKey ? intakeKeyOf(keys, args.idempotencyKey, { channel, input, identity }) : null;
  if (!key) {
    args.admit?.();
    return takeIn(db, keys, args, null);
  }
  await inFlight.get(key.tag)?.catch(() => undefined);
  const prior = await priorIntake(db, key);
  if (prior) return prior;
  args.admit?.();
  const attempt = takeIn(db, keys, args, key).catch(async (err: unknown) => {
    // Two attempts with the same key reached the database together: the first one's answer holds.
    if (isUniqueViolation(err)) return (await priorIntake(db, key)) ?? Promise.reject(err);
    throw err;
  });
  inFlight.set(key.tag, attempt);
  try {
    return await attempt;
  } finally {
    if (inFlight.get(key.tag) === attempt) inFlight.delete(key.tag);
  }
}

async function takeIn(db: Db, keys: ReporterKeys, args: { channel: CaseChannel; input: ReportInput; identity: ReporterIdentity | null; today?: string }, key: IntakeKey | null): Promise<Receipt> {
  const { channel, input, identity } = args;
  const unit = await getUnit(db, input.unitCode);
  if (!unit) throw new AppError("UNIT_NOT_FOUND", { code: input.unitCode });
  const admissionNumber = await checkedAdmission(db, input);
  const route = await routeCase(db, unit, input.category, channel);
  // The day is the clock's; the demo's history of past reports passes its own.
  const today = args.today ?? chinaToday();
  const id = randomUUID();
  const receipt = newReceipt();
  const [receiptHash, deadline] = await Promise.all([hashReceipt(receipt), deadlineFor(db, route.regionPath, "received", today)]);
  const regionCode = route.regionPath.split(".").at(-1) ?? route.regionPath;
  await commitIntake(db, {
    row: {
      id,
      channel,
      category: input.category,
      status: "received",
      text: input.text,
      unitCode: unit.code,
      unitPath: unit.path,
      provinceCode: unit.provinceCode,
      handlerRegionPath: route.regionPath,
      handlerDepth: route.depth,
      handlerRole: route.role,
      deadline,
      admissionNumber,
      noAdmission: input.noAdmission,
      anonymous: identity === null,
      identityCipher: identity ? sealIdentity(keys, id, JSON.stringify(identity)) : null,
      receiptTag: receiptTag(keys, receipt),
      receiptHash,
      receivedOn: today,
      intakeKeyTag: key?.tag ?? null,
      intakeFingerprint: key?.fingerprint ?? null,
      intakeReceipt: key ? sealReceipt(key, id, receipt) : null,
    },
    event: { caseId: id, on: today, at: null, kind: "received", author: "reporter", status: "received", body: null, visibleToReporter: true },
    audit: {
      actor: null,
      action: "case.received",
      entityType: "case_intake",
      entityId: regionCode,
      scopePath: route.regionPath,
      detail: { channel, category: input.category, on: today, handler: route.role },
    },
  });
  return { receipt, receivedOn: today };
}
