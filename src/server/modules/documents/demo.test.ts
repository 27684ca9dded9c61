import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../test/harness.js";
import { seedDemoDocuments } from "./demo.js";
import { documents } from "./schema.js";

describe("demo documents", () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(async () => ctx?.close());

  it("show a copy of the provincial measure and a white-head reissue, once", async () => {
    expect(await seedDemoDocuments(ctx.db, 2026)).toBe(5);
    expect(await seedDemoDocuments(ctx.db, 2026)).toBe(0);
    const rows = await ctx.db.select({ title: documents.title, findings: documents.findings }).from(documents);
    const codes = (title: string) => (rows.find((r) => r.title === title)?.findings as { code: string }[]).map((f) => f.code);
    expect(codes("关于进一步精简文件会议的通知")).toContain("COPIED_FROM_HIGHER");
    expect(codes("关于再次做好村级组织工作事务清理的提示")).toContain("WHITE_HEAD_REISSUE");
    expect(codes("关于做好年度统计数据共享的通知")).toEqual([]);
  });
});
