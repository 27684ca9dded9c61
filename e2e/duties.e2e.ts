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

describe("duty lists 履职事项清单", () => {
  it("a township official reads his township's list in three parts and can download it as Excel", async () => {
    const { context, page } = await newPage(browser, baseURL);
    await logIn(page, "raohe_town");
    await expectHome(page, "孙镇长");
    await page.goto("/duties");
    await page.locator("[data-testid=duties-page]").waitFor();
    const basic = page.locator("[data-testid=duties-section-basic]");
    await basic.waitFor();
    await basic.getByText("《中华人民共和国", { exact: false }).first().waitFor({ timeout: 20_000 });
    for (const part of ["cooperative", "returned"]) expect(await page.locator(`[data-testid=duties-section-${part}]`).count()).toBe(1);
    expect(await page.locator("[data-testid=duties-import]").count()).toBe(0);
    const href = await page.locator("[data-testid=duties-export]").getAttribute("href");
    expect(href).toContain("export.xlsx");
    const download = await context.request.get(href!);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toContain("spreadsheetml");
    await screenshot(page, "duties-township");
    await context.close();
  });
});
