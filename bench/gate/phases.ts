import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { BurdenInput } from "../../src/contracts/burdens.js";
import type { Db } from "../../src/server/db/client.js";
import * as schema from "../../src/server/db/schema.js";
import { prepareName } from "../../src/server/kernel/name-relevance.js";
import { evaluateGate } from "../../src/server/modules/burdens/gate/evaluate.js";
import { loadGateContext } from "../../src/server/modules/burdens/gate/context.js";
import { DEFAULT_GATE_SETTINGS } from "../../src/server/modules/burdens/gate/rules/defaults.js";
import { loadGateReference } from "../../src/server/modules/burdens/gate/reference.js";
import { exactScore, prepareChecked, screen, similarBurdens, SIMILARITY_FLOOR, type Candidate } from "../../src/server/modules/burdens/similar.js";
import { scanTargets } from "../../src/server/modules/burdens/gate/target-scan.js";
import { resolveTargets } from "../../src/server/modules/burdens/targets.js";
import { clearDutyMatchCache, matchDuty } from "../../src/server/modules/duties/match.js";
import { loadItems } from "../../src/server/modules/duties/lists.js";
import { getUnit } from "../../src/server/modules/org/units.js";
import { ms, percentile, type Figure } from "../stats.js";
import { SCENARIOS, type CheckScenario } from "../synthetic-gate-data.js";
import type { Check } from "./checks.js";

/** Where the time of one check goes: each phase of loadGateContext timed alone, its SQL and plans. */

type Captured = { query: string; params: unknown[] };

/** Which function of loadGateContext (or matchDuty) sent a captured statement. */
function labelOf(q: string): string {
  // The one statement that reads the load index; checked first, it aggregates with filters as issuerUsage does.
  if (q.includes('from "burden_targets"')) return "targetScan";
  if (q.includes("filter (where")) return "issuerUsage";
  if (q.includes("left(")) return "similarShortlist";
  if (q.includes("distinct on")) return "versionsInForce";
  if (q.includes('from "duty_items"')) return "loadItems";
  if (q.includes('from "gate_settings"')) return "loadGateReference";
  if (q.includes('from "units"')) return "getUnits";
  return "other";
}

/** Plans of IN lists of hundreds of codes: long lines are cut. */
const clip = (line: string, max = 260) => (line.length > max ? `${line.slice(0, max)}… (${line.length} chars)` : line);

type Timer = <T>(label: string, fn: () => Promise<T> | T) => Promise<T>;
type Agreement = { checks: number; sameDecision: number; sameTopScore: number; before: number; after: number };

/**
 * similar.ts screens candidates by MinHash before scoring a shortlist exactly: time that, time scoring
 * every candidate exactly (what the gate did before), and count where the two disagree.
 */
async function compareScreen(db: Db, input: BurdenInput, codes: string[], candidates: Candidate[], time: Timer, agreement: Agreement) {
  const checked = prepareChecked(input);
  const screened = await time("scanTargets + similarBurdens (target scan SQL + screen + shortlist SQL + exact)", async () =>
    similarBurdens(db, { checked, candidates: (await scanTargets(db, { input, codes })).candidates }));
  await time("  screen: signatures of all candidates (JS)", () => screen(checked, candidates));
  if (candidates.length === 0) return;
  const { rows } = await db.execute<{ id: string; title: string; text: string }>(sql`select id, title, left(text, 2000) as text from burdens where id in ${candidates.map((c) => c.id)}`);
  const exhaustive = await time("  exhaustive: every candidate scored exactly (JS, before)", () =>
    rows
      .map((r) => ({ id: r.id, score: exactScore(checked, r) }))
      .filter((x) => x.score >= SIMILARITY_FLOOR)
      .sort((a, b) => b.score - a.score)
      .slice(0, 10),
  );
  // What the DUPLICATE_REQUEST rule makes of each: whether it fires, and the burden it names first.
  const threshold = DEFAULT_GATE_SETTINGS.duplicateSimilarity;
  const before = exhaustive.filter((x) => x.score >= threshold);
  const after = screened.filter((x) => x.similarity >= threshold);
  agreement.checks++;
  if ((before.length > 0) === (after.length > 0)) agreement.sameDecision++;
  const top = (xs: number[]) => (xs.length ? Math.round(Math.max(...xs) * 1000) / 1000 : 0);
  if (top(before.map((x) => x.score)) === top(after.map((x) => x.similarity))) agreement.sameTopScore++;
  agreement.before += before.length;
  agreement.after += after.length;
}

export async function phases(db: Db, url: string, checks: readonly Check[], templateOf: Map<string, string>): Promise<{ figures: Figure[]; plans: string[] }> {
  const captured: Captured[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  const logging = drizzle(pool, { schema, logger: { logQuery: (query, params) => captured.push({ query, params }) } }) as unknown as Db;
  /** Timings by phase, each sample with the scenario of its check. */
  const t = new Map<string, { scenario: CheckScenario; ms: number }[]>();
  let scenario: CheckScenario = SCENARIOS[0]!;
  const time = async <T>(label: string, fn: () => Promise<T> | T): Promise<T> => {
    const s = performance.now();
    const out = await fn();
    const list = t.get(label) ?? [];
    list.push({ scenario, ms: performance.now() - s });
    t.set(label, list);
    return out;
  };
  const plans: string[] = [];
  const agreement: Agreement = { checks: 0, sameDecision: 0, sameTopScore: 0, before: 0, after: 0 };
  const explained = new Set<CheckScenario>();
  const shape = new Map<string, { targets: number[]; townships: number[]; similarRows: number[]; loadRows: number[] }>();
  try {
    for (const check of checks) {
      const { input } = check;
      scenario = check.scenario;
      const issuer = (await time("getUnit(issuer)", () => getUnit(db, input.issuer)))!;
      const targets = await time("resolveTargets", () => resolveTargets(db, issuer, input.targets));
      const args = { input, issuer, targets, parent: null, today: input.issuedOn };
      clearDutyMatchCache();
      const cold = await time("loadGateContext, duty cache cold", () => loadGateContext(db, args));
      await time("loadGateContext, duty cache warm", () => loadGateContext(db, args));
      await time("evaluateGate (25 rules)", () => evaluateGate(input, cold));

      const year = Number(input.issuedOn.slice(0, 4));
      await time("loadGateReference (settings, registers, calendar: one statement)", () =>
        loadGateReference(db, { issuerPath: issuer.path, year, calendarYears: [...new Set([year, Number(input.deadline.slice(0, 4))])] }));
      const townshipCodes = [...new Set(targets.map((u) => (u.level === "township" ? u.code : u.parentCode!)))];
      const dutyArgs = { townshipCodes, onDate: input.issuedOn, citedItem: input.dutyItem, text: `${input.title}\n${input.text}` };
      clearDutyMatchCache();
      await time("matchDuty cold (SQL + tokenize + score)", () => matchDuty(db, dutyArgs));
      await time("matchDuty warm (versions SQL + score)", () => matchDuty(db, dutyArgs));
      clearDutyMatchCache({ keepNames: true });
      await time("matchDuty, versions not cached, names known (SQL + score)", () => matchDuty(db, dutyArgs));
      const templateId = templateOf.get(issuer.code.slice(0, 6));
      if (templateId) {
        const items = await time("  loadItems(template) SQL", () => loadItems(db, [templateId]));
        await time("  prepareName × template items (tokenize)", () => (items.get(templateId) ?? []).map((r) => prepareName(r.name)));
      }

      // The SQL loadGateContext sends, captured through a logging Drizzle, then run alone, one at a time.
      captured.length = 0;
      clearDutyMatchCache();
      await loadGateContext(logging, args);
      const byLabel = new Map(captured.map((c) => [labelOf(c.query), c]));
      for (const label of ["issuerUsage", "targetScan"]) {
        const q = byLabel.get(label);
        if (!q) continue;
        const result = await time(`${label} SQL`, () => pool.query(q.query, q.params));
        const s = shape.get(check.scenario) ?? { targets: [], townships: [], similarRows: [], loadRows: [] };
        if (label === "targetScan") {
          const rows = result.rows as { unit_code: string | null; id: string | null; shared: number | null; signature: Buffer | null }[];
          const candidates = rows.flatMap((r) => (r.id === null ? [] : [{ id: r.id, shared: Number(r.shared), signature: r.signature }]));
          s.similarRows.push(candidates.length);
          s.loadRows.push(rows.length - candidates.length);
          await compareScreen(db, input, targets.map((u) => u.code), candidates, time, agreement);
        }
        if (label === "issuerUsage") {
          s.targets.push(targets.length);
          s.townships.push(townshipCodes.length);
        }
        shape.set(check.scenario, s);
      }
      // Plans: the first check of each scenario; every statement for the county-wide form.
      if (!explained.has(check.scenario)) {
        explained.add(check.scenario);
        const labels = check.scenario === SCENARIOS[0] ? ["issuerUsage", "targetScan", "similarShortlist", "versionsInForce", "loadItems"] : ["targetScan"];
        for (const label of labels) {
          const q = byLabel.get(label);
          if (!q) continue;
          const result = await pool.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${q.query}`, q.params);
          const params = JSON.stringify(q.params);
          plans.push(
            `-- ${label} — ${check.scenario} (${targets.length} targets)\n-- ${clip(q.query.replace(/\s+/g, " "), 1200)}\n-- params ${params.length > 400 ? `${params.slice(0, 400)}… (${q.params.length} params)` : params}`,
            ...result.rows.map((r) => `   ${clip(r["QUERY PLAN"])}`),
          );
        }
      }
    }
  } finally {
    await pool.end();
  }
  const bench = `loadGateContext phases (${checks.length} checks, sequential)`;
  const p50 = (xs: { scenario: CheckScenario; ms: number }[], sc: CheckScenario) => ms(percentile(xs.filter((x) => x.scenario === sc).map((x) => x.ms), 50));
  const figures: Figure[] = [
    { bench, figure: "each phase: p50 by scenario (county form / township task / county inspection) · p95 and max of all", value: "ms" },
    ...[...t].map(([label, xs]) => ({
      bench,
      figure: label,
      value: `${SCENARIOS.map((sc) => p50(xs, sc)).join(" / ")} · ${ms(percentile(xs.map((x) => x.ms), 95))} · ${ms(Math.max(...xs.map((x) => x.ms)))}`,
    })),
  ];
  figures.push({
    bench,
    figure: "duplicate screen vs scoring every candidate (DUPLICATE_REQUEST): same decision / same top similarity / checks; matches ≥ threshold listed (screened / all, top 10)",
    value: `${agreement.sameDecision} / ${agreement.sameTopScore} / ${agreement.checks}; ${agreement.after} / ${agreement.before}`,
  });
  for (const [scenario, s] of shape) {
    const avg = (xs: number[]) => (xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)).toFixed(1);
    figures.push({ bench, figure: `${scenario}: targets / townships / target scan rows: loads / candidates (avg)`, value: `${avg(s.targets)} / ${avg(s.townships)} / ${avg(s.loadRows)} / ${avg(s.similarRows)}` });
  }
  return { figures, plans };
}
