import { and, desc, eq, inArray, or } from "drizzle-orm";
import type { Secondment, SecondmentInput } from "../../../contracts/secondments.js";
import type { Db } from "../../db/client.js";
import { pathWithin } from "../../db/sql-helpers.js";
import { AppError } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import { authorize, pathIsInside, regionPathOf, type Actor, type ScopeUnit } from "../../kernel/actor.js";
import { chinaToday } from "../../kernel/dates.js";
import { recordAudit } from "../audit/audit.js";
import { DEFAULT_GATE_SETTINGS } from "../burdens/gate/rules/defaults.js";
import { loadGateSettings, loadRegisters } from "../burdens/gate/settings.js";
import { getUnit, getUnits } from "../org/units.js";
import { toHours } from "../burdens/hours.js";
import { monthsOf, secondmentFlags, type SecondmentRules } from "./flags.js";
import { awayRates, workingDaysAway } from "./hours.js";
import { secondments } from "./schema.js";

type Row = typeof secondments.$inferSelect;

/** The region a unit speaks for: a department its county. */
const regionOf = (u: { path: string; level: string }) => (u.level === "department" ? u.path.split(".").slice(0, -1).join(".") : u.path);

/**
 * Who may do what with secondments 借调: the borrowing unit's own staff (a department, a township) and
 * the office of its region register and close them; everyone whose region holds the borrowing unit or
 * the person's unit reads them (the township sees who was taken from its villages).
 */
export const secondmentPolicy = {
  canKeep: (actor: Actor, borrowing: { code: string; path: string }): boolean =>
    ((actor.role === "department_staff" || actor.role === "township_official") && actor.scope.code === borrowing.code) ||
    (actor.role === "office" && pathIsInside(borrowing.path, actor.scope.path)),
  canRead: (actor: Actor, row: { borrowingUnitPath: string; fromUnitPath: string }): boolean =>
    pathIsInside(row.borrowingUnitPath, regionPathOf(actor)) || pathIsInside(row.fromUnitPath, regionPathOf(actor)),
};

async function rulesFor(db: Db, borrowingPath: string, year: number): Promise<SecondmentRules> {
  const [settings, registers] = await Promise.all([loadGateSettings(db, borrowingPath), loadRegisters(db, borrowingPath, year)]);
  return {
    maxMonths: settings.secondmentMaxMonths ?? DEFAULT_GATE_SETTINGS.secondmentMaxMonths ?? 6,
    repeatYears: settings.secondmentRepeatYears ?? DEFAULT_GATE_SETTINGS.secondmentRepeatYears ?? 2,
    approvals: registers.secondmentApprovals,
  };
}

async function present(db: Db, actor: Actor, rows: Row[], lang: Lang): Promise<Secondment[]> {
  if (rows.length === 0) return [];
  const names = new Map((await getUnits(db, [...new Set(rows.flatMap((r) => [r.fromUnitCode, r.borrowingUnitCode]))])).map((u) => [u.code, u.name]));
  // One query for the history of every person listed, and the rules once per region and year, not per row.
  const history = await db
    .select()
    .from(secondments)
    .where(and(inArray(secondments.personName, [...new Set(rows.map((r) => r.personName))]), inArray(secondments.fromUnitCode, [...new Set(rows.map((r) => r.fromUnitCode))])));
  const rules = new Map<string, Promise<SecondmentRules>>();
  const rulesOf = (r: Row) => {
    const key = `${r.borrowingUnitPath}|${r.startOn.slice(0, 4)}`;
    if (!rules.has(key)) rules.set(key, rulesFor(db, r.borrowingUnitPath, Number(r.startOn.slice(0, 4))));
    return rules.get(key)!;
  };
  const today = chinaToday();
  const { calendar, minutesPerDay } = await awayRates(db, rows, today);
  return Promise.all(
    rows.map(async (r): Promise<Secondment> => {
      const workingDays = workingDaysAway(r, today, calendar);
      const earlier = history.filter((h) => h.id !== r.id && h.personName === r.personName && h.fromUnitCode === r.fromUnitCode);
      return {
        id: r.id,
        personName: r.personName,
        fromUnit: { code: r.fromUnitCode, name: names.get(r.fromUnitCode) ?? r.fromUnitCode },
        borrowingUnit: { code: r.borrowingUnitCode, name: names.get(r.borrowingUnitCode) ?? r.borrowingUnitCode },
        startOn: r.startOn,
        plannedEndOn: r.plannedEndOn,
        returnedOn: r.returnedOn,
        months: monthsOf(r),
        workingDays,
        hours: toHours(workingDays * minutesPerDay(r.fromUnitPath)),
        approvalCode: r.approvalCode,
        reason: r.reason,
        flags: secondmentFlags(r, earlier, await rulesOf(r), today, lang),
        can: !r.returnedOn && secondmentPolicy.canKeep(actor, { code: r.borrowingUnitCode, path: r.borrowingUnitPath }) ? ["return"] : [],
      };
    }),
  );
}

async function unitOrFail(db: Db, code: string): Promise<ScopeUnit> {
  const unit = await getUnit(db, code);
  if (!unit) throw new AppError("UNIT_NOT_FOUND", { code });
  return unit;
}

/** Registers a secondment: the borrower may keep it, the person comes from a township or village of its region. */
export async function registerSecondment(db: Db, args: { actor: Actor; input: SecondmentInput }): Promise<string> {
  const { actor, input } = args;
  const borrowing = await unitOrFail(db, input.borrowingUnit);
  authorize(secondmentPolicy.canKeep(actor, borrowing));
  const from = await unitOrFail(db, input.fromUnit);
  if (!(from.level === "township" || from.level === "village") || from.code === borrowing.code || !pathIsInside(from.path, regionOf(borrowing))) {
    throw new AppError("SECONDMENT_FROM_NOT_GRASSROOTS", { code: from.code });
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(secondments)
      .values({
        personName: input.personName,
        fromUnitCode: from.code,
        fromUnitPath: from.path,
        borrowingUnitCode: borrowing.code,
        borrowingUnitPath: borrowing.path,
        startOn: input.startOn,
        plannedEndOn: input.plannedEndOn,
        approvalCode: input.approvalCode ?? null,
        reason: input.reason,
        createdBy: actor.displayName,
      })
      .returning({ id: secondments.id });
    if (!row) throw new AppError("INTERNAL");
    await recordAudit(tx, { actor: { id: actor.id, name: actor.username }, action: "secondment.register", entityType: "secondment", entityId: row.id, scopePath: borrowing.path, detail: { from: from.code, startOn: input.startOn, plannedEndOn: input.plannedEndOn, approvalCode: input.approvalCode ?? null } });
    return row.id;
  });
}

async function readable(db: Db, actor: Actor, id: string): Promise<Row> {
  const [row] = await db.select().from(secondments).where(eq(secondments.id, id));
  if (!row || !secondmentPolicy.canRead(actor, row)) throw new AppError("SECONDMENT_NOT_FOUND");
  return row;
}

export async function returnSecondment(db: Db, args: { actor: Actor; id: string; returnedOn: string }) {
  const row = await readable(db, args.actor, args.id);
  authorize(secondmentPolicy.canKeep(args.actor, { code: row.borrowingUnitCode, path: row.borrowingUnitPath }));
  if (row.returnedOn) throw new AppError("SECONDMENT_ALREADY_RETURNED", { on: row.returnedOn });
  if (args.returnedOn < row.startOn || args.returnedOn > chinaToday()) throw new AppError("SECONDMENT_RETURN_DATE", { on: args.returnedOn, start: row.startOn });
  await db.transaction(async (tx) => {
    await tx.update(secondments).set({ returnedOn: args.returnedOn }).where(eq(secondments.id, args.id));
    await recordAudit(tx, { actor: { id: args.actor.id, name: args.actor.username }, action: "secondment.return", entityType: "secondment", entityId: args.id, scopePath: row.borrowingUnitPath, detail: { returnedOn: args.returnedOn } });
  });
}

export async function getSecondment(db: Db, actor: Actor, id: string, lang: Lang): Promise<Secondment> {
  return (await present(db, actor, [await readable(db, actor, id)], lang))[0]!;
}

export async function listSecondments(db: Db, actor: Actor, query: { flagged?: "true" | "false"; limit: number }, lang: Lang) {
  const region = regionPathOf(actor);
  const rows = await db
    .select()
    .from(secondments)
    .where(or(pathWithin(secondments.borrowingUnitPath, region), pathWithin(secondments.fromUnitPath, region)))
    .orderBy(desc(secondments.startOn))
    .limit(query.limit);
  let items = await present(db, actor, rows, lang);
  if (query.flagged) items = items.filter((s) => (s.flags.length > 0) === (query.flagged === "true"));
  return { total: items.length, items };
}
