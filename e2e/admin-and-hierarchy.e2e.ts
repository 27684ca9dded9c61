import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium, screenshot } from "./browser.js";
import { expectHome, label, logIn, newPage } from "./flows.js";

let browser: Browser;
const baseURL = inject("baseURL");
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

describe("an office official browses the hierarchy", () => {
  it("finds a township by name and opens its detail", async () => {
    const { context, page } = await newPage(browser, baseURL);
    await logIn(page, "raohe_office");
    await expectHome(page, "王主任");
    await page.goto("/units");
    const search = page.locator("[data-testid=unit-search] input");
    await search.fill("小佳河");
    await search.press("Enter");
    await page.locator(".jf-results button").filter({ hasText: "小佳河镇" }).first().click();
    const detail = page.locator("[data-testid=unit-detail]");
    await detail.waitFor();
    expect(await detail.innerText()).toContain("230524101000");
    await screenshot(page, "units-search-detail");
    await context.close();
  });

  it("finds a village by its 12-digit code", async () => {
    const { context, page } = await newPage(browser, baseURL);
    await logIn(page, "raohe_office");
    await expectHome(page, "王主任");
    await page.goto("/units");
    const search = page.locator("[data-testid=unit-search] input");
    await search.fill("230524100200");
    await search.press("Enter");
    await page.locator(".jf-results").getByText("饶河村委会").waitFor();
    await context.close();
  });
});

describe("an administrator manages accounts", () => {
  it("creates a village cadre, disables him, and the cadre can no longer log in", async () => {
    const username = `e2e_${Date.now().toString(36)}`;
    const { context, page } = await newPage(browser, baseURL);
    await logIn(page, "raohe_admin");
    await expectHome(page, "饶河县系统管理员");
    await page.goto("/users");
    await page.click("[data-testid=user-create]");
    const modal = page.locator(".ant-modal").filter({ hasText: "新建用户" });
    await modal.locator("#username").fill(username);
    await modal.locator("#displayName").fill("端到端测试村干部");
    await modal.locator("#role").click();
    await page.locator(".ant-select-item-option").filter({ hasText: "村(社区)干部" }).click();
    await modal.locator("#scopeCode").click();
    await modal.locator("#scopeCode").fill("佳平村");
    await page.locator(".ant-select-item-option").filter({ hasText: "佳平村委会" }).first().click();
    await modal.locator("#password").fill("Initial2026pw");
    await modal.getByRole("button", { name: label("保存") }).click();
    const row = page.locator(".ant-table-row").filter({ hasText: username });
    await row.waitFor();
    await screenshot(page, "users-created");

    await row.getByRole("button", { name: label("停用") }).click();
    await page.locator(".ant-popconfirm").getByRole("button", { name: label("确定") }).click();
    await row.getByRole("button", { name: label("启用") }).waitFor();

    const other = await newPage(browser, baseURL);
    await logIn(other.page, username, "Initial2026pw");
    const error = other.page.locator("[data-testid=login-error]");
    await error.waitFor();
    expect(await error.innerText()).toContain("停用");
    await other.context.close();
    await context.close();
  });

  it("verifies the audit log's hash chain from the audit page", async () => {
    const { context, page } = await newPage(browser, baseURL);
    await logIn(page, "admin");
    await expectHome(page, "系统管理员");
    await page.goto("/audit");
    await page.click("[data-testid=audit-verify]");
    const result = page.locator("[data-testid=audit-verify-result]");
    await result.waitFor();
    expect(await result.innerText()).toMatch(/完整|intact/);
    await screenshot(page, "audit-verified");
    await context.close();
  });
});
