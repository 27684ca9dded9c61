import { deflateSync, inflateSync } from "node:zlib";
import JSZip from "jszip";

/**
 * Who wrote an office file or a PDF, removed before storage as EXIF is from pictures (metadata.ts): a
 * reporter's evidence must not carry his name, his colleague's, his unit's or his computer's.
 *
 * Word and Excel (.docx, .xlsx: zip packages): the document properties (docProps/core.xml: creator,
 * last modified by, title, subject, keywords, dates; app.xml: company, manager; custom.xml) are emptied,
 * and the names on comments and tracked changes blanked. The parts stay in place, so the package still opens.
 *
 * PDF: the values of the document information dictionary (Author, Creator, Producer, Subject, Keywords,
 * dates; Title is kept, bookmarks share its key) are blanked where they are, byte for byte, so every offset of the cross-reference
 * table still holds; an XMP metadata stream is replaced by an empty packet of the same length; compressed
 * streams that carry either (object streams, compressed XMP) are rewritten the same way, or the file is refused.
 */

const CORE_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
  'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
  'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>';
const CUSTOM_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ' +
  'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>';

/** Elements of docProps/app.xml that name a person or an organisation. */
const APP_PERSONAL = /<(Company|Manager|HyperlinkBase)>[\s\S]*?<\/\1>|<(Company|Manager|HyperlinkBase)\s*\/>/g;

export class MetadataError extends Error {}

function scrubPart(name: string, xml: string): string | null {
  if (name === "docProps/core.xml") return CORE_XML;
  if (name === "docProps/custom.xml") return CUSTOM_XML;
  if (name === "docProps/app.xml") return xml.replace(APP_PERSONAL, "");
  // Names on comments, tracked changes and threaded comments (Word w:author/w:initials, Excel <author>, persons).
  if (/^(word|xl)\/.*\.xml$/.test(name)) {
    return xml
      .replace(/\b(w:author|w:initials|w15:userId|displayName|userId)="[^"]*"/g, '$1=""')
      .replace(/<author>[^<]*<\/author>/g, "<author></author>");
  }
  return null;
}

/** A .docx or .xlsx with its properties and the names in it emptied. */
export async function stripOfficeFile(input: Buffer): Promise<Buffer> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(input);
  } catch {
    throw new MetadataError("not a zip package");
  }
  for (const file of Object.values(zip.files)) {
    if (file.dir) continue;
    if (!/^(docProps\/(core|app|custom)\.xml|(word|xl)\/.*\.xml)$/.test(file.name)) continue;
    const xml = await file.async("string");
    const scrubbed = scrubPart(file.name, xml);
    if (scrubbed !== null && scrubbed !== xml) zip.file(file.name, scrubbed);
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

/** Keys of the document information dictionary whose values say who or what made the file, and when. */
// Title is left: outline entries (bookmarks) use the same key for their text.
const INFO_KEYS = "Author|Creator|Producer|Subject|Keywords|Company|SourceModified|CreationDate|ModDate";
const INFO_VALUE = new RegExp(`/(?:${INFO_KEYS})\\s*(?=[(<])`, "g");

/** The end (exclusive) of the PDF string starting at `start` ("(" literal with nesting and escapes, or "<" hex). */
function stringEnd(text: string, start: number): number {
  if (text[start] === "<") {
    const end = text.indexOf(">", start);
    return end < 0 ? -1 : end + 1;
  }
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i + 1;
  }
  return -1;
}

const INFO_REFERENCE = new RegExp(`/(?:${INFO_KEYS})\\s+(\\d+)\\s+(\\d+)\\s+R`, "g");

/** Where the values given by reference ("/Author 12 0 R") are: just after "12 0 obj". */
function referencedValues(text: string): number[] {
  const starts: number[] = [];
  for (const [, num, gen] of text.matchAll(INFO_REFERENCE)) {
    const obj = new RegExp(`(?:^|[\\s>])${num}\\s+${gen}\\s+obj\\s*`, "g").exec(text);
    if (obj) starts.push(obj.index + obj[0].length);
  }
  return starts;
}

/** Blanks the value of every information key: "(…)" becomes "()" followed by spaces, of the same length. */
function blankInfoValues(text: string): string {
  let out = "";
  let last = 0;
  const starts = [...[...text.matchAll(INFO_VALUE)].map((m) => m.index + m[0].length), ...referencedValues(text)].sort((a, b) => a - b);
  for (const start of starts) {
    if (start < last) continue;
    if ((text[start] !== "(" && text[start] !== "<") || (text[start] === "<" && text[start + 1] === "<")) continue;
    const end = stringEnd(text, start);
    if (end < 0) continue;
    const empty = text[start] === "<" ? "<>" : "()";
    out += text.slice(last, start) + empty + " ".repeat(end - start - 2);
    last = end;
  }
  return last === 0 ? text : out + text.slice(last);
}

const XMP_PERSONAL = /<(dc:creator|xmp:CreatorTool|pdf:Producer|pdf:Author|photoshop:AuthorsPosition|xmpMM:History|dc:title|dc:rights|xmp:CreateDate|xmp:ModifyDate)\b/;
const EMPTY_XMP = '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"/><?xpacket end="w"?>';

/** The same bytes with `replacement` in place, padded to the original length (spaces in clear, zeros after deflate). */
function sameLength(original: number, replacement: Buffer, pad: number): Buffer | null {
  if (replacement.length > original) return null;
  return Buffer.concat([replacement, Buffer.alloc(original - replacement.length, pad)]);
}

/** Rewrites a stream's data if it carries metadata; null when it need not change. */
function scrubStream(dict: string, data: Buffer): Buffer | null {
  const flate = /\/FlateDecode/.test(dict);
  if (/\/Filter/.test(dict) && !flate) return null;
  let plain: Buffer;
  try {
    plain = flate ? inflateSync(data) : data;
  } catch {
    return null;
  }
  const text = plain.toString("latin1");
  const isXmp = /\/Type\s*\/Metadata/.test(dict) || text.includes("<x:xmpmeta");
  const scrubbed = isXmp ? (XMP_PERSONAL.test(text) ? EMPTY_XMP : text) : /\/Type\s*\/ObjStm/.test(dict) ? blankInfoValues(text) : text;
  if (scrubbed === text) return null;
  const bytes = Buffer.from(scrubbed, "latin1");
  const result = flate ? sameLength(data.length, deflateSync(bytes, { level: 9 }), 0) : sameLength(data.length, bytes, 0x20);
  if (!result) throw new MetadataError("a metadata stream could not be rewritten in place");
  return result;
}

/** A PDF with its information dictionary and XMP metadata blanked, every object at its offset. */
export function stripPdf(input: Buffer): Buffer {
  const text = input.toString("latin1");
  if (!text.startsWith("%PDF-")) throw new MetadataError("not a PDF");
  const out = Buffer.from(blankInfoValues(text), "latin1");
  // Streams: "<<…>> stream\r?\n" … "endstream", their length taken from where endstream begins.
  const streamStart = /stream\r?\n/g;
  for (const m of text.matchAll(streamStart)) {
    const dictEnd = text.lastIndexOf(">>", m.index);
    const dictStart = text.lastIndexOf("obj", m.index);
    if (dictEnd < 0 || dictStart < 0 || dictEnd < dictStart) continue;
    const begin = m.index + m[0].length;
    const finish = text.indexOf("endstream", begin);
    if (finish < 0) break;
    let end = finish;
    while (end > begin && (text[end - 1] === "\n" || text[end - 1] === "\r")) end--;
    const scrubbed = scrubStream(text.slice(dictStart, dictEnd + 2), input.subarray(begin, end));
    if (scrubbed) scrubbed.copy(out, begin);
  }
  return out;
}
