import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { Browser, Download } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, screenshot } from "./browser.js";
import { expectHome, logIn, newPage } from "./flows.js";

let browser: Browser;
const baseURL = inject("baseURL");
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

describe("burden index 负担指数", () => {
  it("the county office sees the load fall against last year, downloads a chart and its data, and opens a township", async () => {
    const { context, page } = await newPage(browser, baseURL);
    await logIn(page, "raohe_office");
    await expectHome(page, "减负办");
    await page.getByRole("menuitem", { name: /负担指数/ }).click();
    await page.waitForURL("**/dashboard");
    await page.getByText("负担指数 · 饶河县").waitFor({ timeout: 20_000 });
    for (const chart of ["trend", "kinds", "issuers", "children", "findings"]) await page.locator(`[data-testid=chart-${chart}] canvas`).first().waitFor();
    // The demo ledger: this year lighter than last, so the change year on year is negative.
    expect(await page.locator("[data-testid=yoy] .ant-statistic-content").innerText()).toMatch(/^-\d/);
    await page.waitForTimeout(1200); // let the charts' entry animation finish before the picture
    await screenshot(page, "dashboard-county");

    // The toolbox's "save as image" sits at the chart's top right corner.
    const trend = page.locator("[data-testid=echart-trend]");
    const trendBox = (await trend.boundingBox())!;
    await trend.hover({ position: { x: trendBox.width - 35, y: 32 } });
    // ECharts saves through a link with target=_blank: the download may arrive on a new page.
    const pngDownload = new Promise<Download>((resolve) => {
      page.once("download", resolve);
      context.once("page", (popup) => popup.once("download", resolve));
    });
    await trend.click({ position: { x: trendBox.width - 35, y: 32 } });
    const png = await pngDownload;
    expect(png.suggestedFilename()).toMatch(/^trend-230524-.*\.png$/);

    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=chart-issuers]").getByRole("button", { name: /Excel/ }).click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await xlsx.path())!) as unknown as ExcelJS.Buffer);
    expect(String(wb.worksheets[0]!.getCell(1, 1).value)).toContain("向饶河县下达负担最多的单位");

    // The heaviest township of the month, first beside the treemap, opens its own index.
    const first = page.locator("[data-testid=children-links] button").first();
    const township = (await first.innerText()).replace(/\s/g, "");
    await first.click();
    await page.getByText(`负担指数 · ${township}`).waitFor({ timeout: 20_000 });
    await page.getByRole("button", { name: /返回上级/ }).waitFor();
    await page.waitForTimeout(1200);
    await screenshot(page, "dashboard-township");
    await context.close();
  });
});
