import type pg from "pg";
import type { Db } from "../src/server/db/client.js";
import { listIndicators } from "../src/server/modules/forms/catalog.js";
import { DEMO_INDICATORS } from "../src/server/modules/forms/demo-catalog.js";
import type { ColumnInfo } from "../src/server/modules/forms/excel/read-form.js";
import { prepareCatalog, preparedCatalogFor, proposeFor } from "../src/server/modules/forms/mapping.js";
import { ms, percentile, timeSequential, type Figure } from "./stats.js";
import { BENCH_CREATOR, seconds, s3, w } from "./forms-setup.js";

/** 一表通 (issue 4), a: mapping proposals for a 60-column form against a catalog of 20,000 indicators, cold and warm. */

export async function benchMapping(client: pg.Client, db: Db): Promise<Figure[]> {
  const bench = "mapping (60 columns × 20,000 indicators)";
  const county = (await client.query<{ code: string; path: string; province_code: string }>(`select code, path, province_code from units where level = 'county' order by code desc limit 1`)).rows[0]!;
  const have = Number((await client.query<{ n: string }>(`select count(*) as n from form_indicators where region_code = $1`, [county.code])).rows[0]!.n);
  if (have < 20_000) {
    const synthetic = Array.from({ length: 20_000 - DEMO_INDICATORS.length }, (_, i) => ({
      code: `X${i}`, name: `${w(i)}${w(i * 7 + 3)}${w(i * 13 + 5)}${i % 97}`, aliases: [`${w(i * 7 + 3)}${w(i)}`], unit: ["人", "户", "亩", "万元"][i % 4]!, type: "number",
    }));
    const rows = [...synthetic, ...DEMO_INDICATORS.map((d) => ({ code: d.code, name: d.name, aliases: d.aliases ?? [], unit: d.unit ?? "", type: d.type }))];
    await client.query(
      `insert into form_indicators (region_code, region_path, province_code, code, name, aliases, unit, type, granularity, refresh_cycle, created_by)
       select $1, $2, $3, c, n, array(select jsonb_array_elements_text(a)), u, t, 'village', 'yearly', $9::uuid
       from unnest($4::text[], $5::text[], $6::jsonb[], $7::text[], $8::text[]) as x(c, n, a, u, t) on conflict (region_code, code) do nothing`,
      [county.code, county.path, county.province_code, rows.map((r) => r.code), rows.map((r) => r.name), rows.map((r) => JSON.stringify(r.aliases)), rows.map((r) => r.unit), rows.map((r) => r.type), BENCH_CREATOR],
    );
  }
  // Half the columns carry a catalog name word for word, half a name the catalog does not hold.
  const columns: ColumnInfo[] = Array.from({ length: 60 }, (_, i) => ({
    sheet: "表", col: i + 1, header: "", unit: i % 3 === 0 ? "人" : "", role: "indicator", name: i % 2 ? DEMO_INDICATORS[i % DEMO_INDICATORS.length]!.name : `${w(i)}${w(i + 4)}情况`,
  }));
  let start = performance.now();
  const catalogRows = await listIndicators(db, county.code);
  const readS = seconds(start);
  start = performance.now();
  const prepared = prepareCatalog(catalogRows);
  const prepareS = seconds(start);
  start = performance.now();
  const first = columns.map((c) => proposeFor(c, prepared));
  const firstS = seconds(start);
  const found = first.filter((p, i) => i % 2 === 1 && p.code === DEMO_INDICATORS[i % DEMO_INDICATORS.length]!.code).length;
  // What an upload pays once the region's catalog is prepared (preparedCatalogFor keeps it until it changes).
  const warm = await timeSequential(30, 3, async () => {
    const catalog = await preparedCatalogFor(db, county.code);
    columns.map((c) => proposeFor(c, catalog));
  });
  const proposeOnly = await timeSequential(30, 3, async () => columns.map((c) => proposeFor(c, prepared)));
  return [
    { bench, figure: "catalog rows", value: String(catalogRows.length) },
    { bench, figure: "cold: read catalog s", value: s3(readS) },
    { bench, figure: "cold: prepare catalog s", value: s3(prepareS) },
    { bench, figure: "cold: 60 proposals s", value: s3(firstS) },
    // The app prepares each catalog at start and after each change, in the background (warmCatalog): an upload pays the warm figures.
    { bench, figure: "cold total s (read + prepare + propose; background work since warm-up)", value: s3(readS + prepareS + firstS) },
    { bench, figure: "upload after warm-up (catalog stamp + cached catalog + propose) p50 ms", value: ms(percentile(warm, 50)), target: "< 1000 ms" },
    { bench, figure: "warm p95 ms", value: ms(percentile(warm, 95)) },
    { bench, figure: "60 proposals alone p50 ms", value: ms(percentile(proposeOnly, 50)) },
    { bench, figure: "exact names found", value: `${found} / 30` },
  ];
}
