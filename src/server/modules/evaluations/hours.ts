import type { EvaluationYear } from "../../../contracts/evaluations.js";
import { toHours } from "../burdens/hours.js";

/**
 * The burden-hours of evaluations 评比创建: they reach the grassroots as evaluation burdens, each with its
 * minutes per target, targets and frequency, so the hours are the burden registry's own figure
 * (yearly_minutes, the Standard Cost Model), never a second estimate. An approved request costs what the
 * burdens citing its approval code cost; an issuer what its burdens cost. Only burdens in force count in
 * the sums — admitted, or held and expired: a returned or withdrawn one never reached a village.
 */
type KindRow = { issuerCode: string; status: string; details: unknown; yearlyMinutes: number };

export const inForce = (b: { status: string }) => b.status === "admitted" || b.status === "expired";

const changeOf = (now: number, before: number) => (before > 0 ? Math.round(((now - before) / before) * 1000) / 1000 : null);

/** Hours of the burdens in force per approval code they cite. */
export function hoursByApprovalCode(rows: readonly KindRow[]): Map<string, number> {
  const minutes = new Map<string, number>();
  for (const b of rows.filter(inForce)) {
    const code = (b.details as { approvalCode?: string }).approvalCode;
    if (code) minutes.set(code, (minutes.get(code) ?? 0) + b.yearlyMinutes);
  }
  return new Map([...minutes].map(([code, m]) => [code, toHours(m)]));
}

/** Per issuer and in all: the burdens in force this year, their hours, last year's, and the change. */
export function hoursByIssuer(thisYear: readonly KindRow[], lastYear: readonly KindRow[], names: ReadonlyMap<string, string>): Pick<EvaluationYear, "issuers" | "total"> {
  const acc = new Map<string, { burdens: number; now: number; before: number }>();
  const of = (code: string) => acc.get(code) ?? acc.set(code, { burdens: 0, now: 0, before: 0 }).get(code)!;
  for (const b of thisYear.filter(inForce)) {
    const a = of(b.issuerCode);
    a.burdens++;
    a.now += b.yearlyMinutes;
  }
  for (const b of lastYear.filter(inForce)) of(b.issuerCode).before += b.yearlyMinutes;
  const all = [...acc.values()].reduce((t, a) => ({ burdens: t.burdens + a.burdens, now: t.now + a.now, before: t.before + a.before }), { burdens: 0, now: 0, before: 0 });
  return {
    issuers: [...acc]
      .map(([code, a]) => ({ code, name: names.get(code) ?? code, burdens: a.burdens, yearlyHours: toHours(a.now), yearlyHoursLastYear: toHours(a.before), change: changeOf(a.now, a.before) }))
      .sort((x, y) => y.yearlyHours - x.yearlyHours || x.code.localeCompare(y.code)),
    total: { burdens: all.burdens, yearlyHours: toHours(all.now), yearlyHoursLastYear: toHours(all.before), change: changeOf(all.now, all.before) },
  };
}
