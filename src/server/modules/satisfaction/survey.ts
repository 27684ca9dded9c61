import { and, count, eq, isNotNull, sql } from "drizzle-orm";
import type { CommentList, SatisfactionFigures, SatisfactionResults } from "../../../contracts/satisfaction.js";
import type { Db, Queryable } from "../../db/client.js";
import { pathWithin } from "../../db/sql-helpers.js";
import { AppError } from "../../http/errors.js";
import { recordAudit } from "../audit/audit.js";
import { monthsFrom } from "../burden-index/queries.js";
import { getUnits, type Unit } from "../org/units.js";
import { satisfactionResponses } from "./schema.js";

export type Scores = { q1: number; q2: number; q3: number; q4: number };

/** Units that carry a survey: villages, townships and counties (not departments, not the nation). */
export const surveyable = (unit: Unit): boolean => ["village", "township", "county"].includes(unit.level);

/**
 * Records one public answer and adds it to the monthly rollup of every unit on its path, in one
 * transaction. Only the month is kept; the audit entry names the county, not the unit, like the case intake.
 */
export async function recordResponse(db: Db, unit: Unit, input: Scores & { comment?: string | undefined }, month: string): Promise<void> {
  if (!surveyable(unit)) throw new AppError("SATISFACTION_UNIT_NOT_FOUND");
  const comment = input.comment?.trim() ? input.comment.trim() : null;
  const codes = unit.path.split(".");
  await db.transaction(async (tx) => {
    await tx.insert(satisfactionResponses).values({ unitCode: unit.code, unitPath: unit.path, provinceCode: unit.provinceCode, month, q1: input.q1, q2: input.q2, q3: input.q3, q4: input.q4, comment });
    await addToRollup(tx, codes, unit.provinceCode, month, input, comment ? 1 : 0);
    const county = codes[3] ?? codes.at(-1)!;
    await recordAudit(tx, { actor: null, action: "satisfaction.received", entityType: "satisfaction_intake", entityId: county, scopePath: codes.slice(0, 4).join("."), detail: { month } });
  });
}

/** Many answers at once (the demo): inserted together, the rollup summed per unit and month first; one audit entry. */
export async function recordResponses(db: Db, answers: { unit: Unit; month: string; scores: Scores; comment: string | null }[], audit: { region: Unit }): Promise<void> {
  const sums = new Map<string, { code: string; parent: string | null; province: string; month: string; n: number; s: number[]; c: number }>();
  for (const a of answers) {
    const codes = a.unit.path.split(".");
    codes.forEach((code, i) => {
      const key = `${code}|${a.month}`;
      const x = sums.get(key) ?? { code, parent: i > 0 ? codes[i - 1]! : null, province: a.unit.provinceCode, month: a.month, n: 0, s: [0, 0, 0, 0], c: 0 };
      x.n++;
      [a.scores.q1, a.scores.q2, a.scores.q3, a.scores.q4].forEach((v, j) => (x.s[j]! += v));
      if (a.comment) x.c++;
      sums.set(key, x);
    });
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < answers.length; i += 500) {
      await tx.insert(satisfactionResponses).values(
        answers.slice(i, i + 500).map((a) => ({ unitCode: a.unit.code, unitPath: a.unit.path, provinceCode: a.unit.provinceCode, month: a.month, ...a.scores, comment: a.comment })),
      );
    }
    const rows = [...sums.values()].sort((x, y) => (x.code + x.month).localeCompare(y.code + y.month));
    if (rows.length > 0) {
      await tx.execute(sql`
        insert into satisfaction_monthly (unit_code, parent_code, province_code, month, responses, sum_q1, sum_q2, sum_q3, sum_q4, comments)
        values ${sql.join(rows.map((r) => sql`(${r.code}, ${r.parent}::text, ${r.province}, ${r.month}, ${r.n}, ${r.s[0]}, ${r.s[1]}, ${r.s[2]}, ${r.s[3]}, ${r.c})`), sql`, `)}
        on conflict (unit_code, month) do update set responses = satisfaction_monthly.responses + excluded.responses,
          sum_q1 = satisfaction_monthly.sum_q1 + excluded.sum_q1, sum_q2 = satisfaction_monthly.sum_q2 + excluded.sum_q2,
          sum_q3 = satisfaction_monthly.sum_q3 + excluded.sum_q3, sum_q4 = satisfaction_monthly.sum_q4 + excluded.sum_q4,
          comments = satisfaction_monthly.comments + excluded.comments`);
    }
    await recordAudit(tx, { actor: null, action: "satisfaction.bulk_import", entityType: "satisfaction_intake", entityId: audit.region.code, scopePath: audit.region.path, detail: { answers: answers.length } });
  });
}

async function addToRollup(tx: Queryable, codes: string[], provinceCode: string, month: string, s: Scores, comments: number) {
  const rows = codes.map((code, i) => sql`(${code}, ${i > 0 ? codes[i - 1]! : null}::text)`);
  await tx.execute(sql`
    insert into satisfaction_monthly (unit_code, parent_code, province_code, month, responses, sum_q1, sum_q2, sum_q3, sum_q4, comments)
    select u.code, u.parent, ${provinceCode}, ${month}, 1, ${s.q1}, ${s.q2}, ${s.q3}, ${s.q4}, ${comments}
    from (values ${sql.join(rows, sql`, `)}) as u(code, parent)
    order by u.code
    on conflict (unit_code, month) do update set responses = satisfaction_monthly.responses + 1,
      sum_q1 = satisfaction_monthly.sum_q1 + excluded.sum_q1, sum_q2 = satisfaction_monthly.sum_q2 + excluded.sum_q2,
      sum_q3 = satisfaction_monthly.sum_q3 + excluded.sum_q3, sum_q4 = satisfaction_monthly.sum_q4 + excluded.sum_q4,
      comments = satisfaction_monthly.comments + excluded.comments`);
}

type Sums = { responses: number; comments: number; sum_q1: number; sum_q2: number; sum_q3: number; sum_q4: number };
const mean = (sum: number, n: number) => (n > 0 ? Math.round((sum / n) * 10) / 10 : 0);
export function figuresOf(s: Partial<Sums> | undefined): SatisfactionFigures {
  const n = Number(s?.responses ?? 0);
  const q = [s?.sum_q1, s?.sum_q2, s?.sum_q3, s?.sum_q4].map((x) => Number(x ?? 0));
  return { responses: n, comments: Number(s?.comments ?? 0), q1: mean(q[0]!, n), q2: mean(q[1]!, n), q3: mean(q[2]!, n), q4: mean(q[3]!, n), overall: mean(q[0]! + q[1]! + q[2]! + q[3]!, n * 4) };
}

/** A unit's results by month over a period, the totals, and its children over the same period. */
export async function satisfactionResults(db: Queryable, unit: Unit, from: string, to: string): Promise<SatisfactionResults> {
  const months = monthsFrom(from, to);
  if (months.length === 0 || months.length > 36) throw new AppError("INDEX_PERIOD_INVALID", { max: 36 });
  const sums = sql`sum(responses)::int as responses, sum(comments)::int as comments, sum(sum_q1)::int as sum_q1, sum(sum_q2)::int as sum_q2, sum(sum_q3)::int as sum_q3, sum(sum_q4)::int as sum_q4`;
  const { rows } = await db.execute<Sums & { month: string }>(sql`select month, ${sums} from satisfaction_monthly where unit_code = ${unit.code} and month between ${from} and ${to} group by month`);
  const { rows: total } = await db.execute<Sums>(sql`select ${sums} from satisfaction_monthly where unit_code = ${unit.code} and month between ${from} and ${to}`);
  const { rows: kids } = await db.execute<Sums & { unit_code: string }>(
    sql`select unit_code, ${sums} from satisfaction_monthly where parent_code = ${unit.code} and month between ${from} and ${to} group by unit_code order by 2 desc limit 100`,
  );
  const names = new Map((await getUnits(db, kids.map((k) => k.unit_code))).map((u) => [u.code, u.name]));
  return {
    unit: { code: unit.code, name: unit.name, level: unit.level },
    from,
    to,
    months: months.map((month) => ({ month, ...figuresOf(rows.find((r) => r.month === month)) })),
    totals: figuresOf(total[0]),
    children: kids.map((k) => ({ code: k.unit_code, name: names.get(k.unit_code) ?? k.unit_code, ...figuresOf(k) })),
  };
}

/** The comments left for a unit and the units below it in a month. */
export async function satisfactionComments(db: Queryable, unit: Unit, q: { month: string; limit: number; offset: number }): Promise<CommentList> {
  const where = and(pathWithin(satisfactionResponses.unitPath, unit.path), eq(satisfactionResponses.month, q.month), isNotNull(satisfactionResponses.comment));
  const [total] = await db.select({ n: count() }).from(satisfactionResponses).where(where);
  const rows = await db.select().from(satisfactionResponses).where(where).orderBy(satisfactionResponses.unitCode, satisfactionResponses.id).limit(q.limit).offset(q.offset);
  const names = new Map((await getUnits(db, [...new Set(rows.map((r) => r.unitCode))])).map((u) => [u.code, u.name]));
  return {
    total: total?.n ?? 0,
    items: rows.map((r) => ({ unit: { code: r.unitCode, name: names.get(r.unitCode) ?? r.unitCode }, month: r.month, overall: r.q4, comment: r.comment ?? "" })),
  };
}
