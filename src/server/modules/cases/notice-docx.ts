import { AlignmentType, BorderStyle, convertMillimetersToTwip, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun } from "docx";
import type { Notice } from "../../../contracts/cases.js";

/**
 * The notice as an editable official document of GB/T 9704-2012: A4; margins top 37 mm, bottom 35 mm,
 * left 28 mm, right 26 mm; body in 3号仿宋 (16 pt) at a fixed 28.95 pt pitch (22 lines of 28 characters);
 * the issuing-body mark in red 小标宋 over a red rule; 〔year〕 document number; "— 1 —" page numbers in
 * 4号 (14 pt), odd pages on the right and even pages on the left.
 */
const FANGSONG = { ascii: "FangSong_GB2312", eastAsia: "仿宋_GB2312", hAnsi: "FangSong_GB2312" };
const XIAOBIAOSONG = { ascii: "FZXiaoBiaoSong-B05S", eastAsia: "方正小标宋简体", hAnsi: "FZXiaoBiaoSong-B05S" };
const RED = "FF0000";
const BODY = 32; // half-points: 3号 = 16 pt
const PITCH = { line: 579, lineRule: LineRuleType.EXACT }; // 28.95 pt in twips
const CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"];

const body = (text: string, options: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new Paragraph({
    alignment: options.align ?? AlignmentType.JUSTIFIED,
    spacing: PITCH,
    indent: options.indent === false ? undefined : { firstLine: 640 },
    children: [new TextRun({ text, font: FANGSONG, size: BODY })],
  });

const pageNumber = (align: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
  new Footer({
    children: [new Paragraph({ alignment: align, children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], font: { ascii: "SimSun", eastAsia: "宋体" }, size: 28 })] })],
  });

export function noticeDocx(notice: Notice, categoryName: (c: Notice["items"][number]["category"]) => string): Promise<Buffer> {
  const items = notice.items.flatMap((item, i) => [
    body(`${CN[i] ?? String(i + 1)}、${item.unitName}${categoryName(item.category)}问题。${item.problem}${item.handling}`),
    ...(item.lesson ? [body(item.lesson)] : []),
  ]);
  const doc = new Document({
    evenAndOddHeaderAndFooters: true,
    creator: notice.issuer,
    title: notice.title,
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: { top: convertMillimetersToTwip(37), bottom: convertMillimetersToTwip(35), left: convertMillimetersToTwip(28), right: convertMillimetersToTwip(26) },
          },
        },
        footers: { default: pageNumber(AlignmentType.RIGHT), even: pageNumber(AlignmentType.LEFT) },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: `${notice.issuer}文件`, font: XIAOBIAOSONG, size: notice.issuer.length > 14 ? 44 : 72, color: RED })] }),
          new Paragraph({ text: "", spacing: PITCH }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: PITCH,
            border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 8 } },
            children: [new TextRun({ text: notice.number ?? "", font: FANGSONG, size: BODY })],
          }),
          new Paragraph({ text: "", spacing: PITCH }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT }, children: [new TextRun({ text: notice.title, font: XIAOBIAOSONG, size: 44 })] }),
          new Paragraph({ text: "", spacing: PITCH }),
          body(`为深入整治形式主义为基层减负，现将${notice.items.length}起典型问题通报如下。`),
          ...items,
          body("各地各部门要引以为戒，举一反三，坚决防止形式主义问题反弹回潮。"),
          new Paragraph({ text: "", spacing: PITCH }),
          body(notice.issuer, { indent: false, align: AlignmentType.RIGHT }),
          body(notice.publishedOn ?? "", { indent: false, align: AlignmentType.RIGHT }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
