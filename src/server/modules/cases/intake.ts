import { randomUUID } from "node:crypto";
import type { CaseCategory, CaseChannel } from "../../../contracts/cases.js";
import type { Db } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import { chinaToday } from "../../kernel/dates.js";
import { recordAudit } from "../audit/audit.js";
import { normalizeAdmissionNumber, parseAdmissionNumber } from "../burdens/admission-number.js";
import { verifyAdmission } from "../burdens/queries.js";
import { getUnit } from "../org/units.js";
import { sealIdentity, type ReporterKeys } from "./crypto.js";
import { deadlineFor } from "./deadlines.js";
import { reporterEvent } from "./events.js";
import { hashReceipt, newReceipt, receiptTag } from "./receipts.js";
import { routeCase } from "./routing.js";
import { cases } from "./schema.js";

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

/**
 * Takes a report in: routes it, seals the identity, hashes a new receipt code, and writes the case, its
 * first event and an audit entry in one transaction. The receipt is returned only after the commit, so
 * an acknowledged report is durable. Nothing of the request (address, agent, time of day) is kept, and
 * the audit entry names the handling region, not the case, so the log does not date the report.
 */
export async function receiveReport(
  db: Db,
  keys: ReporterKeys,
  args: { channel: CaseChannel; input: ReportInput; identity: ReporterIdentity | null; today?: string },
): Promise<{ receipt: string; receivedOn: string }> {
  const { channel, input, identity } = args;
  const unit = await getUnit(db, input.unitCode);
  if (!unit) throw new AppError("UNIT_NOT_FOUND", { code: input.unitCode });
  const admissionNumber = await checkedAdmission(db, input);
  const route = await routeCase(db, unit, input.category, channel);
  // The day is the clock's; the demo's history of past reports passes its own.
  const today = args.today ?? chinaToday();
  const id = randomUUID();
  const receipt = newReceipt();
  const receiptHash = await hashReceipt(receipt);
  const deadline = await deadlineFor(db, route.regionPath, "received", today);
  await db.transaction(async (tx) => {
    await tx.insert(cases).values({
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
    });
    await reporterEvent(tx, id, today, { kind: "received", status: "received", visibleToReporter: true });
    const regionCode = route.regionPath.split(".").at(-1) ?? route.regionPath;
    await recordAudit(tx, {
      actor: null,
      action: "case.received",
      entityType: "case_intake",
      entityId: regionCode,
      scopePath: route.regionPath,
      detail: { channel, category: input.category, on: today, handler: route.role },
    });
  });
  return { receipt, receivedOn: today };
}
