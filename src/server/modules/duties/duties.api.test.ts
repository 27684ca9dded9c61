import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, type Session, type TestContext } from "../../test/harness.js";
import { chinaToday } from "../../kernel/dates.js";
import { SIPAI } from "./demo.js";

let ctx: TestContext;
let office: Session; // 饶河县减负办
let atushi: Session; // 阿图什市减负办

beforeAll(async () => {
  ctx = await createTestApp();
  office = await loginAs(ctx.app, "raohe_office");
  atushi = await loginAs(ctx.app, "atushi_office");
});
afterAll(async () => ctx?.close());

const get = (s: Session, url: string, query?: Record<string, string>, lang?: string) =>
  s.request({ method: "GET", url, query, headers: lang ? { "accept-language": lang } : {} });

describe("reading a duty list", () => {
  it("shows a township its effective list: the county template with its own additions, and the versions behind it", async () => {
    const res = await get(office, `/api/duties/${SIPAI}`, { on: "2026-11-02" });
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json();
    expect(list).toMatchObject({ unit: { code: SIPAI, name: "四排乡", level: "township" }, on: "2026-11-02", kind: "township" });
    expect(list.template).toMatchObject({ kind: "template", unitCode: "230524", version: 2, effectiveFrom: "2026-01-01", inForce: true, supersededOn: null, source: "seed" });
    expect(list.differences).toMatchObject({ kind: "differences", unitCode: SIPAI, version: 1, inForce: true });
    expect(list.counts.basic + list.counts.cooperative + list.counts.returned).toBe(list.items.length);
    expect(list.items.find((i: { name: string }) => i.name === "赫哲族民族文化保护传承")).toMatchObject({ key: "TB001", part: "basic", source: "township" });
    expect(list.items[0]).toEqual({ key: "B001", part: "basic", name: expect.any(String), legalBasis: expect.any(String), leadDepartment: null, note: null, source: "template" });
    expect(list.items.map((i: { part: string }) => i.part)).toEqual([...list.items.map((i: { part: string }) => i.part)].sort((a: string, b: string) => ["basic", "cooperative", "returned"].indexOf(a) - ["basic", "cooperative", "returned"].indexOf(b)));
  });

  it("shows the version in force on an earlier date, and a county's template", async () => {
    const before = (await get(office, `/api/duties/${SIPAI}`, { on: "2025-08-01" })).json();
    expect(before.template.version).toBe(1);
    expect(before.items.some((i: { name: string }) => i.name === "边境管控和护边员队伍管理")).toBe(false);
    const county = await get(office, "/api/duties/230524", { on: "2026-11-02" });
    expect(county.json()).toMatchObject({ kind: "template", differences: null, unit: { code: "230524" } });
    expect(county.json().items.every((i: { source: string }) => i.source === "template")).toBe(true);
  });

  it("lists the versions, newest first, with the date a later one replaced each", async () => {
    const res = await get(office, `/api/duties/${SIPAI}/versions`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((v: { kind: string; version: number; supersededOn: string | null; inForce: boolean }) => [v.kind, v.version, v.supersededOn, v.inForce])).toEqual([
      ["template", 2, null, true],
      ["differences", 1, null, true],
      ["template", 1, "2026-01-01", false],
    ]);
  });

  it("says in the reader's language when no list is in force, and refuses units that keep none", async () => {
    const none = await get(office, `/api/duties/${SIPAI}`, { on: "2020-01-01" });
    expect(none.statusCode).toBe(404);
    expect(none.json().error).toEqual({ code: "DUTY_LIST_NOT_FOUND", message: "四排乡 在 2020-01-01 没有生效的履职事项清单" });
    const en = await get(office, `/api/duties/${SIPAI}`, { on: "2020-01-01" }, "en");
    expect(en.json().error.message).toBe("四排乡 has no duty list in force on 2020-01-01");
    const village = await get(office, "/api/duties/230524100200");
    expect(village.statusCode).toBe(400);
    expect(village.json().error.code).toBe("DUTY_WRONG_LEVEL");
    expect((await get(office, `/api/duties/${SIPAI}`, { on: "2026-13-01" })).json().error.code).toBe("VALIDATION_FAILED");
    expect((await get(office, "/api/duties/23052")).statusCode).toBe(400);
  });
});

describe("writing a duty list", () => {
  // Always ahead of today, so the new version is not yet in force whenever the test runs.
  const LATER = `${Number(chinaToday().slice(0, 4)) + 1}-12-01`;
  const template = (items: unknown[]) => ({ reason: "市减负办会同市委编办制定", effectiveFrom: LATER, items });

  it("publishes a county template and a township's differences, each a version with its reason", async () => {
    const res = await atushi.request({
      method: "POST",
      url: "/api/duties/653001/template",
      payload: template([
        { part: "basic", name: "指导村民委员会选举和村民自治", legalBasis: "《中华人民共和国村民委员会组织法》" },
        { part: "cooperative", name: "统计调查和统计报表报送", legalBasis: "《中华人民共和国统计法》", leadDepartment: "市统计局" },
        { part: "returned", name: "安全生产执法检查和行政处罚", leadDepartment: "市应急管理局" },
      ]),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      version: { kind: "template", unitCode: "653001", version: 1, effectiveFrom: LATER, reason: "市减负办会同市委编办制定", source: "api", itemCount: 3, inForce: false },
      counts: { basic: 1, cooperative: 1, returned: 1 },
      changes: null,
    });
    expect(res.json().version.createdByName).toContain("atushi_office");

    const diff = await atushi.request({
      method: "POST",
      url: "/api/duties/653001100000/differences",
      payload: { reason: "上阿图什镇增列事项", effectiveFrom: LATER, add: [{ part: "basic", name: "柯尔克孜族传统文化保护传承" }], remove: ["R001"] },
    });
    expect(diff.statusCode, diff.body).toBe(201);
    expect(diff.json()).toMatchObject({ version: { kind: "differences", version: 1, itemCount: 2 }, counts: { basic: 2, cooperative: 1, returned: 0 }, changes: { added: 1, changed: 0, removed: 1 } });
    const list = (await get(atushi, "/api/duties/653001100000", { on: LATER })).json();
    expect(list.items.map((i: { name: string }) => i.name)).toEqual(["指导村民委员会选举和村民自治", "柯尔克孜族传统文化保护传承", "统计调查和统计报表报送"]);
  });

  it("refuses bad items with every problem named, in the reader's language", async () => {
    const res = await atushi.request({
      method: "POST",
      url: "/api/duties/653001/template",
      headers: { "accept-language": "en" },
      payload: template([
        { part: "cooperative", name: "统计调查" },
        { part: "basic", name: "人民调解" },
        { part: "basic", name: "人民调解" },
        { part: "elsewhere", name: "x" },
      ]),
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe("VALIDATION_FAILED");
    const paths = error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(["body.items.0.leadDepartment", "body.items.3.part", "body.items.3.name"]);
    expect(error.details[0].message).toBe("a cooperative item names its lead department");
    const zh = await atushi.request({ method: "POST", url: "/api/duties/653001/template", payload: template([{ part: "cooperative", name: "统计调查" }]) });
    expect(zh.json().error.details[0].message).toBe("配合履职事项须填写牵头部门");
    // Items that are each well formed are then checked together.
    const twice = await atushi.request({ method: "POST", url: "/api/duties/653001/template", payload: template([{ part: "basic", name: "人民调解" }, { part: "basic", name: "人民调解" }]) });
    expect(twice.json().error.details).toEqual([{ path: "body.items.1.name", message: "“人民调解”在同一类别中重复" }]);
  });

  it("refuses a template on a township and differences on a county", async () => {
    const t = await atushi.request({ method: "POST", url: "/api/duties/653001100000/template", payload: template([{ part: "basic", name: "人民调解" }]) });
    expect(t.statusCode).toBe(400);
    expect(t.json().error.message).toBe("履职事项清单模板由县（市、区）制定，653001100000 是乡级单位");
    const d = await atushi.request({ method: "POST", url: "/api/duties/653001/differences", payload: { reason: "错误", effectiveFrom: LATER } });
    expect(d.json().error.code).toBe("DUTY_WRONG_LEVEL");
  });
});

describe("the API description", () => {
  it("lists the duty-list endpoints in the OpenAPI document", async () => {
    const doc = (await get(office, "/api/docs/json")).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/duties/{unitCode}",
        "/api/duties/{unitCode}/versions",
        "/api/duties/{unitCode}/template",
        "/api/duties/{unitCode}/differences",
        "/api/duties/{unitCode}/import",
        "/api/duties/{unitCode}/export.xlsx",
      ]),
    );
    expect(doc.paths["/api/duties/{unitCode}/template"].post.requestBody.content["application/json"].schema.required).toEqual(
      expect.arrayContaining(["reason", "effectiveFrom", "items"]),
    );
  });
});
