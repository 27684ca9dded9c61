import type { Targets } from "../../../../contracts/burdens.js";
import type { Db } from "../../../db/client.js";
import type { Actor } from "../../../kernel/actor.js";
import { loadReadableBurden } from "../../burdens/queries.js";
import { resolveTargets } from "../../burdens/targets.js";
import { getUnit } from "../../org/units.js";
import type { FormRow } from "../forms.js";
import { askKey, asksOf, dataFor, datumOf, openForms } from "./open-forms.js";

const villagesOf = async (db: Db, issuerCode: string, spec: unknown): Promise<string[]> => {
  const issuer = await getUnit(db, issuerCode);
  if (!issuer) return [];
  return (await resolveTargets(db, issuer, spec as Targets)).filter((u) => u.level === "village").map((u) => u.code);
};

/**
 * What each field of a form will cost its villages, counted per field and village: already known and
 * fresh → avoided (filled from shared data); asked by another open form → merged into one collection;
 * otherwise asked. The department sees these counts before it submits.
 */
export async function classifyForm(db: Db, actor: Actor, form: FormRow) {
  const burden = await loadReadableBurden(db, actor, form.burdenId);
  const targets = await villagesOf(db, burden.issuerCode, burden.targetSpec);
  const asks = await asksOf(db, form);
  const data = await dataFor(db, targets, asks);
  const county = form.ownerPath.split(".").slice(0, 4).join(".");
  // Another upload for the same burden is the same form, not another asking.
  const others = (await openForms(db, actor, county)).filter((o) => o.form.burdenId !== form.burdenId);
  const askedElsewhere = new Map<string, Set<string>>(); // ask key → villages another open form asks it of
  for (const other of others) {
    const villages = await villagesOf(db, other.burden.issuerCode, other.burden.targetSpec);
    for (const a of await asksOf(db, other.form)) {
      const key = askKey(a.indicator.id, a.periodKey);
      const set = askedElsewhere.get(key) ?? new Set<string>();
      villages.forEach((v) => set.add(v));
      askedElsewhere.set(key, set);
    }
  }
  const fields = asks.map((a) => {
    const counts = { position: a.field.position, header: a.field.header, indicatorId: a.indicator.id, asked: 0, avoided: 0, merged: 0 };
    const elsewhere = askedElsewhere.get(askKey(a.indicator.id, a.periodKey));
    for (const v of targets) {
      if (datumOf(data, v, a.indicator.id, a.periodKey)) counts.avoided++;
      else if (elsewhere?.has(v)) counts.merged++;
      else counts.asked++;
    }
    return counts;
  });
  const sum = (k: "asked" | "avoided" | "merged") => fields.reduce((n, f) => n + f[k], 0);
  return { formId: form.id, targets: targets.length, totals: { asked: sum("asked"), avoided: sum("avoided"), merged: sum("merged") }, fields };
}
