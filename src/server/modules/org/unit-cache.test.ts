import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZBurdenInput } from "../../../contracts/burdens.js";
import type { Actor, ScopeUnit } from "../../kernel/actor.js";
import { createTestApp, type TestContext } from "../../test/harness.js";
import { prepareBurden } from "../burdens/prepare.js";
import { cachedUnitReader, forgetUnits, plainUnitReader, unitCacheSize, warmUnitCache } from "./unit-cache.js";
import { getUnit, unitsUnder } from "./units.js";

/**
 * The gate's units in memory (org/unit-cache.ts): what they answer is what the table answers, and a
 * check never rests on units that changed before its last read — whoever changed them, since the cache
 * is told nothing and compares generations.
 */

let ctx: TestContext;
const RAOHE = "230524";
const generation = async () => Number((await ctx.db.execute<{ g: number }>(sql`select generation as g from unit_generation`)).rows[0]!.g);
const unitCount = async () => Number((await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from units`)).rows[0]!.n);

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

describe("the whole table in memory", () => {
  it("holds every unit and answers subtrees as the table does, in code order", async () => {
    expect(await warmUnitCache(ctx.db)).toBe(await unitCount());
    expect(unitCacheSize(ctx.db)).toMatchObject({ whole: true, generation: await generation() });
    const reader = cachedUnitReader(ctx.db);
    const raohe = (await getUnit(ctx.db, RAOHE))!;
    const township = (await unitsUnder(ctx.db, raohe.path, "township"))[3]!;
    for (const [path, level] of [[raohe.path, "village"], [raohe.path, "township"], [raohe.path, "department"], [township.path, "village"], [township.path, "township"]] as const) {
      const want = await unitsUnder(ctx.db, path, level);
      expect(await reader.under(path, level)).toEqual(want);
    }
    expect((await reader.under(raohe.path, "village")).length).toBeGreaterThan(100);
    expect(await reader.getMany([RAOHE, township.code, "999999999999"])).toEqual([raohe, township]);
    expect(await reader.get("999999999999")).toBeNull();
    // Everything above came from one generation, the one the table has now.
    expect(reader.currentAt(await generation())).toBe(true);
    expect(await reader.stillCurrent()).toBe(true);
  });

  it("answers from memory: a change the trigger does not count is not seen", async () => {
    await warmUnitCache(ctx.db);
    await ctx.db.execute(sql`alter table units disable trigger units_bump_generation`);
    try {
      await ctx.db.execute(sql`update units set name = '看不见的名字' where code = ${RAOHE}`);
      expect((await cachedUnitReader(ctx.db).get(RAOHE))!.name).toBe("饶河县");
      expect((await plainUnitReader(ctx.db).get(RAOHE))!.name).toBe("看不见的名字");
    } finally {
      await ctx.db.execute(sql`update units set name = '饶河县' where code = ${RAOHE}`);
      await ctx.db.execute(sql`alter table units enable trigger units_bump_generation`);
    }
  });
});

describe("the units' generation", () => {
  it("rises with every statement that writes units, in the writer's transaction", async () => {
    const before = await generation();
    await ctx.db.execute(sql`update units set updated_at = now() where code = ${RAOHE}`);
    expect(await generation()).toBe(before + 1);
    await ctx.db.execute(sql`update units set updated_at = now() where code like ${`${RAOHE}1%`}`);
    expect(await generation()).toBe(before + 2);
    await expect(
      ctx.db.transaction(async (tx) => {
        await tx.execute(sql`update units set updated_at = now() where code = ${RAOHE}`);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await generation()).toBe(before + 2);
  });

  it("tells a reader that its units are no longer current after a write", async () => {
    await warmUnitCache(ctx.db);
    const reader = cachedUnitReader(ctx.db);
    await reader.get(RAOHE);
    const seenAt = await generation();
    expect(reader.currentAt(seenAt)).toBe(true);
    await ctx.db.execute(sql`update units set updated_at = now() where code = ${RAOHE}`);
    expect(await reader.stillCurrent()).toBe(false);
    expect(reader.currentAt(seenAt + 1)).toBe(false);
  });
});

describe("a check whose units change", () => {
  const issuerCode = async () => (await ctx.db.execute<{ code: string }>(sql`select code from units where level = 'department' and parent_code = ${RAOHE} order by code limit 1`)).rows[0]!.code;
  const actorFor = (scope: ScopeUnit): Actor => ({ id: "00000000-0000-4000-8000-0000000000aa", username: "t", displayName: "t", role: "department_staff", scope, mustChangePassword: false });
  const input = (issuer: string) =>
    ZBurdenInput.parse({ kind: "form", issuer, targets: { under: RAOHE, level: "village" }, title: "统计各村耕地面积", text: "请各村填报耕地面积", issuedOn: "2027-03-01", deadline: "2027-03-31", frequency: "once", minutesPerTarget: 30, details: {} });

  for (const mode of ["whole table", "kept as read"] as const) {
    it(`is decided on the units as they are now (${mode})`, async () => {
      const code = await issuerCode();
      const issuer = (await getUnit(ctx.db, code))!;
      if (mode === "whole table") await warmUnitCache(ctx.db);
      else forgetUnits(ctx.db);
      const first = await prepareBurden(ctx.db, { actor: actorFor(issuer), input: input(code), today: "2027-02-01" });
      expect(first.issuer.name).toBe(issuer.name);
      const village = first.targets[0]!;
      try {
        // Another process renames the issuer and a village: the cache is told nothing.
        await ctx.db.execute(sql`update units set name = name || '（新）' where code in (${code}, ${village.code})`);
        const second = await prepareBurden(ctx.db, { actor: actorFor(issuer), input: input(code), today: "2027-02-01" });
        expect(second.issuer.name).toBe(`${issuer.name}（新）`);
        expect(second.targets.find((t) => t.code === village.code)!.name).toBe(`${village.name}（新）`);
        expect(second.targets.length).toBe(first.targets.length);
      } finally {
        await ctx.db.execute(sql`update units set name = left(name, length(name) - 3) where code in (${code}, ${village.code})`);
      }
    });
  }

  it("refuses on the units as they are now: a target moved out of the issuer's reach", async () => {
    const code = await issuerCode();
    const issuer = (await getUnit(ctx.db, code))!;
    await warmUnitCache(ctx.db);
    const villages = await cachedUnitReader(ctx.db).under((await getUnit(ctx.db, RAOHE))!.path, "village");
    const moved = villages[0]!;
    const listed = { ...input(code), targets: [moved.code] };
    expect((await prepareBurden(ctx.db, { actor: actorFor(issuer), input: listed, today: "2027-02-01" })).targets.map((t) => t.code)).toEqual([moved.code]);
    try {
      await ctx.db.execute(sql`update units set path = '100000.999999.' || code where code = ${moved.code}`);
      await expect(prepareBurden(ctx.db, { actor: actorFor(issuer), input: listed, today: "2027-02-01" })).rejects.toMatchObject({ code: "TARGET_OUT_OF_REACH" });
    } finally {
      await ctx.db.execute(sql`update units set path = ${moved.path} where code = ${moved.code}`);
    }
    expect((await prepareBurden(ctx.db, { actor: actorFor(issuer), input: listed, today: "2027-02-01" })).targets.map((t) => t.path)).toEqual([moved.path]);
  });

  it("reads its own writes inside a transaction", async () => {
    await warmUnitCache(ctx.db);
    const code = "230524999999";
    await expect(
      ctx.db.transaction(async (tx) => {
        await tx.execute(sql`insert into units (code, name, level, parent_code, path, depth, province_code)
          select ${code}, '事务里的村', 'village', code, path || '.' || ${code}, depth + 1, province_code from units where code = '230524100000'`);
        expect((await cachedUnitReader(tx).get(code))?.name).toBe("事务里的村");
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await cachedUnitReader(ctx.db).get(code)).toBeNull();
  });
});
