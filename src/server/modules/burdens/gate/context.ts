import { runBuilt } from "../../../db/named.js";
import { and, eq, gte, lte, ne, sql } from "drizzle-orm";
import type { BurdenInput } from "../../../../contracts/burdens.js";
import { concurrently, type Db } from "../../../db/client.js";
import type { ScopeUnit } from "../../../kernel/actor.js";
import { matchDuty } from "../../duties/match.js";
import { burdens } from "../schema.js";
import { prepareChecked, similarBurdens, type CheckedText } from "../similar.js";
import { scanTargets } from "./target-scan.js";
import { prepare, type PreparedText } from "../../../kernel/text-similarity.js";
import { loadGateReference } from "./reference.js";
import { getUnit } from "../../org/units.js";
import { plainUnitReader, type UnitReader } from "../../org/unit-cache.js";
import type { GateContext, GateTarget, IssuerUsage, ParentBurden, RelayedMeeting } from "./types.js";

const toGateTarget = (u: ScopeUnit): GateTarget => ({
  code: u.code,
  name: u.name,
  level: u.level,
  path: u.path,
  orgType: u.orgType,
  townshipCode: u.level === "township" ? u.code : u.level === "village" ? u.parentCode : null,
});


/** issuerUsage's statement for one shape of the counts, its values as placeholders (db/named.ts builds it once). */
function issuerUsageStatement(db: Db, shape: "document" | "general" | "comprehensive" | "plain", except: boolean) {
  const p = sql.placeholder;
  const thisYear = sql`${burdens.issuedOn} >= ${p("yearStart")}`;
  return db
    .select({
      sameKindThisYear: sql<number>`count(*) filter (where ${thisYear})::int`,
      lastYear: shape === "document" ? sql<number>`count(*) filter (where not ${thisYear})::int` : sql<number>`0`,
      flagged: shape === "general" || shape === "comprehensive" ? sql<number>`count(*) filter (where ${thisYear} and ${burdens.details}->>${p("flag")} = 'true')::int` : sql<number>`0`,
    })
    .from(burdens)
    .where(
      and(
        eq(burdens.issuerCode, p("issuerCode")),
        // Written out, not as parameters: a named statement's generic plan can then use the partial index.
        sql`${burdens.status} in ('admitted', 'expired')`,
        eq(burdens.kind, p("kind")),
        gte(burdens.issuedOn, p("from")),
        lte(burdens.issuedOn, p("to")),
        except ? ne(burdens.id, p("excludeId")) : undefined,
      ),
    );
}

/**
 * What the yearly rules count of the issuer's burdens in force (admitted, or since expired): those of
 * this burden's kind this year (the yearly cap), and as the kind needs — last year's documents for a
 * document, this year's general meetings or comprehensive inspections for a meeting or an inspection.
 * Counts a kind's rules never read stay 0. A partial index on (issuer, kind, issue date) holds the rows
 * asked; a burden's details are read only for meetings and inspections.
 */
async function issuerUsage(db: Db, input: BurdenInput, issuerCode: string, excludeId: string | undefined): Promise<IssuerUsage> {
  const year = Number(input.issuedOn.slice(0, 4));
  const yearStart = `${year}-01-01`;
  const from = input.kind === "document" ? `${year - 1}-01-01` : yearStart;
  const flag = input.kind === "meeting" ? "general" : input.kind === "inspection" ? "comprehensive" : null;
  const shape = input.kind === "document" ? "document" : (flag ?? "plain");
  const [row] = await runBuilt(db, `gate_issuer_usage_${shape}${excludeId ? "_except" : ""}`, () => issuerUsageStatement(db, shape, !!excludeId), {
    issuerCode,
    kind: input.kind,
    yearStart,
    from,
    to: `${year}-12-31`,
    ...(flag ? { flag } : {}),
    ...(excludeId ? { excludeId } : {}),
  });
  const same = row?.sameKindThisYear ?? 0;
  return {
    sameKindThisYear: same,
    documentsThisYear: input.kind === "document" ? same : 0,
    documentsLastYear: input.kind === "document" ? (row?.lastYear ?? 0) : 0,
    generalMeetingsThisYear: input.kind === "meeting" ? (row?.flagged ?? 0) : 0,
    comprehensiveInspectionsThisYear: input.kind === "inspection" ? (row?.flagged ?? 0) : 0,
  };
}

/**
 * Minutes already imposed on each target in the month of this burden's deadline (by admitted burdens and
 * by those since expired: their load fell in the month all the same), and the admitted burdens to the same
 * targets that ask much the same, from one read of the targets' load entries.
 */
async function loadsAndSimilar(db: Db, input: BurdenInput, checked: CheckedText, targets: GateTarget[], excludeId: string | undefined, units: UnitReader) {
  const scan = await scanTargets(db, { input, codes: targets.map((t) => t.code), excludeId });
  const loads = targets.map((t) => ({ code: t.code, name: t.name, minutesThisMonth: scan.minutesByCode.get(t.code) ?? 0 }));
  return { loads, similar: await similarBurdens(db, { checked, candidates: scan.candidates, units }) };
}

/** The higher meeting a meeting names as relayed (the meetings register's 传达的上级会议), whatever its status but a draft. */
async function relayedMeeting(db: Db, input: BurdenInput): Promise<RelayedMeeting | null> {
  const id = input.kind === "meeting" ? input.details.relaysMeetingId : undefined;
  if (!id) return null;
  const [row] = await db
    .select({ id: burdens.id, title: burdens.title, deadline: burdens.deadline, issuerCode: burdens.issuerCode })
    .from(burdens)
    .where(and(eq(burdens.id, id), eq(burdens.kind, "meeting"), ne(burdens.status, "draft")));
  if (!row) return null;
  const issuer = await getUnit(db, row.issuerCode);
  return { id: row.id, title: row.title, deadline: row.deadline, issuerName: issuer?.name ?? row.issuerCode };
}

/**
 * Everything the rules look at, loaded in one go so the rules themselves stay pure; and whether the units
 * the check was given (issuer, targets) and read (townships) through `units` are still those of the
 * database (`unitsCurrent`; org/unit-cache.ts).
 */
export async function loadGateContext(
  db: Db,
  args: { input: BurdenInput; issuer: ScopeUnit; targets: ScopeUnit[]; parent: ParentBurden | null; today: string; excludeId?: string; units?: UnitReader },
): Promise<GateContext & { unitsCurrent: boolean }> {
  const { input, issuer, excludeId } = args;
  const targets = args.targets.map(toGateTarget);
  const townshipCodes = [...new Set(targets.map((t) => t.townshipCode).filter((c): c is string => !!c))];
  const firstYear = Number(input.issuedOn.slice(0, 4));
  const lastYear = Number(input.deadline.slice(0, 4));
  const years = Array.from({ length: Math.min(lastYear - firstYear + 1, 5) }, (_, i) => firstYear + i);
  // The duty match and the duplicate search segment the same title, and for a text of up to 2,000
  // characters the same title and text: each string once.
  const prepared = new Map<string, PreparedText>();
  const prepareOnce = (text: string): PreparedText => {
    let p = prepared.get(text);
    if (!p) prepared.set(text, (p = prepare(text)));
    return p;
  };
  const checked = prepareChecked(input, prepareOnce);
  const units = args.units ?? plainUnitReader(db);
  const [{ settings, registers, calendar, unitGeneration }, duty, usage, { loads, similar }, relayed] = await concurrently(db, [
    () => loadGateReference(db, { issuerPath: issuer.path, year: firstYear, calendarYears: years }),
    () => matchDuty(db, { townshipCodes, onDate: input.issuedOn, citedItem: input.dutyItem, text: `${input.title}\n${input.text}`, prepareText: prepareOnce, units }),
    () => issuerUsage(db, input, issuer.code, excludeId),
    () => loadsAndSimilar(db, input, checked, targets, excludeId, units),
    () => relayedMeeting(db, input),
  ]);
  return {
    today: args.today,
    settings,
    issuer: { code: issuer.code, name: issuer.name, level: issuer.level, path: issuer.path, orgType: issuer.orgType },
    targets,
    duty,
    calendar,
    issuerUsage: usage,
    targetLoads: loads,
    similar,
    parent: args.parent,
    relayedMeeting: relayed,
    registers,
    unitsCurrent: units.currentAt(unitGeneration),
  };
}
