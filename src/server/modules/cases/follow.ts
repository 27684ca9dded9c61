import { asc, eq } from "drizzle-orm";
import type { CaseCategory, CaseStatus, ReporterView } from "../../../contracts/cases.js";
import type { Db } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import { chinaToday } from "../../kernel/dates.js";
import { recordAudit } from "../audit/audit.js";
import { getUnit } from "../org/units.js";
import type { ReporterKeys } from "./crypto.js";
import { reporterEvent } from "./events.js";
import { matchReceipt, normalizeReceipt, receiptTag } from "./receipts.js";
import { caseEvents, cases } from "./schema.js";

export type CaseRow = typeof cases.$inferSelect;

/**
 * The case a receipt code opens. A malformed code is refused at once (it reveals nothing); any other
 * wrong code costs one argon2 verification and gets the same answer whether or not a case is behind it.
 */
export async function caseByReceipt(db: Db, keys: ReporterKeys, input: string): Promise<CaseRow> {
  const code = normalizeReceipt(input);
  if (!code) throw new AppError("RECEIPT_INVALID");
  const candidates = await db.select().from(cases).where(eq(cases.receiptTag, receiptTag(keys, code)));
  const found = await matchReceipt(candidates, code);
  if (!found) throw new AppError("RECEIPT_NOT_FOUND");
  return found;
}

/** What the reporter sees: the state, its changes by day, and the messages; never notes or names. */
export async function reporterView(db: Db, row: CaseRow): Promise<ReporterView> {
  const events = await db.select().from(caseEvents).where(eq(caseEvents.caseId, row.id)).orderBy(asc(caseEvents.seq));
  const unit = await getUnit(db, row.unitCode);
  return {
    category: row.category as CaseCategory,
    unit: { code: row.unitCode, name: unit?.name ?? row.unitCode },
    status: row.status as CaseStatus,
    receivedOn: row.receivedOn,
    events: events
      .filter((e) => e.visibleToReporter)
      .map((e) => ({
        on: e.on,
        kind: e.kind === "message" ? ("message" as const) : e.kind === "received" ? ("received" as const) : ("status" as const),
        from: e.kind !== "message" ? null : e.author === "reporter" ? ("reporter" as const) : ("handler" as const),
        status: (e.status as CaseStatus | null) ?? null,
        text: e.kind === "message" ? e.body : null,
      })),
  };
}

/** A message of the reporter to the handler: dated by the day; the audit entry names the region, not the case. */
export async function reporterMessage(db: Db, row: CaseRow, text: string): Promise<void> {
  const today = chinaToday();
  await db.transaction(async (tx) => {
    await reporterEvent(tx, row.id, today, { kind: "message", body: text, visibleToReporter: true });
    await recordAudit(tx, {
      actor: null,
      action: "case.reporter_message",
      entityType: "case_intake",
      entityId: row.handlerRegionPath.split(".").at(-1) ?? row.handlerRegionPath,
      scopePath: row.handlerRegionPath,
      detail: { on: today },
    });
  });
}
