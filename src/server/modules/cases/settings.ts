import { eq } from "drizzle-orm";
import { CASE_CATEGORIES, type CaseCategory, type CaseSettings, type HandlerRole } from "../../../contracts/cases.js";
import type { Db } from "../../db/client.js";
import { authorize, regionPathOf, type Actor } from "../../kernel/actor.js";
import { recordAudit } from "../audit/audit.js";
import { deadlineDaysFor, type DeadlineDays } from "./deadlines.js";
import { reminderDaysFor } from "./reminders.js";
import { handlerRoleFor } from "./routing.js";
import { caseDeadlineSettings, caseRoutingRules } from "./schema.js";

/** A region's office sets its own deadlines and routing; the region is always the office's own. */
const regionOf = (actor: Actor) => {
  authorize(actor.role === "office");
  const path = regionPathOf(actor);
  return { path, code: path.split(".").at(-1) ?? path };
};

/** What is in force for the actor's region: its own values over those inherited, over the defaults. */
export async function caseSettings(db: Db, actor: Actor): Promise<CaseSettings> {
  const region = regionOf(actor);
  const routing = [];
  for (const category of CASE_CATEGORIES) routing.push({ category, handlerRole: await handlerRoleFor(db, region.path, category, "public") });
  return { regionCode: region.code, deadlines: await deadlineDaysFor(db, region.path), reminderDays: await reminderDaysFor(db, region.path), routing };
}

/** Sets a region's working days per state and, with `reminder`, how many working days ahead its handlers are reminded. */
export async function setDeadlineDays(db: Db, actor: Actor, patch: Partial<DeadlineDays> & { reminder?: number | undefined }): Promise<void> {
  const region = regionOf(actor);
  const { reminder, ...states } = patch;
  await db.transaction(async (tx) => {
    const [own] = await tx.select().from(caseDeadlineSettings).where(eq(caseDeadlineSettings.regionCode, region.code));
    const days = { ...((own?.days as Partial<DeadlineDays> | undefined) ?? {}), ...states };
    const reminderDays = reminder ?? own?.reminderDays ?? null;
    await tx
      .insert(caseDeadlineSettings)
      .values({ regionCode: region.code, regionPath: region.path, days, reminderDays })
      .onConflictDoUpdate({ target: caseDeadlineSettings.regionCode, set: { days, reminderDays } });
    await recordAudit(tx, { actor: { id: actor.id, name: actor.displayName }, action: "case.deadlines_set", entityType: "region", entityId: region.code, scopePath: region.path, detail: { days, reminderDays } });
  });
}

export async function setRoutingRule(db: Db, actor: Actor, rule: { category: CaseCategory; handlerRole: HandlerRole }): Promise<void> {
  const region = regionOf(actor);
  await db.transaction(async (tx) => {
    await tx
      .insert(caseRoutingRules)
      .values({ regionCode: region.code, regionPath: region.path, ...rule })
      .onConflictDoUpdate({ target: [caseRoutingRules.regionCode, caseRoutingRules.category], set: { handlerRole: rule.handlerRole } });
    await recordAudit(tx, { actor: { id: actor.id, name: actor.displayName }, action: "case.routing_set", entityType: "region", entityId: region.code, scopePath: region.path, detail: rule });
  });
}
