import { and, eq, gte, inArray, lte, notInArray, or, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { anyUuid, likeEscape, pathWithin } from "../../db/sql-helpers.js";
import { burdens, burdenTargets } from "./schema.js";

/**
 * Reads of the registry for the kind-specific registers (meetings 会议台账, issue 6), so those modules
 * never read the burdens tables themselves. Drafts and withdrawn burdens are left out: a register
 * shows what went to the gate.
 */

const LISTED = ["draft", "withdrawn"];

const meetingColumns = {
  id: burdens.id,
  title: burdens.title,
  status: burdens.status,
  admissionNumber: burdens.admissionNumber,
  issuerCode: burdens.issuerCode,
  issuerPath: burdens.issuerPath,
  issuedOn: burdens.issuedOn,
  deadline: burdens.deadline,
  frequency: burdens.frequency,
  targetCount: burdens.targetCount,
  parentId: burdens.parentId,
  details: burdens.details,
  findings: burdens.findings,
};
export type MeetingRow = {
  id: string;
  title: string;
  status: string;
  admissionNumber: string | null;
  issuerCode: string;
  issuerPath: string;
  issuedOn: string;
  deadline: string;
  frequency: string;
  targetCount: number;
  parentId: string | null;
  details: unknown;
  findings: unknown;
};

/**
 * Meetings held in a year that a region sees: issued inside it, or admitted for units inside it (a
 * higher meeting its townships attend).
 */
export async function meetingsOfRegion(db: Queryable, args: { regionPath: string; year: number; limit?: number }): Promise<MeetingRow[]> {
  const targetsRegion = sql`${burdens.status} in ('admitted', 'expired') and exists (select 1 from ${burdenTargets} bt where bt.burden_id = ${burdens.id} and (bt.unit_path = ${args.regionPath} or bt.unit_path like ${`${likeEscape(args.regionPath)}.%`}))`;
  return db
    .select(meetingColumns)
    .from(burdens)
    .where(
      and(
        eq(burdens.kind, "meeting"),
        notInArray(burdens.status, LISTED),
        gte(burdens.deadline, `${args.year}-01-01`),
        lte(burdens.deadline, `${args.year}-12-31`),
        or(pathWithin(burdens.issuerPath, args.regionPath), targetsRegion),
      ),
    )
    .orderBy(burdens.deadline, burdens.id)
    .limit(args.limit ?? 5000);
}

/** Meetings by id, whatever their region (the higher meetings a listed one relays). */
export async function meetingsById(db: Queryable, ids: readonly string[]): Promise<MeetingRow[]> {
  if (ids.length === 0) return [];
  return db.select(meetingColumns).from(burdens).where(and(eq(burdens.kind, "meeting"), anyUuid(burdens.id, ids)));
}

/** Meetings that relay any of the given ones: by details.relaysMeetingId, or relayed down as children. */
export async function meetingsRelaying(db: Queryable, ids: readonly string[]): Promise<MeetingRow[]> {
  if (ids.length === 0) return [];
  return db
    .select(meetingColumns)
    .from(burdens)
    .where(
      and(
        eq(burdens.kind, "meeting"),
        notInArray(burdens.status, LISTED),
        or(sql`${burdens.details}->>'relaysMeetingId' = any(${sql.param([...ids])}::text[])`, inArray(burdens.parentId, [...ids])),
      ),
    )
    .orderBy(burdens.deadline);
}

export type MeetingLoadRow = { unitPath: string; frequency: string; loadFrom: string; loadTo: string; lengthMinutes: number; attendees: number };

/** Each unit under a path that meetings in force load between two dates, with the meeting's length and attendees. */
export async function meetingLoads(db: Queryable, args: { underPath: string; from: string; to: string }): Promise<MeetingLoadRow[]> {
  return db
    .select({
      unitPath: burdenTargets.unitPath,
      frequency: burdens.frequency,
      loadFrom: burdenTargets.loadFrom,
      loadTo: burdenTargets.loadTo,
      lengthMinutes: sql<number>`coalesce((${burdens.details}->>'lengthMinutes')::int, ${burdens.minutesPerTarget})`,
      attendees: sql<number>`coalesce((${burdens.details}->>'attendeesPerTarget')::int, 1)`,
    })
    .from(burdenTargets)
    .innerJoin(burdens, eq(burdens.id, burdenTargets.burdenId))
    .where(
      and(
        burdenTargets.inForce,
        eq(burdens.kind, "meeting"),
        pathWithin(burdenTargets.unitPath, args.underPath),
        gte(burdenTargets.loadTo, args.from),
        lte(burdenTargets.loadFrom, args.to),
      ),
    )
    .limit(500_000);
}

/** What a meeting's sheet row needs beyond the register (会议台账 export, to be imported again): its text, notice day and targets. */
export type MeetingSheetFields = { id: string; text: string; issuedOn: string; speechMinutes: number | null; targetSpec: unknown; targetCodes: string[] };

export async function meetingSheetFields(db: Queryable, ids: readonly string[]): Promise<MeetingSheetFields[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: burdens.id,
      text: burdens.text,
      issuedOn: burdens.issuedOn,
      speechMinutes: sql<number | null>`(${burdens.details}->>'speechMinutes')::int`,
      targetSpec: burdens.targetSpec,
      targetCodes: sql<string[]>`coalesce((select array_agg(bt.unit_code order by bt.unit_code) from ${burdenTargets} bt where bt.burden_id = ${burdens.id}), '{}')`,
    })
    .from(burdens)
    .where(and(eq(burdens.kind, "meeting"), anyUuid(burdens.id, ids)));
}

/** Meetings by admission number 准入编号 (an import names the higher meeting it relays by its number). */
export async function meetingIdsByAdmissionNumber(db: Queryable, numbers: readonly string[]): Promise<Map<string, string>> {
  if (numbers.length === 0) return new Map();
  const rows = await db
    .select({ id: burdens.id, number: burdens.admissionNumber })
    .from(burdens)
    .where(and(eq(burdens.kind, "meeting"), inArray(burdens.admissionNumber, [...numbers])));
  return new Map(rows.map((r) => [r.number!, r.id]));
}
