import { describe, expect, it } from "vitest";
import type { DutyItem, DutyList } from "../../../contracts/duties.js";
import { differenceRows, differencesInput, differencesOf } from "./differences.js";

const item = (key: string, name: string, source: DutyItem["source"] = "template", part: DutyItem["part"] = "basic"): DutyItem => ({
  key,
  part,
  name,
  legalBasis: null,
  leadDepartment: part === "cooperative" ? "县农业农村局" : null,
  note: null,
  powerKey: null,
  source,
});
const list = (kind: DutyList["kind"], items: DutyItem[]): DutyList => ({
  unit: { code: kind === "template" ? "230524" : "230524100000", name: "x", level: kind === "template" ? "county" : "township", parentCode: null },
  on: "2026-12-07",
  kind,
  template: null,
  differences: null,
  counts: { basic: 0, cooperative: 0, returned: 0 },
  items,
} as unknown as DutyList);

const template = list("template", [item("B001", "党建引领"), item("B002", "林长制巡林护林"), item("C001", "耕地保护", "template", "cooperative")]);
// The township removed B002, changed C001 and added one of its own.
const township = list("township", [item("B001", "党建引领"), { ...item("C001", "耕地保护与撂荒地整治", "changed", "cooperative") }, item("TB001", "赫哲族民族文化保护传承", "township")]);

describe("a township's differences read back from its list and the template", () => {
  const d = differencesOf(township, template);

  it("finds what was removed, changed and added", () => {
    expect([...d.removed]).toEqual(["B002"]);
    expect([...d.changed.keys()]).toEqual(["C001"]);
    expect(d.added.map((a) => a.key)).toEqual(["TB001"]);
  });

  it("shows the township's own items, then every template item with its state", () => {
    expect(differenceRows(template, d).map((r) => [r.item.rowId, r.state])).toEqual([
      ["TB001", "added"],
      ["B001", "kept"],
      ["B002", "removed"],
      ["C001", "changed"],
    ]);
  });

  it("sends the whole set back unchanged when nothing was edited, and a new item without a key", () => {
    d.added.push({ rowId: "new-1", part: "returned", name: "新增的收回事项", legalBasis: null, leadDepartment: null, note: null, powerKey: null });
    const body = differencesInput(d, "饶办发〔2026〕3号", "2027-01-01");
    expect(body.remove).toEqual(["B002"]);
    expect(body.change).toEqual([expect.objectContaining({ key: "C001", name: "耕地保护与撂荒地整治" })]);
    expect(body.add.map((a) => a.key)).toEqual(["TB001", undefined]);
    expect(body.add.every((a) => !("rowId" in a))).toBe(true);
  });
});
