import { createHash } from "node:crypto";
import { and, asc, count, eq } from "drizzle-orm";
import { fileTypeFromBuffer } from "file-type";
import type { Db } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import { authorize, type Actor } from "../../kernel/actor.js";
import { chinaToday } from "../../kernel/dates.js";
import { recordAudit } from "../audit/audit.js";
import type { CaseRow } from "./follow.js";
import { stripJpeg, stripPng } from "./metadata.js";
import { MetadataError, stripOfficeFile, stripPdf } from "./metadata-office.js";
import { casePolicy } from "./policy.js";
import { caseEvidence } from "./schema.js";

export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
export const MAX_EVIDENCE_FILES = 10;

/** Images, PDF, Word and Excel, recognised by their content; what the sender declares is ignored. */
const ALLOWED: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
};

export type EvidenceMeta = { id: string; contentType: string; extension: string; size: number; on: string };

async function cleaned(file: Buffer): Promise<{ mime: string; ext: string; data: Buffer }> {
  const type = await fileTypeFromBuffer(file);
  const ext = type ? ALLOWED[type.mime] : undefined;
  if (!type || !ext) throw new AppError("EVIDENCE_TYPE");
  try {
    if (type.mime === "image/jpeg") return { mime: type.mime, ext, data: stripJpeg(file) };
    if (type.mime === "image/png") return { mime: type.mime, ext, data: stripPng(file) };
    if (type.mime === "application/pdf") return { mime: type.mime, ext, data: stripPdf(file) };
    // Word and Excel: the properties (author, last modified by, company) and the names on comments go.
    const data = await stripOfficeFile(file);
    const again = await fileTypeFromBuffer(data);
    if (again?.mime !== type.mime) throw new MetadataError("the package changed type");
    return { mime: type.mime, ext, data };
  } catch {
    throw new AppError("EVIDENCE_TYPE");
  }
}

/** A file the reporter adds to his case (by receipt): checked, stripped, stored in the case's transaction with its audit entry. */
export async function addEvidence(db: Db, row: CaseRow, file: Buffer): Promise<EvidenceMeta> {
  const { mime, ext, data } = await cleaned(file);
  const today = chinaToday();
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(caseEvidence).where(eq(caseEvidence.caseId, row.id));
    if ((existing?.n ?? 0) >= MAX_EVIDENCE_FILES) throw new AppError("EVIDENCE_TOO_MANY", { max: MAX_EVIDENCE_FILES });
    const sha256 = createHash("sha256").update(data).digest("hex");
    const [saved] = await tx.insert(caseEvidence).values({ caseId: row.id, contentType: mime, extension: ext, size: data.length, sha256, data, on: today }).returning({ id: caseEvidence.id });
    // Like the reporter's messages, the entry names the handling region, not the case: the log must not date him.
    await recordAudit(tx, { actor: null, action: "case.evidence_added", entityType: "case_intake", entityId: row.handlerRegionPath.split(".").at(-1) ?? "", scopePath: row.handlerRegionPath, detail: { on: today } });
    return { id: saved!.id, contentType: mime, extension: ext, size: data.length, on: today };
  });
}

export async function evidenceOf(db: Db, caseId: string): Promise<EvidenceMeta[]> {
  return db
    .select({ id: caseEvidence.id, contentType: caseEvidence.contentType, extension: caseEvidence.extension, size: caseEvidence.size, on: caseEvidence.on })
    .from(caseEvidence)
    .where(eq(caseEvidence.caseId, caseId))
    .orderBy(asc(caseEvidence.on));
}

/** The stored (stripped) file, for the handling body only; each reading is audited. */
export async function readEvidence(db: Db, args: { actor: Actor; row: CaseRow; evidenceId: string }) {
  const { actor, row } = args;
  authorize(casePolicy.canHandle(actor, row));
  const [file] = await db.select().from(caseEvidence).where(and(eq(caseEvidence.id, args.evidenceId), eq(caseEvidence.caseId, row.id)));
  if (!file) throw new AppError("EVIDENCE_NOT_FOUND");
  await db.transaction((tx) =>
    recordAudit(tx, { actor: { id: actor.id, name: actor.displayName }, action: "case.evidence_read", entityType: "case", entityId: row.id, scopePath: row.handlerRegionPath, detail: { evidenceId: file.id } }),
  );
  return file;
}
