import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import { CASE_CATEGORIES, CASE_STATUSES } from "../src/contracts/cases.js";
import type { Db } from "../src/server/db/client.js";
import type { Actor, ScopeUnit } from "../src/server/kernel/actor.js";
import { addDays, chinaToday } from "../src/server/kernel/dates.js";
import { listCases } from "../src/server/modules/cases/queries.js";
import { latencyFigures, type Figure } from "./stats.js";
import { seededRandom } from "./synthetic-hierarchy.js";

/**
 * The handler's case list (issue 5, "Speed"): 1,000,000 cases about townships and villages of the
 * imported national hierarchy, each handled by its county's office or commission as routing.ts routes
 * them (a few escalated to the city), in every state; then listCases — count and first page, ordered by
 * deadline — for offices and commissions of counties, cities and provinces, as GET /api/cases runs it.
 *
 *   BENCH_CASES         cases to generate (default 1,000,000)
 */

const SEED = 5005;
const BATCH = 5000;
const QUERIES = 300;
const BENCH_TEXT = "【基准测试】";

type Place = { code: string; path: string; provinceCode: string };

async function placesOf(client: pg.Client): Promise<Place[]> {
  // Reported units: every township and one village in ten (reports name villages less often than their township).
  const { rows } = await client.query<{ code: string; path: string; province_code: string }>(
    `select code, path, province_code from units where level = 'township' or (level = 'village' and right(code, 1) = '1') order by code`,
  );
  return rows.map((r) => ({ code: r.code, path: r.path, provinceCode: r.province_code }));
}

/** The county path of a township's or a village's path: the first three codes (province.city.county). */
const countyPathOf = (path: string) => path.split(".").slice(0, 3).join(".");

async function generate(client: pg.Client, n: number, today: string): Promise<Figure[]> {
  const bench = `case list (${n.toLocaleString("en")} cases)`;
  const [{ c = "0" } = {}] = (await client.query<{ c: string }>(`select count(*)::text as c from cases where text = $1`, [BENCH_TEXT])).rows;
  if (Number(c) >= n) return [{ bench, figure: "cases", value: `reused ${c} (already in the database)` }];
  await client.query(`delete from cases where text = $1`, [BENCH_TEXT]);
  const places = await placesOf(client);
  const rand = seededRandom(SEED);
  const start = performance.now();
  for (let done = 0; done < n; done += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, n - done) }, () => {
      const place = places[Math.floor(rand() * places.length)]!;
      const status = CASE_STATUSES[Math.floor(rand() * CASE_STATUSES.length)]!;
      const county = countyPathOf(place.path);
      const escalated = rand() < 0.03 ? 1 : 0;
      const received = addDays(today, -Math.floor(rand() * 720));
      return {
        id: randomUUID(),
        category: CASE_CATEGORIES[Math.floor(rand() * CASE_CATEGORIES.length)]!,
        status,
        unitCode: place.code,
        unitPath: place.path,
        provinceCode: place.provinceCode,
        handlerRegionPath: county,
        handlerDepth: county.split(".").length,
        handlerRole: rand() < 0.7 ? "office" : "commission",
        escalation: escalated,
        deadline: status === "closed" ? null : addDays(received, 10 + Math.floor(rand() * 30)),
        receivedOn: received,
      };
    });
    const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
    await client.query(
      `insert into cases (id, channel, category, status, text, unit_code, unit_path, province_code, handler_region_path, handler_depth, handler_role,
                          escalation_level, deadline, anonymous, receipt_tag, receipt_hash, received_on)
       select id, 'public', category, status, $13, unit_code, unit_path, province_code, handler_region_path, handler_depth, handler_role, escalation_level, deadline,
              true, 'bench', 'bench', received_on
       from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[], $10::int[], $11::date[], $12::date[])
         as u(id, category, status, unit_code, unit_path, province_code, handler_region_path, handler_depth, handler_role, escalation_level, deadline, received_on)`,
      [col("id"), col("category"), col("status"), col("unitCode"), col("unitPath"), col("provinceCode"), col("handlerRegionPath"), col("handlerDepth"), col("handlerRole"),
        col("escalation"), col("deadline"), col("receivedOn"), BENCH_TEXT],
    );
  }
  const loadS = (performance.now() - start) / 1000;
  await client.query("vacuum analyze cases");
  return [
    { bench, figure: "reported units (townships and a tenth of villages)", value: String(places.length) },
    { bench, figure: "load s / cases per s (one multi-row insert per 5,000)", value: `${loadS.toFixed(1)} / ${(n / loadS).toFixed(0)}` },
  ];
}

type Handler = { level: "county" | "city" | "province"; unit: ScopeUnit };

async function handlers(client: pg.Client): Promise<Handler[]> {
  // The regions with the most cases at each level: the heaviest lists a handler can ask for.
  const out: Handler[] = [];
  for (const [level, depth] of [["county", 3], ["city", 2], ["province", 1]] as const) {
    const { rows } = await client.query<{ code: string; name: string; parent_code: string | null; path: string; province_code: string }>(
      `select u.code, u.name, u.parent_code, u.path, u.province_code from units u
       join (select array_to_string((string_to_array(handler_region_path, '.'))[1:${depth}], '.') as p, count(*) as n from cases group by 1 order by 2 desc limit 10) c on c.p = u.path`,
    );
    for (const r of rows) out.push({ level, unit: { code: r.code, name: r.name, level, parentCode: r.parent_code, path: r.path, provinceCode: r.province_code, orgType: null } });
  }
  return out;
}

export async function benchCases(db: Db, url: string): Promise<Figure[]> {
  const n = Number(process.env.BENCH_CASES ?? 1_000_000);
  const today = chinaToday();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const figures = await generate(client, n, today);
    const [{ total = 0 } = {}] = (await db.execute<{ total: number }>(sql`select count(*)::int as total from cases`)).rows;
    const bench = `case list (${total.toLocaleString("en")} cases in the table)`;
    const regions = await handlers(client);
    const rand = seededRandom(SEED + 1);
    for (const level of ["county", "city", "province"] as const) {
      const mine = regions.filter((h) => h.level === level);
      if (mine.length === 0) continue;
      const samples: number[] = [];
      let rows = 0;
      for (let i = 0; i < QUERIES / 3 + 10; i++) {
        const handler = mine[i % mine.length]!;
        const role = rand() < 0.5 ? "office" : "commission";
        const actor: Actor = { id: randomUUID(), username: "bench", displayName: "bench", role, scope: handler.unit, mustChangePassword: false };
        const filter = [{}, { status: "received" as const }, { overdue: "true" as const }][i % 3]!;
        const t = performance.now();
        const page = await listCases(db, actor, { ...filter, limit: 20, offset: 0 });
        if (i >= 10) {
          samples.push(performance.now() - t);
          rows += page.total;
        }
      }
      figures.push(
        ...latencyFigures(`${bench}: ${level} handlers (GET /api/cases: count + first page)`, samples, "< 100 ms"),
        { bench: `${bench}: ${level} handlers (GET /api/cases: count + first page)`, figure: "cases matched per list (avg)", value: (rows / samples.length).toFixed(0) },
      );
    }
    return figures;
  } finally {
    await client.end();
  }
}
