import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/client.js";
import { chinaToday } from "../kernel/dates.js";
import { plaqueCounts } from "../modules/evaluations/plaque-queries.js";
import { evaluationYear } from "../modules/evaluations/year.js";
import { fingertipLoad } from "../modules/fingertips/load.js";
import { mergeProposals } from "../modules/fingertips/merge.js";
import { oneTable } from "../modules/forms/collect/one-table.js";
import { DEMO_INDICATORS } from "../modules/forms/demo-catalog.js";
import { listForms } from "../modules/forms/forms.js";
import { actorByUsername } from "../modules/org/auth.js";
import { getUnit } from "../modules/org/units.js";
import { listAllowedProofs } from "../modules/proofs/allowed-list.js";
import { listProofRequests, proofCounts } from "../modules/proofs/requests.js";
import { createTestDatabase } from "../test/database.js";
import { seedDemoData } from "./seed.js";

/**
 * The whole demo, seeded once (it is slow: every module, argon2 for each account): each page that
 * has a test here says something true about Raohe, and a second seed adds nothing.
 */
let database: Database;
let first: Awaited<ReturnType<typeof seedDemoData>>;
const actor = async (username: string) => (await actorByUsername(database.db, username))!;

beforeAll(async () => {
  database = await createTestDatabase();
  first = await seedDemoData(database.db, "Demo-test-2026");
}, 300_000);
afterAll(async () => database?.close());

describe("demo data of 一表通", () => {
  it("seeds the catalog and one mapped form; the village's one form asks its fields", async () => {
    expect(first.indicators).toBe(DEMO_INDICATORS.length + 1);
    const forms = await listForms(database.db, await actor("raohe_tjj"));
    expect(forms.map((f) => [f.status, f.fieldCount])).toEqual([["mapped", 6]]);
    const table = await oneTable(database.db, await actor("raohe_village"), (await getUnit(database.db, "230524100200"))!);
    expect(table.questions.map((q) => q.code).sort()).toEqual(["JJ001", "JJ002", "RK001", "RK002", "RK003", "RK004"]);
  });
});

describe("demo data of 指尖减负, 挂牌清理 and 评比创建清单", () => {
  it("each page has something to show: loads, proposals, 乱挂牌, evaluations not on the list", async () => {
    expect(first).toMatchObject({ fingertips: 12, plaques: 10, evaluations: 4 });
    const db = database.db;
    const office = await actor("raohe_office");
    const mine = (await fingertipLoad(db, await actor("raohe_village"), undefined, 10)).rows[0]!;
    expect(mine.channels).toBeGreaterThanOrEqual(7);
    expect(mine.heaviest[0]!.name).toBe("饶河党建学习打卡");
    const proposals = await mergeProposals(db, office, "zh-CN");
    expect(proposals.map((p) => [p.keep.name, p.merge.name])).toEqual(expect.arrayContaining([["饶河县农业农村工作群", "饶河县农业农村局工作通知群"], ["饶河县民政低保核查群", "饶河县民政局低保工作群"]]));
    const counts = await plaqueCounts(db, office);
    expect(counts.total).toMatchObject({ surveyedVillages: 2, plaques: 10, notAllowed: 5, removed: 1, stillHung: 4 });
    const year = await evaluationYear(db, office, Number(chinaToday().slice(0, 4)));
    expect(year.burdens.map((b) => [b.title, b.onList])).toEqual(expect.arrayContaining([["美丽庭院示范户评选推荐", true], ["“文明村”创建评比材料报送", false]]));
  });
});

describe("demo data of 证明事项", () => {
  it("Raohe's list of proofs villages may issue, a ledger with refusals, and per-village counts that fall against last year", async () => {
    expect(first.proofs).toBe(13);
    const db = database.db;
    const office = await actor("raohe_office");
    const year = Number(chinaToday().slice(0, 4));
    expect((await listAllowedProofs(db, await actor("raohe_village"), year)).map((p) => p.code)).toEqual(["RH-ZM-01", "RH-ZM-02", "RH-ZM-03", "RH-ZM-04"]);
    const ledger = await listProofRequests(db, office, { year, limit: 100 });
    expect(ledger.items.map((p) => [p.proofName, p.decision]).sort()).toEqual([
      ["亲属关系证明", "refuse_banned"],
      ["困难群众家庭情况证明", "issue"],
      ["土地承包经营情况证明", "issue"],
      ["房屋产权归属证明", "refuse_unlisted"],
    ]);
    const counts = await proofCounts(db, office, year);
    expect(counts.villages.map((v) => [v.villageCode, v.issuedThisYear, v.issuedLastYear, v.refusedThisYear, v.change])).toEqual([
      ["230524100200", 1, 6, 2, -0.833],
      ["230524101200", 1, 3, 0, -0.667],
    ]);
  });
});

describe("seeding again", () => {
  it("adds nothing: every step is idempotent", async () => {
    const again = await seedDemoData(database.db, "Demo-test-2026");
    expect(again).toMatchObject({ indicators: 0, fingertips: 0, plaques: 0, evaluations: 0, proofs: 0 });
  }, 300_000);
});
