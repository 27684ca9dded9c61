import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OK, NEW, DENY, OUT, type GridCells, type GridUser, gridRows, type GridRow, gridSessions, type GridSessions } from "../../test/grid.js";
import type { InjectOptions } from "fastify";
import type { Role } from "../../../contracts/roles.js";
import { buildUser } from "../../test/factories.js";
import { createTestApp, loginAs, uniqueUsername, type TestContext } from "../../test/harness.js";

/**
 * Who may do what, where. Each grid row is one target; its cells are the answers for the roles in
 * COLUMNS, in order. Every cell becomes one test case (role × endpoint × target → status [code]).
 */
type Username = GridUser;
type Cells = GridCells;

const HIDDEN = "404 UNIT_NOT_FOUND"; // exists or not, the answer is the same
const NO_USER = "404 USER_NOT_FOUND";
const UNKNOWN_UNIT = "404 UNIT_NOT_FOUND";
const MISFIT = "400 ROLE_SCOPE_MISMATCH";

type Endpoint =
  | "GET /api/units/:code"
  | "GET /api/units/:code/children"
  | "GET /api/units?q="
  | "GET /api/users"
  | "POST /api/users"
  | "PATCH /api/users/:id"
  | "POST /api/users/:id/reset-password"
  | "GET /api/audit"
  | "GET /api/audit/verify"
  | "GET /api/me";

// prettier-ignore
const GRID: Record<Endpoint, Record<string, Cells>> = {
  //                                            village town    dept    office  jiwei   rAdmin  admin   aOffice aTown
  "GET /api/units/:code": {
    "100000 中华人民共和国":                      [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK],
    "230000 黑龙江省":                            [OK,     OK,     OK,     OK,     OK,     OK,     OK,     HIDDEN, HIDDEN],
    "230500 双鸭山市":                            [OK,     OK,     OK,     OK,     OK,     OK,     OK,     HIDDEN, HIDDEN],
    "230524 饶河县":                              [OK,     OK,     OK,     OK,     OK,     OK,     OK,     HIDDEN, HIDDEN],
    "230524100000 饶河镇":                        [OK,     OK,     OK,     OK,     OK,     OK,     OK,     HIDDEN, HIDDEN],
    "230524100200 饶河村委会":                    [OK,     OK,     OK,     OK,     OK,     OK,     OK,     HIDDEN, HIDDEN],
    "230524100201 镇北村委会 (sibling village)":  [HIDDEN, OK,     OK,     OK,     OK,     OK,     OK,     HIDDEN, HIDDEN],
    "230524101000 小佳河镇 (sibling township)":   [HIDDEN, HIDDEN, OK,     OK,     OK,     OK,     OK,     HIDDEN, HIDDEN],
    "230524101200 佳平村委会":                    [HIDDEN, HIDDEN, OK,     OK,     OK,     OK,     OK,     HIDDEN, HIDDEN],
    "230524D01 饶河县农业农村局":                 [HIDDEN, HIDDEN, OK,     OK,     OK,     OK,     OK,     HIDDEN, HIDDEN],
    "230524D06 饶河县纪委监委":                   [HIDDEN, HIDDEN, OK,     OK,     OK,     OK,     OK,     HIDDEN, HIDDEN],
    "650000 新疆维吾尔自治区":                    [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, OK,     OK,     OK],
    "653001 阿图什市":                            [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, OK,     OK,     OK],
    "653001101000 松他克镇":                      [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, OK,     OK,     HIDDEN],
    "230524100999 (no such unit)":                [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN],
  },
  "GET /api/units/:code/children": {
    "100000 中华人民共和国":                      [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK],
    "230524 饶河县":                              [OK,     OK,     OK,     OK,     OK,     OK,     OK,     HIDDEN, HIDDEN],
    "230524101000 小佳河镇":                      [HIDDEN, HIDDEN, OK,     OK,     OK,     OK,     OK,     HIDDEN, HIDDEN],
    "653001 阿图什市":                            [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, OK,     OK,     OK],
  },
  "GET /api/units?q=": {
    "q=饶河":                                     [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK],
    "q=村&within=230524100000":                   [OUT,    OK,     OK,     OK,     OK,     OK,     OK,     HIDDEN, HIDDEN],
    "q=村&within=230524":                         [OUT,    OUT,    OK,     OK,     OK,     OK,     OK,     HIDDEN, HIDDEN],
    "q=村&within=230524101000":                   [HIDDEN, HIDDEN, OK,     OK,     OK,     OK,     OK,     HIDDEN, HIDDEN],
    "q=村&within=653001":                         [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, OK,     OK,     OUT],
  },
  "GET /api/users": {
    "-":                                          [DENY,   DENY,   DENY,   DENY,   DENY,   OK,     OK,     DENY,   DENY],
  },
  // target: role@scope of the account to create
  "POST /api/users": {
    "village_cadre@230524100200":                 [DENY,   DENY,   DENY,   DENY,   DENY,   NEW,    NEW,    DENY,   DENY],
    "office@230524D05":                           [DENY,   DENY,   DENY,   DENY,   DENY,   NEW,    NEW,    DENY,   DENY],
    "admin@230524":                               [DENY,   DENY,   DENY,   DENY,   DENY,   NEW,    NEW,    DENY,   DENY],
    "township_official@653001100000":             [DENY,   DENY,   DENY,   DENY,   DENY,   OUT,    NEW,    DENY,   DENY],
    "admin@100000":                               [DENY,   DENY,   DENY,   DENY,   DENY,   OUT,    NEW,    DENY,   DENY],
    "village_cadre@230524100000":                 [DENY,   DENY,   DENY,   DENY,   DENY,   MISFIT, MISFIT, DENY,   DENY],
    "department_staff@230524":                    [DENY,   DENY,   DENY,   DENY,   DENY,   MISFIT, MISFIT, DENY,   DENY],
    "admin@230524D01":                            [DENY,   DENY,   DENY,   DENY,   DENY,   MISFIT, MISFIT, DENY,   DENY],
    "village_cadre@653001100000":                 [DENY,   DENY,   DENY,   DENY,   DENY,   OUT,    MISFIT, DENY,   DENY],
    "village_cadre@230524100999":                 [DENY,   DENY,   DENY,   DENY,   DENY,   UNKNOWN_UNIT, UNKNOWN_UNIT, DENY, DENY],
  },
  // target: "role@scope of an existing account: the change"
  "PATCH /api/users/:id": {
    "village_cadre@230524101200: rename":         [DENY,   DENY,   DENY,   DENY,   DENY,   OK,     OK,     DENY,   DENY],
    "department_staff@230524D01: rename":         [DENY,   DENY,   DENY,   DENY,   DENY,   OK,     OK,     DENY,   DENY],
    "township_official@653001100000: rename":     [DENY,   DENY,   DENY,   DENY,   DENY,   NO_USER, OK,    DENY,   DENY],
    "admin@100000: rename":                       [DENY,   DENY,   DENY,   DENY,   DENY,   NO_USER, OK,    DENY,   DENY],
    "village_cadre@230524101200: move to Atushi": [DENY,   DENY,   DENY,   DENY,   DENY,   OUT,    OK,     DENY,   DENY],
    "village_cadre@230524101200: make township_official": [DENY, DENY, DENY, DENY,   DENY,   MISFIT, MISFIT, DENY,   DENY],
  },
  "POST /api/users/:id/reset-password": {
    "village_cadre@230524101200":                 [DENY,   DENY,   DENY,   DENY,   DENY,   OK,     OK,     DENY,   DENY],
    "township_official@653001100000":             [DENY,   DENY,   DENY,   DENY,   DENY,   NO_USER, OK,    DENY,   DENY],
    "admin@100000":                               [DENY,   DENY,   DENY,   DENY,   DENY,   NO_USER, OK,    DENY,   DENY],
  },
  "GET /api/audit": {
    "-":                                          [DENY,   DENY,   DENY,   DENY,   OK,     OK,     OK,     DENY,   DENY],
  },
  "GET /api/audit/verify": {
    "-":                                          [DENY,   DENY,   DENY,   DENY,   OK,     OK,     OK,     DENY,   DENY],
  },
  "GET /api/me": {
    "-":                                          [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK],
  },
};

const CHANGES: Record<string, Record<string, string>> = {
  rename: { displayName: "改过的名字" },
  "move to Atushi": { role: "township_official", scopeCode: "653001100000" },
  "make township_official": { role: "township_official" },
};

// Anyone not logged in is turned away before anything else is looked at (gridRows adds that row).
type Row = GridRow<Endpoint>;
const MATRIX: Row[] = gridRows(GRID);

let ctx: TestContext;
let grid: GridSessions;

beforeAll(async () => {
  ctx = await createTestApp();
  grid = await gridSessions(ctx.app);
});
afterAll(async () => ctx?.close());

const codeOf = (target: string) => target.split(" ")[0]!;
const roleAtScope = (target: string) => {
  const [role, scopeCode] = target.split(":")[0]!.split("@") as [Role, string];
  return { role, scopeCode };
};

/** Turns a row into the HTTP request it stands for; user targets get a fresh account of their own. */
async function requestFor(row: Row): Promise<InjectOptions> {
  switch (row.endpoint) {
    case "GET /api/units/:code":
      return { method: "GET", url: `/api/units/${codeOf(row.target)}` };
    case "GET /api/units/:code/children":
      return { method: "GET", url: `/api/units/${codeOf(row.target)}/children` };
    case "GET /api/units?q=":
      return { method: "GET", url: "/api/units", query: Object.fromEntries(new URLSearchParams(row.target)) };
    case "GET /api/users":
      return { method: "GET", url: "/api/users" };
    case "POST /api/users": {
      const { role, scopeCode } = roleAtScope(row.target);
      const payload = { username: uniqueUsername("m"), displayName: "矩阵测试", role, scopeCode, password: "Matrix-pass-2026" };
      return { method: "POST", url: "/api/users", payload };
    }
    case "PATCH /api/users/:id": {
      const target = await buildUser(ctx.db, roleAtScope(row.target));
      const change = CHANGES[row.target.split(": ")[1]!];
      if (!change) throw new Error(`no change named in ${row.target}`);
      return { method: "PATCH", url: `/api/users/${target.id}`, payload: change };
    }
    case "POST /api/users/:id/reset-password": {
      const target = await buildUser(ctx.db, roleAtScope(row.target));
      return { method: "POST", url: `/api/users/${target.id}/reset-password`, payload: { password: "Reset-pass-2026" } };
    }
    case "GET /api/audit":
      return { method: "GET", url: "/api/audit" };
    case "GET /api/audit/verify":
      return { method: "GET", url: "/api/audit/verify" };
    case "GET /api/me":
      return { method: "GET", url: "/api/me" };
  }
}

describe("authorization matrix", () => {
  it.each(MATRIX)("$endpoint  [$target]  as $role → $expected", async (row) => {
    const options = await requestFor(row);
    const res = await grid.send(row.role, options);
    expect(res.statusCode, res.body).toBe(row.expectedStatus);
    if (row.expectedCode) expect(res.json().error.code).toBe(row.expectedCode);
    if (row.expectedStatus === 200 && row.endpoint === "GET /api/units/:code") expect(res.json().code).toBe(codeOf(row.target));
    if (row.expectedStatus === 201) {
      const { role, scopeCode } = roleAtScope(row.target);
      expect(res.json()).toMatchObject({ role, scope: { code: scopeCode } });
    }
  });
});

const get = (username: Username, url: string, query?: Record<string, string>) => grid.of(username).request({ method: "GET", url, query });
const codes = (res: { json: () => { items: { code: string }[] } }) => res.json().items.map((u) => u.code);

describe("above his region a user sees only the chain leading to it", () => {
  it("shows a township official only his own township among the county's children", async () => {
    expect(codes(await get("raohe_town", "/api/units/230524/children"))).toEqual(["230524100000"]);
    // …while the county office sees all of them (so the filtering above is not an empty county).
    const all = codes(await get("raohe_office", "/api/units/230524/children"));
    expect(all).toEqual(expect.arrayContaining(["230524100000", "230524101000", "230524D01"]));
  });

  it("shows a village cadre only his village among his township's, and only his province among the nation's", async () => {
    expect(codes(await get("raohe_village", "/api/units/230524100000/children"))).toEqual(["230524100200"]);
    expect(codes(await get("raohe_town", "/api/units/100000/children"))).toEqual(["230000"]);
    expect(codes(await get("atushi_town", "/api/units/100000/children"))).toEqual(["650000"]);
    expect(codes(await get("admin", "/api/units/100000/children"))).toEqual(["230000", "650000"]);
  });
});

// Search is bounded to the region: a unit outside it is never found, by name or by code.
const SEARCH: { role: Username; q: string; finds: string[]; neverFinds: string[] }[] = [
  { role: "raohe_town", q: "小佳河", finds: [], neverFinds: ["230524101000"] },
  { role: "raohe_office", q: "小佳河", finds: ["230524101000"], neverFinds: [] },
  { role: "raohe_town", q: "饶河", finds: ["230524100000", "230524100200"], neverFinds: ["230524", "230524D01"] },
  { role: "raohe_village", q: "饶河", finds: ["230524100200"], neverFinds: ["230524100000", "230524"] },
  { role: "raohe_nyncj", q: "饶河", finds: ["230524", "230524D01", "230524D06"], neverFinds: [] },
  { role: "raohe_town", q: "2305241", finds: ["230524100000"], neverFinds: ["230524101000", "230524102000"] },
  { role: "raohe_office", q: "阿图什", finds: [], neverFinds: ["653001"] },
  { role: "atushi_office", q: "阿图什", finds: ["653001"], neverFinds: [] },
  { role: "atushi_office", q: "饶河", finds: [], neverFinds: ["230524", "230524100000"] },
  { role: "admin", q: "饶河", finds: ["230524", "230524100000"], neverFinds: [] },
];

describe("searching units", () => {
  it.each(SEARCH)("$role searching “$q” finds $finds and never $neverFinds", async ({ role, q, finds, neverFinds }) => {
    const res = await get(role, "/api/units", { q, limit: "100" });
    expect(res.statusCode).toBe(200);
    const found = codes(res);
    if (finds.length === 0) expect(found).toEqual([]);
    expect(found).toEqual(expect.arrayContaining(finds));
    for (const code of neverFinds) expect(found).not.toContain(code);
  });
});

describe("account lists and the audit log follow the admin's scope and the region", () => {
  it("lists to a county admin only the accounts inside his county, to the national admin all", async () => {
    const county = (await get("raohe_admin", "/api/users", { limit: "200" })).json();
    const names = county.items.map((u: { username: string }) => u.username);
    expect(names).toEqual(expect.arrayContaining(["raohe_admin", "raohe_office", "raohe_nyncj", "raohe_village"]));
    expect(names).not.toContain("admin");
    expect(names).not.toContain("atushi_office");
    for (const u of county.items as { scope: { code: string } }[]) expect(u.scope.code.startsWith("230524")).toBe(true);
    const nation = (await get("admin", "/api/users", { limit: "200" })).json();
    expect(nation.items.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(["admin", "atushi_office", "raohe_office"]));
    expect(nation.total).toBeGreaterThan(county.total);
  });

  it("shows the Raohe commission the Raohe entries and none of Atushi's", async () => {
    const atushiTown = await loginAs(ctx.app, "atushi_town"); // a fresh auth.login entry scoped to Atushi
    const atushiId = (await atushiTown.request({ method: "GET", url: "/api/me" })).json().id;
    const raoheTown = await loginAs(ctx.app, "raohe_town");
    const raoheId = (await raoheTown.request({ method: "GET", url: "/api/me" })).json().id;

    const ids = async (who: Username) =>
      ((await get(who, "/api/audit", { limit: "20" })).json().items as { entityId: string }[]).map((e) => e.entityId);
    const jiwei = await ids("raohe_jiwei");
    expect(jiwei).toContain(raoheId);
    expect(jiwei).not.toContain(atushiId);
    const nation = await ids("admin");
    expect(nation).toEqual(expect.arrayContaining([raoheId, atushiId]));
  });
});

const CAN: [Username, string[], string][] = [
  ["raohe_village", ["inbox.read", "units.read"], "230524100200"],
  ["raohe_town", ["burdens.issue", "inbox.read", "units.read"], "230524100000"],
  ["raohe_nyncj", ["burdens.issue", "units.read"], "230524"], // a department looks at its county
  ["raohe_office", ["burdens.issue", "burdens.review", "units.read"], "230524"],
  ["raohe_jiwei", ["units.read", "audit.read"], "230524"],
  ["raohe_admin", ["units.read", "users.manage", "audit.read"], "230524"],
  ["admin", ["units.read", "users.manage", "audit.read"], "100000"],
  ["atushi_office", ["burdens.issue", "burdens.review", "units.read"], "653001"],
  ["atushi_town", ["burdens.issue", "inbox.read", "units.read"], "653001100000"],
];

describe("the server tells each user what he may do and which region he looks at", () => {
  it.each(CAN)("%s may %j in region %s", async (username, can, regionCode) => {
    const me = (await get(username, "/api/me")).json();
    expect([...me.can].sort()).toEqual([...can].sort());
    expect(me.regionCode).toBe(regionCode);
  });
});
