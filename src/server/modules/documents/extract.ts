import mammoth from "mammoth";
import { AppError } from "../../http/errors.js";

/**
 * The text of an uploaded document: a .docx read with mammoth (the body text, no styles), or a .txt in
 * UTF-8 or, as many office machines still save it, GB18030 (GBK). Anything else is refused by content,
 * whatever its name or declared type.
 */

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

const isZip = (file: Buffer) => ZIP_MAGIC.every((b, i) => file[i] === b);
/** Bytes no text file has: NUL and most control characters other than tab, line feed and carriage return. */
const looksBinary = (file: Buffer) => file.subarray(0, 4096).some((b) => b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b));

export async function extractDocumentText(file: Buffer, kind: "docx" | "txt"): Promise<string> {
  if (file.length === 0) throw new AppError("DOCUMENT_TEXT_EMPTY");
  let text: string;
  if (kind === "docx") {
    if (!isZip(file)) throw new AppError("DOCUMENT_FILE_UNREADABLE", { kind: ".docx" });
    try {
      text = (await mammoth.extractRawText({ buffer: file })).value;
    } catch {
      throw new AppError("DOCUMENT_FILE_UNREADABLE", { kind: ".docx" });
    }
  } else {
    if (isZip(file) || looksBinary(file)) throw new AppError("DOCUMENT_FILE_UNREADABLE", { kind: ".txt" });
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(file);
    } catch {
      text = new TextDecoder("gb18030").decode(file);
    }
  }
  text = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").replace(/\n{3,}/g, "\n\n").trim();
  if (!text) throw new AppError("DOCUMENT_TEXT_EMPTY");
  return text;
}
