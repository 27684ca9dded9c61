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

describe("证明事项 on a phone", () => {
  it("a village cadre asked for a proof of kinship gets the refusal notice to hand back, and its Word file", async () => {
    const { context, page } = await newPage(browser, baseURL, { mobile: true });
    await logIn(page, "raohe_village");
    await expectHome(page, "吴书记");
    await page.goto("/proofs");
    await page.locator("[data-testid=proofs-page]").waitFor();
    await page.getByLabel("要求出具的证明").fill("亲属关系证明");
    await page.getByLabel("要求单位").fill("某银行饶河支行");
    await page.getByRole("button", { name: /判断并登记/ }).click();
    const refusal = page.locator("[data-testid=refusal-text]");
    await refusal.waitFor();
    const text = await refusal.innerText();
    expect(text).toContain("不予出具证明告知书");
    expect(text).toContain("户籍");
    const href = await page.getByRole("link", { name: /下载告知书/ }).getAttribute("href");
    const file = await context.request.get(href!);
    expect(file.status()).toBe(200);
    expect(file.headers()["content-type"]).toContain("wordprocessingml");
    await screenshot(page, "proofs-refusal-phone");
    await context.close();
  });
});
