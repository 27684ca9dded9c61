import { addDays } from "../../../kernel/dates.js";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { BurdenInput } from "../../../../contracts/burdens.js";
import type { Db } from "../../../db/client.js";
import type { ScopeUnit } from "../../../kernel/actor.js";
import { prepare, preparedSimilarity } from "../../../kernel/text-similarity.js";
import { loadWorkingCalendar } from "../../calendar/calendar.js";
import { matchDuty } from "../../duties/match.js";
import { getUnits } from "../../org/units.js";
import { burdens, burdenTargets } from "../schema.js";
import { loadGateSettings, loadRegisters } from "./settings.js";
import type { GateContext, GateTarget, IssuerUsage, ParentBurden, SimilarBurden } from "./types.js";

/** How far back an admitted burden still counts as a possible duplicate. */
const DUPLICATE_WINDOW_DAYS = 180;
/** Below this similarity a candidate is not worth showing even as evidence. */
const SIMILARITY_FLOOR = 0.3;

const monthlyOccurrencesSql = sql`case ${burdens.frequency} when 'once' then 1 when 'daily' then 250.0 / 12 when 'weekly' then 52.0 / 12
  when 'monthly' then 1 when 'quarterly' then 4.0 / 12 else 1.0 / 12 end`;

const toGateTarget = (u: ScopeUnit): GateTarget => ({
  code: u.code,
  name: u.name,
  level: u.level,
  path: u.path,
  orgType: u.orgType,
  townshipCode: u.level === "township" ? u.code : u.level === "village" ? u.parentCode : null,
});


async function issuerUsage(db: Db, input: BurdenInput, issuerCode: string, excludeId: string | undefined): Promise<IssuerUsage> {
  const year = Number(input.issuedOn.slice(0, 4));
  const yearOf = sql`extract(year from ${burdens.issuedOn})::int`;
  const [row] = await db
    .select({
      sameKindThisYear: sql<number>`count(*) filter (where ${burdens.kind} = ${input.kind} and ${yearOf} = ${year})::int`,
      documentsThisYear: sql<number>`count(*) filter (where ${burdens.kind} = 'document' and ${yearOf} = ${year})::int`,
      documentsLastYear: sql<number>`count(*) filter (where ${burdens.kind} = 'document' and ${yearOf} = ${year - 1})::int`,
      generalMeetingsThisYear: sql<number>`count(*) filter (where ${burdens.kind} = 'meeting' and ${burdens.details}->>'general' = 'true' and ${yearOf} = ${year})::int`,
      comprehensiveInspectionsThisYear: sql<number>`count(*) filter (where ${burdens.kind} = 'inspection' and ${burdens.details}->>'comprehensive' = 'true' and ${yearOf} = ${year})::int`,
    })
    .from(burdens)
    .where(and(eq(burdens.issuerCode, issuerCode), inArray(burdens.status, ["admitted", "expired"]), excludeId ? ne(burdens.id, excludeId) : undefined));
  return row ?? { sameKindThisYear: 0, documentsThisYear: 0, documentsLastYear: 0, generalMeetingsThisYear: 0, comprehensiveInspectionsThisYear: 0 };
}

/** Minutes already admitted for each target in the month of this burden's deadline. */
async function targetLoads(db: Db, input: BurdenInput, targets: GateTarget[], excludeId: string | undefined) {
  const monthStart = `${input.deadline.slice(0, 7)}-01`;
  const monthEnd = addDays(addDays(monthStart, 32).slice(0, 8) + "01", -1);
  const codes = targets.map((t) => t.code);
  const rows = await db
    .select({ code: burdenTargets.unitCode, minutes: sql<number>`sum(${burdens.minutesPerTarget} * ${monthlyOccurrencesSql})::float8` })
    .from(burdenTargets)
    .innerJoin(burdens, eq(burdens.id, burdenTargets.burdenId))
    .where(
      and(
        inArray(burdenTargets.unitCode, codes),
        eq(burdens.status, "admitted"),
        excludeId ? ne(burdens.id, excludeId) : undefined,
        sql`((${burdens.frequency} = 'once' and ${burdens.deadline} between ${monthStart} and ${monthEnd})
          or (${burdens.frequency} <> 'once' and ${burdens.issuedOn} <= ${monthEnd} and ${burdens.deadline} >= ${monthStart}))`,
      ),
    )
    .groupBy(burdenTargets.unitCode);
  const byCode = new Map(rows.map((r) => [r.code, Math.round(r.minutes)]));
  return targets.map((t) => ({ code: t.code, name: t.name, minutesThisMonth: byCode.get(t.code) ?? 0 }));
}

/** Admitted burdens to the same targets in the last months, scored by Chinese text similarity. */
async function similarBurdens(db: Db, input: BurdenInput, targets: GateTarget[], excludeId: string | undefined): Promise<SimilarBurden[]> {
  // First the narrow question (which admitted burdens share most targets), then the wide columns of
  // those few only: sorting thousands of full rows was the cost (bench/gate.bench.ts).
  const shared = await db
    .select({ id: burdenTargets.burdenId, shared: sql<number>`count(*)::int` })
    .from(burdenTargets)
    .innerJoin(burdens, eq(burdens.id, burdenTargets.burdenId))
    .where(
      and(
        inArray(burdenTargets.unitCode, targets.map((t) => t.code)),
        inArray(burdens.status, ["admitted", "expired"]),
        sql`${burdens.deadline} >= ${addDays(input.issuedOn, -DUPLICATE_WINDOW_DAYS)}`,
        excludeId ? ne(burdens.id, excludeId) : undefined,
      ),
    )
    .groupBy(burdenTargets.burdenId)
    .orderBy(sql`count(*) desc`)
    .limit(200);
  if (shared.length === 0) return [];
  const sharedById = new Map(shared.map((s) => [s.id, s.shared]));
  const rows = await db
    .select({
      id: burdens.id,
      admissionNumber: burdens.admissionNumber,
      title: burdens.title,
      text: sql<string>`left(${burdens.text}, 2000)`,
      kind: burdens.kind,
      details: burdens.details,
      issuerCode: burdens.issuerCode,
      deadline: burdens.deadline,
    })
    .from(burdens)
    .where(inArray(burdens.id, [...sharedById.keys()]));
  // The burden under check is tokenized once, not once per candidate.
  const title = prepare(input.title);
  const whole = prepare(`${input.title}\n${input.text}`);
  const scored = rows
    .map((r) => ({ r, score: Math.max(preparedSimilarity(title, prepare(r.title)), preparedSimilarity(whole, prepare(`${r.title}\n${r.text}`))) }))
    .filter((s) => s.score >= SIMILARITY_FLOOR)
    .sort((a, b) => b.score - a.score)
    .slice(0, 10);
  const issuers = new Map((await getUnits(db, [...new Set(scored.map((s) => s.r.issuerCode))])).map((u) => [u.code, u.name]));
  return scored.map(({ r, score }) => ({
    id: r.id,
    admissionNumber: r.admissionNumber,
    title: r.title,
    issuerName: issuers.get(r.issuerCode) ?? r.issuerCode,
    deadline: r.deadline,
    similarity: Math.round(score * 1000) / 1000,
    sharedTargets: sharedById.get(r.id) ?? 0,
    kind: r.kind as SimilarBurden["kind"],
    documentHead: r.kind === "document" ? ((r.details as { head?: SimilarBurden["documentHead"] }).head ?? undefined) : undefined,
  }));
}

/** Everything the rules look at, loaded in one go so the rules themselves stay pure. */
export async function loadGateContext(
  db: Db,
  args: { input: BurdenInput; issuer: ScopeUnit; targets: ScopeUnit[]; parent: ParentBurden | null; today: string; excludeId?: string },
): Promise<GateContext> {
  const { input, issuer, excludeId } = args;
  const targets = args.targets.map(toGateTarget);
  const townshipCodes = [...new Set(targets.map((t) => t.townshipCode).filter((c): c is string => !!c))];
  const firstYear = Number(input.issuedOn.slice(0, 4));
  const lastYear = Number(input.deadline.slice(0, 4));
  const years = Array.from({ length: Math.min(lastYear - firstYear + 1, 5) }, (_, i) => firstYear + i);
  const [settings, registers, duty, calendar, usage, loads, similar] = await Promise.all([
    loadGateSettings(db, issuer.path),
    loadRegisters(db, issuer.path, firstYear),
    matchDuty(db, { townshipCodes, onDate: input.issuedOn, citedItem: input.dutyItem, text: `${input.title}\n${input.text}` }),
    loadWorkingCalendar(db, years),
    issuerUsage(db, input, issuer.code, excludeId),
    targetLoads(db, input, targets, excludeId),
    similarBurdens(db, input, targets, excludeId),
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
    registers,
  };
}
