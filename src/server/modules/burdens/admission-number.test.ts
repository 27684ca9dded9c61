import { describe, expect, it } from "vitest";
import { checkCharacter, formatAdmissionNumber, parseAdmissionNumber } from "./admission-number.js";

describe("admission numbers 准入编号", () => {
  it("uses the ISO 7064 MOD 11-2 check character of the resident identity number", () => {
    // The published example of GB 11643: 11010519491231002 → X
    expect(checkCharacter("11010519491231002")).toBe("X");
    expect(checkCharacter("44052418800101001")).toBe("4");
  });

  it("formats region, year, sequence and check character", () => {
    const n = formatAdmissionNumber("230524", 2026, 123);
    expect(n).toMatch(/^230524-2026-000123-[0-9X]$/);
    expect(parseAdmissionNumber(n)).toEqual({ regionCode: "230524", year: 2026, sequence: 123 });
  });

  it("accepts what a person types: lower-case x, spaces, full-width hyphens", () => {
    const n = formatAdmissionNumber("230524", 2026, 7);
    const typed = ` ${n.replaceAll("-", "－").toLowerCase()} `;
    expect(parseAdmissionNumber(typed)).toEqual({ regionCode: "230524", year: 2026, sequence: 7 });
  });

  it("rejects a mistyped digit or a wrong shape", () => {
    const n = formatAdmissionNumber("230524", 2026, 123);
    const wrongDigit = n.replace("000123", "000132");
    expect(parseAdmissionNumber(wrongDigit)).toBeNull();
    expect(parseAdmissionNumber("230524-2026-123")).toBeNull();
    expect(parseAdmissionNumber("")).toBeNull();
  });
});
