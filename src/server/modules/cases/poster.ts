import { existsSync } from "node:fs";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { AppError } from "../../http/errors.js";
import type { ScopeUnit } from "../../kernel/actor.js";

/** Debian's fonts-noto-cjk; a poster without a CJK font would print empty boxes, so none is made then. */
export const CJK_FONT = process.env.JIANFU_CJK_FONT ?? "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
const FONT_NAME = "NotoSansCJKsc-Regular";
const RED = "#b71c1c";

/** Draws the QR matrix as filled squares: vector, sharp at any print size. */
function drawQr(doc: PDFKit.PDFDocument, url: string, x: number, y: number, size: number) {
  const qr = QRCode.create(url, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const cell = size / n;
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) if (qr.modules.get(row, col)) doc.rect(x + col * cell, y + row * cell, cell + 0.2, cell + 0.2);
  }
  doc.fill("#000000");
}

/**
 * An A4 poster for a village, township or county: scan to report formalism to the office above, past
 * the unit itself. The QR code points at /report/<code>, where the unit is already chosen.
 */
export function posterPdf(unit: ScopeUnit, origin: string): Promise<Buffer> {
  if (!existsSync(CJK_FONT)) throw new AppError("POSTER_FONT_MISSING");
  const url = `${origin}/report/${unit.code}`;
  const doc = new PDFDocument({ size: "A4", margin: 56, info: { Title: `${unit.name} 反映形式主义问题二维码`, Producer: "减负通 Jianfu" } });
  doc.registerFont("cjk", CJK_FONT, FONT_NAME);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 112;
  doc.rect(0, 0, doc.page.width, 14).fill(RED);
  doc.font("cjk").fillColor(RED).fontSize(30).text("整治形式主义 为基层减负", 56, 70, { width, align: "center" });
  doc.fillColor("#000000").fontSize(22).text(`${unit.name} · 问题反映二维码`, { width, align: "center" });
  drawQr(doc, url, (doc.page.width - 300) / 2, 190, 300);
  doc.fontSize(16).text("微信或手机浏览器扫码，无需登录", 56, 510, { width, align: "center" });
  doc.fontSize(10).fillColor("#555555").text(url, { width, align: "center" });
  doc.moveDown(1.2).fillColor("#000000").fontSize(13);
  for (const line of [
    "· 反映直达上级减负办或纪委监委，被反映单位及其下属单位看不到您的反映。",
    "· 可以匿名；提交后获得16位回执码，凭回执码查询办理进度、与办理机关沟通。",
    "· 不记录您的IP地址和提交时间；请勿在内容中填写个人身份信息。",
    "· 本渠道不受理涉法涉诉、违法犯罪举报和个人信访诉求。",
  ]) {
    doc.text(line, 76, undefined, { width: width - 40 });
    doc.moveDown(0.3);
  }
  doc.rect(0, doc.page.height - 14, doc.page.width, 14).fill(RED);
  doc.end();
  return done;
}
