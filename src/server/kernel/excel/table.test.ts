import { describe, expect, it } from "vitest";
import { optionalDateCell, type TableRow } from "./table.js";

const rowWith = (text: string | undefined) => {
  const problems: { id: string; zh: string; en: string }[] = [];
  const row: TableRow<"on"> = { sheet: "S", row: 3, cells: text === undefined ? {} : { on: text }, bad: false, problem: (id, zh, en) => problems.push({ id, zh, en }), place: () => "S!A3" };
  return { row, problems };
};

describe("optionalDateCell 可选日期单元格", () => {
  it("gives undefined for an empty cell and the date for a real day, naming no problem", () => {
    for (const [text, want] of [[undefined, undefined], ["2026-03-01", "2026-03-01"], ["2024-02-29", "2024-02-29"]] as const) {
      const { row, problems } = rowWith(text);
      expect(optionalDateCell(row, "on")).toBe(want);
      expect(problems).toEqual([]);
    }
  });

  it("refuses what is no calendar day, named for the column in zh-CN and en", () => {
    for (const text of ["去年三月", "2026/03/01", "2026-02-30", "2025-02-29", "2026-13-01", "2026-3-1"]) {
      const { row, problems } = rowWith(text);
      expect(optionalDateCell(row, "on"), text).toBeNull();
      expect(problems).toEqual([{ id: "on", zh: `“${text}”不是日期（应为 2026-03-01 的形式）`, en: `“${text}” is not a date (write 2026-03-01)` }]);
    }
  });
});
