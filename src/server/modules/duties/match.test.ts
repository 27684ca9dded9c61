import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_GATE_SETTINGS } from "../burdens/gate/rules/defaults.js";
import { createTestApp, type TestContext } from "../../test/harness.js";
import { RAOHE_TOWNSHIPS, SIPAI } from "./demo.js";
import { clearDutyMatchCache, dutyMatchCacheSize, matchDuty, warmDutyMatch } from "./match.js";

/** matchDuty on the demo lists of 饶河县, with the gate's default threshold. */
const THRESHOLD = DEFAULT_GATE_SETTINGS.dutyMatchSimilarity;
const ON = "2026-11-02";
const RAOHE_TOWN = "230524100000";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const match = (text: string, extra: { citedItem?: string; townshipCodes?: string[]; onDate?: string } = {}) =>
  matchDuty(ctx.db, { townshipCodes: extra.townshipCodes ?? [RAOHE_TOWN], onDate: extra.onDate ?? ON, text, ...(extra.citedItem ? { citedItem: extra.citedItem } : {}) });

describe("the item that best describes a burden", () => {
  it("puts a request for a statistical table under the statistics duty (cooperative, 县统计局)", async () => {
    const [m] = await match("关于报送各村耕地面积及种植结构统计表的通知\n请各村填报耕地面积、主要农作物播种面积及种植结构统计表，按时报送县统计局。");
    expect(m).toMatchObject({ townshipCode: RAOHE_TOWN, townshipName: "饶河镇", hasList: true, cited: null });
    expect(m!.best).toMatchObject({ name: "统计调查和统计报表报送", part: "cooperative", leadDepartment: "县统计局" });
    expect(m!.best!.score).toBeGreaterThanOrEqual(THRESHOLD);
    const [yearly] = await match("关于开展2026年农村住户收支情况年报的通知\n根据国家统计调查制度，请各村（社区）配合完成农村住户收支情况年报，数据经乡镇审核后报送县统计局。");
    expect(yearly!.best).toMatchObject({ name: "统计调查和统计报表报送" });
    expect(yearly!.best!.score).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it("finds a safety-inspection order among the duties returned to the county", async () => {
    const [m] = await match("组织开展安全生产执法检查\n请各乡镇组织对辖区内生产经营单位开展安全生产执法检查，对违法行为依法作出处罚。");
    expect(m!.best).toMatchObject({ name: "安全生产执法检查和行政处罚", part: "returned", leadDepartment: "县应急管理局" });
    expect(m!.best!.score).toBeGreaterThanOrEqual(0.8);
    const [food] = await match("开展食品安全抽检\n请各乡镇对辖区超市、集贸市场开展食品安全监督抽检。");
    expect(food!.best).toMatchObject({ name: "食品安全监督抽检", part: "returned" });
  });

  it("finds nothing above the threshold for growing an official account's followers", async () => {
    for (const text of ["公众号涨粉", "各村政务公众号每日新增粉丝任务\n各村（社区）须每天为镇政务公众号新增粉丝100人，每周通报排名，未完成的村党支部书记须作出书面检讨。"]) {
      const [m] = await match(text);
      expect(m!.hasList).toBe(true);
      expect(m!.best?.score ?? 0).toBeLessThan(THRESHOLD);
    }
  });
});

describe("the item the issuer cites", () => {
  it("is found by key, by name, and by a name close enough", async () => {
    const [byName] = await match("2026年第四季度农村住户调查样本轮换登记", { citedItem: "统计调查和统计报表报送" });
    expect(byName!.cited).toMatchObject({ name: "统计调查和统计报表报送", part: "cooperative", score: 1 });
    const [byKey] = await match("随便什么", { citedItem: byName!.cited!.key });
    expect(byKey!.cited).toMatchObject({ key: byName!.cited!.key, score: 1 });
    const [near] = await match("住户调查", { citedItem: "统计调查工作" });
    expect(near!.cited).toMatchObject({ name: "统计调查和统计报表报送" });
    const [relief] = await match("冬季救助摸排", { citedItem: "社会救助" });
    expect(relief!.cited?.name).toContain("社会救助");
  });

  it("is null when the list has no such item", async () => {
    const [m] = await match("各村政务公众号每日新增粉丝任务", { citedItem: "新媒体运营" });
    expect(m!.cited).toBeNull();
  });
});

describe("townships and dates", () => {
  it("answers for every township asked, in order, with its own list", async () => {
    const result = await match("赫哲族民族文化保护传承活动", { townshipCodes: [...RAOHE_TOWNSHIPS] });
    expect(result.map((m) => m.townshipCode)).toEqual(RAOHE_TOWNSHIPS);
    const sipai = result.find((m) => m.townshipCode === SIPAI)!;
    expect(sipai.best).toMatchObject({ name: "赫哲族民族文化保护传承", part: "basic", score: 1 });
    const other = result.find((m) => m.townshipCode === RAOHE_TOWN)!;
    expect(other.best?.name).not.toBe("赫哲族民族文化保护传承");
  });

  it("says when a township has no list in force: before the first version, a forest farm, an unknown code", async () => {
    const early = await match("统计报表", { onDate: "2025-06-30" });
    expect(early[0]).toMatchObject({ hasList: false, cited: null, best: null });
    const [farm, unknown] = await match("统计报表", { townshipCodes: ["230524400000", "230524999000"] });
    expect(farm).toMatchObject({ townshipName: "小佳河林场", hasList: false });
    expect(unknown).toMatchObject({ townshipCode: "230524999000", hasList: false });
  });

  it("uses the list in force on the issue date: a returned item added in 2026 is not there in 2025", async () => {
    const text = "开展农药兽药饲料质量监督抽检";
    const [in2026] = await match(text, { onDate: "2026-03-01" });
    expect(in2026!.best).toMatchObject({ part: "returned", name: "农药、兽药、饲料质量监督抽检" });
    const [in2025] = await match(text, { onDate: "2025-09-01" });
    expect(in2025!.best?.name).not.toBe("农药、兽药、饲料质量监督抽检");
  });

  it("answers the same from a cold cache and a warm one for thirty townships", async () => {
    clearDutyMatchCache();
    const thirty = Array.from({ length: 30 }, (_, i) => RAOHE_TOWNSHIPS[i % RAOHE_TOWNSHIPS.length]!);
    const text = "关于报送各村耕地面积及种植结构统计表的通知\n请各村填报耕地面积统计表";
    const cold = await matchDuty(ctx.db, { townshipCodes: thirty, onDate: ON, text });
    for (let i = 0; i < 3; i++) expect(await matchDuty(ctx.db, { townshipCodes: thirty, onDate: ON, text })).toEqual(cold);
  });

  it("warms the cache with every list in force, so that matching then loads no list", async () => {
    clearDutyMatchCache();
    const text = "关于报送各村耕地面积及种植结构统计表的通知\n请各村填报耕地面积统计表";
    const cold = await matchDuty(ctx.db, { townshipCodes: RAOHE_TOWNSHIPS, onDate: ON, text });
    clearDutyMatchCache();
    const { rows } = await ctx.db.execute<{ versions: number; items: number }>(sql`
      select count(*)::int as versions, coalesce(sum((select count(*) from duty_items i where i.version_id = v.id)), 0)::int as items
      from (select distinct on (unit_code) id from duty_list_versions where effective_from <= ${ON} order by unit_code, version desc) v`);
    expect(rows[0]!.versions).toBeGreaterThan(1);
    expect(await warmDutyMatch(ctx.db, ON, 2)).toBe(rows[0]!.items);
    expect(dutyMatchCacheSize()).toMatchObject({ versions: rows[0]!.versions, items: rows[0]!.items });
    expect(await matchDuty(ctx.db, { townshipCodes: RAOHE_TOWNSHIPS, onDate: ON, text })).toEqual(cold);
    expect(dutyMatchCacheSize().versions).toBe(rows[0]!.versions);
  });
});
