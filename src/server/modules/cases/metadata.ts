import { crc32 } from "node:zlib";

/**
 * Lossless removal of what a camera or phone writes about the picture (time, device, GPS): the pixels
 * are untouched. JPEG keeps only the segments a decoder needs; PNG drops its text, time and EXIF chunks.
 */
const JPEG_KEEP_APP = new Set([0xe0, 0xee]); // APP0 (JFIF) and APP14 (Adobe colour transform)

export function stripJpeg(input: Buffer): Buffer {
  const parts: Buffer[] = [input.subarray(0, 2)];
  let i = 2;
  while (i + 4 <= input.length) {
    if (input[i] !== 0xff) throw new Error("malformed JPEG");
    const marker = input[i + 1]!;
    // Start of scan: the entropy-coded image and everything after it are kept as they are.
    if (marker === 0xda) {
      parts.push(input.subarray(i));
      return Buffer.concat(parts);
    }
    const length = input.readUInt16BE(i + 2);
    const end = i + 2 + length;
    if (length < 2 || end > input.length) throw new Error("malformed JPEG");
    const isApp = marker >= 0xe0 && marker <= 0xef;
    // APP1 (EXIF, XMP with GPS), APP2..APP13, APP15 and comments (COM) go; the rest is image data.
    if (!(isApp && !JPEG_KEEP_APP.has(marker)) && marker !== 0xfe) parts.push(input.subarray(i, end));
    i = end;
  }
  throw new Error("malformed JPEG");
}

const PNG_DROP = new Set(["eXIf", "tEXt", "iTXt", "zTXt", "tIME"]);

export function stripPng(input: Buffer): Buffer {
  const parts: Buffer[] = [input.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= input.length) {
    const length = input.readUInt32BE(i);
    const type = input.toString("latin1", i + 4, i + 8);
    const end = i + 12 + length;
    if (end > input.length) throw new Error("malformed PNG");
    if (!PNG_DROP.has(type)) parts.push(input.subarray(i, end));
    i = end;
    if (type === "IEND") return Buffer.concat(parts);
  }
  throw new Error("malformed PNG");
}

/** A PNG chunk with its CRC, for tests that build a picture. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}
