import { existsSync } from "node:fs";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { SATISFACTION_QUESTIONS } from "../../../contracts/satisfaction.js";
import { AppError } from "../../http/errors.js";
import { CJK_FONT } from "../cases/poster.js";
import type { Unit } from "../org/units.js";

const GREEN = "#1b5e20";

/** An A4 poster for a unit's satisfaction survey 群众满意度调查: the QR code points at /survey/<code>. */
export function surveyPosterPdf(unit: Unit, origin: string): Promise<Buffer> {
  if (!existsSync(CJK_FONT)) throw new AppError("POSTER_FONT_MISSING");
  const url = `${origin}/survey/${unit.code}`;
  const doc = new PDFDocument({ size: "A4", margin: 56, info: { Title: `${unit.name} 群众满意度调查二维码`, Producer: "减负通 Jianfu" } });
  doc.registerFont("cjk", CJK_FONT, "NotoSansCJKsc-Regular");
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 112;
  doc.rect(0, 0, doc.page.width, 14).fill(GREEN);
  doc.font("cjk").fillColor(GREEN).fontSize(28).text("基层减负 群众评议", 56, 70, { width, align: "center" });
  doc.fillColor("#000000").fontSize(20).text(`${unit.name} · 满意度调查`, { width, align: "center" });
  // The QR matrix as filled squares: vector, sharp at any print size.
  const qr = QRCode.create(url, { errorCorrectionLevel: "M" });
  const size = 280;
  const cell = size / qr.modules.size;
  const x0 = (doc.page.width - size) / 2;
  for (let row = 0; row < qr.modules.size; row++) for (let col = 0; col < qr.modules.size; col++) if (qr.modules.get(row, col)) doc.rect(x0 + col * cell, 180 + row * cell, cell + 0.2, cell + 0.2);
  doc.fill("#000000");
  doc.fontSize(15).text("手机扫码，一分钟打分，无需登录", 56, 480, { width, align: "center" });
  doc.fontSize(10).fillColor("#555555").text(url, { width, align: "center" });
  doc.moveDown(1).fillColor("#000000").fontSize(12).text("请您就以下几方面打分（1分很不满意，5分很满意）：", 76, undefined, { width: width - 40 });
  for (const q of SATISFACTION_QUESTIONS) doc.moveDown(0.2).text(`· ${q.zh}`, 86, undefined, { width: width - 50 });
  doc.moveDown(0.8).fontSize(11).fillColor("#555555").text("不记录您的IP地址、设备和填写时间；请勿在意见中填写个人身份信息。", 76, undefined, { width: width - 40 });
  doc.rect(0, doc.page.height - 14, doc.page.width, 14).fill(GREEN);
  doc.end();
  return done;
}
