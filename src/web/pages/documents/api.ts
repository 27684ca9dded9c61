import type { z } from "zod";
import type { ZDocumentCounts, ZDocumentList, ZExtractedText } from "../../../contracts/documents.js";
import type { DocumentDetail, RegisterDocument } from "../../../contracts/documents.js";
import { api } from "../../api/client.js";

export type DocumentList = z.infer<typeof ZDocumentList>;
export type DocumentCounts = z.infer<typeof ZDocumentCounts>;

export const documentsApi = {
  list: (query: { year?: number; flagged?: "true"; limit?: number }, signal?: AbortSignal) => api.get<DocumentList>("/api/documents", query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<DocumentDetail>(`/api/documents/${encodeURIComponent(id)}`, undefined, signal),
  counts: (year: number, signal?: AbortSignal) => api.get<DocumentCounts>("/api/documents/counts", { year }, signal),
  register: (body: RegisterDocument) => api.post<DocumentDetail>("/api/documents", body),
  /** A .docx goes as itself; anything else is read as plain text (.txt). */
  extract: (file: File) =>
    api.upload<z.infer<typeof ZExtractedText>>(
      "/api/documents/extract",
      file.name.toLowerCase().endsWith(".docx") ? file : new Blob([file], { type: "text/plain" }),
    ),
};
