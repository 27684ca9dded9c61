import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Facility } from "../../../contracts/facilities.js";
import type { Project } from "../../../contracts/projects.js";
import type { ExerciseRecord, PowerUsage, TownshipPowerList } from "../../../contracts/powers.js";
import { chinaToday } from "../../kernel/dates.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";
import { seedDemoPowers } from "../powers/demo.js";
import { seedDemoFacilities } from "./demo.js";

let ctx: TestContext;
const as = sessionsFor(() => ctx.app);
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

describe("Raohe's demo facilities, projects and powers", () => {
  it("tell the reported cases: idle libraries and a practice station, debt without study and vanity signs, powers never used; seeded once", async () => {
    expect(await seedDemoFacilities(ctx.db, chinaToday())).toBe(13);
    expect(await seedDemoPowers(ctx.db, chinaToday())).toBe(2);
    expect(await seedDemoFacilities(ctx.db, chinaToday())).toBe(0);
    expect(await seedDemoPowers(ctx.db, chinaToday())).toBe(0);

    const office = await as("raohe_office");
    const idle = (await office.request({ method: "GET", url: "/api/facilities", query: { flagged: "true" } })).json() as { items: Facility[] };
    expect(idle.items.map((f) => f.name).sort()).toEqual(["佳平村农家书屋", "镇北村新时代文明实践站", "饶河村农家书屋"]);
    const projects = (await office.request({ method: "GET", url: "/api/projects" })).json() as { items: Project[] };
    const flags = Object.fromEntries(projects.items.map((p) => [p.name, p.flags.map((f) => f.code)]));
    expect(flags).toMatchObject({
      镇区入口景观牌楼: ["DEBT_WITHOUT_STUDY", "UNDER_USED", "VANITY_SIGNS"],
      小佳河镇生态文化广场: ["DEBT_WITHOUT_STUDY", "VANITY_SIGNS"],
      现代农业展示馆: ["UNDER_USED"],
      饶河村村屯道路硬化: [],
    });
    const unused = (await office.request({ method: "GET", url: "/api/powers/usage", query: { flagged: "true" } })).json() as { items: PowerUsage[] };
    expect(new Set(unused.items.map((u) => u.key))).toEqual(new Set(["P009", "P010", "P012"]));
    expect(unused.items.some((u) => u.township.name === "饶河镇" && u.key === "P009")).toBe(false);
    // 小佳河镇's own list: no advertising power, a narrower stall inspection, fishing of its own, exercised.
    const xiaojiahe = (await office.request({ method: "GET", url: "/api/powers/townships/230524101000" })).json() as TownshipPowerList;
    expect(xiaojiahe.removed.map((r) => r.key)).toEqual(["P009"]);
    expect(xiaojiahe.items.filter((i) => i.source !== "county").map((i) => [i.key, i.source])).toEqual([["P007", "changed"], ["T001", "township"]]);
    expect(unused.items.some((u) => u.township.code === "230524101000" && (u.key === "P009" || u.key === "T001"))).toBe(false);
    // Recent months are single records with document numbers; older months the monthly totals of before.
    const records = (await office.request({ method: "GET", url: "/api/powers/exercises", query: { township: "230524101000", key: "T001" } })).json() as { items: ExerciseRecord[] };
    expect(records.items.length).toBeGreaterThan(0);
    expect(records.items[0]!.documentNumber).toMatch(/^小佳综执罚〔\d{4}〕\d+号$/);
    const all = (await office.request({ method: "GET", url: "/api/powers/usage" })).json() as { items: PowerUsage[] };
    const p001 = all.items.find((u) => u.township.code === "230524100000" && u.key === "P001")!;
    expect(p001.monthly.slice(0, 5).some((n) => n > 0)).toBe(true);
    expect(p001.monthly.slice(6).some((n) => n > 0)).toBe(true);
  });
});
