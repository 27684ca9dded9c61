import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser } from "../../test/factories.js";
import { DENY, NEW, OK, type GridCells, gridRows, type GridRow, gridSessions, type GridSessions } from "../../test/grid.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../../test/harness.js";

/**
 * Who may register and read documents 文件 (documents/policy.ts), role × endpoint × target → status
 * [code]. Rows of GET name a document registered beforehand by its issuer.
 */
type Cells = GridCells;
const NOT_ISSUER = "403 NOT_DOCUMENT_ISSUER";
const HIDDEN = "404 DOCUMENT_NOT_FOUND";

type Endpoint = "POST /api/documents" | "GET /api/documents/:id" | "GET /api/documents?issuer" | "GET /api/documents/counts";
/** The list holds the issuer's documents (the POST rows above may have added some), or none of them. */
const SEES = "200 some";
const NONE = "200 none";

// prettier-ignore
const GRID: Record<Endpoint, Record<string, Cells>> = {
  //                                          village     town        dept        office      jiwei       rAdmin      admin       aOffice     aTown
  "POST /api/documents": {
    "230524D01 县农业农村局":                  [NOT_ISSUER, NOT_ISSUER, NEW,        NEW,        NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, NOT_ISSUER],
    "230524100000 饶河镇":                     [NOT_ISSUER, NEW,        NOT_ISSUER, NEW,        NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, NOT_ISSUER],
    "230524 饶河县":                           [NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, NEW,        NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, NOT_ISSUER],
    "653001 阿图什市":                         [NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, NEW,        NOT_ISSUER],
  },
  "GET /api/documents/:id": {
    "raohe 县农业农村局的文件":                [OK,         OK,         OK,         OK,         OK,         OK,         OK,         HIDDEN,     HIDDEN],
    "province 黑龙江省的文件 (above Raohe)":   [OK,         OK,         OK,         OK,         OK,         OK,         OK,         HIDDEN,     HIDDEN],
    "atushi 阿图什市的文件":                   [HIDDEN,     HIDDEN,     HIDDEN,     HIDDEN,     HIDDEN,     HIDDEN,     OK,         OK,         OK],
  },
  "GET /api/documents?issuer": {
    "230524D01":                               [SEES,       SEES,       SEES,       SEES,       SEES,       SEES,       SEES,       NONE,       NONE],
    "230000":                                  [SEES,       SEES,       SEES,       SEES,       SEES,       SEES,       SEES,       NONE,       NONE],
    "653001":                                  [NONE,       NONE,       NONE,       NONE,       NONE,       NONE,       SEES,       SEES,       SEES],
  },
  "GET /api/documents/counts": {
    "2026":                                    [DENY,       DENY,       DENY,       OK,         OK,         OK,         OK,         OK,         DENY],
  },
};

type Row = GridRow<Endpoint>;
const MATRIX: Row[] = gridRows(GRID);

let ctx: TestContext;
let grid: GridSessions;
const ids = new Map<string, string>();
let serial = 0;

const body = (issuer: string) => ({
  issuer,
  docNumber: `测〔2026〕${++serial}号`,
  head: "red",
  title: `权限矩阵测试文件 ${serial}`,
  // Each text its own: no finding depends on another row.
  text: `第${serial}号测试文件正文，内容为权限矩阵专用，编号${serial * 7919}。`,
  issuedOn: "2026-05-06",
});

beforeAll(async () => {
  ctx = await createTestApp();
  grid = await gridSessions(ctx.app);
  const province = await buildUser(ctx.db, { role: "office", scopeCode: "230000" });
  const issuers: [string, Session, string][] = [
    ["raohe", grid.of("raohe_nyncj"), "230524D01"],
    ["province", await loginAs(ctx.app, province.username), "230000"],
    ["atushi", grid.of("atushi_office"), "653001"],
  ];
  for (const [key, session, issuer] of issuers) {
    const res = await session.request({ method: "POST", url: "/api/documents", payload: body(issuer) });
    if (res.statusCode !== 201) throw new Error(res.body);
    ids.set(key, res.json().id);
  }
});
afterAll(async () => ctx?.close());

function requestFor(row: Row): InjectOptions {
  const first = row.target.split(" ")[0]!;
  switch (row.endpoint) {
    case "POST /api/documents":
      return { method: "POST", url: "/api/documents", payload: body(first) };
    case "GET /api/documents/:id":
      return { method: "GET", url: `/api/documents/${ids.get(first)}` };
    case "GET /api/documents?issuer":
      return { method: "GET", url: "/api/documents", query: { issuer: first } };
    case "GET /api/documents/counts":
      return { method: "GET", url: "/api/documents/counts", query: { year: first } };
  }
}

describe("document authorization matrix", () => {
  it.each(MATRIX)("$endpoint  [$target]  as $role → $expected", async (row) => {
    const options = requestFor(row);
    const res = await grid.send(row.role, options);
    const [status, detail] = row.expected.split(" ");
    expect(res.statusCode, res.body).toBe(Number(status));
    if (row.endpoint === "GET /api/documents?issuer" && status === "200") expect(res.json().total > 0 ? "some" : "none").toBe(detail);
    else if (detail) expect(res.json().error.code).toBe(detail);
  });
});
