import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ranking, RankingCounts } from "../../../contracts/rankings.js";
import { chinaToday } from "../../kernel/dates.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";

let ctx: TestContext;
const as = sessionsFor(() => ctx.app);
const year = Number(chinaToday().slice(0, 4));

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const notice = (over: Record<string, unknown> = {}) => ({
  kind: "ranking_notice",
  issuer: "230524D01",
  year,
  title: "全县秸秆禁烧工作排名通报",
  targets: ["230524100000", "230524101000"],
  indicatorCount: 1,
  ranked: "各乡镇火点数量",
  ...over,
});
const register = async (username: string, over: Record<string, unknown> = {}) => (await as(username)).request({ method: "POST", url: "/api/rankings", payload: notice(over) });
const counts = async (username = "raohe_office") => ((await (await as(username)).request({ method: "GET", url: `/api/rankings/counts?year=${year}` })).json() as RankingCounts).items;

describe("ranking notices and assessment indicators 排名通报与考核指标", () => {
  it("scenario from the reports: 43 ranking notices cancelled (Kaifeng), assessment items cut from 74 to 8 (Shaanxi)", async () => {
    // Kaifeng: a department's 43 ranking notices, every one cancelled by the office with a reason.
    const ids: string[] = [];
    for (let i = 1; i <= 43; i++) {
      const res = await register("raohe_nyncj", { title: `农业农村工作第${i}期排名通报`, ranked: `第${i}项工作进度排名` });
      expect(res.statusCode, res.body).toBe(201);
      ids.push((res.json() as Ranking).id);
    }
    const office = await as("raohe_office");
    for (const id of ids) {
      const res = await office.request({ method: "POST", url: `/api/rankings/${id}/cancel`, payload: { reason: "以排名代替考核、增加基层负担，予以取消" } });
      expect(res.statusCode, res.body).toBe(200);
    }
    const list = (await office.request({ method: "GET", url: `/api/rankings?year=${year}&kind=ranking_notice` })).json() as { items: Ranking[] };
    expect(list.items.filter((r) => r.status === "cancelled")).toHaveLength(43);
    expect(list.items[0]).toMatchObject({ status: "cancelled", cancelReason: "以排名代替考核、增加基层负担，予以取消", can: [] });

    // Shaanxi: last year's assessment of the townships had 74 indicators, this year's 8.
    const county = { kind: "assessment", issuer: "230524", targets: ["230524100000", "230524101000"], ranked: "乡镇年度目标责任考核" };
    expect((await register("raohe_office", { ...county, year: year - 1, title: "乡镇年度综合考核（上年）", indicatorCount: 74 })).statusCode).toBe(201);
    expect((await register("raohe_office", { ...county, title: "乡镇年度综合考核", indicatorCount: 8 })).statusCode).toBe(201);

    const rows = await counts();
    const kaifeng = rows.find((r) => r.kind === "ranking_notice" && r.issuer.code === "230524D01")!;
    expect(kaifeng.thisYear).toEqual({ registered: 43, cancelled: 43, inForce: 0, indicators: 0 });
    const shaanxi = rows.find((r) => r.kind === "assessment" && r.issuer.code === "230524")!;
    expect(shaanxi).toMatchObject({ lastYear: { inForce: 1, indicators: 74 }, thisYear: { inForce: 1, indicators: 8 }, change: 0, indicatorChange: -66, indicatorChangePct: -89.2 });

    const exported = await office.request({ method: "GET", url: `/api/rankings/export.xlsx?year=${year}` });
    expect(exported.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ExcelJS.Buffer);
    const statuses = wb.worksheets[0]!.getColumn(9).values.filter((v) => v === "已取消");
    expect(statuses).toHaveLength(43);
    const audit = await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'ranking.cancel'`);
    expect(audit.rows[0]!.n).toBe(43);
  });

  it("cancelling needs the office and a reason, and happens once", async () => {
    const id = ((await register("raohe_nyncj", { title: "农机安全月度排名通报" })).json() as Ranking).id;
    const cancel = async (username: string, payload: Record<string, unknown>) => (await as(username)).request({ method: "POST", url: `/api/rankings/${id}/cancel`, payload });
    expect((await cancel("raohe_office", {})).json().error.code).toBe("VALIDATION_FAILED");
    expect((await cancel("raohe_office", { reason: "  " })).statusCode).toBe(400);
    expect((await cancel("raohe_nyncj", { reason: "部门自行取消排名" })).statusCode).toBe(403);
    expect((await cancel("raohe_jiwei", { reason: "纪委取消排名通报" })).statusCode).toBe(403);
    expect((await cancel("atushi_office", { reason: "他县取消排名通报" })).statusCode).toBe(404);
    expect((await cancel("raohe_office", { reason: "排名通报过多，予以取消" })).statusCode).toBe(200);
    const twice = await cancel("raohe_office", { reason: "排名通报过多，予以取消" });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe("RANKING_ALREADY_CANCELLED");
  });

  it("refuses bad input clearly", async () => {
    const cases: [string, Record<string, unknown>, number, string][] = [
      ["raohe_nyncj", { year: year - 2 }, 400, "YEAR_OUT_OF_RANGE"],
      ["raohe_nyncj", { year: year + 2 }, 400, "YEAR_OUT_OF_RANGE"],
      ["raohe_nyncj", { issuer: "230524D77" }, 404, "UNIT_NOT_FOUND"],
      ["raohe_nyncj", { targets: ["653001100000"] }, 400, "TARGETS_NOT_GRASSROOTS"],
      ["raohe_nyncj", { targets: ["999999999999"] }, 400, "TARGETS_NOT_GRASSROOTS"],
      ["raohe_nyncj", { indicatorCount: 0 }, 400, "VALIDATION_FAILED"],
      ["raohe_nyncj", { kind: "evaluation" }, 400, "VALIDATION_FAILED"],
      ["raohe_tjj", {}, 403, "NOT_ISSUER"],
      ["raohe_village", {}, 403, "NOT_ISSUER"],
    ];
    for (const [user, over, status, code] of cases) {
      const res = await register(user, over);
      expect(res.statusCode, `${JSON.stringify(over)} ${res.body}`).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
  });
});
