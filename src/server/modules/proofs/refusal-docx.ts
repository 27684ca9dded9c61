import { AlignmentType, Document, Packer, Paragraph, TextRun } from "docx";

/**
 * The refusal 不予出具告知书 as a Word file in the shape of an official notice: title in 小标宋 size 2
 * (22 pt), body in 仿宋 size 3 (16 pt) with two-character indents, the village and the date on the right.
 */
const BODY = { font: "仿宋_GB2312", size: 32 } as const;

export async function refusalDocx(text: string): Promise<Buffer> {
  const [title = "", addressee = "", ...rest] = text.split("\n");
  const date = rest.pop() ?? "";
  const village = rest.pop() ?? "";
  const doc = new Document({
    sections: [
      {
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [new TextRun({ text: title, font: "方正小标宋简体", size: 44 })] }),
          new Paragraph({ spacing: { line: 560 }, children: [new TextRun({ text: addressee, ...BODY })] }),
          ...rest.map((line) => new Paragraph({ spacing: { line: 560 }, children: [new TextRun({ text: line, ...BODY })] })),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 600, line: 560 }, children: [new TextRun({ text: village, ...BODY })] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { line: 560 }, children: [new TextRun({ text: date, ...BODY })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
