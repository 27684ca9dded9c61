import { once } from "node:events";
import type { Readable } from "node:stream";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import type { Ask } from "../collect/open-forms.js";
import type { FieldRow } from "../forms.js";
import type { ValuedBatch, Values } from "./export-data.js";
import { filledWorkbook } from "./export-form.js";
import { readFormWorkbook } from "./read-form.js";

/**
 * The export written as XML rows into the ExcelJS-written layout, read back by ExcelJS: a department's
 * table of three sheets (merged two-row header, a unit row, widths, a frozen pane, landscape page; a
 * second data sheet; a sheet of notes without data) keeps every header cell, merge and width, and its
 * data cells are the values (numbers, text with & < > and Chinese, dates, empties) in the columns' styles.
 */

const border: Partial<ExcelJS.Borders> = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };
const FARMING = "种植结构";
const STOCK = "养殖业";
const NOTES = "填表说明";

async function departmentTable(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(FARMING, { views: [{ state: "frozen", xSplit: 3, ySplit: 5 }], pageSetup: { orientation: "landscape", paperSize: 9 } });
  ws.getCell("A1").value = "2026年各村种植结构统计表";
  ws.getCell("A1").font = { bold: true, size: 16, name: "宋体" };
  ws.getCell("A1").alignment = { horizontal: "center" };
  ws.mergeCells("A1:G1");
  ws.getCell("A2").value = "填报单位：（盖章）";
  ws.mergeCells("A2:G2");
  const header: [string, string, string | null][] = [
    ["A3", "序号", "A3:A4"],
    ["B3", "乡镇", "B3:B4"],
    ["C3", "村名", "C3:C4"],
    ["D3", "人口情况", "D3:E3"],
    ["D4", "户籍人口", null],
    ["E4", "耕地面积", null],
    ["F3", "换届日期", "F3:F4"],
    ["G3", "主要作物", "G3:G4"],
  ];
  for (const [at, text, merge] of header) {
    ws.getCell(at).value = text;
    if (merge) ws.mergeCells(merge);
  }
  for (let c = 1; c <= 7; c++) {
    for (const r of [3, 4, 5]) ws.getCell(r, c).style = { font: { bold: r < 5 }, border, fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } }, alignment: { horizontal: "center", vertical: "middle", wrapText: true } };
  }
  ["", "", "", "人", "亩", "", ""].forEach((u, i) => (ws.getCell(5, i + 1).value = u || null));
  // The sample row: each data column's own style.
  ws.getRow(6).values = [1, "样例镇", "样例村", 100, 12.5, new Date(Date.UTC(2024, 0, 1)), "水稻"];
  for (let c = 1; c <= 7; c++) ws.getCell(6, c).style = { border, font: { name: "宋体", size: 11 } };
  ws.getCell("E6").numFmt = "0.00";
  ws.getCell("F6").numFmt = "yyyy年m月d日";
  [6, 12, 16, 12, 14, 16, 24].forEach((width, i) => (ws.getColumn(i + 1).width = width));
  ws.getRow(3).height = 24;

  const stock = wb.addWorksheet(STOCK);
  stock.getCell("A1").value = "单位：头、万元";
  stock.mergeCells("A1:D1");
  stock.getRow(2).values = ["村名", "生猪存栏", "牛存栏", "养殖收入（万元）"];
  stock.getRow(3).values = ["样例村", 1, 2, 3];
  for (let c = 1; c <= 4; c++) stock.getCell(3, c).border = border;
  [14, 10, 10, 18].forEach((width, i) => (stock.getColumn(i + 1).width = width));

  const notes = wb.addWorksheet(NOTES);
  notes.getCell("A1").value = "一、本表由各村填报，乡镇汇总。";
  notes.getCell("A2").value = "二、面积保留两位小数。";
  notes.mergeCells("A2:C2");
  notes.getColumn(1).width = 40;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type Village = { code: string; name: string; township: string; values: Values };
const TYPES: Record<string, string> = { 户籍人口: "integer", 耕地面积: "number", 换届日期: "date", 主要作物: "text", 生猪存栏: "integer", 牛存栏: "integer", 养殖收入: "number" };

async function setUp(file: Buffer) {
  const reading = await readFormWorkbook(file);
  expect(reading.issues).toEqual([]);
  const fields = reading.columns.map((c, position) => ({ ...c, position, indicatorId: c.role === "indicator" ? `i${position}` : null }) as unknown as FieldRow);
  const asks = fields
    .filter((f) => f.role === "indicator")
    .map((field) => ({ field, indicator: { id: field.indicatorId, type: TYPES[(field as unknown as { name: string }).name] }, periodKey: "2026" }) as unknown as Ask);
  return { reading, fields, asks };
}

/** The villages as the export's batches, `size` to a batch; `fail` throws after that many batches. */
function batchesOf(villages: Village[], size: number, fail?: number): () => AsyncGenerator<ValuedBatch> {
  return async function* () {
    for (let start = 0, n = 0; start < villages.length; start += size, n++) {
      if (n === fail) throw new Error("数据库连接中断");
      const part = villages.slice(start, start + size);
      yield {
        rows: part.map((v) => ({ village: { code: v.code, name: v.name } as never, township: v.township })),
        values: new Map(part.map((v) => [v.code, v.values])),
      };
    }
  };
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const load = async (file: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ExcelJS.Buffer);
  return wb;
};

// asks in column order: 户籍人口, 耕地面积, 换届日期, 主要作物 (种植结构), then 生猪存栏, 牛存栏, 养殖收入 (养殖业).
const TRICKY = 'A&B <合作社> "联营" 中文\u0001\u000b结尾';
const villages: Village[] = [
  { code: "230524100201", name: "饶河村委会", township: "饶河镇", values: ["1260", "15300.25", "2025-11-03", TRICKY, "320", "0", "-12.5"] },
  { code: "230524100202", name: "小佳河村委会", township: "饶河镇", values: [] },
  { code: "230524101201", name: "西丰村委会", township: "西丰镇", values: ["0", undefined, undefined, "  两端空格  ", "123456789012", undefined, "0.1"] },
];

describe("a department's table filled with XML rows", () => {
  it("keeps every header cell, merge, width, view and page of every sheet, and writes the data cells as values in the columns' styles", async () => {
    const file = await departmentTable();
    const { reading, fields, asks } = await setUp(file);
    const out = await bytesOf(await filledWorkbook(file, reading.sheets, fields, asks, batchesOf(villages, 2)));
    await JSZip.loadAsync(out, { checkCRC32: true }); // every entry's checksum and sizes are right
    const [template, back] = [await load(file), await load(out)];
    expect(back.worksheets.map((w) => w.name)).toEqual([FARMING, STOCK, NOTES]);

    for (const [name, headerRows] of [[FARMING, 5], [STOCK, 2], [NOTES, 2]] as const) {
      const [from, to] = [template.getWorksheet(name)!, back.getWorksheet(name)!];
      for (let r = 1; r <= headerRows; r++) {
        for (let c = 1; c <= from.columnCount; c++) {
          const [a, b] = [from.getCell(r, c), to.getCell(r, c)];
          expect([b.address, b.value, b.style]).toEqual([a.address, a.value, a.style]);
        }
        expect(to.getRow(r).height).toBe(from.getRow(r).height);
      }
      expect(to.columns.map((c) => c.width)).toEqual(from.columns.map((c) => c.width));
      expect((to.model as { merges: string[] }).merges.sort()).toEqual((from.model as { merges: string[] }).merges.sort());
    }
    const farming = back.getWorksheet(FARMING)!;
    expect(farming.views[0]).toMatchObject({ state: "frozen", xSplit: 3, ySplit: 5 });
    expect(farming.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9 });
    expect(back.getWorksheet(NOTES)!.getCell("A2").value).toBe("二、面积保留两位小数。");

    const rowsOf = (ws: ExcelJS.Worksheet, first: number, width: number) =>
      Array.from({ length: ws.rowCount - first + 1 }, (_, i) => Array.from({ length: width }, (_, c) => ws.getCell(first + i, c + 1).value));
    expect(rowsOf(farming, 6, 7)).toEqual([
      [1, "饶河镇", "饶河村委会", 1260, 15300.25, new Date(Date.UTC(2025, 10, 3)), 'A&B <合作社> "联营" 中文结尾'],
      [2, "饶河镇", "小佳河村委会", null, null, null, null],
      [3, "西丰镇", "西丰村委会", 0, null, null, "  两端空格  "],
    ]);
    expect(rowsOf(back.getWorksheet(STOCK)!, 3, 4)).toEqual([
      ["饶河村委会", 320, 0, -12.5],
      ["小佳河村委会", null, null, null],
      ["西丰村委会", 123456789012, null, 0.1],
    ]);
    // Every data cell, empty or not, has its column's style from the sample row; dates a date format.
    const sample = template.getWorksheet(FARMING)!.getRow(6);
    for (let r = 6; r <= 8; r++) {
      for (let c = 1; c <= 7; c++) expect(farming.getCell(r, c).style, `${r},${c}`).toEqual(sample.getCell(c).style);
    }
    expect(back.getWorksheet(STOCK)!.getCell("D4").border).toEqual(border);
  });

  it("writes a date column the department left without a date format as yyyy-mm-dd, and grows past its first buffer", async () => {
    const file = await departmentTable();
    const template = await load(file);
    template.getWorksheet(FARMING)!.getCell("F6").numFmt = "General";
    const plain = Buffer.from(await template.xlsx.writeBuffer());
    const { reading, fields, asks } = await setUp(plain);
    const long = "长".repeat(2000);
    const many = Array.from({ length: 600 }, (_, i) => ({ code: String(230524100000 + i), name: `第${i + 1}村`, township: "饶河镇", values: ["1", "2", "2026-01-31", long] }));
    const back = await load(await bytesOf(await filledWorkbook(plain, reading.sheets, fields, asks, batchesOf(many, 600))));
    const ws = back.getWorksheet(FARMING)!;
    expect(ws.rowCount).toBe(5 + 600);
    expect([ws.getCell("A605").value, ws.getCell("F605").value, ws.getCell("F605").numFmt, ws.getCell("G605").value]).toEqual([600, new Date(Date.UTC(2026, 0, 31)), "yyyy-mm-dd", long]);
  });
});

describe("the export as a stream", () => {
  it("breaks the download when reading data fails in mid-stream, never ends it as a short file", async () => {
    const file = await departmentTable();
    const { reading, fields, asks } = await setUp(file);
    const stream = await filledWorkbook(file, reading.sheets, fields, asks, batchesOf(villages, 1, 2));
    let received = 0;
    let ended = false;
    stream.on("end", () => (ended = true));
    const read = (async () => {
      for await (const c of stream) received += (c as Buffer).length;
    })();
    await expect(read).rejects.toThrow("数据库连接中断");
    expect(received).toBeGreaterThan(0);
    expect(ended).toBe(false);
    expect(stream.destroyed).toBe(true);
  });

  it("reads the data only as fast as the file is read", async () => {
    const file = await departmentTable();
    const { reading, fields, asks } = await setUp(file);
    let pulled = 0;
    const many = Array.from({ length: 40_000 }, (_, i) => ({ code: String(230524100000 + i), name: `第${i + 1}村`, township: "饶河镇", values: [String((i * 7919) % 100_003), String((i * 104_729) % 65_537), "2026-01-31", `作物${(i * 31) % 997}`] }));
    const counted = async function* () {
      for await (const b of batchesOf(many, 1000)()) {
        pulled++;
        yield b;
      }
    };
    const stream = await filledWorkbook(file, reading.sheets, fields, asks, counted);
    stream.once("readable", () => undefined);
    await once(stream, "readable");
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Nobody reads: a few batches are in flight, not the 40 of the first sheet.
    expect(pulled).toBeGreaterThan(0);
    expect(pulled).toBeLessThan(10);
    stream.destroy();
  });
});
