import { AlignmentType, BorderStyle, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import type { ReportContent, Section } from "./content.js";

/** The monthly report as an editable Word document: title, sections, tables and the chart images. */
const FONT = { ascii: "SimSun", eastAsia: "宋体", hAnsi: "SimSun" };
const HEADING_FONT = { ascii: "SimHei", eastAsia: "黑体", hAnsi: "SimHei" };
const line = { style: BorderStyle.SINGLE, size: 4, color: "888888" };

const text = (t: string, options: { bold?: boolean; size?: number; font?: typeof FONT } = {}) => new TextRun({ text: t, font: options.font ?? FONT, size: options.size ?? 24, bold: options.bold });

function table(t: NonNullable<Section["table"]>): Table {
  const cell = (v: string | number, bold = false) =>
    new TableCell({ children: [new Paragraph({ alignment: typeof v === "number" ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [text(String(v), { bold, size: 21 })] })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    rows: [new TableRow({ tableHeader: true, children: t.header.map((x) => cell(x, true)) }), ...t.rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) }))],
  });
}

const image = (png: Buffer) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: "png", data: png, transformation: { width: 600, height: 300 } })] });

export function reportDocx(c: ReportContent): Promise<Buffer> {
  const body = c.sections.flatMap((s) => [
    new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [text(s.heading, { bold: true, size: 30, font: HEADING_FONT })] }),
    ...s.paragraphs.map((p) => new Paragraph({ spacing: { line: 420 }, indent: { firstLine: 480 }, children: [text(p)] })),
    ...(s.table ? [table(s.table), new Paragraph({ children: [] })] : []),
    ...(s.chart === "trend" ? [image(c.charts.trend)] : []),
    ...(s.chart === "monitoring" && c.charts.monitoring ? [image(c.charts.monitoring)] : []),
  ]);
  const doc = new Document({
    creator: "减负通 Jianfu",
    title: c.title,
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [text(c.title, { bold: true, size: 36, font: HEADING_FONT })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [text(c.subtitle, { size: 21 })] }),
          ...body,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
