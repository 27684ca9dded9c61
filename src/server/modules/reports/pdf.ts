import { existsSync } from "node:fs";
import PDFDocument from "pdfkit";
import { AppError } from "../../http/errors.js";
import { CJK_FONT } from "../cases/poster.js";
import type { ReportContent, Section } from "./content.js";

/** The monthly report as a PDF (A4, Noto Sans CJK as the case notices and posters use), with the charts. */
const MARGIN = 56;

function drawTable(doc: PDFKit.PDFDocument, t: NonNullable<Section["table"]>) {
  const width = doc.page.width - 2 * MARGIN;
  const first = width * 0.46;
  const rest = (width - first) / Math.max(1, t.header.length - 1);
  const widths = t.header.map((_, i) => (i === 0 ? first : rest));
  const row = (cells: (string | number)[], bold: boolean) => {
    if (doc.y > doc.page.height - MARGIN - 24) doc.addPage();
    const y = doc.y;
    let x = MARGIN;
    doc.fontSize(10).fillColor(bold ? "#000000" : "#222222");
    const height = Math.max(...cells.map((v, i) => doc.heightOfString(String(v), { width: widths[i]! - 8 }))) + 8;
    cells.forEach((v, i) => {
      doc.rect(x, y, widths[i]!, height).lineWidth(0.5).strokeColor("#888888").stroke();
      doc.text(String(v), x + 4, y + 4, { width: widths[i]! - 8, align: typeof v === "number" ? "right" : "left" });
      x += widths[i]!;
    });
    doc.x = MARGIN;
    doc.y = y + height;
  };
  row(t.header, true);
  for (const r of t.rows) row(r, false);
  doc.moveDown(0.6);
}

function drawImage(doc: PDFKit.PDFDocument, png: Buffer) {
  const width = doc.page.width - 2 * MARGIN;
  if (doc.y + width / 2 > doc.page.height - MARGIN) doc.addPage();
  doc.image(png, MARGIN, doc.y, { width });
  doc.y += width / 2 + 8;
  doc.x = MARGIN;
}

export function reportPdf(c: ReportContent): Promise<Buffer> {
  if (!existsSync(CJK_FONT)) throw new AppError("POSTER_FONT_MISSING");
  const doc = new PDFDocument({ size: "A4", margin: MARGIN, lang: c.lang, info: { Title: c.title, Producer: "减负通 Jianfu" } });
  doc.registerFont("cjk", CJK_FONT, "NotoSansCJKsc-Regular");
  const chunks: Buffer[] = [];
  doc.on("data", (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 2 * MARGIN;
  doc.font("cjk").fontSize(18).fillColor("#000000").text(c.title, { width, align: "center" });
  doc.moveDown(0.3).fontSize(9).fillColor("#555555").text(c.subtitle, { width, align: "center" });
  doc.moveDown(1);
  for (const s of c.sections) {
    if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
    doc.fontSize(14).fillColor("#000000").text(s.heading, MARGIN, doc.y, { width });
    doc.moveDown(0.3);
    for (const p of s.paragraphs) doc.fontSize(11).fillColor("#222222").text(p, MARGIN, doc.y, { width, indent: c.lang === "en" ? 0 : 22, lineGap: 4 }).moveDown(0.4);
    if (s.table) drawTable(doc, s.table);
    if (s.chart === "trend") drawImage(doc, c.charts.trend);
    if (s.chart === "monitoring" && c.charts.monitoring) drawImage(doc, c.charts.monitoring);
    doc.moveDown(0.5);
  }
  doc.end();
  return done;
}
