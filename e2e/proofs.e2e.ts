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

describe("村级可出具证明事项清单 kept by the office", () => {
  it("the office adds one proof through the form, told plainly what is missing or taken; withdraw shows only on its own entries", async () => {
    const { context, page } = await newPage(browser, baseURL);
    await logIn(page, "raohe_office");
    await expectHome(page, "王主任");
    await page.goto("/proofs");
    const list = page.locator("[data-testid=allowed-proofs]");
    await list.getByText("困难群众家庭情况证明").waitFor();
    const form = list.locator("[data-testid=allowed-proof-add]");

    // Nothing filled: both fields say what they need, and nothing is sent.
    await form.getByRole("button", { name: /列入清单/ }).click();
    await form.getByText("请填写编号").waitFor();
    await form.getByText("请填写证明事项名称").waitFor();
    await form.getByPlaceholder("编号").fill("RH-ZM-09");
    await form.getByPlaceholder("证明事项名称").fill("证");
    await form.getByText("证明事项名称须为 2 到 100 个字").waitFor();

    // A number the list already uses for another proof: the server's refusal stands under the number.
    await form.getByPlaceholder("编号").fill("RH-ZM-01");
    await form.getByPlaceholder("证明事项名称").fill("林地经营权流转情况证明");
    await form.getByRole("button", { name: /列入清单/ }).click();
    await form.getByText(/编号“RH-ZM-01”.*已用于“困难群众家庭情况证明”/).waitFor();

    await form.getByPlaceholder("编号").fill("RH-ZM-09");
    await form.getByRole("button", { name: /列入清单/ }).click();
    const added = list.locator("tr", { hasText: "林地经营权流转情况证明" });
    await added.waitFor();
    expect(await added.getByRole("button", { name: /撤出清单/ }).count()).toBe(1);
    // The province's entry is listed for the county too, without a withdraw it could not do.
    const province = list.locator("tr", { hasText: "农业机械购置补贴申领证明" });
    await province.getByText("黑龙江省").waitFor();
    expect(await province.getByRole("button").count()).toBe(0);
    await screenshot(page, "proofs-list-office");
    await context.close();
  });
});
