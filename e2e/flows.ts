import { expect } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEMO_PASSWORD } from "./browser.js";

export async function newPage(browser: Browser, baseURL: string, options: { mobile?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    locale: "zh-CN",
    viewport: options.mobile ? { width: 390, height: 844 } : { width: 1366, height: 800 },
    isMobile: options.mobile ?? false,
    hasTouch: options.mobile ?? false,
  });
  return { context, page: await context.newPage() };
}

/** Logs in through the login form, as a person would, and waits for the home page. */
export async function logIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.fill("#username", username);
  await page.fill("#password", password);
  await page.click("button[type=submit]");
}

export async function expectHome(page: Page, displayName: string) {
  const welcome = page.locator("[data-testid=home-welcome]");
  await welcome.waitFor({ timeout: 20_000 });
  expect(await welcome.innerText()).toContain(displayName);
}

/** antd buttons with two Chinese characters get a space between them ("保 存"). */
export const label = (text: string) => new RegExp(text.split("").join("\\s*"));
