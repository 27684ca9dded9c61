import { runNamed } from "../../../db/named.js";
import { anyText } from "../../../db/sql-helpers.js";
import { addDays } from "../../../kernel/dates.js";
import { and, eq, gte, inArray, lte, ne, sql } from "drizzle-orm";
import type { BurdenInput } from "../../../../contracts/burdens.js";
import type { Db } from "../../../db/client.js";
import type { ScopeUnit } from "../../../kernel/actor.js";
import { matchDuty } from "../../duties/match.js";
import { burdens, burdenTargets } from "../schema.js";
import { prepareChecked, similarBurdens } from "../similar.js";
import { loadGateReference } from "./reference.js";
import { getUnit } from "../../org/units.js";
import type { GateContext, GateTarget, IssuerUsage, ParentBurden, RelayedMeeting } from "./types.js";

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
  const [row] = await runNamed(
    db
      .select({
        sameKindThisYear: sql<number>`count(*) filter (where ${burdens.kind} = ${input.kind} and ${yearOf} = ${year})::int`,
        documentsThisYear: sql<number>`count(*) filter (where ${burdens.kind} = 'document' and ${yearOf} = ${year})::int`,
        documentsLastYear: sql<number>`count(*) filter (where ${burdens.kind} = 'document' and ${yearOf} = ${year - 1})::int`,
        generalMeetingsThisYear: sql<number>`count(*) filter (where ${burdens.kind} = 'meeting' and ${burdens.details}->>'general' = 'true' and ${yearOf} = ${year})::int`,
        comprehensiveInspectionsThisYear: sql<number>`count(*) filter (where ${burdens.kind} = 'inspection' and ${burdens.details}->>'comprehensive' = 'true' and ${yearOf} = ${year})::int`,
      })
      .from(burdens)
      .where(and(eq(burdens.issuerCode, issuerCode), inArray(burdens.status, ["admitted", "expired"]), excludeId ? ne(burdens.id, excludeId) : undefined)),
    excludeId ? "gate_issuer_usage_except" : "gate_issuer_usage",
  );
  return row ?? { sameKindThisYear: 0, documentsThisYear: 0, documentsLastYear: 0, generalMeetingsThisYear: 0, comprehensiveInspectionsThisYear: 0 };
}

/**
 * Minutes already imposed on each target in the month of this burden's deadline: by admitted burdens and
 * by those since expired (their load fell in the month all the same), from the covering load index.
 */
async function targetLoads(db: Db, input: BurdenInput, targets: GateTarget[], excludeId: string | undefined) {
  const monthStart = `${input.deadline.slice(0, 7)}-01`;
  const monthEnd = addDays(addDays(monthStart, 32).slice(0, 8) + "01", -1);
  const rows = await runNamed(
    db
      .select({ code: burdenTargets.unitCode, minutes: sql<number>`sum(${burdenTargets.monthlyMinutes})::float8` })
      .from(burdenTargets)
      .where(
        and(
          burdenTargets.inForce,
          anyText(burdenTargets.unitCode, targets.map((t) => t.code)),
          gte(burdenTargets.loadTo, monthStart),
          lte(burdenTargets.loadFrom, monthEnd),
          excludeId ? ne(burdenTargets.burdenId, excludeId) : undefined,
        ),
      )
      .groupBy(burdenTargets.unitCode),
    excludeId ? "gate_target_loads_except" : "gate_target_loads",
  );
  const byCode = new Map(rows.map((r) => [r.code, Math.round(r.minutes)]));
  return targets.map((t) => ({ code: t.code, name: t.name, minutesThisMonth: byCode.get(t.code) ?? 0 }));
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
  const [{ settings, registers, calendar }, duty, usage, loads, similar, relayed] = await Promise.all([
    loadGateReference(db, { issuerPath: issuer.path, year: firstYear, calendarYears: years }),
    matchDuty(db, { townshipCodes, onDate: input.issuedOn, citedItem: input.dutyItem, text: `${input.title}\n${input.text}` }),
    issuerUsage(db, input, issuer.code, excludeId),
    targetLoads(db, input, targets, excludeId),
    similarBurdens(db, { input, checked: prepareChecked(input), targetCodes: targets.map((t) => t.code), excludeId }),
    relayedMeeting(db, input),
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
  };
}
