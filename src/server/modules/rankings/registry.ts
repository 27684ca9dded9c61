import { and, desc, eq, inArray } from "drizzle-orm";
import type { Ranking, RankingCounts, RankingInput, RankingKind } from "../../../contracts/rankings.js";
import type { Db } from "../../db/client.js";
import { pathWithin } from "../../db/sql-helpers.js";
import { AppError } from "../../http/errors.js";
import { authorize, pathIsInside, regionPathOf, type Actor } from "../../kernel/actor.js";
import { chinaToday } from "../../kernel/dates.js";
import { recordAudit } from "../audit/audit.js";
import { burdenPolicy } from "../burdens/policy.js";
import { getUnit, getUnits } from "../org/units.js";
import { rankingNotices } from "./schema.js";

/**
 * 排名通报 and 考核指标: what an issuer ranks or assesses the grassroots by, registered per year so the
 * region sees how many there are against last year, and the 减负办 can cancel one (Kaifeng cancelled
 * 43 ranking notices) with a written reason. A cancelled one stays, shown as cancelled.
 */

type Row = typeof rankingNotices.$inferSelect;

export const rankingPolicy = {
  canRegister: burdenPolicy.canIssueAs,
  canCancel: (actor: Actor, issuerPath: string): boolean => actor.role === "office" && pathIsInside(issuerPath, actor.scope.path),
  canRead: (actor: Actor, issuerPath: string): boolean => pathIsInside(issuerPath, regionPathOf(actor)),
};

/** Registered for last year (recorded late), this year or the next. */
function checkYear(year: number) {
  const now = Number(chinaToday().slice(0, 4));
  if (year < now - 1 || year > now + 1) throw new AppError("YEAR_OUT_OF_RANGE", { year, min: now - 1, max: now + 1 });
}

export async function registerRanking(db: Db, args: { actor: Actor; input: RankingInput; skipYearCheck?: boolean }): Promise<string> {
  const { actor, input } = args;
  if (!args.skipYearCheck) checkYear(input.year);
  const issuer = await getUnit(db, input.issuer);
  if (!issuer) throw new AppError("UNIT_NOT_FOUND", { code: input.issuer });
  authorize(rankingPolicy.canRegister(actor, issuer), "NOT_ISSUER", { issuer: issuer.name });
  const codes = [...new Set(input.targets)];
  const found = new Map((await getUnits(db, codes)).map((u) => [u.code, u]));
  const bad = codes.filter((c) => !found.has(c) || !burdenPolicy.canTarget(issuer, found.get(c)!));
  if (bad.length > 0) throw new AppError("TARGETS_NOT_GRASSROOTS", { units: bad.slice(0, 10).join("、") });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(rankingNotices)
      .values({ kind: input.kind, issuerCode: issuer.code, issuerPath: issuer.path, year: input.year, title: input.title, targets: codes, indicatorCount: input.indicatorCount, ranked: input.ranked, createdBy: actor.id })
      .returning({ id: rankingNotices.id });
    if (!row) throw new AppError("INTERNAL");
    await recordAudit(tx, { actor: { id: actor.id, name: actor.username }, action: "ranking.register", entityType: "ranking_notice", entityId: row.id, scopePath: issuer.path, detail: { kind: input.kind, year: input.year, title: input.title, indicatorCount: input.indicatorCount } });
    return row.id;
  });
}

async function readable(db: Db, actor: Actor, id: string): Promise<Row> {
  const [row] = await db.select().from(rankingNotices).where(eq(rankingNotices.id, id));
  if (!row || !rankingPolicy.canRead(actor, row.issuerPath)) throw new AppError("RANKING_NOT_FOUND");
  return row;
}

export async function cancelRanking(db: Db, args: { actor: Actor; id: string; reason: string }) {
  const row = await readable(db, args.actor, args.id);
  authorize(rankingPolicy.canCancel(args.actor, row.issuerPath));
  await db.transaction(async (tx) => {
    const [locked] = await tx.select().from(rankingNotices).where(eq(rankingNotices.id, args.id)).for("update");
    if (!locked || locked.status === "cancelled") throw new AppError("RANKING_ALREADY_CANCELLED");
    await tx.update(rankingNotices).set({ status: "cancelled", cancelReason: args.reason, cancelledBy: args.actor.displayName, cancelledAt: new Date() }).where(eq(rankingNotices.id, args.id));
    await recordAudit(tx, { actor: { id: args.actor.id, name: args.actor.username }, action: "ranking.cancel", entityType: "ranking_notice", entityId: args.id, scopePath: row.issuerPath, detail: { reason: args.reason, title: row.title } });
  });
}

async function present(db: Db, actor: Actor, rows: Row[]): Promise<Ranking[]> {
  const sample = (r: Row) => r.targets.slice(0, 5);
  const names = new Map((await getUnits(db, [...new Set(rows.flatMap((r) => [r.issuerCode, ...sample(r)]))])).map((u) => [u.code, u.name]));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as RankingKind,
    issuer: { code: r.issuerCode, name: names.get(r.issuerCode) ?? r.issuerCode },
    year: r.year,
    title: r.title,
    targetCount: r.targets.length,
    targetSample: sample(r).map((c) => ({ code: c, name: names.get(c) ?? c })),
    indicatorCount: r.indicatorCount,
    ranked: r.ranked,
    status: r.status as "active" | "cancelled",
    cancelReason: r.cancelReason,
    cancelledOn: r.cancelledAt ? chinaToday(r.cancelledAt) : null,
    can: r.status === "active" && rankingPolicy.canCancel(actor, r.issuerPath) ? ["cancel"] : [],
  }));
}

export async function getRanking(db: Db, actor: Actor, id: string): Promise<Ranking> {
  return (await present(db, actor, [await readable(db, actor, id)]))[0]!;
}

export async function listRankings(db: Db, actor: Actor, q: { year: number; kind?: RankingKind; issuer?: string; limit: number }) {
  const rows = await db
    .select()
    .from(rankingNotices)
    .where(and(pathWithin(rankingNotices.issuerPath, regionPathOf(actor)), eq(rankingNotices.year, q.year), q.kind ? eq(rankingNotices.kind, q.kind) : undefined, q.issuer ? eq(rankingNotices.issuerCode, q.issuer) : undefined))
    .orderBy(desc(rankingNotices.createdAt), desc(rankingNotices.id))
    .limit(q.limit);
  return { total: rows.length, items: await present(db, actor, rows) };
}

/** Per issuer and kind: registered, cancelled, in force and indicators this year against last year. */
export async function rankingCounts(db: Db, actor: Actor, year: number): Promise<RankingCounts> {
  const rows = await db
    .select({ issuerCode: rankingNotices.issuerCode, kind: rankingNotices.kind, year: rankingNotices.year, status: rankingNotices.status, indicators: rankingNotices.indicatorCount })
    .from(rankingNotices)
    .where(and(pathWithin(rankingNotices.issuerPath, regionPathOf(actor)), inArray(rankingNotices.year, [year, year - 1])));
  const zero = () => ({ registered: 0, cancelled: 0, inForce: 0, indicators: 0 });
  const groups = new Map<string, { issuerCode: string; kind: RankingKind; thisYear: ReturnType<typeof zero>; lastYear: ReturnType<typeof zero> }>();
  for (const r of rows) {
    const key = `${r.issuerCode}|${r.kind}`;
    const g = groups.get(key) ?? { issuerCode: r.issuerCode, kind: r.kind as RankingKind, thisYear: zero(), lastYear: zero() };
    const c = r.year === year ? g.thisYear : g.lastYear;
    c.registered++;
    if (r.status === "cancelled") c.cancelled++;
    else {
      c.inForce++;
      c.indicators += r.indicators;
    }
    groups.set(key, g);
  }
  const names = new Map((await getUnits(db, [...new Set([...groups.values()].map((g) => g.issuerCode))])).map((u) => [u.code, u.name]));
  const items = [...groups.values()].map((g) => ({
    issuer: { code: g.issuerCode, name: names.get(g.issuerCode) ?? g.issuerCode },
    kind: g.kind,
    thisYear: g.thisYear,
    lastYear: g.lastYear,
    change: g.thisYear.inForce - g.lastYear.inForce,
    indicatorChange: g.thisYear.indicators - g.lastYear.indicators,
    indicatorChangePct: g.lastYear.indicators > 0 ? Math.round(((g.thisYear.indicators - g.lastYear.indicators) / g.lastYear.indicators) * 1000) / 10 : null,
  }));
  items.sort((a, b) => a.kind.localeCompare(b.kind) || a.issuer.code.localeCompare(b.issuer.code));
  return { year, items };
}
