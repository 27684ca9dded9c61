import type { BurdenStatus } from "../../../contracts/burdens.js";
import { MEETING_FINDINGS, type MeetingItem, type MeetingList, type MeetingSystems } from "../../../contracts/meetings.js";
import type { Db } from "../../db/client.js";
import type { Lang } from "../../http/i18n.js";
import { regionPathOf, type Actor } from "../../kernel/actor.js";
import { loadGateSettings } from "../burdens/gate/settings.js";
import { meetingsById, meetingsOfRegion, type MeetingRow } from "../burdens/kind-reads.js";
import { getUnits, pathCodes } from "../org/units.js";
import { loadMeetingCap, systemOf } from "./systems.js";

/** 会议台账: the meetings of one's region and year, their relays, their gate findings and their system's cap. */

type MeetingDetails = { lengthMinutes: number; attendeesPerTarget: number; mode: "in_person" | "video"; general?: boolean; relaysMeetingId?: string };
type StoredFinding = { code: string; severity: string; messages: { "zh-CN": string; en: string } };

export const detailsOf = (row: MeetingRow): MeetingDetails => row.details as MeetingDetails;
/** The higher meeting a meeting relays: the one it names, or the meeting it was relayed down from. */
export const relayedIdOf = (row: MeetingRow): string | null => detailsOf(row).relaysMeetingId ?? row.parentId ?? null;
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
export const personHoursOf = (row: MeetingRow): number => {
  const d = detailsOf(row);
  return Math.round(((d.lengthMinutes * d.attendeesPerTarget * row.targetCount) / 60) * 10) / 10;
};
export const meetingFindings = (row: MeetingRow): StoredFinding[] =>
  ((row.findings as StoredFinding[] | null) ?? []).filter((f) => (MEETING_FINDINGS as readonly string[]).includes(f.code));

/** Issuers of the rows with their names and the system each belongs to. */
export async function issuersOf(db: Db, rows: readonly MeetingRow[]) {
  const paths = [...new Set(rows.map((r) => r.issuerPath))];
  const units = new Map((await getUnits(db, [...new Set(paths.flatMap(pathCodes))])).map((u) => [u.code, u]));
  const out = new Map<string, { code: string; name: string; level: string; system: string }>();
  for (const path of paths) {
    const codes = pathCodes(path);
    const unit = units.get(codes.at(-1)!);
    const above = codes.slice(0, -1).map((c) => units.get(c)?.name ?? "");
    // A department issues at the level of its region (县农业农村局: county).
    const level = unit?.level === "department" ? (units.get(codes.at(-2)!)?.level ?? "county") : (unit?.level ?? "county");
    out.set(codes.at(-1)!, { code: codes.at(-1)!, name: unit?.name ?? codes.at(-1)!, level, system: unit ? systemOf(unit, above) : "?" });
  }
  return out;
}

type SystemCount = { system: string; issuers: Map<string, string>; meetings: number; generalMeetings: number; lastYear: number };

const HELD = new Set(["admitted", "expired"]);

/** Meetings held (admitted, or since expired) per system issued inside the region, this year and last. */
export async function systemCounts(db: Db, regionPath: string, year: number) {
  const [rows, last] = await Promise.all([meetingsOfRegion(db, { regionPath, year }), meetingsOfRegion(db, { regionPath, year: year - 1 })]);
  const inside = (r: MeetingRow) => HELD.has(r.status) && (r.issuerPath === regionPath || r.issuerPath.startsWith(`${regionPath}.`));
  const held = rows.filter(inside);
  const heldLast = last.filter(inside);
  const issuers = await issuersOf(db, [...held, ...heldLast]);
  const bySystem = new Map<string, SystemCount>();
  const entry = (system: string) => bySystem.get(system) ?? bySystem.set(system, { system, issuers: new Map(), meetings: 0, generalMeetings: 0, lastYear: 0 }).get(system)!;
  for (const r of held) {
    const issuer = issuers.get(r.issuerCode)!;
    const e = entry(issuer.system);
    e.issuers.set(issuer.code, issuer.name);
    e.meetings++;
    if (detailsOf(r).general) e.generalMeetings++;
  }
  for (const r of heldLast) entry(issuers.get(r.issuerCode)!.system).lastYear++;
  return { rows, bySystem, issuers };
}

export async function meetingSystems(db: Db, actor: Actor, year: number): Promise<MeetingSystems> {
  const regionPath = regionPathOf(actor);
  const [{ bySystem }, cap, settings] = await Promise.all([systemCounts(db, regionPath, year), loadMeetingCap(db, regionPath), loadGateSettings(db, regionPath)]);
  const items = [...bySystem.values()]
    .map((s) => ({
      system: s.system,
      issuers: [...s.issuers].map(([code, name]) => ({ code, name })),
      meetings: s.meetings,
      generalMeetings: s.generalMeetings,
      lastYear: s.lastYear,
      cap: cap.perSystemPerYear,
      generalCap: settings.generalMeetingsPerYear,
      over: Math.max(0, s.meetings - cap.perSystemPerYear),
      exceeds: s.meetings > cap.perSystemPerYear || s.generalMeetings > settings.generalMeetingsPerYear,
    }))
    .sort((a, b) => Number(b.exceeds) - Number(a.exceeds) || b.meetings - a.meetings || a.system.localeCompare(b.system));
  return { year, regionCode: pathCodes(regionPath).at(-1)!, cap: cap.perSystemPerYear, items };
}

export async function listMeetings(db: Db, actor: Actor, year: number, lang: Lang): Promise<MeetingList> {
  const regionPath = regionPathOf(actor);
  const [{ rows, issuers: local }, cap] = await Promise.all([systemCounts(db, regionPath, year), loadMeetingCap(db, regionPath)]);
  const issuers = new Map([...local, ...(await issuersOf(db, rows.filter((r) => !local.has(r.issuerCode))))]);
  const relayIds = [...new Set(rows.map(relayedIdOf).filter((id): id is string => !!id))];
  const relayed = new Map((await meetingsById(db, relayIds)).map((r) => [r.id, r]));
  // The n-th meeting a system holds in the year is over the cap from n > cap on.
  const heldSoFar = new Map<string, number>();
  const items = rows.map((r): MeetingItem => {
    const d = detailsOf(r);
    const issuer = issuers.get(r.issuerCode)!;
    const parent = relayedIdOf(r) ? relayed.get(relayedIdOf(r)!) : undefined;
    let overSystemCap = false;
    if (HELD.has(r.status) && (r.issuerPath === regionPath || r.issuerPath.startsWith(`${regionPath}.`))) {
      const n = (heldSoFar.get(issuer.system) ?? 0) + 1;
      heldSoFar.set(issuer.system, n);
      overSystemCap = n > cap.perSystemPerYear;
    }
    return {
      id: r.id,
      title: r.title,
      status: r.status as BurdenStatus,
      admissionNumber: r.admissionNumber,
      issuer: { code: issuer.code, name: issuer.name, level: issuer.level },
      system: issuer.system,
      date: r.deadline,
      general: !!d.general,
      lengthMinutes: d.lengthMinutes,
      mode: d.mode,
      targetCount: r.targetCount,
      attendeesPerTarget: d.attendeesPerTarget,
      grassrootsAttendees: d.attendeesPerTarget * r.targetCount,
      personHours: personHoursOf(r),
      relays: parent ? { id: parent.id, title: parent.title, date: parent.deadline, daysBetween: daysBetween(parent.deadline, r.deadline) } : null,
      findings: meetingFindings(r).map((f) => ({ code: f.code, severity: f.severity, message: f.messages[lang] })),
      overSystemCap,
    };
  });
  items.reverse();
  return { year, total: items.length, items };
}
