import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { IMPORT_COLUMNS } from "../src/server/modules/meetings/excel.js";
import { launchChromium, screenshot } from "./browser.js";
import { expectHome, label, logIn, newPage } from "./flows.js";

let browser: Browser;
const baseURL = inject("baseURL");
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

describe("会议台账、督检考计划、排名通报", () => {
  it("the office sees the layered meeting chain and the hours, approves a plan item and cancels a ranking notice", async () => {
    const { context, page } = await newPage(browser, baseURL);
    await logIn(page, "raohe_office");
    await expectHome(page, "王主任");

    await page.goto("/meetings");
    const meetings = page.locator("[data-testid=meetings-page]");
    await meetings.getByText("饶河镇传达全县冬季森林草原防灭火和安全生产工作会议精神").waitFor();
    const relayed = meetings.locator("tr", { hasText: "饶河镇传达全县冬季森林草原防灭火和安全生产工作会议精神" });
    expect(await relayed.getByText("层层开会").count()).toBe(1);
    expect(await relayed.getByText("2 天后").count()).toBe(1);
    await page.locator("[data-testid=meeting-hours-chart] canvas").first().waitFor();
    await screenshot(page, "meetings-office");
    const county = meetings.locator("tr").filter({ has: page.getByRole("link", { name: "全县冬季森林草原防灭火和安全生产工作会议", exact: true }) });
    await county.getByRole("button", { name: label("传达链") }).click();
    const chain = page.locator("[data-testid=meeting-chain]");
    await chain.getByText("小佳河镇传达全县冬季森林草原防灭火和安全生产工作会议精神").waitFor();
    expect(await chain.getByText("层层开会").count()).toBe(2);
    await screenshot(page, "meetings-chain");
    await page.keyboard.press("Escape");

    // The import dialog offers the empty sheet whose header is what the import reads.
    await meetings.locator("[data-testid=meetings-import]").click();
    const [template] = await Promise.all([page.waitForEvent("download"), page.locator(".ant-modal:visible").getByRole("button", { name: "下载模板" }).click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await template.path())!) as unknown as ExcelJS.Buffer);
    expect((wb.worksheets[0]!.getRow(2).values as unknown[]).slice(1)).toEqual(IMPORT_COLUMNS.map((c) => c.header));
    expect(wb.worksheets[0]!.rowCount).toBe(2);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator(".ant-modal:visible").count()).toBe(0);

    await page.goto("/inspection-plans");
    const plans = page.locator("[data-testid=plans-page]");
    const pending = plans.locator("tr", { hasText: "农村低保和特困供养专项督查" });
    await pending.getByText("待审批").waitFor();
    await pending.getByRole("button", { name: label("批准") }).click();
    await page.fill("[data-testid=plan-decide-reason]", "与县民政局年度检查合并开展");
    await page.click("[data-testid=plan-decide-ok]");
    await pending.getByText("已批准").waitFor();
    expect(await plans.locator("[data-testid=plan-counts]").innerText()).toContain("已批准 3 项");
    await expect.poll(() => page.locator(".ant-modal:visible").count()).toBe(0);
    await screenshot(page, "inspection-plan-office");

    await page.goto("/rankings");
    const rankings = page.locator("[data-testid=rankings-page]");
    await rankings.locator("[data-testid=ranking-counts]").getByText("74 → 8").waitFor();
    const active = rankings.locator("tr", { hasText: "第3期农业农村重点工作排名通报" });
    await active.getByRole("button", { name: label("取消") }).click();
    await page.fill("[data-testid=ranking-cancel-reason]", "排名通报过多，统一纳入年终考核，予以取消");
    await page.click("[data-testid=ranking-cancel-ok]");
    await active.getByText("已取消").waitFor();
    await expect.poll(() => page.locator(".ant-modal:visible").count()).toBe(0);
    await screenshot(page, "rankings-office");

    // 督检考统筹: the quarter's proposals and joint visits, each as a sheet.
    await page.goto("/inspections");
    const merge = page.locator("[data-testid=inspection-merge]");
    for (const [name, header] of [["导出合并建议", "检查单位数"], ["导出联合检查", "牵头单位"]] as const) {
      const [file] = await Promise.all([page.waitForEvent("download"), merge.getByRole("button", { name }).click()]);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(readFileSync((await file.path())!) as unknown as ExcelJS.Buffer);
      expect((book.worksheets[0]!.getRow(2).values as unknown[]).slice(1)).toContain(header);
    }
    await screenshot(page, "inspections-office");
    await context.close();
  });

  it("a village cadre sees on a phone the meetings he is called to and his hours", async () => {
    const { context, page } = await newPage(browser, baseURL, { mobile: true });
    await logIn(page, "raohe_village");
    await expectHome(page, "");
    await page.goto("/meetings");
    const meetings = page.locator("[data-testid=meetings-page]");
    await meetings.getByText("饶河镇传达全县冬季森林草原防灭火和安全生产工作会议精神").first().waitFor();
    await page.locator("[data-testid=meeting-hours-chart] canvas").first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    await screenshot(page, "meetings-village-mobile");
    await context.close();
  });
});
