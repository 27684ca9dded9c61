import ExcelJS from "exceljs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Plaque, PlaqueCounts } from "../../../contracts/evaluations.js";
import { chinaToday } from "../../kernel/dates.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";
import { pngChunk } from "../cases/metadata.js";
import { matchPlaque } from "./plaque-match.js";
import { plaqueSurvey } from "./schema.js";

let ctx: TestContext;
const as = sessionsFor(() => ctx.app);
const RAOHE_VILLAGE = "230524100200";
const ALLOWED = ["村党组织", "村民委员会", "村务监督委员会", "村集体经济组织", "党群服务中心", "新时代文明实践站"];

const segment = (marker: number, body: Buffer) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
};
/** A phone's JPEG: JFIF, EXIF with a GPS position, then the image. */
const GPS = "GPSLatitude 46.79N GPSLongitude 134.01E";
const jpeg = Buffer.concat([
  Buffer.from([0xff, 0xd8]),
  segment(0xe0, Buffer.from("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", "latin1")),
  segment(0xe1, Buffer.from(`Exif\0\0MM\0*${GPS} Model=Huawei P60`, "latin1")),
  segment(0xdb, Buffer.alloc(65, 1)),
  Buffer.from([0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0, 0x12, 0x34, 0x56, 0xff, 0xd9]),
]);
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(1, 0);
ihdr.writeUInt32BE(1, 4);
ihdr.set([8, 2, 0, 0, 0], 8);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  pngChunk("IHDR", ihdr),
  pngChunk("eXIf", Buffer.from(`MM\0*${GPS}`, "latin1")),
  pngChunk("IDAT", Buffer.from([0x78, 0x9c, 0x63, 0x60, 0x60, 0x60, 0, 0, 0, 4, 0, 1])),
  pngChunk("IEND", Buffer.alloc(0)),
]);

beforeAll(async () => {
  ctx = await createTestApp();
  const res = await (await as("raohe_office")).request({ method: "POST", url: "/api/plaques/allowed", payload: { regionCode: "230524", items: ALLOWED.map((name) => ({ name, basis: "中办国办关于规范村级组织工作事务、机制牌子和证明事项的意见" })) } });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(async () => ctx?.close());

const survey = async (username: string, body: Record<string, unknown>) =>
  (await as(username)).request({ method: "POST", url: "/api/plaques", payload: { villageCode: RAOHE_VILLAGE, name: "饶河村党群服务中心", ...body } });
const photo = async (username: string, id: string, file: Buffer, type = "image/jpeg") =>
  (await as(username)).request({ method: "POST", url: `/api/plaques/${id}/photo`, headers: { "content-type": type }, payload: file });

describe("挂牌清理 plaques on village offices", () => {
  it("a village with unlisted plaques is flagged 乱挂牌; taking them down clears the flag; counts per township", async () => {
    const found = ["饶河村党群服务中心", "饶河村村民委员会", "饶河村平安创建示范村", "饶河村妇女儿童之家", "老年人协会"];
    const plaques: Plaque[] = [];
    for (const name of found) {
      const res = await survey("raohe_village", { name, issuer: name.includes("妇女") ? "县妇联" : undefined });
      expect(res.statusCode, res.body).toBe(201);
      plaques.push(res.json() as Plaque);
    }
    expect(plaques.map((p) => p.allowed)).toEqual([true, true, false, false, false]);
    expect(plaques[0]!.match).toEqual({ name: "党群服务中心", score: 1 });
    expect(plaques[1]!.match).toEqual({ name: "村民委员会", score: 1 });
    expect(plaques[2]!.flag!.message).toContain("乱挂牌");
    expect(plaques[2]!.can).toEqual(["photo", "removed"]);

    const town = (await (await as("raohe_town")).request({ method: "GET", url: "/api/plaques", query: { flagged: "true" } })).json() as { items: Plaque[] };
    expect(town.items.map((p) => p.name).sort()).toEqual(["老年人协会", "饶河村妇女儿童之家", "饶河村平安创建示范村"].sort());
    const county = (await (await as("raohe_office")).request({ method: "GET", url: "/api/plaques/counts" })).json() as PlaqueCounts;
    const raohe = county.rows.find((r) => r.code === "230524100000")!;
    expect(raohe).toMatchObject({ surveyedVillages: 1, plaques: 5, notAllowed: 3, removed: 0, stillHung: 3, yearlyHours: 40, yearlyHoursNotAllowed: 24 });
    expect(plaques.map((p) => p.yearlyHours)).toEqual([8, 8, 8, 8, 8]); // a working day a year each, by default
    expect(county.rows[0]!.code).toBe("230524100000"); // the township with most still hung comes first

    const removed = await (await as("raohe_village")).request({ method: "POST", url: `/api/plaques/${plaques[2]!.id}/removed`, payload: { removedOn: chinaToday() } });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toMatchObject({ removedOn: chinaToday(), flag: null, allowed: false });
    const again = await (await as("raohe_village")).request({ method: "POST", url: `/api/plaques/${plaques[2]!.id}/removed`, payload: { removedOn: chinaToday() } });
    expect(again.json().error.code).toBe("PLAQUE_ALREADY_REMOVED");
    const after = (await (await as("raohe_town")).request({ method: "GET", url: "/api/plaques/counts" })).json() as PlaqueCounts;
    expect(after.rows.find((r) => r.code === RAOHE_VILLAGE)).toMatchObject({ notAllowed: 3, removed: 1, stillHung: 2, yearlyHours: 32, yearlyHoursNotAllowed: 16 });
    expect(removed.json().yearlyHours).toBe(0);

    // The export holds every plaque and the counts.
    const out = await (await as("raohe_office")).request({ method: "GET", url: "/api/plaques/export.xlsx" });
    expect(out.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["挂牌摸排", "统计"]);
    expect(wb.worksheets[0]!.getColumn(3).values.map(String)).toContain("饶河村妇女儿童之家");
    expect(wb.worksheets[0]!.getRow(2).getCell(11).value).toBe("每年维护工时（小时）");
    const sums = wb.worksheets[1]!;
    expect(sums.getRow(1).getCell(8).value).toBe("每年维护工时（小时）");
    expect(sums.getRow(sums.rowCount).getCell(8).value).toBe(county.total.yearlyHours - 8);
  });

  it("takes a plaque's upkeep minutes from the village's nearest region; another region keeps its own", async () => {
    const atushiVillage = ((await (await as("atushi_town")).request({ method: "GET", url: "/api/units/653001100000/children" })).json() as { items: { code: string }[] }).items[0]!.code;
    const there = await survey("atushi_town", { villageCode: atushiVillage, name: "某村禁毒工作站" });
    expect(there.statusCode, there.body).toBe(201);
    const office = await as("raohe_office");
    const put = await office.request({ method: "PUT", url: "/api/gate/settings/230524100000", payload: { registryMinutes: { plaqueYearly: 240 } } });
    expect(put.statusCode, put.body).toBe(200);
    try {
      const list = (await office.request({ method: "GET", url: "/api/plaques", query: { under: "230524100000" } })).json() as { items: Plaque[] };
      expect(new Set(list.items.map((p) => p.yearlyHours))).toEqual(new Set([4, 0]));
      const counts = (await office.request({ method: "GET", url: "/api/plaques/counts" })).json() as PlaqueCounts;
      expect(counts.rows.find((r) => r.code === "230524100000")).toMatchObject({ stillHung: 2, yearlyHours: 16, yearlyHoursNotAllowed: 8 });
      const atushi = (await (await as("atushi_office")).request({ method: "GET", url: "/api/plaques/counts" })).json() as PlaqueCounts;
      expect(atushi.total).toMatchObject({ plaques: 1, yearlyHours: 8 });
    } finally {
      await office.request({ method: "PUT", url: "/api/gate/settings/230524100000", payload: {} });
    }
  });

  it("takes a phone photo checked by its content, strips EXIF and GPS, and refuses what is no picture or too big", async () => {
    const p = (await survey("raohe_village", { name: "饶河村禁毒工作站" })).json() as Plaque;
    const ok = await photo("raohe_village", p.id, jpeg, "application/octet-stream");
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().hasPhoto).toBe(true);
    const [stored] = await ctx.db.select().from(plaqueSurvey).where(eq(plaqueSurvey.id, p.id));
    expect(stored!.photo!.includes(Buffer.from("GPSLatitude"))).toBe(false);
    expect(stored!.photo!.includes(Buffer.from("Huawei"))).toBe(false);
    const read = await (await as("raohe_office")).request({ method: "GET", url: `/api/plaques/${p.id}/photo` });
    expect(read.headers["content-type"]).toBe("image/jpeg");
    expect(read.rawPayload.subarray(-5)).toEqual(jpeg.subarray(-5));
    expect((await photo("raohe_village", p.id, png, "image/png")).statusCode).toBe(200);
    const [png2] = await ctx.db.select().from(plaqueSurvey).where(eq(plaqueSurvey.id, p.id));
    expect(png2!.photoType).toBe("image/png");
    expect(png2!.photo!.includes(Buffer.from("GPSLatitude"))).toBe(false);

    const bad: [string, Buffer, string, number, string][] = [
      ["a text file called a picture", Buffer.from("这不是照片"), "image/jpeg", 415, "PHOTO_TYPE"],
      ["a PDF", Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"), "image/jpeg", 415, "PHOTO_TYPE"],
      ["a truncated JPEG", jpeg.subarray(0, 30), "image/jpeg", 415, "PHOTO_TYPE"],
      ["an empty body", Buffer.alloc(0), "image/jpeg", 415, "PHOTO_TYPE"],
      ["a photo over 5 MB", Buffer.concat([jpeg, Buffer.alloc(5 * 1024 * 1024)]), "image/jpeg", 413, "PHOTO_TOO_LARGE"],
      ["a body over 10 MB", Buffer.alloc(11 * 1024 * 1024), "image/jpeg", 413, "PAYLOAD_TOO_LARGE"],
    ];
    for (const [what, file, type, status, code] of bad) {
      const res = await photo("raohe_village", p.id, file, type);
      expect(res.statusCode, `${what}: ${res.body}`).toBe(status);
      expect(res.json().error.code, what).toBe(code);
    }
    // Another village's cadre cannot touch it, nor see it.
    expect((await photo("jiaping_village", p.id, jpeg)).json().error.code).toBe("PLAQUE_NOT_FOUND");
    expect((await photo("raohe_nyncj", p.id, jpeg)).statusCode).toBe(403);
  });

  it("refuses bad survey input: a township as village, an unknown unit, a village outside one's scope, a future date", async () => {
    const bad: [string, Record<string, unknown>, number, string][] = [
      ["raohe_town", { villageCode: "230524100000" }, 400, "PLAQUE_NOT_A_VILLAGE"],
      ["raohe_office", { villageCode: "230524999999" }, 404, "UNIT_NOT_FOUND"],
      ["raohe_village", { villageCode: "230524101200" }, 404, "UNIT_NOT_FOUND"],
      ["atushi_office", {}, 404, "UNIT_NOT_FOUND"],
      ["raohe_nyncj", {}, 403, "FORBIDDEN"],
      ["raohe_village", { surveyedOn: "2999-01-01" }, 400, "PLAQUE_DATE"],
      ["raohe_village", { name: "" }, 400, "VALIDATION_FAILED"],
      ["raohe_village", { villageCode: "23052410020X" }, 400, "VALIDATION_FAILED"],
    ];
    for (const [user, body, status, code] of bad) {
      const res = await survey(user, body);
      expect(res.statusCode, `${user} ${JSON.stringify(body)}: ${res.body}`).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    const list = await (await as("raohe_town")).request({ method: "POST", url: "/api/plaques/allowed", payload: { regionCode: "230524", items: [{ name: "综治中心" }] } });
    expect(list.statusCode).toBe(403);
  });

  it("matches names by similarity, not only equality", () => {
    expect(matchPlaque("佳平村新时代文明实践站", "佳平村委会", ALLOWED).allowed).toBe(true);
    expect(matchPlaque("村务监督委员会", "佳平村委会", ALLOWED).match).toEqual({ name: "村务监督委员会", score: 1 });
    expect(matchPlaque("佳平村扶贫开发协会", "佳平村委会", ALLOWED).allowed).toBe(false);
    expect(matchPlaque("任何牌子", "佳平村委会", []).allowed).toBe(false);
  });
});
