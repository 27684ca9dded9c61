import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseCategory } from "../../../contracts/cases.js";
import { DENY, NEW, OK, type GridCells, type GridUser, gridRows, type GridRow, gridSessions, type GridSessions } from "../../test/grid.js";
import { buildUser } from "../../test/factories.js";
import { createTestApp, loginAs, type TestContext } from "../../test/harness.js";
import { reporterKeysOf } from "./crypto.js";
import { receiveReport } from "./intake.js";
import { casePolicy } from "./policy.js";
import { cases } from "./schema.js";
import { eq, inArray } from "drizzle-orm";

/**
 * Who may touch a case. Rows are cases named by the unit they report and the body they were routed to;
 * the reported unit's own chain (the township official and village cadres of 饶河镇 for a report about
 * 饶河镇) is denied exactly like strangers: the case does not exist for them.
 */
const HIDDEN = "404 CASE_NOT_FOUND";
const BAD_POINT = "400 REPORT_POINT_USER_INVALID";
const NO_UNIT = "404 UNIT_NOT_FOUND";

type Endpoint =
  | "GET /api/cases/:id"
  | "POST /api/cases/:id/notes"
  | "POST /api/cases/:id/transition"
  | "POST /api/cases/:id/reveal"
  | "POST /api/cases/:id/tasks"
  | "GET /api/cases"
  | "POST /api/cases"
  | "POST /api/cases/points"
  | "GET /api/rectification-tasks"
  | "PUT /api/cases/settings/deadlines"
  | "GET /api/cases/posters/:code";

const TARGETS: Record<string, { unitCode: string; category: CaseCategory }> = {
  "饶河镇 → 县减负办": { unitCode: "230524100000", category: "fingertip" },
  "佳平村 统计造假 → 县纪委监委": { unitCode: "230524101200", category: "statistical_fraud" },
  "饶河村 → 县减负办": { unitCode: "230524100200", category: "meetings_documents" },
  "县农业农村局 → 县减负办": { unitCode: "230524D01", category: "inspections" },
  "饶河县 itself → 市减负办": { unitCode: "230524", category: "layered_increase" },
  "上阿图什镇 → 阿图什市减负办": { unitCode: "653001100000", category: "fingertip" },
};

const ROUTED = {
  //                                 village town    dept    office  jiwei   rAdmin  admin   aOffice aTown
  "饶河镇 → 县减负办":              [HIDDEN, HIDDEN, HIDDEN, OK,     HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN],
  "佳平村 统计造假 → 县纪委监委":   [HIDDEN, HIDDEN, HIDDEN, HIDDEN, OK,     HIDDEN, HIDDEN, HIDDEN, HIDDEN],
  "饶河村 → 县减负办":              [HIDDEN, HIDDEN, HIDDEN, OK,     HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN],
  "县农业农村局 → 县减负办":        [HIDDEN, HIDDEN, HIDDEN, OK,     HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN],
  "饶河县 itself → 市减负办":       [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN],
  "上阿图什镇 → 阿图什市减负办":    [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, OK,     HIDDEN],
} satisfies Record<string, GridCells>;

const withStatus = (status: string, cells: GridCells): GridCells => cells.map((c) => (c === OK ? status : c)) as unknown as GridCells;

// prettier-ignore
const GRID: Record<Endpoint, Record<string, GridCells>> = {
  "GET /api/cases/:id": ROUTED,
  "POST /api/cases/:id/notes": Object.fromEntries(Object.entries(ROUTED).map(([k, v]) => [k, withStatus(NEW, v)])),
  "POST /api/cases/:id/transition": ROUTED,
  "POST /api/cases/:id/reveal": ROUTED,
  "POST /api/cases/:id/tasks": Object.fromEntries(Object.entries(ROUTED).map(([k, v]) => [k, withStatus(NEW, v)])),
  "GET /api/cases": {
    "-":                            [DENY,   DENY,   DENY,   OK,     OK,     DENY,   DENY,   OK,     DENY],
  },
  "POST /api/cases": {
    "report about 饶河镇":          [NEW,    NEW,    NEW,    DENY,   DENY,   DENY,   DENY,   DENY,   NEW],
  },
  "POST /api/cases/points": {
    "raohe_village":                [DENY,   DENY,   DENY,   OK,     DENY,   DENY,   DENY,   BAD_POINT, DENY],
  },
  "GET /api/rectification-tasks": {
    "-":                            [OK,     OK,     OK,     DENY,   DENY,   DENY,   DENY,   DENY,   OK],
  },
  "PUT /api/cases/settings/deadlines": {
    "own region":                   [DENY,   DENY,   DENY,   OK,     DENY,   DENY,   DENY,   OK,     DENY],
  },
  "GET /api/cases/posters/:code": {
    "230524100000 饶河镇":           [DENY,   DENY,   DENY,   OK,     DENY,   DENY,   DENY,   NO_UNIT, DENY],
    "230524D01 县农业农村局":        [DENY,   DENY,   DENY,   NO_UNIT, DENY,  DENY,   DENY,   NO_UNIT, DENY],
  },
};

type Row = GridRow<Endpoint>;
const MATRIX: Row[] = gridRows(GRID);

let ctx: TestContext;
let grid: GridSessions;
const fixtures = new Map<string, string>();
let villageUserId = "";

const newCase = async (target: string) => {
  const { unitCode, category } = TARGETS[target]!;
  const keys = reporterKeysOf(ctx.config);
  const text = `矩阵测试线索 ${target} ${Math.random().toString(36).slice(2)}`;
  await receiveReport(ctx.db, keys, { channel: "public", input: { category, text, unitCode, noAdmission: true }, identity: { kind: "contact", contact: "13800000000" } });
  const [row] = await ctx.db.select({ id: cases.id }).from(cases).where(eq(cases.text, text));
  return row!.id;
};

beforeAll(async () => {
  ctx = await createTestApp();
  grid = await gridSessions(ctx.app);
  for (const target of Object.keys(TARGETS)) fixtures.set(target, await newCase(target));
  villageUserId = (await grid.of("raohe_village").request({ method: "GET", url: "/api/me" })).json<{ id: string }>().id;
});
afterAll(async () => ctx?.close());

async function requestFor(row: Row): Promise<InjectOptions> {
  const id = fixtures.get(row.target) ?? "";
  switch (row.endpoint) {
    case "GET /api/cases/:id":
      return { method: "GET", url: `/api/cases/${id}` };
    case "POST /api/cases/:id/notes":
      return { method: "POST", url: `/api/cases/${id}/notes`, payload: { text: "矩阵测试：内部备注内容" } };
    case "POST /api/cases/:id/transition":
      // A fresh case each time: a successful move must not change the answer of the next cell.
      return { method: "POST", url: `/api/cases/${await newCase(row.target)}/transition`, payload: { to: "verifying", reason: "矩阵测试" } };
    case "POST /api/cases/:id/reveal":
      return { method: "POST", url: `/api/cases/${id}/reveal`, payload: { reason: "矩阵测试" } };
    case "POST /api/cases/:id/tasks": {
      const fresh = await newCase(row.target);
      await ctx.db.update(cases).set({ status: "substantiated" }).where(eq(cases.id, fresh));
      return { method: "POST", url: `/api/cases/${fresh}/tasks`, payload: { unitCode: TARGETS[row.target]!.unitCode, text: "矩阵测试：整改要求", dueOn: "2099-12-31" } };
    }
    case "GET /api/rectification-tasks":
      return { method: "GET", url: "/api/rectification-tasks" };
    case "PUT /api/cases/settings/deadlines":
      return { method: "PUT", url: "/api/cases/settings/deadlines", payload: { received: 3 } };
    case "GET /api/cases/posters/:code":
      return { method: "GET", url: `/api/cases/posters/${row.target.split(" ")[0]!}` };
    case "GET /api/cases":
      return { method: "GET", url: "/api/cases" };
    case "POST /api/cases":
      return { method: "POST", url: "/api/cases", payload: { category: "other", text: "矩阵测试：镇里要求每天报送三次。", unitCode: "230524100000", anonymous: true } };
    case "POST /api/cases/points":
      return { method: "POST", url: "/api/cases/points", payload: { userId: villageUserId } };
  }
}

describe("authorization matrix of cases", () => {
  it.each(MATRIX)("$endpoint  [$target]  as $role → $expected", async (row) => {
    const options = await requestFor(row);
    const res = await grid.send(row.role, options);
    const [status, code] = row.expected.split(" ");
    expect(res.statusCode, res.body).toBe(Number(status));
    if (code) expect(res.json().error.code).toBe(code);
  });
});

describe("the reported unit's chain never sees its case", () => {
  it("lists to each handler exactly the cases routed to it", async () => {
    const ids = async (u: GridUser) => (await grid.of(u).request({ method: "GET", url: "/api/cases", query: { limit: "200" } })).json<{ items: { id: string }[] }>().items.map((c) => c.id);
    const office = await ids("raohe_office");
    expect(office).toEqual(expect.arrayContaining([fixtures.get("饶河镇 → 县减负办"), fixtures.get("县农业农村局 → 县减负办")]));
    expect(office).not.toContain(fixtures.get("佳平村 统计造假 → 县纪委监委"));
    expect(office).not.toContain(fixtures.get("饶河县 itself → 市减负办"));
    expect(await ids("raohe_jiwei")).toContain(fixtures.get("佳平村 统计造假 → 县纪委监委"));
    const atushi = await ids("atushi_office");
    expect(atushi).toContain(fixtures.get("上阿图什镇 → 阿图什市减负办"));
    const rows = await ctx.db.select({ id: cases.id, unitPath: cases.unitPath }).from(cases).where(inArray(cases.id, [...office, ...atushi]));
    for (const row of rows) expect(row.unitPath.includes("653001"), row.id).toBe(atushi.includes(row.id));
    for (const town of ["raohe_town", "raohe_village"] as const) {
      expect((await grid.of(town).request({ method: "GET", url: "/api/cases" })).statusCode).toBe(403);
    }
  });

  it("sends a report about the county to the city, whose body reads it while the county's does not", async () => {
    const cityOffice = await loginAs(ctx.app, (await buildUser(ctx.db, { role: "office", scopeCode: "230500" })).username);
    const id = fixtures.get("饶河县 itself → 市减负办")!;
    expect((await cityOffice.request({ method: "GET", url: `/api/cases/${id}` })).statusCode).toBe(200);
    expect((await grid.of("raohe_office").request({ method: "GET", url: `/api/cases/${id}` })).statusCode).toBe(404);
  });

  it("refuses, as a sentence of the policy, anyone inside the reported unit even if the case were routed to him", () => {
    const actor = { id: "x", username: "x", displayName: "x", role: "office" as const, mustChangePassword: false, scope: { code: "230524", name: "饶河县", level: "county" as const, parentCode: "230500", path: "100000.230000.230500.230524", provinceCode: "230000", orgType: null } };
    const routedToHim = { handlerRegionPath: actor.scope.path, handlerDepth: 4, handlerRole: "office", escalationLevel: 0 };
    expect(casePolicy.canRead(actor, { ...routedToHim, unitPath: "100000.230000.230500.230524.230524100000" })).toBe(true);
    expect(casePolicy.canRead(actor, { ...routedToHim, unitPath: actor.scope.path })).toBe(false);
    expect(casePolicy.canRead(actor, { ...routedToHim, unitPath: "100000.230000.230500" })).toBe(false);
    expect(casePolicy.canRead({ ...actor, role: "commission" }, { ...routedToHim, unitPath: "100000.230000.230500.230524.230524100000" })).toBe(false);
  });
});
