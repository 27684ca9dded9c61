import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { APIRequestContext, Browser } from "playwright-core";
import type { OneTable } from "../src/contracts/forms.js";
import { DEMO_PASSWORD, launchChromium, screenshot } from "./browser.js";
import { expectHome, label, logIn } from "./flows.js";

/**
 * 村级一表 on a phone (375×667): a village cadre confirms a value the 统计局 already holds, is told
 * which value is wrong, keeps a draft across a reload (from the server, not only the phone), submits
 * with the reply lost on the way back, and submits again: one submission is recorded, not two.
 */
let browser: Browser;
const baseURL = inject("baseURL");
const VILLAGE = "230524100200"; // 饶河村
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

/** A signed-in API client of its own (another person on another machine). */
async function apiAs(username: string): Promise<{ request: APIRequestContext; csrf: string; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL });
  const res = await context.request.post("/api/auth/login", { data: { username, password: DEMO_PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  return { request: context.request, csrf: ((await res.json()) as { csrfToken: string }).csrfToken, close: () => context.close() };
}

const submissionsOfVillage = async (office: APIRequestContext): Promise<number> => {
  const res = await office.get("/api/forms/figures", { params: { from: "2000-01-01", to: "2100-12-31" } });
  expect(res.status(), await res.text()).toBe(200);
  const figures = (await res.json()) as { units: { code: string; submissions: number }[] };
  return figures.units.find((u) => u.code === VILLAGE)?.submissions ?? 0;
};

describe("村级一表 on a phone", () => {
  it("confirms a known value, shows a bad one, keeps the draft, and a lost reply's retry records one submission", async () => {
    const context = await browser.newContext({ baseURL, locale: "zh-CN", viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await logIn(page, "raohe_village");
    await expectHome(page, "吴书记");

    // The 统计局 already holds this year's 户籍人口 of the village (entered on the record, with a reason).
    const table = (await (await context.request.get(`/api/forms/one-table/${VILLAGE}`)).json()) as OneTable;
    const population = table.questions.find((q) => q.code === "RK001")!;
    const residents = table.questions.find((q) => q.code === "RK002")!;
    const households = table.questions.find((q) => q.code === "RK003")!;
    expect(population && residents && households).toBeTruthy();
    const tjj = await apiAs("raohe_tjj");
    const office = await apiAs("raohe_office");
    const entered = await tjj.request.put("/api/forms/data", {
      headers: { "x-csrf-token": tjj.csrf },
      data: { indicatorId: population.indicatorId, unitCode: VILLAGE, periodKey: population.periodKey, value: "1268", reason: "公安户籍年报数据" },
    });
    expect(entered.status(), await entered.text()).toBe(200);
    const before = await submissionsOfVillage(office.request);

    await page.goto("/forms/fill");
    await page.locator("[data-testid=one-table-page]").waitFor();
    const card = page.locator("[data-testid=question-RK001]");
    await expect.poll(() => card.innerText()).toContain("已有数据：1268");
    // Nothing on the page is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, "one-table-phone-open");

    // Confirm the known value: it becomes the answer.
    await card.getByRole("button", { name: label("数据无误，沿用") }).click();
    await expect.poll(() => page.locator("[data-testid=q-RK001]").inputValue()).toBe("1268");

    // A value that is no number is refused, naming the indicator; nothing is recorded.
    await page.locator("[data-testid=q-RK002]").fill("九百八十多");
    await page.locator("[data-testid=q-RK003]").fill("420");
    await page.locator("[data-testid=one-table-submit]").click();
    const errors = page.locator("[data-testid=one-table-errors]");
    await errors.waitFor();
    expect(await errors.innerText()).toContain("常住人口");
    // …and under the question itself, so a cadre scrolling a long form finds it.
    expect(await page.locator("[data-testid=q-RK002-error]").innerText()).toContain("九百八十多");
    await screenshot(page, "one-table-phone-error");
    expect(await submissionsOfVillage(office.request)).toBe(before);

    // Corrected and kept as a draft on the server: it survives a reload even with the phone's copy gone.
    await page.locator("[data-testid=q-RK002]").fill("980");
    await page.locator("[data-testid=one-table-draft]").click();
    await page.getByText(/草稿已保存/).waitFor();
    await page.evaluate((unit) => localStorage.removeItem(`jianfu.onetable.${unit}`), VILLAGE);
    await page.reload();
    await page.locator("[data-testid=one-table-page]").waitFor();
    await expect.poll(() => page.locator("[data-testid=q-RK002]").inputValue()).toBe("980");
    expect(await page.locator("[data-testid=q-RK003]").inputValue()).toBe("420");
    expect(await page.locator("[data-testid=q-RK001]").inputValue()).toBe("1268");

    // The submission reaches the server but its reply is lost on the way back.
    let attempts = 0;
    await page.route("**/api/forms/one-table/*/submit", async (route) => {
      attempts++;
      if (attempts > 1) return route.continue();
      const reached = await route.fetch();
      expect(reached.status()).toBe(201);
      await route.abort("connectionreset");
    });
    await page.locator("[data-testid=one-table-submit]").click();
    await page.getByText(/网络不稳定/).waitFor();
    expect(await submissionsOfVillage(office.request)).toBe(before + 1);

    // Submitted again with the same key: the server recognizes it and records nothing more.
    await page.locator("[data-testid=one-table-submit]").click();
    await page.getByText(/未重复记录/).waitFor();
    expect(attempts).toBe(2);
    expect(await submissionsOfVillage(office.request)).toBe(before + 1);
    await expect.poll(() => page.locator("[data-testid=question-RK002]").innerText()).toContain("已有数据：980");
    await screenshot(page, "one-table-phone-submitted");

    await Promise.all([tjj.close(), office.close(), context.close()]);
  });
});
