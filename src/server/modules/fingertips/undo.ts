import { and, eq, ne } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import { authorize, type Actor } from "../../kernel/actor.js";
import { recordAudit } from "../audit/audit.js";
import { takeBackMergedMembers } from "./members.js";
import { fingertipPolicy } from "./policy.js";
import { loadChannel } from "./registry.js";
import { fingertipChannels } from "./schema.js";

/**
 * 撤销关停/整合: the office undoes its decision with a reason, audited. A closed channel is active again;
 * a merged one too, and the channel it was merged into gives back exactly what the merge added (audience
 * units, roles, named members), so every cadre's count returns to what it was. A merge into a channel
 * since closed or merged itself is undone only after that later decision.
 */
export async function undoDecision(db: Db, actor: Actor, id: string, reason: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await loadChannel(tx, actor, id);
    authorize(fingertipPolicy.canDecide(actor, row));
    if (row.status === "active") throw new AppError("CHANNEL_NOT_DECIDED");
    const previous = { status: row.status, reason: row.decisionReason, by: row.decidedBy, into: row.mergedIntoId };
    if (row.status === "merged" && row.mergedIntoId) {
      const [target] = await tx.select().from(fingertipChannels).where(eq(fingertipChannels.id, row.mergedIntoId)).for("update");
      if (target && target.status !== "active") throw new AppError("CHANNEL_UNDO_BLOCKED", { name: target.name });
      if (target) {
        const added = row.mergeAdded ?? { codes: [], paths: [], roles: [] };
        // What another channel still merged into the target brought stays, even if this merge added it first.
        const others = await tx.select({ codes: fingertipChannels.audienceCodes, roles: fingertipChannels.audienceRoles }).from(fingertipChannels).where(and(eq(fingertipChannels.mergedIntoId, target.id), ne(fingertipChannels.id, row.id)));
        const stays = (list: string[]) => (x: string) => !added[list === added.codes ? "codes" : "roles"].includes(x) || others.some((o) => (list === added.codes ? o.codes : o.roles).includes(x));
        const keep = target.audienceCodes.map((c, i) => [c, target.audiencePaths[i]!] as const).filter(([c]) => stays(added.codes)(c));
        await tx
          .update(fingertipChannels)
          .set({ audienceCodes: keep.map(([c]) => c), audiencePaths: keep.map(([, p]) => p), audienceRoles: target.audienceRoles.filter(stays(added.roles)) })
          .where(eq(fingertipChannels.id, target.id));
        await takeBackMergedMembers(tx, { from: row.id, into: target.id });
      }
    }
    await tx
      .update(fingertipChannels)
      .set({ status: "active", mergedIntoId: null, mergeAdded: null, decisionReason: null, decidedBy: null, decidedAt: null })
      .where(eq(fingertipChannels.id, row.id));
    await recordAudit(tx, { actor: { id: actor.id, name: actor.username }, action: "fingertips.undo", entityType: "fingertip_channel", entityId: row.id, scopePath: row.regionPath, detail: { name: row.name, reason, undone: previous } });
  });
}
