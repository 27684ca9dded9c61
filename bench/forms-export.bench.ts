import type pg from "pg";
import { NATION_CODE } from "../src/contracts/roles.js";
import type { Db } from "../src/server/db/client.js";
import type { Actor } from "../src/server/kernel/actor.js";
import type { Targets } from "../src/contracts/burdens.js";
import { loadReadableBurden } from "../src/server/modules/burdens/queries.js";
import { asksOf } from "../src/server/modules/forms/collect/open-forms.js";
import { villageBatches, withValues } from "../src/server/modules/forms/excel/export-data.js";
import { exportForm } from "../src/server/modules/forms/excel/export-form.js";
import { loadReadableForm } from "../src/server/modules/forms/forms.js";
import { getUnit } from "../src/server/modules/org/units.js";
import type { Figure } from "./stats.js";
import { NATIONAL } from "./synthetic-hierarchy.js";
import { BENCH_CREATOR, FIELDS, PERIOD, EXPORT_DEPT, seconds, s3, templateOf, type Unit, ensureForm } from "./forms-setup.js";

/** 一表通 (issue 4), c: a department's export of 600,000 villages' rows (time, peak RSS and heap; streamed). */

export async function benchExport(client: pg.Client, db: Db): Promise<Figure[]> {
  const bench = "export (600,000 villages, 40 fields)";
  const nation = (await client.query<Unit>(`select code, path, province_code, depth from units where code = $1`, [NATION_CODE])).rows[0]!;
  const file = await templateOf("全国村级基本情况表（压测）");
  let start = performance.now();
  const { formId, indicatorIds } = await ensureForm(client, nation, nation, nation, EXPORT_DEPT, file);
  const setupS = seconds(start);
  const figures: Figure[] = [{ bench, figure: "form setup s", value: s3(setupS) }];
  const held = Number((await client.query<{ n: string }>(`select count(*) as n from form_data where indicator_id = $1`, [indicatorIds[FIELDS - 1]])).rows[0]!.n);
  if (held < NATIONAL.villages) {
    console.error(`bench: generating ${FIELDS} × ${NATIONAL.villages} data for the export`);
    start = performance.now();
    for (const [i, id] of indicatorIds.entries()) {
      await client.query(
        `insert into form_data (indicator_id, unit_code, unit_path, province_code, period_key, value, source_kind, recorded_by_name)
         select $1, code, path, province_code, $2, ((hashtext(code) # $3) & 4095)::text, 'import', '压测导入' from units where level = 'village'
         on conflict do nothing`,
        [id, PERIOD, i],
      );
    }
    await client.query("analyze form_data");
    figures.push({ bench, figure: "data generated (rows)", value: String(FIELDS * NATIONAL.villages) }, { bench, figure: "data generation s", value: s3(seconds(start)) });
  }
  const dept = (await getUnit(db, EXPORT_DEPT))!;
  const actor: Actor = { id: BENCH_CREATOR, username: "bench_export", displayName: "压测部门", role: "department_staff", scope: dept, mustChangePassword: false };
  global.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 50);
  start = performance.now();
  let bytes = 0;
  try {
    const { stream } = await exportForm(db, actor, await loadReadableForm(db, actor, formId));
    for await (const chunk of stream) bytes += (chunk as Buffer).length;
  } finally {
    clearInterval(sampler);
  }
  const exportS = seconds(start);
  // The same reads without the file: how much of the export is the database's.
  const form = await loadReadableForm(db, actor, formId);
  const burden = await loadReadableBurden(db, actor, form.burdenId);
  start = performance.now();
  let read = 0;
  for await (const batch of withValues(db, villageBatches(db, burden.issuerCode, burden.targetSpec as Targets), await asksOf(db, form))) read += batch.rows.length;
  const readS = seconds(start);
  const mb = (n: number) => (n / 2 ** 20).toFixed(1);
  return [
    ...figures,
    { bench, figure: "rows written (villages)", value: String(NATIONAL.villages) },
    { bench, figure: "xlsx bytes", value: String(bytes) },
    { bench, figure: "export s (exportForm, stream read to the end)", value: s3(exportS), target: "< 60 s" },
    { bench, figure: `values read alone s (the same ${read} villages' batches, no file)`, value: s3(readS) },
    { bench, figure: "rows/s written (villages)", value: String(Math.round(NATIONAL.villages / exportS)) },
    { bench, figure: "RSS before MiB", value: mb(before.rss) },
    { bench, figure: "peak RSS MiB (whole bench process)", value: mb(peakRss), target: "< 1024 MiB" },
    { bench, figure: "peak heap used MiB", value: mb(peakHeap) },
  ];
}
