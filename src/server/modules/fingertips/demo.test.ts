import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { seedDemoData } from "../../demo/seed.js";
import { chinaToday } from "../../kernel/dates.js";
import { createTestDatabase } from "../../test/database.js";
import { plaqueCounts } from "../evaluations/plaque-queries.js";
import { evaluationYear } from "../evaluations/year.js";
import { actorByUsername } from "../org/auth.js";
import { fingertipLoad } from "./load.js";
import { mergeProposals } from "./merge.js";

/** Raohe's demo says something true on each page: loads, proposals, 乱挂牌, evaluations not on the list. */
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe("demo data of 指尖减负, 挂牌清理 and 评比创建清单", () => {
  it("seeds once and each page has something to show", async () => {
    const first = await seedDemoData(database.db, "Demo-test-2026");
    expect(first).toMatchObject({ fingertips: 12, plaques: 10, evaluations: 4 });
    const db = database.db;
    const cadre = (await actorByUsername(db, "raohe_village"))!;
    const office = (await actorByUsername(db, "raohe_office"))!;
    const mine = (await fingertipLoad(db, cadre, undefined, 10)).rows[0]!;
    expect(mine.channels).toBeGreaterThanOrEqual(7);
    expect(mine.heaviest[0]!.name).toBe("饶河党建学习打卡");
    const proposals = await mergeProposals(db, office, "zh-CN");
    expect(proposals.map((p) => [p.keep.name, p.merge.name])).toEqual(expect.arrayContaining([["饶河县农业农村工作群", "饶河县农业农村局工作通知群"], ["饶河县民政低保核查群", "饶河县民政局低保工作群"]]));
    const counts = await plaqueCounts(db, office);
    expect(counts.total).toMatchObject({ surveyedVillages: 2, plaques: 10, notAllowed: 5, removed: 1, stillHung: 4 });
    const year = await evaluationYear(db, office, Number(chinaToday().slice(0, 4)));
    expect(year.burdens.map((b) => [b.title, b.onList])).toEqual(expect.arrayContaining([["美丽庭院示范户评选推荐", true], ["“文明村”创建评比材料报送", false]]));
    expect(await seedDemoData(db, "Demo-test-2026")).toMatchObject({ fingertips: 0, plaques: 0, evaluations: 0 });
  }, 180_000);
});
