import { asc, sql } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client.js";
import type { Actor, ScopeUnit } from "../../kernel/actor.js";
import { recordAudit } from "../audit/audit.js";
import { meetingCaps } from "./schema.js";

/**
 * A system 系统 is the line an issuing department belongs to: 农业农村 for 饶河县农业农村局 and for
 * 黑龙江省农业农村厅 alike. The platform keeps no table of lines, so the system is read from the
 * department's name: without "中共" and the name of its region, without the ending 局/厅/委员会/委.
 * A party committee office (县委办公室) is the 党委办公室 line; a region or a township issuing in
 * its own name (no department) is 党委政府（综合）. See docs/decisions/0007-meeting-systems.md.
 */
export const GENERAL_SYSTEM = "党委政府（综合）";

export function systemOf(issuer: { name: string; level: string }, regionNames: readonly string[]): string {
  if (issuer.level !== "department") return GENERAL_SYSTEM;
  let name = issuer.name.replace(/^中共/, "");
  for (const region of [...regionNames].sort((a, b) => b.length - a.length)) {
    if (region && name.startsWith(region)) {
      name = name.slice(region.length);
      break;
    }
  }
  // A short form of the region: 饶河县 → 饶河 (中共饶河县委 → 县委 is handled above).
  if (/^[省市县区旗州盟]?委/.test(name)) return "党委办公室";
  const line = name.replace(/(委员会|局|厅|委|办公室)$/, "");
  return line || name;
}

/** The default cap: one meeting for the grassroots per system a month. */
export const DEFAULT_MEETINGS_PER_SYSTEM = 12;

const regionHolds = (path: string) => sql`(${path} = ${meetingCaps.regionPath} or ${path} like ${meetingCaps.regionPath} || '.%')`;

/** The cap that holds for a region: its own, or the nearest region's above it, or the default. */
export async function loadMeetingCap(db: Queryable, regionPath: string): Promise<{ perSystemPerYear: number; setBy: string }> {
  const rows = await db
    .select({ code: meetingCaps.regionCode, cap: meetingCaps.perSystemPerYear })
    .from(meetingCaps)
    .where(regionHolds(regionPath))
    .orderBy(asc(sql`length(${meetingCaps.regionPath})`));
  const nearest = rows.at(-1);
  return nearest ? { perSystemPerYear: nearest.cap, setBy: nearest.code } : { perSystemPerYear: DEFAULT_MEETINGS_PER_SYSTEM, setBy: "default" };
}

export async function saveMeetingCap(db: Db, args: { actor: Actor; region: ScopeUnit; perSystemPerYear: number }) {
  await db.transaction(async (tx) => {
    const values = { regionCode: args.region.code, regionPath: args.region.path, perSystemPerYear: args.perSystemPerYear, updatedBy: args.actor.id };
    await tx
      .insert(meetingCaps)
      .values(values)
      .onConflictDoUpdate({ target: meetingCaps.regionCode, set: { perSystemPerYear: args.perSystemPerYear, updatedBy: args.actor.id, updatedAt: new Date() } });
    await recordAudit(tx, {
      actor: { id: args.actor.id, name: args.actor.username },
      action: "meeting.cap",
      entityType: "region",
      entityId: args.region.code,
      scopePath: args.region.path,
      detail: { perSystemPerYear: args.perSystemPerYear },
    });
  });
}
