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

describe("documents 文件登记", () => {
  it("a bureau registers a notice that copies the provincial measure and sees the copied passages side by side", async () => {
    const { context, page } = await newPage(browser, baseURL);
    await logIn(page, "raohe_mzj");
    await expectHome(page, "陈干事");
    await page.goto("/documents");
    // The demo register: the agriculture bureau's notice is flagged as a copy of the provincial measure.
    await page.getByText("关于进一步精简文件会议的通知").first().waitFor();
    expect(await page.getByText("照搬上级文件").count()).toBeGreaterThan(0);
    await screenshot(page, "documents-list");

    await page.getByRole("button", { name: /登记文件/ }).click();
    const dialog = page.locator(".ant-modal");
    await dialog.getByLabel("文号").fill("饶民发〔2026〕7号");
    await dialog.getByLabel("标题").fill("关于贯彻精简文件会议措施的通知");
    const provincial = await context.request.get("/api/documents?issuer=230000");
    const measure = ((await provincial.json()) as { items: { id: string; title: string }[] }).items[0]!;
    const detail = (await (await context.request.get(`/api/documents/${measure.id}`)).json()) as { text: string };
    await dialog.getByLabel("正文").fill(`各乡镇：\n${detail.text}\n请认真贯彻执行。`);
    await dialog.getByRole("button", { name: /保\s*存/ }).click();
    const sideBySide = page.locator("[data-testid=side-by-side]");
    await sideBySide.waitFor({ timeout: 20_000 });
    expect(await sideBySide.locator("mark").count()).toBeGreaterThan(1);
    expect(await page.getByText("照搬上级文件").count()).toBeGreaterThan(0);
    await screenshot(page, "documents-side-by-side");
    await context.close();
  });
});
