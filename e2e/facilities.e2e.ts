import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./browser.js";
import { logIn, newPage } from "./flows.js";

let browser: Browser;
const baseURL = inject("baseURL");
const SCREENS = path.resolve(".tmp/screens");
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SCREENS, { recursive: true });
});
afterAll(async () => browser?.close());

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });

describe("设施、项目与赋权清单 (issue 8)", () => {
  it("the office sees idle facilities with their trend and unused powers; the commission turns a debt-financed project into a case", async () => {
    const { context, page } = await newPage(browser, baseURL);
    await logIn(page, "raohe_office");
    await page.locator("[data-testid=home-welcome]").waitFor({ timeout: 20_000 });
    await page.goto("/facilities");
    const facilities = page.locator("[data-testid=facilities-page]");
    await facilities.getByText("饶河村农家书屋").waitFor();
    await facilities.locator("[data-testid=facilities-flagged]").click();
    await facilities.getByText("饶河村党群服务中心").waitFor({ state: "detached" });
    expect(await facilities.locator("tr", { hasText: "镇北村新时代文明实践站" }).getByText("闲置").count()).toBe(1);
    await facilities.locator("tr", { hasText: "饶河村农家书屋" }).getByRole("button", { name: /趋\s*势|使用趋势/ }).click();
    const drawer = page.locator("[data-testid=facility-drawer]");
    await drawer.locator("[data-testid=facility-flag]").waitFor();
    expect(await drawer.locator("[data-testid=facility-flag]").innerText()).toContain("连续 6 个月到访低于 30 人次");
    await drawer.locator("[data-testid=facility-trend] canvas").waitFor();
    await page.waitForTimeout(600);
    await shot(page, "facilities-office");

    await page.goto("/powers");
    const powers = page.locator("[data-testid=powers-page]");
    await powers.getByText("对违法建设施工现场的查封").first().waitFor();
    expect(await powers.getByText("一年未行使").count()).toBeGreaterThan(0);
    await shot(page, "powers-office");
    // 小佳河镇's own list: the county's with its differences (no advertising power, fishing of its own).
    await powers.getByRole("tab", { name: "乡镇清单" }).click();
    await powers.locator("[data-testid=township-select]").click();
    await page.locator(".ant-select-item-option", { hasText: "小佳河镇" }).click();
    expect(await powers.locator("[data-testid=township-removed]").innerText()).toContain("P009");
    await powers.getByText("乡镇增加").first().waitFor();
    await shot(page, "powers-township");
    await context.close();

    const jiwei = await newPage(browser, baseURL);
    await logIn(jiwei.page, "raohe_jiwei");
    await jiwei.page.locator("[data-testid=home-welcome]").waitFor({ timeout: 20_000 });
    await jiwei.page.goto("/projects");
    const projects = jiwei.page.locator("[data-testid=projects-page]");
    await projects.getByText("镇区入口景观牌楼").first().waitFor();
    const flag = projects.locator("[data-testid=flag-DEBT_WITHOUT_STUDY]").first();
    expect(await flag.innerText()).toContain("但未做可行性研究");
    await flag.locator("[data-testid=open-case-DEBT_WITHOUT_STUDY]").click();
    await jiwei.page.locator(".ant-popconfirm").getByRole("button", { name: /确\s*定|OK/ }).click();
    await flag.getByText("已转为问题线索").waitFor();
    await shot(jiwei.page, "projects-case-opened");
    await flag.getByText("已转为问题线索").click();
    await jiwei.page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await jiwei.page.getByText("系统标记转入").first().waitFor();
    await shot(jiwei.page, "projects-case-detail");
    await jiwei.context.close();
  });

  it("a village cadre reports last month's use of the library on a 375px phone", async () => {
    const context = await browser.newContext({ baseURL, locale: "zh-CN", viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await logIn(page, "raohe_village");
    await page.locator("[data-testid=home-welcome]").waitFor({ timeout: 20_000 });
    await page.goto("/facilities/report");
    const form = page.locator("[data-testid=facility-report-page]");
    await form.locator("[data-testid=report-facility]").click();
    await page.locator(".ant-select-item-option", { hasText: "饶河村农家书屋" }).click();
    await form.locator("input[data-testid=report-visits], [data-testid=report-visits] input").first().fill("9");
    await form.locator("input[data-testid=report-events], [data-testid=report-events] input").first().fill("1");
    await shot(page, "facility-report-375-form");
    await form.locator("[data-testid=report-submit]").click();
    const done = form.locator("[data-testid=report-done]");
    await done.waitFor();
    expect(await done.innerText()).toContain("闲置");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.waitForTimeout(600);
    await shot(page, "facility-report-375-done");
    await context.close();
  });
});
