import { z } from "zod";
import { ZBurdenStatus } from "./burdens.js";
import { ZUnitCode } from "./roles.js";

/**
 * Meetings register 会议台账 (issue 6, 精文减会): the meeting burdens of a region and year, the chain of
 * meetings that relay one another (层层开会), meetings per system 系统 against a yearly cap, and the
 * grassroots hours spent in meetings per unit and month.
 */

const ZUnitRef = z.object({ code: z.string(), name: z.string() });

export const MEETING_FINDINGS = ["LAYERED_MEETING", "ACCOMPANYING_MEETING", "GENERAL_MEETING_LIMIT", "SPEECH_TOO_LONG"] as const;

export const ZMeetingYearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const ZMeetingItem = z.object({
  id: z.string().uuid(),
  title: z.string(),
  status: ZBurdenStatus,
  admissionNumber: z.string().nullable(),
  issuer: ZUnitRef.extend({ level: z.string() }),
  /** The issuer's line 系统 (see meetings/systems.ts). */
  system: z.string(),
  date: z.string().describe("the day it is held (the burden's deadline)"),
  general: z.boolean().describe("全体会议/综合性工作会议, else a topical meeting 专题会议"),
  lengthMinutes: z.number().int(),
  mode: z.enum(["in_person", "video"]),
  targetCount: z.number().int(),
  attendeesPerTarget: z.number().int(),
  grassrootsAttendees: z.number().int().describe("attendees per target × targets"),
  personHours: z.number(),
  relays: z.object({ id: z.string().uuid(), title: z.string(), date: z.string(), daysBetween: z.number().int() }).nullable(),
  findings: z.array(z.object({ code: z.string(), severity: z.string(), message: z.string() })),
  overSystemCap: z.boolean(),
});
export type MeetingItem = z.infer<typeof ZMeetingItem>;
export const ZMeetingList = z.object({ year: z.number().int(), total: z.number().int(), items: z.array(ZMeetingItem) });
export type MeetingList = z.infer<typeof ZMeetingList>;

export type MeetingChainNode = {
  id: string;
  title: string;
  issuerName: string;
  date: string;
  daysAfterParent: number | null;
  layered: boolean;
  relayedBy: MeetingChainNode[];
};
export const ZMeetingChainNode: z.ZodType<MeetingChainNode> = z.lazy(() =>
  z.object({
    id: z.string(),
    title: z.string(),
    issuerName: z.string(),
    date: z.string(),
    daysAfterParent: z.number().int().nullable(),
    layered: z.boolean().describe("the gate found it relays a higher meeting within days (层层开会)"),
    relayedBy: z.array(ZMeetingChainNode),
  }),
);
export const ZMeetingChain = z.object({
  /** The higher meetings this one relays, from the top down. */
  above: z.array(z.object({ id: z.string(), title: z.string(), issuerName: z.string(), date: z.string() })),
  root: ZMeetingChainNode,
  levels: z.number().int().describe("how many levels the topic went down from this meeting"),
});
export type MeetingChain = z.infer<typeof ZMeetingChain>;
export const ZMeetingIdParams = z.object({ id: z.string().uuid() });

export const ZMeetingSystemRow = z.object({
  system: z.string(),
  issuers: z.array(ZUnitRef),
  meetings: z.number().int(),
  generalMeetings: z.number().int(),
  lastYear: z.number().int(),
  cap: z.number().int(),
  generalCap: z.number().int(),
  over: z.number().int().describe("meetings beyond the cap (0 when within)"),
  exceeds: z.boolean(),
});
export const ZMeetingSystems = z.object({ year: z.number().int(), regionCode: z.string(), cap: z.number().int(), items: z.array(ZMeetingSystemRow) });
export type MeetingSystems = z.infer<typeof ZMeetingSystems>;

export const ZMeetingCapInput = z.object({ perSystemPerYear: z.number().int().min(1).max(1000) }).strict();
export const ZMeetingCap = z.object({ regionCode: z.string(), perSystemPerYear: z.number().int(), setBy: z.string().describe("the region whose setting applies, or 'default'") });
export const ZRegionParams = z.object({ regionCode: ZUnitCode });

export const ZMeetingHoursQuery = z.object({ unit: ZUnitCode, year: z.coerce.number().int().min(2000).max(2100) });
export const ZMeetingHoursRow = z.object({
  unit: ZUnitRef.extend({ level: z.string() }),
  months: z.array(z.number()).length(12).describe("person-hours in meetings, January to December"),
  total: z.number(),
});
export const ZMeetingHours = z.object({
  year: z.number().int(),
  unit: ZUnitRef.extend({ level: z.string() }),
  total: ZMeetingHoursRow,
  rows: z.array(ZMeetingHoursRow).describe("one level down (a county's townships, a township's villages), each rolled up"),
});
export type MeetingHours = z.infer<typeof ZMeetingHours>;

export const ZMeetingImportResult = z.object({
  imported: z.number().int(),
  held: z.number().int().describe("rows of meetings already held: recorded with the gate's findings, without an admission number"),
  rows: z.array(z.object({ row: z.number().int(), id: z.string().uuid(), title: z.string(), status: ZBurdenStatus, held: z.boolean(), admissionNumber: z.string().nullable(), findingCodes: z.array(z.string()) })),
});
export type MeetingImportResult = z.infer<typeof ZMeetingImportResult>;
