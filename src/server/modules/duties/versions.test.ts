import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DutyItemInput } from "../../../contracts/duties.js";
import type { Db } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import type { Actor } from "../../kernel/actor.js";
import { countRows } from "../../test/factories.js";
import { createTestApp, type TestContext } from "../../test/harness.js";
import { listAuditEntries } from "../audit/audit.js";
import { actorByUsername } from "../org/auth.js";
import { RAOHE_COUNTY, RAOHE_TOWNSHIPS, seedDemoDuties, SIPAI } from "./demo.js";
import { dutyListHistory, effectiveDutyList } from "./lists.js";
import { createTemplateVersion, setTownshipDifferences } from "./versions.js";

/**
 * The domain of duty lists, on 阿图什市 (no list in the demo data), so each test starts its own
 * lineage: ATUSHI's townships are used one per test where the township matters.
 */
const ATUSHI = "653001";
const SHANG = "653001100000"; // 上阿图什镇
const SONGTAKE = "653001101000"; // 松他克镇
const AZAKE = "653001102000"; // 阿扎克镇

let ctx: TestContext;
let db: Db;
let office: Actor;

beforeAll(async () => {
  ctx = await createTestApp();
  db = ctx.db;
  office = (await actorByUsername(db, "atushi_office"))!;
});
afterAll(async () => ctx?.close());

const basic = (name: string, extra: Partial<DutyItemInput> = {}): DutyItemInput => ({ part: "basic", name, legalBasis: "《中华人民共和国村民委员会组织法》", ...extra });
const names = (items: { name: string }[]) => items.map((i) => i.name);

async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  return err as AppError;
}

describe("versions of a county template", () => {
  it("shows the version in force on each date, a later decision replacing the earlier from its own date on", async () => {
    const v1 = await createTemplateVersion(db, {
      actor: office,
      countyCode: ATUSHI,
      input: { reason: "首次制定", effectiveFrom: "2026-01-01", items: [basic("村民自治指导"), basic("人民调解"), { part: "cooperative", name: "统计调查", leadDepartment: "市统计局" }] },
    });
    await createTemplateVersion(db, {
      actor: office,
      countyCode: ATUSHI,
      input: { reason: "年中调整", effectiveFrom: "2026-07-01", items: [basic("村民自治指导"), basic("人民调解和矛盾纠纷化解"), { part: "returned", name: "安全生产执法检查", leadDepartment: "市应急管理局" }] },
    });
    expect(v1.version.version).toBe(1);
    expect(v1.counts).toEqual({ basic: 2, cooperative: 1, returned: 0 });

    expect(await effectiveDutyList(db, ATUSHI, "2025-12-31")).toBeNull();
    const march = await effectiveDutyList(db, ATUSHI, "2026-03-01");
    expect(march?.template?.version).toBe(1);
    expect(names(march!.items)).toEqual(["村民自治指导", "人民调解", "统计调查"]);
    const july = await effectiveDutyList(db, ATUSHI, "2026-07-01");
    expect(july?.template?.version).toBe(2);
    expect(july!.items.map((i) => i.part)).toEqual(["basic", "basic", "returned"]);

    // A correction decided later, in force from April: version 2 never takes effect.
    await createTemplateVersion(db, {
      actor: office,
      countyCode: ATUSHI,
      input: { reason: "纠正：提前施行", effectiveFrom: "2026-04-01", items: [basic("村民自治指导"), basic("人民调解")] },
    });
    expect((await effectiveDutyList(db, ATUSHI, "2026-03-31"))?.template?.version).toBe(1);
    expect((await effectiveDutyList(db, ATUSHI, "2026-08-01"))?.template?.version).toBe(3);
    const history = await dutyListHistory(db, ATUSHI);
    expect(history.versions.map((v) => [v.version, v.reason, v.createdByName])).toEqual([
      [3, "纠正：提前施行", expect.stringContaining("atushi_office")],
      [2, "年中调整", expect.stringContaining("atushi_office")],
      [1, "首次制定", expect.stringContaining("atushi_office")],
    ]);
  });

  it("keeps an item's key while its name stays, gives a new item the next number and never reuses a key", async () => {
    const history = await dutyListHistory(db, ATUSHI);
    const keysOf = async (on: string) => Object.fromEntries((await effectiveDutyList(db, ATUSHI, on))!.items.map((i) => [i.name, i.key]));
    const v1 = await keysOf("2026-03-01");
    const v3 = await keysOf("2026-08-01");
    expect(v3["村民自治指导"]).toBe(v1["村民自治指导"]);
    expect(v1).toMatchObject({ 村民自治指导: "B001", 人民调解: "B002", 统计调查: "C001" });
    // Version 2 named "人民调解和矛盾纠纷化解" as a new item B003; version 3's "人民调解" takes B002 back.
    expect(v3["人民调解"]).toBe("B002");
    expect(history.versions).toHaveLength(3);
  });

  it("records who published a version, and why, in the audit log", async () => {
    const entries = await listAuditEntries(db, { regionPath: "100000.650000.653000.653001", limit: 20 });
    const publish = entries.find((e) => e.action === "duty.template.publish");
    expect(publish).toMatchObject({ actorName: "atushi_office", entityType: "duty_list_version" });
    expect(publish?.detail).toMatchObject({ unitCode: ATUSHI, reason: "纠正：提前施行" });
  });

  it("refuses a template for a township and townships of another county", async () => {
    await expectAppError(createTemplateVersion(db, { actor: office, countyCode: SHANG, input: { reason: "错误", effectiveFrom: "2026-01-01", items: [basic("村民自治指导")] } }), "DUTY_WRONG_LEVEL");
    const before = await countRows(db, "audit_log");
    const err = await expectAppError(
      createTemplateVersion(db, { actor: office, countyCode: ATUSHI, input: { reason: "错误", effectiveFrom: "2026-01-01", appliesTo: [SHANG, "230524100000"], items: [basic("村民自治指导")] } }),
      "DUTY_LIST_INVALID",
    );
    expect(err.details).toEqual([{ path: "appliesTo.1", message: "230524100000 不是阿图什市的乡镇" }]);
    expect(await countRows(db, "audit_log")).toBe(before);
  });

  it("lets only the office of the region write (the domain checks too, not only the route)", async () => {
    const raohe = (await actorByUsername(db, "raohe_office"))!;
    await expectAppError(createTemplateVersion(db, { actor: raohe, countyCode: ATUSHI, input: { reason: "越权", effectiveFrom: "2026-01-01", items: [basic("村民自治指导")] } }), "OUT_OF_SCOPE");
  });
});

describe("a township's differences", () => {
  it("turn the template into the township's effective list, and leave the other townships alone", async () => {
    const template = (await effectiveDutyList(db, ATUSHI, "2026-08-01"))!;
    const [first, second] = template.items;
    const result = await setTownshipDifferences(db, {
      actor: office,
      townshipCode: SHANG,
      input: {
        reason: "本镇实际",
        effectiveFrom: "2026-08-01",
        add: [{ part: "basic", name: "柯尔克孜族非物质文化遗产保护", legalBasis: "《中华人民共和国非物质文化遗产法》" }],
        change: [{ key: second!.key, part: "cooperative", name: "人民调解", leadDepartment: "市司法局" }],
        remove: [first!.key],
      },
    });
    expect(result.changes).toEqual({ added: 1, changed: 1, removed: 1 });
    const list = (await effectiveDutyList(db, SHANG, "2026-08-01"))!;
    expect(list.items.map((i) => [i.key, i.part, i.name, i.source])).toEqual([
      ["TB001", "basic", "柯尔克孜族非物质文化遗产保护", "township"],
      [second!.key, "cooperative", "人民调解", "changed"],
    ]);
    expect(list.differences?.version).toBe(1);
    // Before the differences take effect the township has the plain template.
    expect(names((await effectiveDutyList(db, SHANG, "2026-07-31"))!.items)).toEqual(["村民自治指导", "人民调解"]);
    expect(names((await effectiveDutyList(db, SONGTAKE, "2026-08-01"))!.items)).toEqual(["村民自治指导", "人民调解"]);
  });

  it("refuses keys the template does not have and names that would appear twice, writing nothing", async () => {
    const before = await countRows(db, "audit_log");
    const err = await expectAppError(
      setTownshipDifferences(db, {
        actor: office,
        townshipCode: SONGTAKE,
        input: { reason: "错误", effectiveFrom: "2026-08-01", add: [], change: [{ key: "B999", part: "basic", name: "不存在的事项" }], remove: ["C777"] },
      }),
      "DUTY_LIST_INVALID",
    );
    expect(err.details?.map((d) => d.path)).toEqual(["change.0.key", "remove.0"]);
    await expectAppError(
      setTownshipDifferences(db, { actor: office, townshipCode: SONGTAKE, input: { reason: "重复", effectiveFrom: "2026-08-01", add: [basic("村民自治指导")], change: [], remove: [] } }),
      "DUTY_LIST_INVALID",
    );
    expect(await countRows(db, "audit_log")).toBe(before);
    expect((await dutyListHistory(db, SONGTAKE)).versions.filter((v) => v.kind === "differences")).toHaveLength(0);
  });

  it("apply to townships the template names only; a township outside it has a list only of its own", async () => {
    await createTemplateVersion(db, {
      actor: office,
      countyCode: ATUSHI,
      input: { reason: "仅适用于乡镇，不含街道", effectiveFrom: "2027-01-01", appliesTo: [SHANG, SONGTAKE], items: [basic("村民自治指导")] },
    });
    expect(await effectiveDutyList(db, AZAKE, "2027-01-01")).toBeNull();
    expect((await effectiveDutyList(db, AZAKE, "2026-12-31"))?.items).toHaveLength(2);
    // 上阿图什镇's differences still hold: 村民自治指导 stays removed, and the change of 人民调解 is void
    // now that the template no longer has it.
    expect(names((await effectiveDutyList(db, SHANG, "2027-01-01"))!.items)).toEqual(["柯尔克孜族非物质文化遗产保护"]);

    // A later version that does not name its townships keeps the previous ones; null means all of them.
    const next = (effectiveFrom: string, appliesTo?: null) =>
      createTemplateVersion(db, { actor: office, countyCode: ATUSHI, input: { reason: "调整", effectiveFrom, items: [basic("村民自治指导")], ...(appliesTo === null ? { appliesTo } : {}) } });
    expect((await next("2027-06-01")).version.appliesTo).toEqual([SHANG, SONGTAKE]);
    expect(await effectiveDutyList(db, AZAKE, "2027-06-01")).toBeNull();
    expect((await next("2028-01-01", null)).version.appliesTo).toBeNull();
    expect(names((await effectiveDutyList(db, AZAKE, "2028-01-01"))!.items)).toEqual(["村民自治指导"]);
  });
});

describe("the demo lists of 饶河县", () => {
  it("are seeded once, with dozens of items per part, and 四排乡's own additions", async () => {
    expect(await seedDemoDuties(db)).toEqual({ versionsCreated: 0 });
    const county = (await effectiveDutyList(db, RAOHE_COUNTY, "2026-06-01"))!;
    const count = (part: string) => county.items.filter((i) => i.part === part).length;
    expect(count("basic")).toBeGreaterThanOrEqual(30);
    expect(count("cooperative")).toBeGreaterThanOrEqual(20);
    expect(count("returned")).toBeGreaterThanOrEqual(15);
    for (const item of county.items.filter((i) => i.part === "cooperative")) expect(item.leadDepartment).toMatch(/局|部|馆|分局|大队/);
    expect(county.items.find((i) => i.name === "统计调查和统计报表报送")).toMatchObject({ part: "cooperative", leadDepartment: "县统计局" });
    for (const code of RAOHE_TOWNSHIPS) expect(await effectiveDutyList(db, code, "2026-06-01")).not.toBeNull();
    expect(await effectiveDutyList(db, "230524400000", "2026-06-01")).toBeNull(); // 小佳河林场
    const sipai = (await effectiveDutyList(db, SIPAI, "2026-06-01"))!;
    expect(sipai.items.find((i) => i.name === "赫哲族民族文化保护传承")).toMatchObject({ part: "basic", source: "township" });
    expect(sipai.items).toHaveLength(county.items.length + 2);
    expect((await effectiveDutyList(db, "230524100000", "2025-08-01"))!.template?.version).toBe(1);
    expect((await dutyListHistory(db, SIPAI)).versions.map((v) => `${v.kind}:${v.version}`)).toEqual(["template:2", "differences:1", "template:1"]);
  });
});
