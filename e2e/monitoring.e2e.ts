import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, screenshot } from "./browser.js";
import { expectHome, logIn, newPage } from "./flows.js";

let browser: Browser;
const baseURL = inject("baseURL");
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

/** A phone 375 px wide, as a village cadre or a villager holds it. */
async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, locale: "zh-CN", viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  return { context, page: await context.newPage() };
}

describe("监测点与群众满意度", () => {
  it("a monitoring point's cadre answers the week on a phone; the draft survives a reload; the answer counts once", async () => {
    const { context, page } = await phone();
    await logIn(page, "raohe_village");
    await expectHome(page, "");
    await page.goto("/monitoring/survey");
    const survey = page.locator("[data-testid=monitoring-survey]");
    await survey.locator("[data-testid=survey-burden]").first().waitFor({ timeout: 20_000 });
    const burdens = await survey.locator("[data-testid=survey-burden]").count();
    expect(burdens).toBeGreaterThan(0);
    await survey.locator("[data-testid=survey-burden] input").first().fill("3.5");
    await survey.getByRole("button", { name: /添加一项/ }).click();
    await survey.locator("[data-testid=survey-unregistered] textarea").fill("镇里微信群要求当天报送防火巡查照片，没有准入编号");
    await survey.locator("[data-testid=survey-unregistered] input").first().fill("镇应急办");
    await survey.locator("[data-testid=survey-unregistered] input").nth(1).fill("2");
    await page.waitForTimeout(300);
    // A poor connection: the page is reloaded before submitting; the draft is still on the phone.
    await page.reload();
    await survey.locator("[data-testid=survey-burden] input").first().waitFor();
    expect(await survey.locator("[data-testid=survey-burden] input").first().inputValue()).toBe("3.5");
    expect(await survey.locator("[data-testid=survey-unregistered] textarea").inputValue()).toContain("防火巡查照片");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await screenshot(page, "monitoring-survey-375");
    await survey.locator("[data-testid=survey-submit]").click();
    await survey.locator("[data-testid=survey-done]").waitFor();
    expect(await survey.locator("[data-testid=survey-done]").innerText()).toContain("防火巡查照片");
    await screenshot(page, "monitoring-survey-done-375");
    await context.close();
  });

  it("a villager rates the township on a phone without logging in", async () => {
    const { context, page } = await phone();
    await page.goto("/survey/230524100000");
    const form = page.locator("[data-testid=public-survey]");
    await form.getByText("饶河镇").first().waitFor({ timeout: 20_000 });
    for (const q of ["q1", "q2", "q3", "q4"]) await form.locator(`[data-testid=rate-${q}] li`).nth(3).click();
    await form.locator("textarea").fill("村干部入户多了，办事方便了。");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, "satisfaction-public-375");
    await form.locator("[data-testid=survey-send]").click();
    await form.locator("[data-testid=survey-thanks]").waitFor({ timeout: 20_000 });
    await context.close();
  });

  it("the township reminds the points that have not answered; the office sees the new charts and downloads the monthly report", async () => {
    const town = await newPage(browser, baseURL);
    await logIn(town.page, "xiaojiahe_town");
    await expectHome(town.page, "");
    await town.page.goto("/monitoring");
    await town.page.locator("[data-testid=monitoring-points] tr.ant-table-row").first().waitFor({ timeout: 20_000 });
    await town.page.locator("[data-testid=remind]").click();
    await town.page.getByText(/已提醒|都已填报/).waitFor();
    await screenshot(town.page, "monitoring-points-township");
    await town.context.close();

    const { context, page } = await newPage(browser, baseURL);
    await logIn(page, "raohe_office");
    await expectHome(page, "减负办");
    await page.goto("/dashboard");
    await page.getByText("负担指数 · 饶河县").waitFor({ timeout: 20_000 });
    for (const chart of ["monitoring", "satisfaction", "cases", "forms"]) await page.locator(`[data-testid=chart-${chart}]`).waitFor();
    for (const chart of ["monitoring", "satisfaction"]) await page.locator(`[data-testid=chart-${chart}] canvas`).first().waitFor({ timeout: 20_000 });
    await page.locator("[data-testid=satisfaction-comments]").waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1500);
    await screenshot(page, "dashboard-monitoring");

    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=chart-satisfaction]").getByRole("button", { name: /Excel/ }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^satisfaction-230524-.*\.xlsx$/);
    const [docx] = await Promise.all([page.waitForEvent("download", { timeout: 40_000 }), page.locator("[data-testid=report-docx]").click()]);
    expect(docx.suggestedFilename()).toMatch(/^monthly-report-230524-\d{4}-\d{2}\.docx$/);
    expect(readFileSync((await docx.path())!).subarray(0, 2).toString()).toBe("PK");
    const [pdf] = await Promise.all([page.waitForEvent("download", { timeout: 40_000 }), page.locator("[data-testid=report-pdf]").click()]);
    expect(readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe("%PDF-");
    await context.close();
  });
});
