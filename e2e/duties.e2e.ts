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

  it("the county office edits 饶河镇's differences: removes a template item, adds its own, saves a new version", async () => {
    const { context, page } = await newPage(browser, baseURL);
    await logIn(page, "raohe_office");
    await page.locator("[data-testid=home-welcome]").waitFor({ timeout: 20_000 });
    await page.goto("/duties");
    await page.locator("[data-testid=duties-page] .ant-select").first().click();
    await page.keyboard.type("饶河镇");
    await page.locator(".ant-select-item-option", { hasText: "饶河镇" }).first().click();
    await page.locator("[data-testid=duties-edit-differences]").click();
    const dialog = page.locator("[data-testid=duty-differences]");
    await dialog.waitFor();
    const remove = dialog.locator("[data-testid^=diff-remove-]").first();
    await remove.waitFor({ timeout: 20_000 });
    const removedKey = (await remove.getAttribute("data-testid"))!.replace("diff-remove-", "");
    await remove.click();
    await dialog.locator(`[data-testid=diff-restore-${removedKey}]`).waitFor();
    await dialog.locator("[data-testid=diff-add]").click();
    await page.locator("[data-testid=duty-item-name]").fill("界江巡护协助");
    await page.locator("[data-testid=duty-item-ok]").click();
    await dialog.getByText("界江巡护协助").waitFor();
    await page.locator("[data-testid=diff-reason]").fill("饶办发〔2026〕9号：界江巡护纳入乡镇清单");
    await screenshot(page, "duties-differences");
    await page.locator("[data-testid=diff-save]").click();
    const basic = page.locator("[data-testid=duties-section-basic]");
    await basic.getByText("界江巡护协助").waitFor({ timeout: 20_000 });
    expect(await basic.getByText(new RegExp(`^${removedKey}( ·|$)`)).count()).toBe(0);
    await screenshot(page, "duties-differences-saved");
    await context.close();
  }, 180_000);
});
