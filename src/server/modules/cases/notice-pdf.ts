import { existsSync } from "node:fs";
import PDFDocument from "pdfkit";
import type { Notice } from "../../../contracts/cases.js";
import { AppError } from "../../http/errors.js";

/** 仿宋 and 小标宋 are not in Debian; Noto Serif CJK stands in for both (fonts-noto-cjk). */
export const SERIF_FONT = process.env.JIANFU_CJK_SERIF_FONT ?? "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";
const RED = "#d40000";
const MM = 72 / 25.4;
// GB/T 9704-2012: A4, text area 156 mm × 225 mm, top margin 37 mm, left 28 mm; 3号 (16 pt) body, 22 lines of 28 characters.
const LEFT = 28 * MM;
const TOP = 37 * MM;
const WIDTH = 156 * MM;
const BODY_PT = 16;
const LINE_PITCH = (225 * MM) / 22;
const CHAR_SPACING = (WIDTH - 28 * BODY_PT) / 28;

const CN_NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"];

function pageNumbers(doc: PDFKit.PDFDocument) {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const n = i + 1;
    // Odd pages number on the right, even on the left, as "— 1 —" in 4号 (14 pt), below the text area.
    doc.page.margins.bottom = 0;
    doc.fontSize(14).fillColor("#000000").text(`— ${n} —`, LEFT, doc.page.height - 20 * MM, { width: WIDTH, align: n % 2 ? "right" : "left", lineBreak: false });
  }
}

/** The notice as an official document: red issuing-body mark, document number, red rule, title, body, page numbers. */
export function noticePdf(notice: Notice, categoryName: (c: Notice["items"][number]["category"]) => string): Promise<Buffer> {
  if (!existsSync(SERIF_FONT)) throw new AppError("POSTER_FONT_MISSING");
  const doc = new PDFDocument({ size: "A4", margins: { top: TOP, left: LEFT, right: LEFT, bottom: 35 * MM }, bufferPages: true, info: { Title: notice.title, Author: notice.issuer } });
  doc.registerFont("serif", SERIF_FONT, "NotoSerifCJKsc-Regular");
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));

  doc.font("serif").fillColor(RED).fontSize(notice.issuer.length > 14 ? 22 : 32).text(`${notice.issuer}文件`, LEFT, TOP, { width: WIDTH, align: "center" });
  doc.moveDown(0.8).fillColor("#000000").fontSize(BODY_PT).text(notice.number ?? "（未编号）", { width: WIDTH, align: "center" });
  const ruleY = doc.y + 4 * MM;
  doc.moveTo(LEFT, ruleY).lineTo(LEFT + WIDTH, ruleY).lineWidth(1.5).strokeColor(RED).stroke();
  doc.y = ruleY + 12 * MM;
  doc.fontSize(22).fillColor("#000000").text(notice.title, LEFT, doc.y, { width: WIDTH, align: "center" });
  doc.moveDown(1);
  doc.fontSize(BODY_PT);
  // 22 lines to the text area: the gap tops the font's own line height up to the pitch.
  const lineGap = LINE_PITCH - doc.currentLineHeight();
  const body = (text: string) => doc.fontSize(BODY_PT).text(text, LEFT, doc.y, { width: WIDTH, lineGap, characterSpacing: CHAR_SPACING, indent: 2 * BODY_PT });
  body(`为深入整治形式主义为基层减负，现将${notice.items.length}起典型问题通报如下。`);
  notice.items.forEach((item, i) => {
    body(`${CN_NUMBERS[i] ?? String(i + 1)}、${item.unitName}${categoryName(item.category)}问题。${item.problem}${item.handling}`);
    if (item.lesson) body(item.lesson);
  });
  body("各地各部门要引以为戒，举一反三，坚决防止形式主义问题反弹回潮。");
  doc.moveDown(2);
  doc.text(notice.issuer, LEFT, doc.y, { width: WIDTH - 4 * BODY_PT, align: "right" });
  doc.text(notice.publishedOn ?? "", { width: WIDTH - 4 * BODY_PT, align: "right" });
  pageNumbers(doc);
  doc.end();
  return done;
}
