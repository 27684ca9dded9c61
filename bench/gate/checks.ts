import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import type pg from "pg";
import { ZBurdenInput, type BurdenInput } from "../../src/contracts/burdens.js";
import type { Db } from "../../src/server/db/client.js";
import type { Actor, ScopeUnit } from "../../src/server/kernel/actor.js";
import { prepareBurden } from "../../src/server/modules/burdens/prepare.js";
import { getUnits } from "../../src/server/modules/org/units.js";
import { checkInput, SCENARIOS, type CheckScenario, type GateCounty } from "../synthetic-gate-data.js";
import { seededRandom } from "../synthetic-hierarchy.js";
import { BENCH_CREATOR, seconds } from "./data.js";

/** The checks the gate bench sends (what POST /api/admission/check receives), how it runs them, and the CPU they use. */

export type Check = { scenario: CheckScenario; input: BurdenInput; actor: Actor; issuer: ScopeUnit };

const actorFor = (issuer: ScopeUnit): Actor => ({
  id: BENCH_CREATOR,
  username: `bench_${issuer.code}`,
  displayName: `压测 ${issuer.name}`,
  role: issuer.level === "department" ? "department_staff" : "township_official",
  scope: issuer,
  mustChangePassword: false,
});

/** `count` checks round-robin over the scenarios, each from a county drawn at random over the nation. */
export async function buildChecks(db: Db, counties: readonly GateCounty[], count: number, today: string, seed: number): Promise<Check[]> {
  const rand = seededRandom(seed);
  const drafts = Array.from({ length: count }, (_, i) => {
    const scenario = SCENARIOS[i % SCENARIOS.length]!;
    const county = counties[Math.floor(rand() * counties.length)]!;
    return { scenario, ...checkInput(rand, scenario, county, today) };
  });
  const issuers = new Map((await getUnits(db, [...new Set(drafts.map((d) => d.issuerCode))])).map((u) => [u.code, u]));
  return drafts.map((d) => {
    const issuer = issuers.get(d.issuerCode);
    if (!issuer) throw new Error(`issuer ${d.issuerCode} is missing`);
    // The route validates the body against ZBurdenInput (defaults filled) before prepareBurden.
    return { scenario: d.scenario, input: ZBurdenInput.parse(d.input), actor: actorFor(issuer), issuer };
  });
}

/**
 * CPU used by this process, by PostgreSQL (the postmaster with its children, including parallel workers
 * and autovacuum, when it runs on this machine and /proc shows it) and by the whole machine.
 */
export class CpuMeter {
  private readonly tick = 100;
  private postmaster: number | null = null;
  constructor(private readonly pool: pg.Pool) {}
  private static stat(pid: number | string): string[] | null {
    try {
      const text = readFileSync(`/proc/${pid}/stat`, "utf8");
      return text.slice(text.lastIndexOf(")") + 2).split(" ");
    } catch {
      return null;
    }
  }
  /** Ticks of the postmaster (own and reaped children) and of its live children. */
  private async postgresTicks(): Promise<number | null> {
    if (this.postmaster === null) {
      const { rows } = await this.pool.query<{ pid: number }>("select pg_backend_pid() as pid");
      const ppid = rows[0] ? CpuMeter.stat(rows[0].pid)?.[1] : undefined;
      if (!ppid) return null;
      this.postmaster = Number(ppid);
    }
    const own = CpuMeter.stat(this.postmaster);
    if (!own) return null;
    let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const f = CpuMeter.stat(entry);
      if (f && Number(f[1]) === this.postmaster) ticks += Number(f[11]) + Number(f[12]);
    }
    return ticks;
  }
  private static machine = () => os.cpus().reduce((n, c) => n + c.times.user + c.times.sys + c.times.nice + c.times.irq, 0);
  async start() {
    return { node: process.cpuUsage(), pg: await this.postgresTicks(), machine: CpuMeter.machine() };
  }
  async stop(from: Awaited<ReturnType<CpuMeter["start"]>>) {
    const node = process.cpuUsage(from.node);
    const pg = await this.postgresTicks();
    return {
      nodeS: (node.user + node.system) / 1e6,
      pgS: pg !== null && from.pg !== null ? (pg - from.pg) / this.tick : null,
      machineS: (CpuMeter.machine() - from.machine) / 1000,
    };
  }
}

export async function concurrentRun(db: Db, checks: readonly Check[], clients: number, durationS: number, offset: number) {
  const samples: number[] = [];
  const failures = new Map<string, number>();
  let next = offset;
  const end = performance.now() + durationS * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const check = checks[next++ % checks.length]!;
        const t = performance.now();
        try {
          await prepareBurden(db, { actor: check.actor, input: check.input });
          samples.push(performance.now() - t);
        } catch (err) {
          const code = err instanceof Error ? ((err as { code?: string }).code ?? err.message) : String(err);
          failures.set(code, (failures.get(code) ?? 0) + 1);
        }
      }
    }),
  );
  return { samples, wallS: seconds(start), failures, next };
}

/**
 * Checks arriving at a fixed rate whatever the gate's pace (open loop), as requests from many offices
 * would: each is started when due and timed from when it was due, so that waiting behind slow checks
 * counts in its latency. A closed loop of N clients measures throughput; this measures the latency a
 * caller sees at a given load.
 */
export async function pacedRun(db: Db, checks: readonly Check[], perSecond: number, durationS: number, offset: number) {
  const samples: number[] = [];
  const failures = new Map<string, number>();
  const total = Math.round(perSecond * durationS);
  const start = performance.now();
  const running: Promise<void>[] = [];
  let lateStarts = 0;
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    else if (wait < -5) lateStarts++;
    const check = checks[(offset + i) % checks.length]!;
    running.push(
      prepareBurden(db, { actor: check.actor, input: check.input }).then(
        () => void samples.push(performance.now() - due),
        (err: unknown) => {
          const code = err instanceof Error ? ((err as { code?: string }).code ?? err.message) : String(err);
          failures.set(code, (failures.get(code) ?? 0) + 1);
        },
      ),
    );
  }
  await Promise.all(running);
  return { samples, wallS: seconds(start), failures, lateStarts, next: offset + total };
}
