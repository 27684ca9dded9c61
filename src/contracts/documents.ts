import { z } from "zod";
import { ZIsoDate } from "./burdens.js";
import { ZUnitCode } from "./roles.js";

/**
 * The document registry 文件登记 (精文减会): official documents with their full text, so that a document
 * copying a higher one 照搬照抄 (以文件落实文件), a white-head or memo reissue of a red-head text 红头改白头,
 * and a yearly count above last year's are seen and shown with the copied passages side by side.
 */

export const DOCUMENT_HEADS = ["red", "white", "memo"] as const;
export const ZDocumentHead = z.enum(DOCUMENT_HEADS);
export type DocumentHead = z.infer<typeof ZDocumentHead>;
export const HEAD_NAMES: Record<DocumentHead, { zh: string; en: string }> = {
  red: { zh: "红头文件", en: "red-head document" },
  white: { zh: "白头文件", en: "white-head document" },
  memo: { zh: "便函/通知", en: "memo" },
};

export const DOCUMENT_SCOPES = ["general", "specific"] as const;
export const ZDocumentScope = z.enum(DOCUMENT_SCOPES);

/** Characters of a document's text: the 2024 regulation caps a general document at 5,000. */
export const MAX_DOCUMENT_CHARS = 200_000;
/** An uploaded .docx or .txt: larger files are refused before reading. */
export const MAX_DOCUMENT_FILE_BYTES = 10 * 1024 * 1024;
export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export const ZRegisterDocument = z
  .object({
    issuer: ZUnitCode.describe("the issuing unit or department"),
    docNumber: z.string().trim().min(1).max(60).describe("文号, e.g. 饶政办发〔2026〕12号"),
    head: ZDocumentHead,
    scope: ZDocumentScope.default("specific").describe("general 综合性 or specific 专项"),
    title: z.string().trim().min(1).max(200),
    text: z.string().trim().min(1).max(MAX_DOCUMENT_CHARS),
    issuedOn: ZIsoDate,
    implementsId: z.uuid().optional().describe("the higher document this one implements"),
    increaseReason: z.string().trim().min(4).max(500).optional().describe("required once the issuer's count this year passes last year's"),
  })
  .strict();
export type RegisterDocument = z.infer<typeof ZRegisterDocument>;

export const DOCUMENT_FINDING_CODES = ["COPIED_FROM_HIGHER", "WHITE_HEAD_REISSUE", "DOCUMENT_TOO_LONG", "COUNT_INCREASE"] as const;

export const ZDocumentFinding = z.object({
  code: z.enum(DOCUMENT_FINDING_CODES),
  message: z.string(),
  sourceId: z.string().nullable(),
  share: z.number().nullable().describe("share of this document's text found in the source, 0..1"),
});

export const ZDocumentSummary = z.object({
  id: z.string(),
  issuerCode: z.string(),
  issuerName: z.string(),
  docNumber: z.string(),
  head: ZDocumentHead,
  scope: ZDocumentScope,
  title: z.string(),
  issuedOn: z.string(),
  chars: z.number().int(),
  findings: z.array(ZDocumentFinding),
});
export type DocumentSummary = z.infer<typeof ZDocumentSummary>;

export const ZPassage = z.object({ start: z.number().int(), end: z.number().int(), otherStart: z.number().int(), otherEnd: z.number().int(), text: z.string() });

export const ZDocumentDetail = ZDocumentSummary.extend({
  text: z.string(),
  implementsId: z.string().nullable(),
  increaseReason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** For each source a finding names: the source and the copied passages, for a side-by-side view. */
  sources: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      docNumber: z.string(),
      issuerName: z.string(),
      head: ZDocumentHead,
      text: z.string(),
      share: z.number(),
      passages: z.array(ZPassage),
    }),
  ),
});
export type DocumentDetail = z.infer<typeof ZDocumentDetail>;

export const ZDocumentIdParams = z.object({ id: z.uuid() });
export const ZDocumentListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2099).optional(),
  issuer: ZUnitCode.optional(),
  flagged: z.enum(["true", "false"]).optional().describe("only documents with findings"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export const ZDocumentList = z.object({ total: z.number().int(), items: z.array(ZDocumentSummary) });

export const ZDocumentCountsQuery = z.object({ year: z.coerce.number().int().min(2001).max(2099) });
export const ZDocumentCounts = z.object({
  year: z.number().int(),
  issuers: z.array(
    z.object({
      issuerCode: z.string(),
      issuerName: z.string(),
      thisYear: z.number().int(),
      lastYear: z.number().int(),
      whiteOrMemo: z.number().int().describe("of this year's, white-head or memo: they count all the same"),
      reasons: z.array(z.string()),
    }),
  ),
});
export const ZExtractedText = z.object({ text: z.string(), chars: z.number().int() });
