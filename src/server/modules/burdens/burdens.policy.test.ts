import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRID_COLUMNS, OK, NEW, DENY, OUT, ANON, type GridUser, gridSessions, type GridSessions } from "../../test/grid.js";
import type { InjectOptions } from "fastify";
import { sql } from "drizzle-orm";
import { addDays } from "../../kernel/dates.js";
import { actorByUsername } from "../org/auth.js";
import { createTestApp, loginAs, type TestContext } from "../../test/harness.js";
import { chinaToday } from "./prepare.js";
import { createBurden, decideBurden, submitBurden } from "./registry.js";
import type { BurdenInput } from "../../../contracts/burdens.js";

/**
 * Who may do what with burdens, where. Each grid row is one target; its cells are the answers for the
 * roles in COLUMNS, in order, then one for a caller who is not logged in. Every cell becomes one test case.
 */
const COLUMNS = GRID_COLUMNS;
type Username = GridUser;
type Caller = Username | "(anonymous)";
/** Exactly one answer per column and one for the anonymous caller: a row with a cell missing does not compile. */
type Cells = [string, string, string, string, string, string, string, string, string, anonymous: string];

const HIDDEN = "404 BURDEN_NOT_FOUND"; // exists or not, the answer is the same
const NOT_ISSUER = "403 NOT_ISSUER";
const REACH = "400 TARGET_OUT_OF_REACH";
const STATUS = "409 WRONG_STATUS";
const NO_UNIT = "404 UNIT_NOT_FOUND"; // a region outside the user's is hidden, as in the org grid

/** The unit each user issues as when he issues "as his own unit", and a target inside and outside his reach. */
const OWN: Record<Username, { issuer: string; inReach: BurdenInput["targets"]; outOfReach: BurdenInput["targets"] }> = {
  raohe_village: { issuer: "230524100200", inReach: ["230524100201"], outOfReach: ["653001100000"] },
  raohe_town: { issuer: "230524100000", inReach: ["230524100200"], outOfReach: ["230524101200"] }, // 佳平村 lies in 小佳河镇
  raohe_nyncj: { issuer: "230524D01", inReach: ["230524100200"], outOfReach: ["653001100000"] },
  raohe_office: { issuer: "230524", inReach: ["230524100200"], outOfReach: ["653001100000"] },
  raohe_jiwei: { issuer: "230524", inReach: ["230524100200"], outOfReach: ["653001100000"] },
  raohe_admin: { issuer: "230524", inReach: ["230524100200"], outOfReach: ["653001100000"] },
  admin: { issuer: "100000", inReach: ["230524100200"], outOfReach: ["100000"] },
  atushi_office: { issuer: "653001", inReach: { under: "653001100000", level: "village" }, outOfReach: ["230524100000"] },
  atushi_town: { issuer: "653001100000", inReach: { under: "653001100000", level: "village" }, outOfReach: ["230524100000"] },
};

type Endpoint =
  | "POST /api/admission/check"
  | "POST /api/burdens"
  | "PUT /api/burdens/:id"
  | "POST /api/burdens/:id/submit"
  | "POST /api/burdens/:id/decide"
  | "POST /api/burdens/:id/withdraw"
  | "GET /api/burdens"
  | "GET /api/burdens/:id"
  | "GET /api/inbox"
  | "GET /api/burdens/hours"
  | "GET /api/gate/settings/:regionCode"
  | "PUT /api/gate/settings/:regionCode"
  | "POST /api/gate/registers"
  | "GET /api/public/verify/:number";

// prettier-ignore
const GRID: Record<Endpoint, Record<string, Cells>> = {
  //                                              village    town       dept       office     jiwei      rAdmin     admin      aOffice    aTown      anonymous
  "POST /api/admission/check": {
    "as own unit, targets in reach":               [NOT_ISSUER, OK,       OK,        OK,        NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, OK,     OK,        ANON],
    "as 饶河县统计局 (another issuer)":            [NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, OK,     NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, ANON],
    "as own unit, targets out of reach":           [NOT_ISSUER, REACH,    REACH,     REACH,     NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, REACH,  REACH,     ANON],
  },
  "POST /api/burdens": {
    "as own unit, targets in reach":               [NOT_ISSUER, NEW,      NEW,       NEW,       NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, NEW,    NEW,       ANON],
    "as 饶河县统计局 (another issuer)":            [NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, NEW,    NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, ANON],
    "as own unit, targets out of reach":           [NOT_ISSUER, REACH,    REACH,     REACH,     NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, REACH,  REACH,     ANON],
  },
  // targets: a fresh burden of 饶河县农业农村局 to 饶河村, in the status named
  "PUT /api/burdens/:id": {
    "draft":                                       [HIDDEN,   HIDDEN,    OK,        OK,        HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    ANON],
    "in_review":                                   [HIDDEN,   HIDDEN,    STATUS,    STATUS,    NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, HIDDEN,  HIDDEN,    ANON],
    "admitted":                                    [HIDDEN,   HIDDEN,    STATUS,    STATUS,    NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, HIDDEN,  HIDDEN,    ANON],
  },
  "POST /api/burdens/:id/submit": {
    "draft":                                       [HIDDEN,   HIDDEN,    OK,        OK,        HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    ANON],
    "admitted":                                    [HIDDEN,   HIDDEN,    STATUS,    STATUS,    NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, HIDDEN,  HIDDEN,    ANON],
  },
  "POST /api/burdens/:id/decide": {
    "in_review":                                   [HIDDEN,   HIDDEN,    DENY,      OK,        DENY,      DENY,      DENY,      HIDDEN,    HIDDEN,    ANON],
    "draft":                                       [HIDDEN,   HIDDEN,    DENY,      STATUS,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    ANON],
    "admitted":                                    [HIDDEN,   HIDDEN,    DENY,      STATUS,    DENY,      DENY,      DENY,      HIDDEN,    HIDDEN,    ANON],
  },
  "POST /api/burdens/:id/withdraw": {
    "in_review":                                   [HIDDEN,   HIDDEN,    OK,        OK,        NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, HIDDEN,  HIDDEN,    ANON],
    "admitted (targets 饶河村)":                   [HIDDEN,   HIDDEN,    OK,        OK,        NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, HIDDEN,  HIDDEN,    ANON],
    "withdrawn":                                   [HIDDEN,   HIDDEN,    STATUS,    STATUS,    NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, HIDDEN,  HIDDEN,    ANON],
  },
  "GET /api/burdens": {
    "-":                                           [OK,       OK,        OK,        OK,        OK,        OK,        OK,        OK,        OK,        ANON],
  },
  // targets: the fixtures made in beforeAll through the API
  "GET /api/burdens/:id": {
    "draft of 饶河县农业农村局":                   [HIDDEN,   HIDDEN,    OK,        OK,        HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    ANON],
    "in_review of 饶河县农业农村局 → 饶河村":      [HIDDEN,   HIDDEN,    OK,        OK,        OK,        OK,        OK,        HIDDEN,    HIDDEN,    ANON],
    "admitted of 饶河县农业农村局 → 饶河村":       [OK,       OK,        OK,        OK,        OK,        OK,        OK,        HIDDEN,    HIDDEN,    ANON],
    "admitted of 饶河县农业农村局 → 佳平村":       [HIDDEN,   HIDDEN,    OK,        OK,        OK,        OK,        OK,        HIDDEN,    HIDDEN,    ANON],
    "admitted of 阿图什市 → 上阿图什镇's villages": [HIDDEN,  HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    OK,        OK,        OK,        ANON],
    "no such burden":                              [HIDDEN,   HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    ANON],
  },
  "GET /api/inbox": {
    "-":                                           [OK,       OK,        OK,        OK,        OK,        OK,        OK,        OK,        OK,        ANON],
  },
  "GET /api/burdens/hours": {
    "by=issuer":                                   [OK,       OK,        OK,        OK,        OK,        OK,        OK,        OK,        OK,        ANON],
    "by=target":                                   [OK,       OK,        OK,        OK,        OK,        OK,        OK,        OK,        OK,        ANON],
  },
  "GET /api/gate/settings/:regionCode": {
    "230524 饶河县":                               [OK,       OK,        OK,        OK,        OK,        OK,        OK,        NO_UNIT,   NO_UNIT,   ANON],
    "653001 阿图什市":                             [NO_UNIT,  NO_UNIT,   NO_UNIT,   NO_UNIT,   NO_UNIT,   NO_UNIT,   OK,        OK,        OK,        ANON],
  },
  "PUT /api/gate/settings/:regionCode": {
    "230524 饶河县":                               [OUT,      OUT,       OUT,       OK,        OUT,       OUT,       OUT,       NO_UNIT,   NO_UNIT,   ANON],
    "230524100000 饶河镇":                         [OUT,      OUT,       OUT,       OK,        OUT,       OUT,       OUT,       NO_UNIT,   NO_UNIT,   ANON],
    "653001 阿图什市":                             [NO_UNIT,  NO_UNIT,   NO_UNIT,   NO_UNIT,   NO_UNIT,   NO_UNIT,   OUT,       OK,        OUT,       ANON],
  },
  "POST /api/gate/registers": {
    "230524 饶河县":                               [OUT,      OUT,       OUT,       OK,        OUT,       OUT,       OUT,       NO_UNIT,   NO_UNIT,   ANON],
    "653001 阿图什市":                             [NO_UNIT,  NO_UNIT,   NO_UNIT,   NO_UNIT,   NO_UNIT,   NO_UNIT,   OUT,       OK,        OUT,       ANON],
  },
  "GET /api/public/verify/:number": {
    "an admitted burden's number":                 [OK,       OK,        OK,        OK,        OK,        OK,        OK,        OK,        OK,        OK],
  },
};

type Row = { role: Caller; endpoint: Endpoint; target: string; expectedStatus: number; expectedCode?: string; expected: string };

const toRow = (role: Caller, endpoint: Endpoint, target: string, cell: string): Row => {
  const [status, code] = cell.split(" ");
  return { role, endpoint, target, expectedStatus: Number(status), ...(code ? { expectedCode: code } : {}), expected: cell };
};

/** "-" marks a cell left out of the grid. */
const MATRIX: Row[] = Object.entries(GRID).flatMap(([endpoint, targets]) =>
  Object.entries(targets).flatMap(([target, cells]) =>
    [...COLUMNS, "(anonymous)" as const].flatMap((role, i) => (cells[i] === "-" ? [] : [toRow(role, endpoint as Endpoint, target, cells[i]!)])),
  ),
);

let ctx: TestContext;
let grid: GridSessions;
/** The next Monday after today: burdens issued then never have deadlines in the past. */
const monday = (() => {
  let d = addDays(chinaToday(), 1);
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 1) d = addDays(d, 1);
  return d;
})();
const year = Number(monday.slice(0, 4));
let serial = 0;

/** A task of 饶河县农业农村局 citing a listed duty; a long deadline passes the gate, a short one goes to review. */
const task = (overrides: Partial<BurdenInput> = {}): BurdenInput =>
  ({
    kind: "task",
    issuer: "230524D01",
    targets: ["230524100200"],
    title: `组织开展农业技术推广培训（第${++serial}期）`,
    text: "请组织农户参加农业技术推广培训，培训情况报县农业农村局。",
    issuedOn: monday,
    deadline: addDays(monday, 30),
    frequency: "once",
    minutesPerTarget: 20,
    dutyItem: "农业技术推广和农业社会化服务",
    details: {},
    ...overrides,
  }) as BurdenInput;

const fixtures = { draft: "", inReview: "", admittedRaohe: "", admittedJiaping: "", admittedAtushi: "", admissionNumber: "" };

async function apiCreate(username: Username, body: BurdenInput): Promise<string> {
  const res = await grid.of(username).request({ method: "POST", url: "/api/burdens", payload: body });
  if (res.statusCode !== 201) throw new Error(`fixture: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

async function apiSubmit(username: Username, id: string, office: Username): Promise<{ status: string; admissionNumber: string | null }> {
  const res = await grid.of(username).request({ method: "POST", url: `/api/burdens/${id}/submit` });
  if (res.statusCode !== 200) throw new Error(`fixture: ${res.statusCode} ${res.body}`);
  if (res.json().status !== "in_review") return res.json();
  const decided = await grid.of(office).request({ method: "POST", url: `/api/burdens/${id}/decide`, payload: { decision: "admit", reason: "准予下达" } });
  return decided.json();
}

/** A fresh burden of 饶河县农业农村局 in a given status, for rows that change what they touch. */
async function freshBurden(status: "draft" | "in_review" | "admitted" | "withdrawn"): Promise<string> {
  const nyncj = (await actorByUsername(ctx.db, "raohe_nyncj"))!;
  const office = (await actorByUsername(ctx.db, "raohe_office"))!;
  const short = status === "in_review";
  const { id } = await createBurden(ctx.db, { actor: nyncj, input: task(short ? { deadline: addDays(monday, 1) } : {}) });
  if (status === "draft") return id;
  const submitted = await submitBurden(ctx.db, { actor: nyncj, id });
  if (status === "in_review") {
    if (submitted.status !== "in_review") throw new Error(`fixture went ${submitted.status}`);
    return id;
  }
  if (submitted.status === "in_review") await decideBurden(ctx.db, { actor: office, id, decision: "admit", reason: "准予下达" });
  if (status === "withdrawn") {
    const { withdrawBurden } = await import("./registry.js");
    await withdrawBurden(ctx.db, { actor: nyncj, id, reason: "测试撤回" });
  }
  return id;
}

beforeAll(async () => {
  ctx = await createTestApp();
  grid = await gridSessions(ctx.app);
  fixtures.draft = await apiCreate("raohe_nyncj", task({ title: "草稿：农业技术推广培训名单" }));
  fixtures.inReview = await apiCreate("raohe_nyncj", task({ title: "待审：农业技术推广培训报名表", deadline: addDays(monday, 1) }));
  const inReview = await grid.of("raohe_nyncj").request({ method: "POST", url: `/api/burdens/${fixtures.inReview}/submit` });
  if (inReview.json().status !== "in_review") throw new Error(`fixture: ${inReview.body}`);
  fixtures.admittedRaohe = await apiCreate("raohe_nyncj", task({ title: "已准入：饶河村农业技术推广培训" }));
  const admitted = await apiSubmit("raohe_nyncj", fixtures.admittedRaohe, "raohe_office");
  if (!admitted.admissionNumber) throw new Error("fixture: not admitted");
  fixtures.admissionNumber = admitted.admissionNumber;
  fixtures.admittedJiaping = await apiCreate("raohe_nyncj", task({ title: "已准入：佳平村农业技术推广培训", targets: ["230524101200"] }));
  await apiSubmit("raohe_nyncj", fixtures.admittedJiaping, "raohe_office");
  fixtures.admittedAtushi = await apiCreate(
    "atushi_town",
    task({ kind: "meeting", issuer: "653001100000", targets: { under: "653001100000", level: "village" }, title: "上阿图什镇村干部培训会", details: { lengthMinutes: 60, attendeesPerTarget: 1, mode: "in_person", general: false } } as Partial<BurdenInput>),
  );
  const atushi = await apiSubmit("atushi_town", fixtures.admittedAtushi, "atushi_office");
  if (atushi.status !== "admitted") throw new Error(`fixture: Atushi burden ${atushi.status}`);
});
afterAll(async () => ctx?.close());

const countBurdens = async () => (await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from burdens`)).rows[0]?.n ?? 0;

function issueBody(row: Row): BurdenInput {
  const own = OWN[row.role === "(anonymous)" ? "raohe_nyncj" : row.role];
  if (row.target.startsWith("as 饶河县统计局")) return task({ issuer: "230524D02" });
  const targets = row.target.includes("out of reach") ? own.outOfReach : own.inReach;
  return task({ issuer: own.issuer, targets });
}

const STATUS_OF: Record<string, "draft" | "in_review" | "admitted" | "withdrawn"> = {
  draft: "draft",
  in_review: "in_review",
  admitted: "admitted",
  "admitted (targets 饶河村)": "admitted",
  withdrawn: "withdrawn",
};

/** Turns a row into the HTTP request it stands for. */
async function requestFor(row: Row): Promise<InjectOptions> {
  const fresh = async () => {
    const status = STATUS_OF[row.target];
    if (!status) throw new Error(`no status in ${row.target}`);
    return freshBurden(status);
  };
  switch (row.endpoint) {
    case "POST /api/admission/check":
      return { method: "POST", url: "/api/admission/check", payload: issueBody(row) };
    case "POST /api/burdens":
      return { method: "POST", url: "/api/burdens", payload: issueBody(row) };
    case "PUT /api/burdens/:id":
      return { method: "PUT", url: `/api/burdens/${await fresh()}`, payload: task({ title: "改过的农业技术推广培训通知" }) };
    case "POST /api/burdens/:id/submit":
      return { method: "POST", url: `/api/burdens/${await fresh()}/submit` };
    case "POST /api/burdens/:id/decide":
      return { method: "POST", url: `/api/burdens/${await fresh()}/decide`, payload: { decision: "admit", reason: "矩阵测试的审核意见" } };
    case "POST /api/burdens/:id/withdraw":
      return { method: "POST", url: `/api/burdens/${await fresh()}/withdraw`, payload: { reason: "矩阵测试撤回" } };
    case "GET /api/burdens":
      return { method: "GET", url: "/api/burdens" };
    case "GET /api/burdens/:id": {
      const id = row.target.startsWith("draft")
        ? fixtures.draft
        : row.target.startsWith("in_review")
          ? fixtures.inReview
          : row.target.includes("饶河村")
            ? fixtures.admittedRaohe
            : row.target.includes("佳平村")
              ? fixtures.admittedJiaping
              : row.target.includes("阿图什")
                ? fixtures.admittedAtushi
                : "00000000-0000-4000-8000-000000000000";
      return { method: "GET", url: `/api/burdens/${id}` };
    }
    case "GET /api/inbox":
      return { method: "GET", url: "/api/inbox" };
    case "GET /api/burdens/hours":
      return { method: "GET", url: "/api/burdens/hours", query: { by: row.target.split("=")[1]!, year: String(year) } };
    case "GET /api/gate/settings/:regionCode":
      return { method: "GET", url: `/api/gate/settings/${row.target.split(" ")[0]}` };
    case "PUT /api/gate/settings/:regionCode":
      // The default value: a success changes nothing the other rows depend on.
      return { method: "PUT", url: `/api/gate/settings/${row.target.split(" ")[0]}`, payload: { minWorkingDays: 5 } };
    case "POST /api/gate/registers":
      return { method: "POST", url: "/api/gate/registers", payload: { regionCode: row.target.split(" ")[0], year, register: "inspection_plan", entries: [{ code: "MX-01", title: "矩阵测试计划项" }] } };
    case "GET /api/public/verify/:number":
      return { method: "GET", url: `/api/public/verify/${fixtures.admissionNumber}` };
  }
}

describe("authorization matrix", () => {
  it.each(MATRIX)("$endpoint  [$target]  as $role → $expected", async (row) => {
    const options = await requestFor(row);
    const before = await countBurdens();
    const res = await grid.send(row.role, options);
    expect(res.statusCode, res.body).toBe(row.expectedStatus);
    if (row.expectedCode) expect(res.json().error.code).toBe(row.expectedCode);
    // A refused write writes nothing; a check never does.
    if (row.expectedStatus >= 400 || row.endpoint === "POST /api/admission/check") expect(await countBurdens()).toBe(before);
    if (row.endpoint === "POST /api/burdens" && row.expectedStatus === 201) expect(await countBurdens()).toBe(before + 1);
  });
});

const get = async (username: Username, url: string) => (await grid.of(username).request({ method: "GET", url })).json();
const ids = (list: { items: { id: string }[] }) => list.items.map((i) => i.id);

describe("what each list holds", () => {
  it("lists a department's draft to its issuer and the office only, and nothing of Raohe to Atushi", async () => {
    expect(ids(await get("raohe_nyncj", "/api/burdens?limit=200"))).toContain(fixtures.draft);
    expect(ids(await get("raohe_office", "/api/burdens?limit=200"))).toContain(fixtures.draft);
    expect(ids(await get("raohe_jiwei", "/api/burdens?limit=200"))).not.toContain(fixtures.draft);
    expect(ids(await get("raohe_jiwei", "/api/burdens?limit=200"))).toContain(fixtures.inReview);
    const atushi = ids(await get("atushi_office", "/api/burdens?limit=200"));
    expect(atushi).toContain(fixtures.admittedAtushi);
    for (const id of [fixtures.draft, fixtures.inReview, fixtures.admittedRaohe]) expect(atushi).not.toContain(id);
    expect(ids(await get("raohe_office", "/api/burdens?limit=200"))).not.toContain(fixtures.admittedAtushi);
    expect(ids(await get("raohe_office", "/api/burdens?status=in_review&limit=200"))).toContain(fixtures.inReview);
  });

  it("hides a department's draft from another department of the same county", async () => {
    const tjj = await loginAs(ctx.app, "raohe_tjj");
    expect((await tjj.request({ method: "GET", url: `/api/burdens/${fixtures.draft}` })).statusCode).toBe(404);
    expect(((await tjj.request({ method: "GET", url: "/api/burdens?limit=200" })).json() as { items: { id: string }[] }).items.map((i) => i.id)).not.toContain(fixtures.draft);
    // …while the in-review burden of the same department is the county's business.
    expect((await tjj.request({ method: "GET", url: `/api/burdens/${fixtures.inReview}` })).statusCode).toBe(200);
  });

  it("puts an admitted burden in the inbox of the villages and townships it reaches, and no one else's", async () => {
    expect(ids(await get("raohe_village", "/api/inbox"))).toContain(fixtures.admittedRaohe);
    expect(ids(await get("raohe_village", "/api/inbox"))).not.toContain(fixtures.admittedJiaping);
    expect(ids(await get("raohe_town", "/api/inbox"))).toContain(fixtures.admittedRaohe);
    expect(ids(await get("atushi_town", "/api/inbox"))).toEqual([fixtures.admittedAtushi]);
    expect(ids(await get("atushi_office", "/api/inbox"))).not.toContain(fixtures.admittedRaohe);
  });

  it("counts hours only inside the caller's region", async () => {
    const codes = async (u: Username, by: string) => ((await get(u, `/api/burdens/hours?by=${by}&year=${year}`)) as { items: { code: string }[] }).items.map((i) => i.code);
    expect(await codes("raohe_office", "issuer")).toContain("230524D01");
    expect(await codes("raohe_office", "issuer")).not.toContain("653001100000");
    expect(await codes("atushi_office", "issuer")).toEqual(["653001100000"]);
    expect((await codes("atushi_office", "target")).every((c) => c.startsWith("653001"))).toBe(true);
    expect((await codes("raohe_village", "target")).every((c) => c === "230524100200")).toBe(true);
  });

  it("tells each user what he may do with a burden", async () => {
    const can = async (u: Username, id: string) => ((await get(u, `/api/burdens/${id}`)) as { can: string[] }).can.sort();
    expect(await can("raohe_nyncj", fixtures.draft)).toEqual(["edit", "submit", "withdraw"]);
    expect(await can("raohe_office", fixtures.inReview)).toEqual(["decide", "withdraw"]);
    expect(await can("raohe_jiwei", fixtures.inReview)).toEqual([]);
    // 饶河镇 reads it (its village is a target) but relays only what targets the township itself.
    expect(await can("raohe_town", fixtures.admittedRaohe)).toEqual([]);
    expect(await can("raohe_village", fixtures.admittedRaohe)).toEqual([]);
  });
});
