import { describe, expect, it } from "vitest";
import { pickLang } from "./i18n.js";

describe("pickLang", () => {
  it.each([
    [undefined, "zh-CN"],
    ["", "zh-CN"],
    ["en", "en"],
    ["EN-us", "en"],
    ["en-US,en;q=0.9,zh-CN;q=0.8", "en"],
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["fr-FR", "zh-CN"],
    ["fr-FR,fr;q=0.9", "zh-CN"],
    ["fr-FR,en;q=0.5", "en"],
    ["en;q=0.1, zh;q=0.9", "zh-CN"],
    ["zh;q=0.5, en;q=0.5", "zh-CN"],
    ["en;q=0.5, zh;q=0.5", "en"],
    ["*", "zh-CN"],
  ])("%j → %s", (header, lang) => {
    expect(pickLang(header)).toBe(lang);
  });
});
