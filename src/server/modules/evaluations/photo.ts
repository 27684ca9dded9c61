import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { AppError } from "../../http/errors.js";
import { stripJpeg, stripPng } from "../cases/metadata.js";

export const MAX_PHOTO_MB = 5;
export const MAX_PHOTO_BYTES = MAX_PHOTO_MB * 1024 * 1024;

export type CleanPhoto = { contentType: string; size: number; sha256: string; data: Buffer };

/**
 * A photo taken on a phone: JPEG or PNG recognised by its content (what the sender declares is ignored),
 * at most 5 MB, with what the camera wrote about it (time, device, GPS) removed losslessly.
 */
export async function cleanPhoto(file: Buffer): Promise<CleanPhoto> {
  if (file.length > MAX_PHOTO_BYTES) throw new AppError("PHOTO_TOO_LARGE", { max: MAX_PHOTO_MB });
  const type = await fileTypeFromBuffer(file);
  if (!type || (type.mime !== "image/jpeg" && type.mime !== "image/png")) throw new AppError("PHOTO_TYPE");
  let data: Buffer;
  try {
    data = type.mime === "image/jpeg" ? stripJpeg(file) : stripPng(file);
  } catch {
    throw new AppError("PHOTO_TYPE");
  }
  return { contentType: type.mime, size: data.length, sha256: createHash("sha256").update(data).digest("hex"), data };
}
