import { AlignmentType, BorderStyle, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import type { ReportContent, Section } from "./content.js";

/** The monthly report as an editable Word document: title, sections, tables and the chart images. */
type Font = { ascii: string; eastAsia: string; hAnsi: string };
// Chinese text in 宋体/黑体; in the English report the Latin text in Calibri, unit names still in 宋体/黑体.
const FONTS: Record<ReportContent["lang"], { body: Font; heading: Font }> = {
  "zh-CN": { body: { ascii: "SimSun", eastAsia: "宋体", hAnsi: "SimSun" }, heading: { ascii: "SimHei", eastAsia: "黑体", hAnsi: "SimHei" } },
  en: { body: { ascii: "Calibri", eastAsia: "宋体", hAnsi: "Calibri" }, heading: { ascii: "Calibri", eastAsia: "黑体", hAnsi: "Calibri" } },
};
const line = { style: BorderStyle.SINGLE, size: 4, color: "888888" };

const text = (t: string, font: Font, options: { bold?: boolean; size?: number } = {}) => new TextRun({ text: t, font, size: options.size ?? 24, bold: options.bold });

function table(t: NonNullable<Section["table"]>, font: Font): Table {
  const cell = (v: string | number, bold = false) =>
    new TableCell({ children: [new Paragraph({ alignment: typeof v === "number" ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [text(String(v), font, { bold, size: 21 })] })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    rows: [new TableRow({ tableHeader: true, children: t.header.map((x) => cell(x, true)) }), ...t.rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) }))],
  });
}

const image = (png: Buffer) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: "png", data: png, transformation: { width: 600, height: 300 } })] });

export function reportDocx(c: ReportContent): Promise<Buffer> {
  const { body: font, heading } = FONTS[c.lang];
  // Chinese paragraphs indent two characters; English ones do not.
  const indent = c.lang === "en" ? undefined : { firstLine: 480 };
  const body = c.sections.flatMap((s) => [
    new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [text(s.heading, heading, { bold: true, size: 30 })] }),
    ...s.paragraphs.map((p) => new Paragraph({ spacing: { line: 420 }, indent, children: [text(p, font)] })),
    ...(s.table ? [table(s.table, font), new Paragraph({ children: [] })] : []),
    ...(s.chart === "trend" ? [image(c.charts.trend)] : []),
    ...(s.chart === "monitoring" && c.charts.monitoring ? [image(c.charts.monitoring)] : []),
  ]);
  const doc = new Document({
    creator: "减负通 Jianfu",
    title: c.title,
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [text(c.title, heading, { bold: true, size: 36 })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [text(c.subtitle, font, { size: 21 })] }),
          ...body,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
