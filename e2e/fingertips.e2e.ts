import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { readFileSync } from "node:fs";
import { sheetRows } from "../src/server/test/xlsx.js";
import { launchChromium, screenshot } from "./browser.js";
import { expectHome, label, logIn, newPage } from "./flows.js";

let browser: Browser;
const baseURL = inject("baseURL");
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

/** A phone's JPEG with a GPS position in its EXIF: the server keeps the picture and drops the position. */
const segment = (marker: number, body: Buffer) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
};
const jpeg = Buffer.concat([
  Buffer.from([0xff, 0xd8]),
  segment(0xe0, Buffer.from("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", "latin1")),
  segment(0xe1, Buffer.from("Exif\0\0MM\0*GPSLatitude 46.79N", "latin1")),
  segment(0xdb, Buffer.alloc(65, 1)),
  Buffer.from([0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0, 0x12, 0x34, 0x56, 0xff, 0xd9]),
]);

describe("指尖减负, 挂牌清理, 评比创建清单", () => {
  it("the office sees the banned demands and merges a proposed pair; the list of evaluations flags what is not on it", async () => {
    const { context, page } = await newPage(browser, baseURL);
    await logIn(page, "raohe_office");
    await expectHome(page, "王主任");
    await page.goto("/fingertips");
    const ledger = page.locator("[data-testid=fingertips-page]");
    const row = ledger.locator("tr", { hasText: "饶河党建学习打卡" });
    await row.waitFor();
    expect(await row.getByText("禁止要求").count()).toBe(1);
    await screenshot(page, "fingertips-ledger");
    await ledger.getByRole("tab", { name: "整合建议" }).click();
    const proposal = ledger.locator("[data-testid=merge-proposal]", { hasText: "饶河县民政局低保工作群" });
    await proposal.waitFor();
    // The proposals as a sheet, as the page lists them.
    const [proposalsFile] = await Promise.all([page.waitForEvent("download"), ledger.getByRole("button", { name: /导出 Excel/ }).click()]);
    expect((await sheetRows(readFileSync((await proposalsFile.path())!))).some((r) => r.includes("饶河县民政局低保工作群"))).toBe(true);
    await screenshot(page, "fingertips-proposals");
    await proposal.getByRole("button", { name: label("采纳整合") }).click();
    await proposal.waitFor({ state: "detached" });
    await ledger.getByRole("tab", { name: "台账" }).click();
    await ledger.locator("tr", { hasText: "饶河县民政局低保工作群" }).getByText("已整合").waitFor();

    await page.goto("/evaluations");
    const ev = page.locator("[data-testid=evaluations-page]");
    await ev.locator("tr", { hasText: "“文明村”创建评比材料报送" }).getByText("未列入清单").waitFor();
    expect(await ev.locator("tr", { hasText: "美丽庭院示范户评选推荐" }).getByText("在清单内").count()).toBe(1);
    // The requests out to Excel, with the office's answers; the import beside it offers its template.
    const requests = ev.locator("[data-testid=evaluation-requests-xlsx]");
    const [requestsFile] = await Promise.all([page.waitForEvent("download"), requests.getByRole("button", { name: /导出申请/ }).click()]);
    const rows = await sheetRows(readFileSync((await requestsFile.path())!));
    expect(rows[1]!.slice(0, 5)).toEqual(["年度", "主办单位", "项目名称", "类别", "申请理由"]);
    expect(rows.length).toBeGreaterThan(2);
    await requests.getByRole("button", { name: /导入申请/ }).click();
    await page.locator(".ant-modal:visible").getByRole("button", { name: "下载模板" }).waitFor();
    await page.keyboard.press("Escape");
    await screenshot(page, "evaluations-office");
    await context.close();
  });

  it("a village cadre on a 375 px phone sees his load, records a plaque with a photo, sees it flagged and takes it down", async () => {
    const context = await browser.newContext({ baseURL, locale: "zh-CN", viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await logIn(page, "raohe_village");
    await expectHome(page, "吴书记");
    await page.goto("/fingertips");
    const mine = page.locator("[data-testid=my-load]");
    await mine.waitFor();
    expect(await mine.innerText()).toMatch(/您被要求关注 \d+ 个应用和群/);
    await screenshot(page, "fingertips-village-375");

    await page.goto("/plaques");
    const plaques = page.locator("[data-testid=plaques-page]");
    await plaques.locator("[data-testid=plaque-card]").first().waitFor();
    await page.fill("[data-testid=plaque-name]", "饶河村计划生育协会");
    await page.setInputFiles("[data-testid=plaque-photo]", { name: "plaque.jpg", mimeType: "image/jpeg", buffer: jpeg });
    await page.click("[data-testid=plaque-save]");
    const card = plaques.locator("[data-testid=plaque-card]", { hasText: "饶河村计划生育协会" });
    await card.waitFor();
    expect(await card.getByText("乱挂牌", { exact: true }).count()).toBe(1);
    expect(await card.getByText("查看照片").count()).toBe(1);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await screenshot(page, "plaques-village-375");
    await card.getByRole("button", { name: label("已摘除") }).click();
    await card.getByText(/已于 .* 摘除/).waitFor();
    await context.close();
  });
});
