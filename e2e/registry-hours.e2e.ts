import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, screenshot } from "./browser.js";
import { expectHome, logIn, newPage } from "./flows.js";

let browser: Browser;
const baseURL = inject("baseURL");
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

const text = async (page: Page, testId: string) => {
  const el = page.locator(`[data-testid=${testId}]`);
  await el.first().waitFor();
  return el.first().innerText();
};

describe("burden-hours on the registers 证明事项, 借调, 挂牌, 评比创建 (issue 6)", () => {
  it("the county office sees the hours per row, per unit and the sums, and the minutes they rest on among the thresholds", async () => {
    const { context, page } = await newPage(browser, baseURL);
    await logIn(page, "raohe_office");
    await expectHome(page, "王主任");

    // Demo: 2 proofs issued this year, 9 last year, half an hour each.
    await page.goto("/proofs");
    expect(await text(page, "proof-hours")).toContain("合计 1 小时（上年 4.5 小时，同比 -78%）");
    expect(await page.locator("[data-testid=proof-counts]").getByText("本年工时（小时）").count()).toBeGreaterThan(0);
    await screenshot(page, "registry-hours-proofs");

    await page.goto("/secondments");
    const list = page.locator("[data-testid=secondments-page]");
    await list.getByText("赵志刚").waitFor();
    expect(await list.getByText("占用工时").count()).toBeGreaterThan(0);
    const hours = page.locator("[data-testid=secondment-hours]");
    try {
      await hours.locator("tr.ant-table-row").first().waitFor();
      expect(await hours.innerText()).toContain("饶河村");
    } finally {
      await screenshot(page, "registry-hours-secondments");
    }

    // Demo: nine plaques still hung, four of them 乱挂牌, a working day a year each.
    await page.goto("/plaques");
    expect(await text(page, "plaque-hours-total")).toContain("每年维护约 72 小时，其中 4 块乱挂牌 32 小时");
    expect(await text(page, "plaque-hours")).toContain("每年维护约 8 小时");
    await screenshot(page, "registry-hours-plaques");

    await page.goto("/evaluations");
    const evaluation = await text(page, "evaluation-hours");
    expect(evaluation).toContain("饶河县农业农村局");
    expect(await page.locator("[data-testid=evaluations-page]").getByText("基层工时（小时/年）").count()).toBeGreaterThan(0);
    await screenshot(page, "registry-hours-evaluations");

    await page.goto("/gate");
    await page.locator("#registryMinutes-proofIssued").waitFor();
    expect(await page.locator("#registryMinutes-proofIssued").inputValue()).toBe("30");
    expect(await page.locator("#registryMinutes-plaqueYearly").inputValue()).toBe("480");
    expect(await page.locator("#registryMinutes-secondmentWorkingDay").inputValue()).toBe("480");
    await context.close();
  });
});
