import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import type pg from "pg";
import { NATION_CODE } from "../src/contracts/roles.js";
import type { Db } from "../src/server/db/client.js";
import { readFormWorkbook } from "../src/server/modules/forms/excel/read-form.js";
import { importUnits, NATION_ROW } from "../src/server/modules/org/divisions/import.js";
import type { Figure } from "./stats.js";
import { NATIONAL, syntheticHierarchy } from "./synthetic-hierarchy.js";

/** 一表通 benches' shared set-up (issue 4): the synthetic national hierarchy, a department's 40-field form. */

export const BENCH_CREATOR = "00000000-0000-4000-8000-000000004004";
export const FIELDS = 40;
export const REFERENCE_DATE = "2026-12-31";
export const PERIOD = "2026";
/**
 * Submissions before the timed ones. 300 left the server's code still being optimized by V8 when timing
 * began: the first 1.5 s of the timed phase ran at ~340/s against ~550/s later and held 93 of its 108
 * slowest 1 % (a timeline of one run, ADR 0015). A deadline peak meets a server that has run for days.
 */
export const WARMUP = 2000;
export const RETRIES = 200;
export const EXPORT_DEPT = `${NATION_CODE}D90`;
export const PGBENCH = "/usr/lib/postgresql/15/bin/pgbench";
export const AUDIT_LOCK_KEY = 7_270_001; // audit.ts's: pgbench takes the same lock a submission takes
export type Env = { submissions: number; clients: number; skip: Set<string> };
export const seconds = (startMs: number) => (performance.now() - startMs) / 1000;
export const s3 = (n: number) => n.toFixed(3);

export const WORDS = ["耕地", "人口", "户数", "面积", "收入", "养殖", "存栏", "播种", "产量", "补贴", "救助", "学校", "道路", "饮水", "卫生", "合作社", "劳动力", "外出", "危房", "光伏", "林地", "草地", "渔业", "电商", "旅游", "垃圾", "污水", "厕所", "党员", "网格"];
export const w = (i: number) => WORDS[i % WORDS.length]!;

export async function ensureHierarchy(db: Db, client: pg.Client): Promise<Figure[]> {
  const villages = Number((await client.query<{ n: string }>(`select count(*) as n from units where level = 'village'`)).rows[0]!.n);
  if (villages >= NATIONAL.villages) return [{ bench: "hierarchy", figure: "villages", value: `${villages} (already in the database)` }];
  const start = performance.now();
  await importUnits(db, (function* () {
    yield NATION_ROW;
    yield* syntheticHierarchy(NATIONAL, 2026);
  })());
  await client.query("analyze units");
  return [{ bench: "hierarchy", figure: "synthetic national hierarchy imported s", value: s3(seconds(start)) }];
}

export const indicatorName = (i: number) => `${w(i)}${w(i * 7 + 3)}数${i + 1}`;
export const indicatorUnit = (i: number) => ["人", "户", "亩", "个"][i % 4]!;

/** The department's own table: a merged title, a unit line, a header, one sample row. */
export async function templateOf(title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("村级情况");
  const width = 3 + FIELDS;
  ws.getCell(1, 1).value = title;
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(2, 1).value = "填报单位：（盖章）        单位：人/户/亩/个";
  ws.mergeCells(2, 1, 2, width);
  ["序号", "乡镇", "村名", ...Array.from({ length: FIELDS }, (_, i) => `${indicatorName(i)}（${indicatorUnit(i)}）`)].forEach((h, c) => {
    ws.getCell(3, c + 1).value = h;
    ws.getCell(3, c + 1).font = { bold: true };
  });
  [1, "样例镇", "样例村", ...Array.from({ length: FIELDS }, (_, i) => i)].forEach((v, c) => (ws.getCell(4, c + 1).value = v));
  ws.columns.forEach((col) => (col.width = 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type Unit = { code: string; path: string; province_code: string; depth: number };

/**
 * A department of `parent` with a 40-indicator catalog in region `region`, an admitted form burden to
 * every village under `targetUnder`, and its form, mapped. Returns the form id and indicator ids.
 */
export async function ensureForm(client: pg.Client, parent: Unit, region: Unit, targetUnder: Unit, deptCode: string, file: Buffer): Promise<{ formId: string; indicatorIds: string[] }> {
  const found = await client.query<{ id: string }>(`select id from forms where owner_code = $1 and created_by = $2`, [deptCode, BENCH_CREATOR]);
  const ids = async () =>
    (await client.query<{ id: string }>(`select id from form_indicators where region_code = $1 and code like 'BF%' order by code`, [region.code])).rows.map((r) => r.id);
  if (found.rows[0]) return { formId: found.rows[0].id, indicatorIds: await ids() };
  const deptPath = `${parent.path}.${deptCode}`;
  await client.query(
    `insert into units (code, name, level, parent_code, path, depth, province_code, org_type) values ($1, '压测统计局', 'department', $2, $3, $4, $5, null) on conflict (code) do nothing`,
    [deptCode, parent.code, deptPath, parent.depth + 1, parent.province_code],
  );
  const idx = Array.from({ length: FIELDS }, (_, i) => i);
  await client.query(
    `insert into form_indicators (region_code, region_path, province_code, code, name, unit, type, granularity, refresh_cycle, owner_department, min, max, created_by)
     select $1, $2, $3, c, n, u, 'integer', 'village', 'yearly', $7, 0, 1000000, $8::uuid from unnest($4::text[], $5::text[], $6::text[]) as x(c, n, u)
     on conflict (region_code, code) do nothing`,
    [region.code, region.path, region.province_code, idx.map((i) => `BF${String(i + 1).padStart(2, "0")}`), idx.map(indicatorName), idx.map(indicatorUnit), deptCode, BENCH_CREATOR],
  );
  const indicatorIds = await ids();
  const villages = Number((await client.query<{ n: string }>(`select count(*) as n from units where level = 'village' and path like $1`, [`${targetUnder.path}.%`])).rows[0]!.n);
  const burden = (
    await client.query<{ id: string }>(
      `insert into burdens (kind, status, issuer_code, issuer_path, province_code, title, text, issued_on, deadline, frequency, minutes_per_target, target_spec, target_count,
                            details, yearly_minutes, admission_number, admitted_at, created_by)
       values ('form', 'admitted', $1, $2, $3, '压测：村级基本情况表', '请各村填报村级基本情况表。', '2026-12-01', '2026-12-31', 'yearly', 60, $4::jsonb, $5, '{"fieldCount":40}', $6, $7, now(), $8)
       returning id`,
      [deptCode, deptPath, parent.province_code, JSON.stringify({ under: targetUnder.code, level: "village" }), villages, villages * 60, `BF-${deptCode}-${randomBytes(3).toString("hex")}`, BENCH_CREATOR],
    )
  ).rows[0]!.id;
  if (villages <= 20_000) {
    await client.query(
      `insert into burden_targets (burden_id, unit_code, unit_path, province_code, in_force, load_from, load_to, monthly_minutes)
       select $1, code, path, province_code, true, '2026-12-01', '2026-12-31', 5 from units where level = 'village' and path like $2`,
      [burden, `${targetUnder.path}.%`],
    );
  }
  const reading = await readFormWorkbook(file);
  if (reading.issues.length > 0) throw new Error(`template: ${JSON.stringify(reading.issues)}`);
  const formId = (
    await client.query<{ id: string }>(
      `insert into forms (burden_id, owner_code, owner_path, province_code, title, file_name, file, layout, status, reference_date, created_by)
       values ($1, $2, $3, $4, '压测：村级基本情况表', '村级基本情况表.xlsx', $5, $6, 'mapped', $7, $8) returning id`,
      [burden, deptCode, deptPath, parent.province_code, reading.file, JSON.stringify(reading.sheets), REFERENCE_DATE, BENCH_CREATOR],
    )
  ).rows[0]!.id;
  let k = 0;
  const fields = reading.columns.map((c, position) => ({ ...c, position, indicatorId: c.role === "indicator" ? indicatorIds[k++]! : null }));
  if (k !== FIELDS) throw new Error(`template read ${k} indicator columns, not ${FIELDS}`);
  await client.query(
    `insert into form_fields (form_id, position, sheet, col, header, unit, role, indicator_id, proposal, province_code)
     select $1, p, s, c, h, u, r, i, '{"indicatorId":null,"code":null,"name":null,"score":0,"unitAgrees":null,"notes":[]}', $9
     from unnest($2::int[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::uuid[]) as x(p, s, c, h, u, r, i)`,
    [formId, ...(["position", "sheet", "col", "header", "unit", "role", "indicatorId"] as const).map((key) => fields.map((f) => f[key])), parent.province_code],
  );
  return { formId, indicatorIds };
}
