import { randomUUID } from "node:crypto";
import type { CaseCategory } from "../../../contracts/cases.js";
import type { Tx } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import type { Actor } from "../../kernel/actor.js";
import { chinaToday } from "../../kernel/dates.js";
import { recordAudit } from "../audit/audit.js";
import { getUnit } from "../org/units.js";
import type { ReporterKeys } from "./crypto.js";
import { deadlineFor } from "./deadlines.js";
import { handlerEvent } from "./events.js";
import { hashReceipt, newReceipt, receiptTag } from "./receipts.js";
import { routeCase } from "./routing.js";
import { cases } from "./schema.js";

/** Where a system case comes from: the module, the record and the flag that raised it. */
export type SystemSource = { module: string; entityId: string; flag: string };

/**
 * Opens a case 问题线索 from a flag the platform raised (an idle facility, a project with debt and no
 * feasibility study…), at an official's request. It is routed like any report about the unit — to the
 * handling region above it, never inside the unit's chain — on channel "system". There is no reporter
 * to protect: no identity is sealed and the receipt code is discarded (nobody follows it with one);
 * who opened it and from which flag are written openly in the case's first event and in the audit log.
 * Runs inside the caller's transaction, so the case and the caller's link to it commit together.
 */
export async function openSystemCase(
  tx: Tx,
  keys: ReporterKeys,
  args: { actor: Actor; unitCode: string; category: CaseCategory; text: string; source: SystemSource },
): Promise<string> {
  const unit = await getUnit(tx, args.unitCode);
  if (!unit) throw new AppError("UNIT_NOT_FOUND", { code: args.unitCode });
  const route = await routeCase(tx, unit, args.category, "system");
  const today = chinaToday();
  const id = randomUUID();
  const receipt = newReceipt();
  await tx.insert(cases).values({
    id,
    channel: "system",
    category: args.category,
    status: "received",
    text: args.text,
    unitCode: unit.code,
    unitPath: unit.path,
    provinceCode: unit.provinceCode,
    handlerRegionPath: route.regionPath,
    handlerDepth: route.depth,
    handlerRole: route.role,
    deadline: await deadlineFor(tx, route.regionPath, "received", today),
    admissionNumber: null,
    noAdmission: false,
    anonymous: true,
    identityCipher: null,
    receiptTag: receiptTag(keys, receipt),
    receiptHash: await hashReceipt(receipt),
    receivedOn: today,
  });
  await handlerEvent(tx, id, args.actor, today, {
    kind: "received",
    status: "received",
    body: `由系统问题标记转入 / opened from a system flag: ${args.source.module} ${args.source.entityId} ${args.source.flag}（${args.actor.displayName}）`,
    visibleToReporter: false,
  });
  await recordAudit(tx, {
    actor: { id: args.actor.id, name: args.actor.username },
    action: "case.opened_from_flag",
    entityType: "case",
    entityId: id,
    scopePath: route.regionPath,
    detail: { ...args.source, unit: unit.code, category: args.category, handler: route.role },
  });
  return id;
}
