import ExcelJS from "exceljs";
import { Document, Packer, Paragraph } from "docx";
import mammoth from "mammoth";
import PDFDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { deflateSync } from "node:zlib";
import { MetadataError, stripOfficeFile, stripPdf } from "./metadata-office.js";

/** Real files as Word, Excel and a PDF writer leave them, each naming who made it. */
const AUTHOR = "吴书记";
const AUTHOR_ASCII = "Wu Shuji";

async function docxWithAuthor(): Promise<Buffer> {
  const doc = new Document({ creator: AUTHOR, lastModifiedBy: AUTHOR, title: "打卡通知", sections: [{ children: [new Paragraph("每天晚上九点前在群里打卡。")] }] });
  return Packer.toBuffer(doc);
}

async function xlsxWithAuthor(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = AUTHOR;
  wb.lastModifiedBy = AUTHOR;
  wb.company = "饶河县某局";
  wb.manager = AUTHOR;
  wb.addWorksheet("打卡").addRow(["村", "打卡次数"]);
  wb.getWorksheet("打卡")!.addRow(["东安村", 31]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function pdfWithAuthor(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ info: { Author: AUTHOR_ASCII, Creator: "WPS Office", Producer: "Kingsoft PDF", Title: "notice" }, compress: false });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.text("Check-ins every evening.");
    doc.end();
  });
}

/** Every object the cross-reference table points at is still where it says. */
function xrefHolds(pdf: Buffer): boolean {
  const text = pdf.toString("latin1");
  const start = Number(/startxref\s+(\d+)/.exec(text)?.[1]);
  const table = text.slice(start);
  const rows = [...table.matchAll(/(\d{10}) (\d{5}) n/g)].map((m) => Number(m[1]));
  return rows.length > 0 && rows.every((offset) => /^\d+ \d+ obj/.test(text.slice(offset, offset + 20)));
}

const zipText = async (file: Buffer, part: string) => {
  const JSZip = (await import("jszip")).default;
  return (await JSZip.loadAsync(file)).file(part)?.async("string");
};

describe("office files and PDFs lose who made them", () => {
  it("empties a Word document's properties and keeps its text", async () => {
    const original = await docxWithAuthor();
    expect(await zipText(original, "docProps/core.xml")).toContain(AUTHOR);
    const stripped = await stripOfficeFile(original);
    expect(await zipText(stripped, "docProps/core.xml")).not.toContain(AUTHOR);
    expect(stripped.includes(Buffer.from(AUTHOR))).toBe(false);
    expect((await mammoth.extractRawText({ buffer: stripped })).value).toContain("每天晚上九点前在群里打卡");
  });

  it("empties an Excel workbook's properties (creator, last modified by, company, manager) and keeps its cells", async () => {
    const original = await xlsxWithAuthor();
    expect(await zipText(original, "docProps/core.xml")).toContain(AUTHOR);
    expect(await zipText(original, "docProps/app.xml")).toContain("饶河县某局");
    const stripped = await stripOfficeFile(original);
    for (const part of ["docProps/core.xml", "docProps/app.xml"]) {
      const xml = (await zipText(stripped, part)) ?? "";
      expect(xml).not.toContain(AUTHOR);
      expect(xml).not.toContain("饶河县某局");
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(stripped as unknown as ArrayBuffer);
    expect(wb.creator ?? "").toBe("");
    expect(wb.getWorksheet("打卡")!.getRow(2).values).toEqual([undefined, "东安村", 31]);
  });

  it("blanks a PDF's information dictionary in place, so every offset still holds", async () => {
    const original = await pdfWithAuthor();
    expect(original.includes(Buffer.from(AUTHOR_ASCII))).toBe(true);
    expect(xrefHolds(original)).toBe(true);
    const stripped = stripPdf(original);
    expect(stripped.length).toBe(original.length);
    for (const s of [AUTHOR_ASCII, "WPS Office", "Kingsoft PDF", "PDFKit"]) expect(stripped.includes(Buffer.from(s)), s).toBe(false);
    expect(xrefHolds(stripped)).toBe(true);
    // Only the values changed: every byte that differs became a space or the closing parenthesis.
    const changed = [...stripped].filter((b, i) => b !== original[i]);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((b) => b === 0x20 || b === 0x29)).toBe(true);
  });

  it("replaces an XMP packet naming the author, in clear or compressed", () => {
    const xmp = `<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description><dc:creator><rdf:Seq><rdf:li>${AUTHOR_ASCII}</rdf:li></rdf:Seq></dc:creator><xmp:CreatorTool>WPS</xmp:CreatorTool></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
    const packed = deflateSync(Buffer.from(xmp));
    const head = "%PDF-1.7\n";
    const clear = `1 0 obj\n<< /Type /Metadata /Subtype /XML /Length ${xmp.length} >>\nstream\n${xmp}\nendstream\nendobj\n`;
    const pdf = Buffer.concat([
      Buffer.from(head + clear + `2 0 obj\n<< /Type /Metadata /Subtype /XML /Filter /FlateDecode /Length ${packed.length} >>\nstream\n`, "latin1"),
      packed,
      Buffer.from("\nendstream\nendobj\ntrailer\n<< /Info << /Author (Wu \\(Shuji\\)) >> >>\n%%EOF\n", "latin1"),
    ]);
    const stripped = stripPdf(pdf);
    expect(stripped.length).toBe(pdf.length);
    expect(stripped.includes(Buffer.from(AUTHOR_ASCII))).toBe(false);
    expect(stripped.includes(Buffer.from("Shuji"))).toBe(false);
    expect(stripped.includes(Buffer.from("x:xmpmeta"))).toBe(true);
    expect(stripped.toString("latin1")).toContain("endstream\nendobj\ntrailer");
  });

  it("refuses what is not the file it claims to be", async () => {
    await expect(stripOfficeFile(Buffer.from("PK\x03\x04 not really a zip"))).rejects.toBeInstanceOf(MetadataError);
    expect(() => stripPdf(Buffer.from("GIF89a"))).toThrow(MetadataError);
  });
});
