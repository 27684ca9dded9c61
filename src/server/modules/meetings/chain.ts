import type { MeetingChain, MeetingChainNode } from "../../../contracts/meetings.js";
import type { Db } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import type { Actor } from "../../kernel/actor.js";
import { meetingsById, meetingsRelaying, type MeetingRow } from "../burdens/kind-reads.js";
import { loadReadableBurden } from "../burdens/queries.js";
import { getUnits } from "../org/units.js";
import { daysBetween, meetingFindings, relayedIdOf } from "./register.js";

/**
 * The relay chain of a meeting 层层开会: the higher meetings it relays, and below it every meeting that
 * relays it, level by level, with the days between each meeting and the one it relays.
 */
const MAX_LEVELS = 8;

export async function meetingChain(db: Db, actor: Actor, id: string): Promise<MeetingChain> {
  const own = await loadReadableBurden(db, actor, id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "BURDEN_NOT_FOUND") throw new AppError("MEETING_NOT_FOUND");
    throw err;
  });
  if (own.kind !== "meeting") throw new AppError("MEETING_NOT_FOUND");
  const [root] = await meetingsById(db, [id]);
  if (!root) throw new AppError("MEETING_NOT_FOUND");

  const above: MeetingRow[] = [];
  const seen = new Set([root.id]);
  for (let next = relayedIdOf(root); next && !seen.has(next) && above.length < MAX_LEVELS; ) {
    seen.add(next);
    const [parent] = await meetingsById(db, [next]);
    if (!parent) break;
    above.unshift(parent);
    next = relayedIdOf(parent);
  }

  const children = new Map<string, MeetingRow[]>();
  let frontier = [root.id];
  let levels = 0;
  while (frontier.length > 0 && levels < MAX_LEVELS) {
    const found = (await meetingsRelaying(db, frontier)).filter((r) => !seen.has(r.id));
    if (found.length === 0) break;
    levels++;
    for (const r of found) {
      seen.add(r.id);
      const parentId = frontier.includes(relayedIdOf(r) ?? "") ? relayedIdOf(r)! : r.parentId!;
      children.set(parentId, [...(children.get(parentId) ?? []), r]);
    }
    frontier = found.map((r) => r.id);
  }

  const all = [...above, root, ...[...children.values()].flat()];
  const names = new Map((await getUnits(db, [...new Set(all.map((r) => r.issuerCode))])).map((u) => [u.code, u.name]));
  const node = (r: MeetingRow, parent: MeetingRow | null): MeetingChainNode => ({
    id: r.id,
    title: r.title,
    issuerName: names.get(r.issuerCode) ?? r.issuerCode,
    date: r.deadline,
    daysAfterParent: parent ? daysBetween(parent.deadline, r.deadline) : null,
    layered: meetingFindings(r).some((f) => f.code === "LAYERED_MEETING"),
    relayedBy: (children.get(r.id) ?? []).map((c) => node(c, r)),
  });
  return {
    above: above.map((r) => ({ id: r.id, title: r.title, issuerName: names.get(r.issuerCode) ?? r.issuerCode, date: r.deadline })),
    root: node(root, above.at(-1) ?? null),
    levels,
  };
}
