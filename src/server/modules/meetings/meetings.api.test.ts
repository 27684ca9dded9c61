import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MeetingChain, MeetingHours, MeetingList, MeetingSystems } from "../../../contracts/meetings.js";
import { addDays, chinaToday } from "../../kernel/dates.js";
import { buildXlsx } from "../duties/excel/fixtures.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";
import { IMPORT_COLUMNS } from "./excel.js";
import { admitThroughGate, exportedRegister, meetingBody } from "./test-helpers.js";

let ctx: TestContext;
const as = sessionsFor(() => ctx.app);
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** A Monday well ahead, so no date is ever in the past whenever the tests run. */
const monday = (() => {
  let d = addDays(chinaToday(), 3);
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 1) d = addDays(d, 1);
  return d;
})();
const countyDate = addDays(monday, 7);
const townDate = addDays(monday, 9);
const year = Number(countyDate.slice(0, 4));
const month = Number(countyDate.slice(5, 7));
const countMeetings = async () => (await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from burdens where kind = 'meeting'`)).rows[0]!.n;

let countyId = "";
let townId = "";

beforeAll(async () => {
  ctx = await createTestApp();
  const office = await as("raohe_office");
  // 县委办 holds a county meeting for every township; 饶河镇 relays it to its villages two days later.
  const county = await admitThroughGate(await as("raohe_xwb"), office, meetingBody({ issuer: "230524D04", issuedOn: monday, deadline: countyDate }));
  expect(county.status).toBe("admitted");
  countyId = county.id;
  const town = await admitThroughGate(
    await as("raohe_town"),
    office,
    meetingBody({
      issuer: "230524100000",
      parentId: countyId,
      targets: { under: "230524100000", level: "village" },
      title: "饶河镇冬季森林草原防灭火工作会议",
      text: "传达县会议精神，部署冬季森林草原防灭火工作，各村党支部书记参会。",
      issuedOn: monday,
      deadline: townDate,
      minutesPerTarget: 60,
      details: { lengthMinutes: 60, attendeesPerTarget: 1, mode: "in_person", general: false, relaysMeetingId: countyId },
    }),
  );
  expect(town.findings).toContain("LAYERED_MEETING");
  townId = town.id;
});
afterAll(async () => ctx?.close());

describe("meetings register 会议台账", () => {
  it("lists the region's meetings with level, system, attendees, the meeting relayed and the gate's findings", async () => {
    const res = await (await as("raohe_office")).request({ method: "GET", url: `/api/meetings?year=${year}` });
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json() as MeetingList;
    const town = list.items.find((m) => m.id === townId)!;
    const county = list.items.find((m) => m.id === countyId)!;
    expect(county).toMatchObject({ system: "党委办公室", general: false, mode: "in_person", lengthMinutes: 90, attendeesPerTarget: 2, relays: null });
    expect(county.issuer).toMatchObject({ code: "230524D04", level: "county" });
    expect(county.grassrootsAttendees).toBe(county.targetCount * 2);
    expect(town.relays).toMatchObject({ id: countyId, daysBetween: 2 });
    expect(town.issuer.level).toBe("township");
    expect(town.findings.map((f) => f.code)).toContain("LAYERED_MEETING");
    expect(town.findings.find((f) => f.code === "LAYERED_MEETING")!.message).toContain("层层开会");

    // A village sees the meeting it is called to, not the county's; another county sees nothing of Raohe.
    const village = (await (await as("raohe_village")).request({ method: "GET", url: `/api/meetings?year=${year}` })).json() as MeetingList;
    expect(village.items.map((m) => m.id)).toEqual([townId]);
    const atushi = (await (await as("atushi_office")).request({ method: "GET", url: `/api/meetings?year=${year}` })).json() as MeetingList;
    expect(atushi.total).toBe(0);
  });

  it("answers wrong years and unknown ids clearly", async () => {
    const office = await as("raohe_office");
    for (const url of ["/api/meetings?year=1999", "/api/meetings?year=abc", "/api/meetings", "/api/meetings/hours?unit=230524&year=20260"]) {
      const res = await office.request({ method: "GET", url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe("VALIDATION_FAILED");
    }
    const missing = await office.request({ method: "GET", url: "/api/meetings/00000000-0000-4000-8000-000000000000/chain" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("MEETING_NOT_FOUND");
  });

  it("shows the relay chain from a meeting down, with the days between", async () => {
    const res = await (await as("raohe_office")).request({ method: "GET", url: `/api/meetings/${countyId}/chain` });
    expect(res.statusCode, res.body).toBe(200);
    const chain = res.json() as MeetingChain;
    expect(chain.levels).toBe(1);
    expect(chain.root.id).toBe(countyId);
    expect(chain.root.relayedBy).toHaveLength(1);
    expect(chain.root.relayedBy[0]).toMatchObject({ id: townId, daysAfterParent: 2, layered: true, issuerName: "饶河镇" });
    const up = (await (await as("raohe_office")).request({ method: "GET", url: `/api/meetings/${townId}/chain` })).json() as MeetingChain;
    expect(up.above.map((a) => a.id)).toEqual([countyId]);
    expect(up.root.daysAfterParent).toBe(2);
    // Atushi cannot read Raohe's meeting.
    const hidden = await (await as("atushi_office")).request({ method: "GET", url: `/api/meetings/${countyId}/chain` });
    expect(hidden.statusCode).toBe(404);
  });

  it("counts grassroots hours per unit and month, rolled up from villages to townships to the county", async () => {
    const office = await as("raohe_office");
    const county = (await office.request({ method: "GET", url: `/api/meetings/hours?unit=230524&year=${year}` })).json() as MeetingHours;
    const raoheTown = county.rows.find((r) => r.unit.code === "230524100000")!;
    const list = (await office.request({ method: "GET", url: `/api/meetings?year=${year}` })).json() as MeetingList;
    const villages = list.items.find((m) => m.id === townId)!.targetCount;
    // 饶河镇: the county meeting (90 min × 2) and its villages at the town's meeting (60 min × 1 each).
    const townMonth = Number(townDate.slice(5, 7));
    const expected = month === townMonth ? 3 + villages : 3;
    expect(raoheTown.months[month - 1]).toBe(expected);
    const countyTotal = county.rows.reduce((a, r) => a + r.total, 0);
    expect(county.total.total).toBeCloseTo(countyTotal, 5);
    expect(county.total.total).toBeCloseTo(list.items.reduce((a, m) => a + m.personHours, 0), 5);
    // One level down: the township's villages, each an hour.
    const town = (await office.request({ method: "GET", url: `/api/meetings/hours?unit=230524100000&year=${year}` })).json() as MeetingHours;
    expect(town.rows.filter((r) => r.unit.level === "village" && r.total === 1)).toHaveLength(villages);
    // A unit outside one's region is not found; so is one that does not exist.
    for (const unit of ["653001", "999999"]) {
      const res = await office.request({ method: "GET", url: `/api/meetings/hours?unit=${unit}&year=${year}` });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe("UNIT_NOT_FOUND");
    }
  });

  it("counts meetings per system against the region's cap, which only its office sets", async () => {
    const office = await as("raohe_office");
    await admitThroughGate(await as("raohe_xwb"), office, meetingBody({ issuer: "230524D04", title: "全县安全生产工作会议", text: "部署今冬明春安全生产工作。", issuedOn: monday, deadline: addDays(monday, 14) }));
    const denied = await (await as("raohe_xwb")).request({ method: "PUT", url: "/api/meetings/caps/230524", payload: { perSystemPerYear: 1 } });
    expect(denied.statusCode).toBe(403);
    const bad = await office.request({ method: "PUT", url: "/api/meetings/caps/230524", payload: { perSystemPerYear: 0 } });
    expect(bad.statusCode).toBe(400);
    const other = await office.request({ method: "PUT", url: "/api/meetings/caps/653001", payload: { perSystemPerYear: 1 } });
    expect(other.statusCode).toBe(403);
    const set = await office.request({ method: "PUT", url: "/api/meetings/caps/230524", payload: { perSystemPerYear: 1 } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ regionCode: "230524", perSystemPerYear: 1, setBy: "230524" });

    const systems = (await office.request({ method: "GET", url: `/api/meetings/systems?year=${year}` })).json() as MeetingSystems;
    const xwb = systems.items.find((s) => s.system === "党委办公室")!;
    expect(xwb).toMatchObject({ meetings: 2, cap: 1, over: 1, exceeds: true });
    expect(xwb.issuers.map((i) => i.code)).toEqual(["230524D04"]);
    const list = (await office.request({ method: "GET", url: `/api/meetings?year=${year}` })).json() as MeetingList;
    expect(list.items.filter((m) => m.overSystemCap).map((m) => m.title)).toEqual(["全县安全生产工作会议"]);
    await office.request({ method: "PUT", url: "/api/meetings/caps/230524", payload: { perSystemPerYear: 12 } });
  });
});

const HEADER = ["会议名称", "召开单位代码", "召开日期", "参会对象", "会议时长（分钟）", "每单位参会人数", "形式", "全体会议", "传达的上级会议（准入编号）"];
const row = (over: Partial<Record<(typeof HEADER)[number], string | number>> = {}) => HEADER.map((h) => ({ 会议名称: "全县民政业务培训视频会", 召开单位代码: "230524D03", 召开日期: addDays(monday, 21), 参会对象: "全部乡镇", "会议时长（分钟）": 60, 每单位参会人数: 1, 形式: "视频", 全体会议: "否", "传达的上级会议（准入编号）": "", ...over })[h] ?? "");

describe("meetings in Excel", () => {
  const upload = async (username: string, file: Buffer, lang = "zh-CN") =>
    (await as(username)).request({ method: "POST", url: "/api/meetings/import", payload: file, headers: { "content-type": XLSX, "accept-language": lang } });

  it("refuses a file with bad rows whole, naming each row; imports nothing", async () => {
    const before = await countMeetings();
    const file = await buildXlsx([
      {
        title: "饶河县会议计划",
        rows: [
          HEADER,
          row(),
          row({ 召开单位代码: "230524D99" }),
          row({ 形式: "电话" }),
          row({ 召开日期: "2020-13-06" }),
          row({ 参会对象: "653001100000" }),
          row({ "会议时长（分钟）": "两小时" }),
          row({ "传达的上级会议（准入编号）": "230524-2026-999999-X" }),
        ],
      },
    ]);
    const res = await upload("raohe_mzj", file);
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().error as { code: string; details: { path: string; message: string }[] };
    expect(error.code).toBe("EXCEL_INVALID");
    const rows = error.details.map((d) => d.message.match(/^第 (\d+) 行/)?.[1]);
    // Row 3 is the first data row (title row, header row): 3 is fine, 4..9 are not.
    expect([...new Set(rows)].sort()).toEqual(["4", "5", "6", "7", "8", "9"]);
    expect(error.details.find((d) => d.message.startsWith("第 4 行"))!.message).toContain("230524D99");
    expect(error.details.find((d) => d.message.startsWith("第 5 行"))!.path).toBe("Sheet1!G5");
    expect(await countMeetings()).toBe(before);
  });

  it("refuses what is no workbook, a sheet without the header, and users who issue nothing", async () => {
    const notXlsx = await upload("raohe_mzj", Buffer.from("会议名称,召开单位代码\n"));
    expect(notXlsx.statusCode).toBe(415);
    const noHeader = await upload("raohe_mzj", await buildXlsx([{ rows: [["名称", "日期"], ["某会", "2026-12-01"]] }]), "en");
    expect(noHeader.statusCode).toBe(400);
    expect(noHeader.json().error.code).toBe("EXCEL_HEADER_MISSING");
    expect(noHeader.json().error.message).toContain("No header row");
    const empty = await upload("raohe_mzj", await buildXlsx([{ rows: [HEADER] }]));
    expect(empty.json().error.code).toBe("EXCEL_NO_ROWS");
    const village = await upload("raohe_village", await buildXlsx([{ rows: [HEADER, row()] }]));
    expect(village.statusCode).toBe(403);
    const notIssuer = await upload("raohe_tjj", await buildXlsx([{ rows: [HEADER, row()] }]));
    expect(notIssuer.statusCode).toBe(400);
    expect(notIssuer.json().error.details[0].message).toContain("饶河县民政局");
  });

  it("imports good rows through the gate, relays by admission number, and exports the register", async () => {
    const office = await as("raohe_office");
    const list = (await office.request({ method: "GET", url: `/api/meetings?year=${year}` })).json() as MeetingList;
    const countyNumber = list.items.find((m) => m.id === countyId)!.admissionNumber!;
    const file = await buildXlsx([
      {
        rows: [
          HEADER,
          row(),
          row({ 会议名称: "小佳河镇传达全县防灭火会议精神", 召开单位代码: "230524101000", 参会对象: "全部村", 召开日期: addDays(countyDate, 1), "传达的上级会议（准入编号）": countyNumber }),
        ],
      },
    ]);
    const res = await upload("raohe_office", file);
    expect(res.statusCode, res.body).toBe(201);
    const result = res.json() as { imported: number; rows: { row: number; status: string; findingCodes: string[] }[] };
    expect(result.imported).toBe(2);
    expect(result.rows.map((r) => r.row)).toEqual([2, 3]);
    for (const r of result.rows) expect(["admitted", "in_review", "returned"]).toContain(r.status);
    expect(result.rows[0]!.findingCodes).toContain("MEETING_ATTENDANCE");

    const chain = (await office.request({ method: "GET", url: `/api/meetings/${countyId}/chain` })).json() as MeetingChain;
    expect(chain.root.relayedBy.map((n) => n.issuerName).sort()).toEqual(["小佳河镇", "饶河镇"]);
    const audit = await ctx.db.execute<{ detail: { rows: number } }>(sql`select detail from audit_log where action = 'meeting.import'`);
    expect(audit.rows.map((r) => r.detail.rows)).toEqual([2]);

    const exported = await office.request({ method: "GET", url: `/api/meetings/export.xlsx?year=${year}` });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers["content-type"]).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).getCell(1).value).toBe("会议名称");
    const titles = ws.getColumn(1).values.slice(3);
    expect(titles).toContain("饶河镇冬季森林草原防灭火工作会议");
    expect(titles).toContain("小佳河镇传达全县防灭火会议精神");
  });

  it("offers the import's header as the template, and the export imports back: each row re-added as it was", async () => {
    const office = await as("raohe_office");
    const later = year + 1;
    const sheetOf = (query: string) => exportedRegister(office, query);
    const template = await sheetOf(`year=${later}&template=true`);
    expect(template.headers).toEqual(IMPORT_COLUMNS.map((c) => c.header));
    expect(template.rows).toEqual([]);

    const countyNumber = ((await office.request({ method: "GET", url: `/api/meetings?year=${year}` })).json() as MeetingList).items.find((m) => m.id === countyId)!.admissionNumber!;
    const noticeDay = addDays(chinaToday(), 2);
    const planned = [
      ["全县民政工作视频推进会", "230524D03", `${later}-03-10`, noticeDay, "全部乡镇", "90", "2", "视频", "否", "20", countyNumber, "部署全县低保、养老服务重点工作。"],
      ["饶河镇村务公开专题会", "230524100000", `${later}-03-16`, noticeDay, "230524100200", "45", "1", "现场", "否", "", "", "村务公开栏更新要求。"],
    ];
    const first = await upload("raohe_office", await buildXlsx([{ rows: [IMPORT_COLUMNS.map((c) => c.header), ...planned] }]));
    expect(first.statusCode, first.body).toBe(201);
    const exported = await sheetOf(`year=${later}`);
    expect(exported.headers.slice(0, IMPORT_COLUMNS.length)).toEqual(IMPORT_COLUMNS.map((c) => c.header));
    // The year may hold meetings the tests above imported too: each row of the sheet must come back as written.
    expect(exported.rows).toEqual(expect.arrayContaining(planned));

    const before = await countMeetings();
    const again = await upload("raohe_office", Buffer.from(exported.file));
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().imported).toBe(exported.rows.length);
    expect(await countMeetings()).toBe(before + exported.rows.length);
    expect([...(await sheetOf(`year=${later}`)).rows].sort()).toEqual([...exported.rows, ...exported.rows].sort());
  });
});

// Last: it adds a meeting the counts above do not expect.
describe("层层开会 from the meeting named as relayed", () => {
  it("flags a meeting that names the higher one only by details.relaysMeetingId (no parentId, other words)", async () => {
    const town = await admitThroughGate(
      await as("raohe_town"),
      null,
      meetingBody({
        issuer: "230524100000",
        targets: { under: "230524100000", level: "village" },
        title: "饶河镇村两委干部冬防专题部署会",
        text: "各村书记到镇政府参会，听取冬季火灾隐患排查安排。",
        issuedOn: monday,
        deadline: addDays(countyDate, 1),
        details: { lengthMinutes: 45, attendeesPerTarget: 1, mode: "in_person", general: false, relaysMeetingId: countyId },
      }),
    );
    expect(town.findings).toContain("LAYERED_MEETING");
    // The same meeting naming nothing is not flagged: the finding comes from the named meeting.
    const alone = await (await as("raohe_town")).request({
      method: "POST",
      url: "/api/admission/check",
      payload: meetingBody({ issuer: "230524100000", targets: { under: "230524100000", level: "village" }, title: "饶河镇村两委干部冬防专题部署会", text: "各村书记到镇政府参会，听取冬季火灾隐患排查安排。", issuedOn: monday, deadline: addDays(countyDate, 1), details: { lengthMinutes: 45, attendeesPerTarget: 1, mode: "in_person", general: false } }),
    });
    expect(alone.statusCode, alone.body).toBe(200);
    expect((alone.json() as { findings: { code: string }[] }).findings.map((f) => f.code)).not.toContain("LAYERED_MEETING");
  });
});
