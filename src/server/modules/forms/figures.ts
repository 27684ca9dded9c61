import { and, count, desc, gte, lt, sql } from "drizzle-orm";
import type { Figures } from "../../../contracts/forms.js";
import type { Db } from "../../db/client.js";
import { pathWithin } from "../../db/sql-helpers.js";
import { authorize, regionPathOf, type Actor } from "../../kernel/actor.js";
import { addDays, chinaToday } from "../../kernel/dates.js";
import { loadReadableBurden } from "../burdens/queries.js";
import { getUnits } from "../org/units.js";
import { classifyForm } from "./collect/classify.js";
import { fieldsOf, type FormRow } from "./forms.js";
import { formSubmissions, forms } from "./schema.js";

type Counts = Omit<Figures["departments"][number], "code" | "name">;
const zero = (): Counts => ({ forms: 0, fields: 0, asked: 0, avoided: 0, merged: 0, hoursSaved: 0 });

async function countsOf(db: Db, actor: Actor, form: FormRow): Promise<Counts> {
  const c = await classifyForm(db, actor, form);
  const burden = await loadReadableBurden(db, actor, form.burdenId);
  const fields = (await fieldsOf(db, form.id)).filter((f) => f.role === "indicator").length;
  const perField = fields ? burden.minutesPerTarget / fields : 0;
  return { forms: 1, fields, ...c.totals, hoursSaved: ((c.totals.avoided + c.totals.merged / 2) * perField) / 60 };
}

const add = (a: Counts, b: Counts): Counts => ({
  forms: a.forms + b.forms, fields: a.fields + b.fields, asked: a.asked + b.asked, avoided: a.avoided + b.avoided, merged: a.merged + b.merged, hoursSaved: a.hoursSaved + b.hoursSaved,
});
const rounded = (c: Counts): Counts => ({ ...c, hoursSaved: Math.round(c.hoursSaved * 10) / 10 });

async function submissionsIn(db: Db, regionPath: string, from: string, to: string) {
  const since = new Date(`${from}T00:00:00+08:00`);
  const until = new Date(`${addDays(to, 1)}T00:00:00+08:00`);
  return db
    .select({ code: formSubmissions.unitCode, submissions: count(), values: sql<number>`sum(jsonb_array_length(${formSubmissions.values}))::int` })
    .from(formSubmissions)
    .where(and(pathWithin(formSubmissions.unitPath, regionPath), gte(formSubmissions.createdAt, since), lt(formSubmissions.createdAt, until)))
    .groupBy(formSubmissions.unitCode)
    .orderBy(desc(count()))
    .limit(50);
}

/**
 * What 一表通 saved in a region over a period: per department its mapped forms, the field-answers asked,
 * avoided (known) and merged, and the hours saved; per unit its submissions. A department sees its own.
 */
export async function formFigures(db: Db, args: { actor: Actor; from?: string; to?: string }): Promise<Figures> {
  const { actor } = args;
  authorize(["office", "commission", "admin", "department_staff"].includes(actor.role));
  const to = args.to ?? chinaToday();
  const from = args.from ?? `${to.slice(0, 4)}-01-01`;
  const region = regionPathOf(actor);
  const rows = (await db.select().from(forms).where(and(pathWithin(forms.ownerPath, region)))).filter(
    (f) => f.status === "mapped" && (actor.role !== "department_staff" || f.ownerCode === actor.scope.code) && f.createdAt >= new Date(`${from}T00:00:00+08:00`) && f.createdAt < new Date(`${addDays(to, 1)}T00:00:00+08:00`),
  );
  const byOwner = new Map<string, Counts>();
  for (const form of rows) byOwner.set(form.ownerCode, add(byOwner.get(form.ownerCode) ?? zero(), await countsOf(db, actor, form)));
  const submissions = actor.role === "department_staff" ? [] : await submissionsIn(db, region, from, to);
  const names = new Map((await getUnits(db, [...byOwner.keys(), ...submissions.map((s) => s.code)])).map((u) => [u.code, u.name]));
  const totals = [...byOwner.values()].reduce(add, zero());
  return {
    from,
    to,
    totals: { ...rounded(totals), submissions: submissions.reduce((n, s) => n + s.submissions, 0), values: submissions.reduce((n, s) => n + Number(s.values), 0) },
    departments: [...byOwner.entries()].map(([code, c]) => ({ code, name: names.get(code) ?? code, ...rounded(c) })),
    units: submissions.map((s) => ({ code: s.code, name: names.get(s.code) ?? s.code, submissions: s.submissions, values: Number(s.values) })),
  };
}
