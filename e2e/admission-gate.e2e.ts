import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { launchChromium, screenshot } from "./browser.js";
import { expectHome, logIn, newPage } from "./flows.js";

let browser: Browser;
const baseURL = inject("baseURL");
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

const inDays = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

async function pick(page: Page, select: Locator, text: string) {
  await select.click();
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: text }).first().click();
}

/** Shared across the steps: the story of one statistical table from drafting to the village's inbox. */
const story: { detailUrl?: string; admissionNumber?: string } = {};

describe("a burden passes the admission gate, from the department to the village", () => {
  it("a department drafts a table and sees the gate's findings while writing, then submits it", async () => {
    const { context, page } = await newPage(browser, baseURL);
    await logIn(page, "raohe_tjj");
    await expectHome(page, "刘干事");
    await page.goto("/burdens/new");
    const form = page.locator("[data-testid=burden-form]");
    await form.waitFor();
    await pick(page, form.locator(".ant-form-item").filter({ hasText: "事项类型" }).locator(".ant-select"), "报表");
    await pick(page, page.locator("[data-testid=target-level]").locator("xpath=ancestor-or-self::*[contains(@class,'ant-select')][1]"), "所有村");
    await page.fill("[data-testid=burden-title]", "关于报送各村农村经济基本情况统计表的通知");
    await page.fill("[data-testid=burden-text]", "请各村填报农村经济基本情况统计表，并拍照留痕，附签到表和工作台账。");
    const deadline = page.locator("#deadline");
    await deadline.click();
    await deadline.fill(inDays(3));
    await deadline.press("Enter");
    await page.fill("#minutesPerTarget", "120");
    const outcome = page.locator("[data-testid=burden-outcome]");
    await outcome.waitFor({ timeout: 20_000 });
    const findings = page.locator("[data-testid=burden-findings]");
    await findings.locator("[data-code=SHORT_DEADLINE]").first().waitFor({ timeout: 20_000 });
    expect(await findings.locator("[data-code=TRACE_REQUIREMENT]").count()).toBeGreaterThan(0);
    await screenshot(page, "gate-live-findings");

    await page.click("[data-testid=burden-save]");
    await page.waitForURL(/\/burdens\/[0-9a-f-]+\/edit/);
    await page.locator("[data-testid=burden-outcome]").waitFor({ timeout: 20_000 });
    await page.click("[data-testid=burden-submit]");
    const result = page.locator("[data-testid=submit-result]");
    await result.waitFor();
    expect(await result.getAttribute("data-status")).toBe("in_review");
    await page.click("[data-testid=result-view]");
    await page.locator("[data-testid=burden-detail]").waitFor();
    story.detailUrl = new URL(page.url()).pathname;
    await context.close();
  });

  it("the burden-reduction office admits it from the review queue with a written reason", async () => {
    expect(story.detailUrl).toBeTruthy();
    const { context, page } = await newPage(browser, baseURL);
    await logIn(page, "raohe_office");
    await expectHome(page, "王主任");
    await page.goto(story.detailUrl!);
    await page.locator("[data-testid=burden-detail]").waitFor();
    await page.click("[data-testid=decide-open]");
    await page.locator("[data-testid=decide-decision] label", { hasText: "准予准入" }).click();
    await page.fill("[data-testid=decide-reason]", "年度统计必需，准予准入；请与同类报表合并。");
    await page.click("[data-testid=decide-submit]");
    const number = page.locator("[data-testid=admission-number]").first();
    await number.waitFor({ timeout: 20_000 });
    story.admissionNumber = (await number.innerText()).match(/\d{6}-\d{4}-\d{6}-[0-9X]/)?.[0];
    expect(story.admissionNumber).toBeTruthy();
    await screenshot(page, "gate-admitted");
    await context.close();
  });

  it("a village cadre on a phone finds it in his inbox and verifies its number", async () => {
    expect(story.admissionNumber).toBeTruthy();
    const { context, page } = await newPage(browser, baseURL, { mobile: true });
    await logIn(page, "raohe_village");
    await expectHome(page, "吴书记");
    await page.goto("/inbox");
    const list = page.locator("[data-testid=inbox-list]");
    await list.waitFor();
    await list.locator("[data-testid=inbox-item]", { hasText: "农村经济基本情况统计表" }).first().waitFor();
    await page.fill("[data-testid=verify-input] input", story.admissionNumber!);
    await page.press("[data-testid=verify-input] input", "Enter");
    const verified = page.locator("[data-testid=verify-result]");
    await verified.waitFor();
    expect(await verified.getAttribute("data-state")).toBe("valid");
    await screenshot(page, "gate-village-inbox");
    await context.close();
  });

  it("anyone can check the number on the public page without logging in", async () => {
    const { context, page } = await newPage(browser, baseURL, { mobile: true });
    await page.goto(`/verify/${story.admissionNumber}`);
    const result = page.locator("[data-testid=verify-result]");
    await result.waitFor();
    expect(await result.getAttribute("data-state")).toBe("valid");
    expect(await result.innerText()).toContain("饶河县统计局");
    await page.goto("/verify/230524-2026-999999-0");
    await page.locator("[data-testid=verify-result]").waitFor();
    expect(["unknown", "invalid"]).toContain(await page.locator("[data-testid=verify-result]").getAttribute("data-state"));
    await screenshot(page, "gate-public-verify");
    await context.close();
  });
});
