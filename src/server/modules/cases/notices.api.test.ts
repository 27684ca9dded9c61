import { eq } from "drizzle-orm";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chinaToday } from "../../kernel/dates.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../../test/harness.js";
import { cases } from "./schema.js";
import { REPORT, submitPublicReport } from "./test-fixtures.js";

let ctx: TestContext;
let office: Session;
let town: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  office = await loginAs(ctx.app, "raohe_office");
  town = await loginAs(ctx.app, "raohe_town");
});
afterAll(async () => ctx?.close());

const newCase = async (status: string, extra: Record<string, unknown> = {}) => {
  const text = `${REPORT.text}（通报测试 ${Math.random().toString(36).slice(2)}）`;
  const { receipt } = (await submitPublicReport(ctx.app, { text, contact: "13900001111", ...extra })).json<{ receipt: string }>();
  const [row] = await ctx.db.select({ id: cases.id }).from(cases).where(eq(cases.text, text));
  await ctx.db.update(cases).set({ status }).where(eq(cases.id, row!.id));
  return { id: row!.id, receipt };
};
const item = (caseId: string) => ({
  caseId,
  problem: "2026年5月，该镇要求15个村在政务公众号“涨粉”，每村每月新增关注不少于200人，并在全镇工作群通报排名。",
  handling: "镇党委主要负责人被约谈，相关要求已全部撤销。",
  lesson: "此类“指尖上的形式主义”必须坚决纠治。",
});
const draft = (caseIds: string[]) => office.request({ method: "POST", url: "/api/notices", payload: { title: "关于3起形式主义问题典型案例的通报", items: caseIds.map(item) } });
const pub = () => ctx.app.inject({ method: "GET", url: "/api/public/notices", remoteAddress: "10.88.0.1" });

describe("notices 通报 of typical cases", () => {
  it("drafts from substantiated cases, numbers on publishing, and shows them to the public without the reporter", async () => {
    const { id, receipt } = await newCase("rectifying");
    const created = await draft([id]);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ status: "draft", number: null, issuer: "饶河县整治形式主义为基层减负专项工作机制办公室", items: [{ unitName: "饶河镇", category: "fingertip" }] });
    const noticeId = created.json().id as string;
    expect((await pub()).json().items.map((n: { id: string }) => n.id)).not.toContain(noticeId);

    const published = await office.request({ method: "POST", url: `/api/notices/${noticeId}/publish` });
    expect(published.statusCode, published.body).toBe(200);
    const year = chinaToday().slice(0, 4);
    // The demo data already published the county office's 〔year〕1号.
    expect(published.json()).toMatchObject({ status: "published", number: `饶河减负通〔${year}〕2号`, publishedOn: chinaToday() });
    expect((await office.request({ method: "POST", url: `/api/notices/${noticeId}/publish` })).json().error.code).toBe("NOTICE_PUBLISHED");

    const list = await pub();
    expect(list.json().items.map((n: { id: string }) => n.id)).toContain(noticeId);
    expect(list.body).not.toContain("13900001111");
    expect(list.body).not.toContain(receipt);
    const pdf = await ctx.app.inject({ method: "GET", url: `/api/public/notices/${noticeId}/pdf`, remoteAddress: "10.88.0.2" });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const docx = await ctx.app.inject({ method: "GET", url: `/api/public/notices/${noticeId}/docx`, remoteAddress: "10.88.0.4" });
    expect(docx.statusCode).toBe(200);
    const text = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    expect(text).toContain(`饶河减负通〔${year}〕2号`);
    expect(text).toContain("饶河县整治形式主义为基层减负专项工作机制办公室文件");
    expect(text).toContain("一、饶河镇指尖上的形式主义");
    expect(text).not.toContain("13900001111");

    const second = (await draft([(await newCase("closed")).id])).json().id as string;
    expect((await office.request({ method: "POST", url: `/api/notices/${second}/publish` })).json().number).toBe(`饶河减负通〔${year}〕3号`);
  });

  it.each([
    ["a case not found true", async () => draft([(await newCase("verifying")).id]), 400, "NOTICE_CASE_NOT_SUBSTANTIATED"],
    ["a case of another body", async () => draft([(await newCase("substantiated", { category: "statistical_fraud" })).id]), 404, "CASE_NOT_FOUND"],
    ["a township official", async () => town.request({ method: "POST", url: "/api/notices", payload: { title: "通报标题", items: [item((await newCase("closed")).id)] } }), 403, "FORBIDDEN"],
    ["a notice without cases", async () => office.request({ method: "POST", url: "/api/notices", payload: { title: "通报标题", items: [] } }), 400, "VALIDATION_FAILED"],
  ])("refuses %s", async (_name, call, status, code) => {
    const res = await call();
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBe(code);
  });

  it("answers an unpublished or unknown notice as not found on the public side", async () => {
    const { id } = await newCase("substantiated");
    const noticeId = (await draft([id])).json().id as string;
    const res = await ctx.app.inject({ method: "GET", url: `/api/public/notices/${noticeId}`, remoteAddress: "10.88.0.3" });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("NOTICE_NOT_FOUND");
  });
});
