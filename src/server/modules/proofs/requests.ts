import { and, desc, eq, sql } from "drizzle-orm";
import type { ProofDecision, ProofRequest, ProofRequestInput } from "../../../contracts/proofs.js";
import type { Db, Queryable } from "../../db/client.js";
import { pathWithin } from "../../db/sql-helpers.js";
import { AppError } from "../../http/errors.js";
import { authorize, regionPathOf, type Actor, type ScopeUnit } from "../../kernel/actor.js";
import { chinaToday } from "../../kernel/dates.js";
import { recordAudit } from "../audit/audit.js";
import { toHours } from "../burdens/hours.js";
import { gateSettingsAcross, loadGateSettings, loadRegisters } from "../burdens/gate/settings.js";
import { proofStatus } from "../burdens/gate/rules/registers.js";
import { getUnit, getUnits } from "../org/units.js";
import { channelFor } from "./channels.js";
import { proofPolicy } from "./policy.js";
import { proofRequests } from "./schema.js";

type Row = typeof proofRequests.$inferSelect;

/** Two full-width spaces: the first-line indent of an official notice. */
const INDENT = "\u3000\u3000";

/** 不予出具证明告知书: the text a village hands back instead of a stamp. */
export function refusalText(args: { village: string; proofName: string; requestedBy: string; decision: Exclude<ProofDecision, "issue">; matched: string | null; channel: string; on: string }): string {
  const why =
    args.decision === "refuse_banned"
      ? `该证明属于不应由村（居）民委员会出具的证明事项（“${args.matched}”）`
      : "该证明不在本地区村级组织可出具证明事项清单内";
  const [y, m, d] = args.on.split("-").map(Number);
  return [
    "不予出具证明告知书",
    `${args.requestedBy}：`,
    `${INDENT}贵单位要求${args.village}出具“${args.proofName}”。根据民政部等六部门《关于改进和规范基层群众性自治组织出具证明工作的指导意见》（民发〔2020〕20号）和本地区村级组织出具证明事项清单，${why}，本村不予出具。`,
    `${INDENT}建议：${args.channel}。`,
    `${INDENT}特此告知。`,
    `${args.village}（盖章）`,
    `${y}年${m}月${d}日`,
  ].join("\n");
}

async function villageFor(db: Db, actor: Actor, code: string): Promise<ScopeUnit> {
  const village = await getUnit(db, code);
  if (!village || !proofPolicy.canSee(actor, village.path)) throw new AppError("UNIT_NOT_FOUND", { code });
  if (village.level !== "village") throw new AppError("PROOF_NOT_A_VILLAGE", { code });
  authorize(proofPolicy.canAsk(actor, village));
  return village;
}

/** A proof asked of a village: decided by the region's lists, logged with the refusal when refused, audited. */
export async function recordProofRequest(db: Db, args: { actor: Actor; input: ProofRequestInput }): Promise<string> {
  const { actor, input } = args;
  const village = await villageFor(db, actor, input.villageCode);
  const on = input.on ?? chinaToday();
  if (on > chinaToday()) throw new AppError("PROOF_DATE_IN_FUTURE", { on });
  const [settings, registers] = await Promise.all([loadGateSettings(db, village.path), loadRegisters(db, village.path, Number(on.slice(0, 4)))]);
  const status = proofStatus(input.proofName, settings, registers.allowedProofs);
  const decision: ProofDecision = status.kind === "allowed" ? "issue" : status.kind === "banned" ? "refuse_banned" : "refuse_unlisted";
  const matched = status.kind === "unlisted" ? null : status.name;
  const channel = decision === "issue" ? null : channelFor(input.proofName);
  const text = decision === "issue" ? null : refusalText({ village: village.name, proofName: input.proofName, requestedBy: input.requestedBy, decision, matched, channel: channel!, on });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(proofRequests)
      .values({ villageCode: village.code, villagePath: village.path, proofName: input.proofName, requestedBy: input.requestedBy, purpose: input.purpose ?? null, on, decision, matched, channel, refusalText: text, createdBy: actor.displayName })
      .returning({ id: proofRequests.id });
    if (!row) throw new AppError("INTERNAL");
    await recordAudit(tx, { actor: { id: actor.id, name: actor.username }, action: "proof.request", entityType: "proof_request", entityId: row.id, scopePath: village.path, detail: { proofName: input.proofName, decision } });
    return row.id;
  });
}

/**
 * Minutes of a village's time per proof it issues 出具一份证明的耗时, by the settings of the village's region
 * (registryMinutes.proofIssued): the burden-hours of the ledger. A refusal costs nothing here: the
 * platform writes the notice.
 */
async function minutesPerProofAcross(db: Queryable, villagePaths: string[]): Promise<(villagePath: string) => number> {
  const settingsAt = await gateSettingsAcross(db, villagePaths);
  return (villagePath) => settingsAt(villagePath).registryMinutes.proofIssued;
}

async function present(db: Queryable, rows: Row[]): Promise<ProofRequest[]> {
  const [units, minutesAt] = await Promise.all([getUnits(db, [...new Set(rows.map((r) => r.villageCode))]), minutesPerProofAcross(db, rows.map((r) => r.villagePath))]);
  const names = new Map(units.map((u) => [u.code, u.name]));
  return rows.map((r) => ({
    id: r.id,
    villageCode: r.villageCode,
    villageName: names.get(r.villageCode) ?? r.villageCode,
    proofName: r.proofName,
    requestedBy: r.requestedBy,
    purpose: r.purpose,
    on: r.on,
    decision: r.decision as ProofDecision,
    matched: r.matched,
    channel: r.channel,
    refusalText: r.refusalText,
    createdBy: r.createdBy,
    hours: r.decision === "issue" ? toHours(minutesAt(r.villagePath)) : 0,
  }));
}

export async function loadProofRequest(db: Db, actor: Actor, id: string): Promise<ProofRequest> {
  const [row] = await db.select().from(proofRequests).where(eq(proofRequests.id, id));
  if (!row || !proofPolicy.canSee(actor, row.villagePath)) throw new AppError("PROOF_REQUEST_NOT_FOUND");
  return (await present(db, [row]))[0]!;
}

export async function listProofRequests(db: Db, actor: Actor, query: { year?: number; village?: string; limit: number }) {
  const where = and(
    pathWithin(proofRequests.villagePath, regionPathOf(actor)),
    query.year ? sql`extract(year from ${proofRequests.on})::int = ${query.year}` : undefined,
    query.village ? eq(proofRequests.villageCode, query.village) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db.select().from(proofRequests).where(where).orderBy(desc(proofRequests.on), desc(proofRequests.createdAt)).limit(query.limit),
    db.select({ n: sql<number>`count(*)::int` }).from(proofRequests).where(where),
  ]);
  return { total: Number(total?.n ?? 0), items: await present(db, rows) };
}

/** Change against last year, e.g. -0.85; null without last year. */
const changeOf = (now: number, before: number) => (before > 0 ? Math.round(((now - before) / before) * 1000) / 1000 : null);

/**
 * Per village of the actor's region: proofs issued this year and last, refusals, the change, and the
 * hours they took (issued × the minutes per proof of the village's region); the region's sums.
 */
export async function proofCounts(db: Db, actor: Actor, year: number) {
  const yearOf = sql`extract(year from ${proofRequests.on})::int`;
  const region = regionPathOf(actor);
  const rows = await db
    .select({
      villageCode: proofRequests.villageCode,
      villagePath: proofRequests.villagePath,
      issuedThisYear: sql<number>`count(*) filter (where ${yearOf} = ${year} and ${proofRequests.decision} = 'issue')::int`,
      issuedLastYear: sql<number>`count(*) filter (where ${yearOf} = ${year - 1} and ${proofRequests.decision} = 'issue')::int`,
      refusedThisYear: sql<number>`count(*) filter (where ${yearOf} = ${year} and ${proofRequests.decision} <> 'issue')::int`,
    })
    .from(proofRequests)
    .where(and(pathWithin(proofRequests.villagePath, region), sql`${yearOf} in (${year}, ${year - 1})`))
    .groupBy(proofRequests.villageCode, proofRequests.villagePath);
  const [units, minutesAt] = await Promise.all([getUnits(db, rows.map((r) => r.villageCode)), minutesPerProofAcross(db, rows.map((r) => r.villagePath))]);
  const names = new Map(units.map((u) => [u.code, u.name]));
  const villages = rows
    .map((r) => {
      const [now, before, minutesPerProof] = [Number(r.issuedThisYear), Number(r.issuedLastYear), minutesAt(r.villagePath)];
      return {
        villageCode: r.villageCode,
        villageName: names.get(r.villageCode) ?? r.villageCode,
        issuedThisYear: now,
        issuedLastYear: before,
        refusedThisYear: Number(r.refusedThisYear),
        change: changeOf(now, before),
        minutesPerProof,
        hoursThisYear: toHours(now * minutesPerProof),
        hoursLastYear: toHours(before * minutesPerProof),
      };
    })
    .sort((a, b) => b.issuedThisYear - a.issuedThisYear || a.villageCode.localeCompare(b.villageCode));
  const sum = (pick: (v: (typeof villages)[number]) => number) => villages.reduce((n, v) => n + pick(v), 0);
  const minutes = { now: sum((v) => v.issuedThisYear * v.minutesPerProof), before: sum((v) => v.issuedLastYear * v.minutesPerProof) };
  return {
    year,
    villages,
    total: {
      issuedThisYear: sum((v) => v.issuedThisYear),
      issuedLastYear: sum((v) => v.issuedLastYear),
      refusedThisYear: sum((v) => v.refusedThisYear),
      hoursThisYear: toHours(minutes.now),
      hoursLastYear: toHours(minutes.before),
      change: changeOf(minutes.now, minutes.before),
    },
  };
}
