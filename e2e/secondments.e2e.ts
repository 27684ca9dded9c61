import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium, screenshot } from "./browser.js";
import { expectHome, logIn, newPage } from "./flows.js";

let browser: Browser;
const baseURL = inject("baseURL");
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

describe("借调登记", () => {
  it("the office sees the secondment taken without approval, overlong and overdue, and only flagged ones on request", async () => {
    const { context, page } = await newPage(browser, baseURL);
    await logIn(page, "raohe_office");
    await expectHome(page, "王主任");
    await page.goto("/secondments");
    const table = page.locator("[data-testid=secondments-page]");
    await table.getByText("赵志刚").waitFor();
    const row = table.locator("tr", { hasText: "赵志刚" });
    for (const flag of ["未经审批", "超过期限", "逾期未返回"]) expect(await row.getByText(flag).count()).toBe(1);
    await table.getByRole("switch").click();
    await table.getByText("王丽").waitFor({ state: "detached" });
    expect(await table.getByText("赵志刚").count()).toBe(1);
    await screenshot(page, "secondments-office");
    await context.close();
  });
});
