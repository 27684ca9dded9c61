import type { BurdenInput } from "../../../contracts/burdens.js";
import type { Db } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import { authorize, pathIsInside, type Actor, type ScopeUnit } from "../../kernel/actor.js";
import { chinaToday } from "../../kernel/dates.js";
import { recordAudit } from "../audit/audit.js";
import { applyBurdenToIndex } from "../burden-index/rollup.js";
import { getUnits } from "../org/units.js";
import { yearlyMinutes } from "./hours.js";
import { burdenEvents, burdens, burdenTargets } from "./schema.js";
import { similarityColumnsOf } from "./similar.js";
import { loadOf, setInForce } from "./target-loads.js";
import { resolveTargets } from "./targets.js";

/**
 * The historical ledger 台账导入: burdens a region carried before the gate existed (the baseline year
 * of the burden index), entered by its 减负办 from the ledgers it kept. The gate refuses past
 * deadlines, so these come in here: wholly in the past, already expired, without an admission number,
 * marked "台账导入" in their reason and timeline, and audited as one import. They load their targets
 * (in force) like any admitted burden that has run its course.
 */
export const MAX_LEDGER_ENTRIES = 5_000;

export async function importLedger(db: Db, args: { actor: Actor; source: string; entries: readonly BurdenInput[]; today?: string }): Promise<{ imported: number }> {
  const { actor, entries } = args;
  const today = args.today ?? chinaToday();
  authorize(actor.role === "office" || actor.role === "admin");
  if (entries.length === 0 || entries.length > MAX_LEDGER_ENTRIES) throw new AppError("VALIDATION_FAILED");
  const issuers = new Map((await getUnits(db, [...new Set(entries.map((e) => e.issuer))])).map((u) => [u.code, u]));
  const prepared: { input: BurdenInput; issuer: ScopeUnit; targets: ScopeUnit[] }[] = [];
  for (const input of entries) {
    const issuer = issuers.get(input.issuer);
    if (!issuer) throw new AppError("UNIT_NOT_FOUND", { code: input.issuer });
    authorize(pathIsInside(issuer.path, actor.scope.path), "NOT_ISSUER", { issuer: issuer.name });
    if (input.deadline >= today) throw new AppError("LEDGER_NOT_PAST", { deadline: input.deadline });
    prepared.push({ input, issuer, targets: await resolveTargets(db, issuer, input.targets) });
  }
  const reason = `台账导入：${args.source}`;
  return db.transaction(async (tx) => {
    const ids: string[] = [];
    for (const { input, issuer, targets } of prepared) {
      const [row] = await tx
        .insert(burdens)
        .values({
          kind: input.kind,
          status: "expired",
          issuerCode: issuer.code,
          issuerPath: issuer.path,
          provinceCode: issuer.provinceCode,
          title: input.title,
          text: input.text,
          issuedOn: input.issuedOn,
          deadline: input.deadline,
          frequency: input.frequency,
          minutesPerTarget: input.minutesPerTarget,
          targetSpec: input.targets,
          targetCount: targets.length,
          parentId: null,
          quantity: input.quantity ?? null,
          dutyItem: input.dutyItem ?? null,
          details: input.details,
          yearlyMinutes: yearlyMinutes(input, targets.length),
          decisionReason: reason,
          ...similarityColumnsOf(input),
          createdBy: actor.id,
        })
        .returning({ id: burdens.id });
      if (!row) throw new AppError("INTERNAL");
      const load = loadOf(input);
      for (let i = 0; i < targets.length; i += 2000) {
        const chunk = targets.slice(i, i + 2000);
        await tx.insert(burdenTargets).values(chunk.map((t) => ({ burdenId: row.id, unitCode: t.code, unitPath: t.path, provinceCode: t.provinceCode, ...load })));
      }
      await applyBurdenToIndex(tx, row.id, true);
      await setInForce(tx, row.id, true);
      await tx.insert(burdenEvents).values({ burdenId: row.id, actorId: actor.id, actorName: actor.displayName, fromStatus: null, toStatus: "expired", reason });
      ids.push(row.id);
    }
    await recordAudit(tx, {
      actor: { id: actor.id, name: actor.username },
      action: "burden.ledger_import",
      entityType: "burden",
      entityId: ids[0]!,
      scopePath: actor.scope.path,
      detail: { source: args.source, imported: ids.length },
    });
    return { imported: ids.length };
  });
}
