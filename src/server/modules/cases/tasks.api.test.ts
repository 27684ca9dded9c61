import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, chinaToday } from "../../kernel/dates.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../../test/harness.js";
import { cases } from "./schema.js";
import { REPORT, submitPublicReport } from "./test-fixtures.js";

let ctx: TestContext;
let office: Session;
let town: Session;
let otherTown: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  office = await loginAs(ctx.app, "raohe_office");
  town = await loginAs(ctx.app, "raohe_town");
  otherTown = await loginAs(ctx.app, "xiaojiahe_town");
});
afterAll(async () => ctx?.close());

const newCase = async () => {
  const text = `${REPORT.text}（整改测试 ${Math.random().toString(36).slice(2)}）`;
  const { receipt } = (await submitPublicReport(ctx.app, { text })).json<{ receipt: string }>();
  const [row] = await ctx.db.select({ id: cases.id }).from(cases).where(eq(cases.text, text));
  return { id: row!.id, receipt, text };
};
const move = (id: string, to: string) => office.request({ method: "POST", url: `/api/cases/${id}/transition`, payload: { to, reason: "按程序办理" } });
const task = (id: string, payload: Record<string, string>) => office.request({ method: "POST", url: `/api/cases/${id}/tasks`, payload });

describe("rectification: tasks for the responsible unit, answered with proof, verified by the office", () => {
  it("runs from a substantiated case to a verified rectification", async () => {
    const { id, receipt, text } = await newCase();
    const due = addDays(chinaToday(), 20);
    const early = await task(id, { unitCode: "230524100000", text: "停止APP打卡排名通报", dueOn: due });
    expect(early.json().error.code).toBe("CASE_TASK_NOT_NOW");
    await move(id, "verifying");
    await move(id, "substantiated");

    expect((await task(id, { unitCode: "230524101000", text: "别的乡镇不该收到", dueOn: due })).json().error.code).toBe("CASE_TASK_UNIT_INVALID");
    expect((await task(id, { unitCode: "230524100000", text: "期限已过的任务", dueOn: "2020-01-01" })).json().error.code).toBe("TASK_DUE_IN_PAST");
    expect((await task(id, { unitCode: "230524100000", text: "停止APP打卡排名通报，撤销工作群排名", dueOn: due })).statusCode).toBe(201);
    await move(id, "rectifying");

    // The township sees its task, never the report behind it, and still cannot open the case.
    const mine = await town.request({ method: "GET", url: "/api/rectification-tasks" });
    const item = mine.json<{ items: { id: string; text: string; status: string }[] }>().items.find((t) => t.text.startsWith("停止APP打卡排名"));
    expect(item).toMatchObject({ status: "open" });
    expect(mine.body).not.toContain(text);
    expect((await town.request({ method: "GET", url: `/api/cases/${id}` })).statusCode).toBe(404);

    const tooEarly = await move(id, "verified");
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json().error.code).toBe("CASE_TASKS_OPEN");

    expect((await otherTown.request({ method: "POST", url: `/api/rectification-tasks/${item!.id}/proof`, payload: { proof: "不是我的任务" } })).json().error.code).toBe("TASK_NOT_FOUND");
    const proof = await town.request({ method: "POST", url: `/api/rectification-tasks/${item!.id}/proof`, payload: { proof: "已撤销排名通报，工作群打卡要求已取消，附镇党委会议纪要。" } });
    expect(proof.statusCode, proof.body).toBe(200);
    expect((await move(id, "verified")).statusCode).toBe(200);

    const detail = (await office.request({ method: "GET", url: `/api/cases/${id}` })).json<{ tasks: { status: string; doneByName: string }[]; events: { kind: string; visibleToReporter: boolean }[] }>();
    expect(detail.tasks).toEqual([expect.objectContaining({ status: "done", doneByName: "饶河镇 孙镇长" })]);
    expect(detail.events.filter((e) => e.kind.startsWith("task")).every((e) => !e.visibleToReporter)).toBe(true);
    const view = await ctx.app.inject({ method: "GET", url: `/api/public/reports/${receipt}`, remoteAddress: "10.77.0.1" });
    expect(view.body).not.toContain("孙镇长");
    expect(view.json().status).toBe("verified");
  });

  it("keeps the task list to units that report: the office itself has none to answer", async () => {
    expect((await office.request({ method: "GET", url: "/api/rectification-tasks" })).statusCode).toBe(403);
  });
});
