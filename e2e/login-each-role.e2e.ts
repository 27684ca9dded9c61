import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { DEMO_USERS } from "../src/server/modules/org/demo-seed.js";
import { launchChromium, screenshot } from "./browser.js";
import { expectHome, logIn, newPage } from "./flows.js";

let browser: Browser;
const baseURL = inject("baseURL");
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

/** One account per role of DESIGN.md §2. */
const ONE_PER_ROLE = ["admin", "raohe_office", "raohe_jiwei", "raohe_nyncj", "raohe_town", "raohe_village"];

describe("each demo role logs in and sees its home page", () => {
  it.each(ONE_PER_ROLE)("%s", async (username) => {
    const user = DEMO_USERS.find((u) => u.username === username)!;
    const { context, page } = await newPage(browser, baseURL, { mobile: user.role === "village_cadre" });
    await logIn(page, username);
    await expectHome(page, user.displayName);
    await screenshot(page, `home-${username}`);
    await context.close();
  });
});

describe("logging in", () => {
  it("shows a clear error for a wrong password and stays on the login page", async () => {
    const { context, page } = await newPage(browser, baseURL);
    await logIn(page, "raohe_town", "not-the-password");
    const error = page.locator("[data-testid=login-error]");
    await error.waitFor();
    expect(await error.innerText()).toContain("用户名或密码错误");
    expect(page.url()).toContain("/login");
    await screenshot(page, "login-wrong-password");
    await context.close();
  });

  it("switches to English and keeps the choice after login", async () => {
    const { context, page } = await newPage(browser, baseURL);
    await page.goto("/login");
    await page.click("[data-testid=lang-switch]");
    await page.getByText("Sign in", { exact: true }).first().waitFor();
    await logIn(page, "raohe_office");
    const welcome = page.locator("[data-testid=home-welcome]");
    await welcome.waitFor();
    expect(await welcome.innerText()).toMatch(/[A-Za-z]{4,}/);
    expect(await page.locator("body").innerText()).toContain("Burden-reduction office");
    await screenshot(page, "home-english");
    await context.close();
  });

  it("sends a visitor without a session to the login page", async () => {
    const { context, page } = await newPage(browser, baseURL);
    await page.goto("/users");
    await page.waitForURL(/\/login/);
    await context.close();
  });
});
