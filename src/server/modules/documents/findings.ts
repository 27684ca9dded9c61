import { pathIsInside } from "../../kernel/actor.js";
import { copyingOf } from "./copying.js";
import { regionOfIssuer } from "./policy.js";

/**
 * What the registry says about a new document, against the documents that might be its source. Pure:
 * the registry loads the candidates (LSH bands and the declared higher document) and stores the result.
 */

/** Share of a document's text found in a higher document from which it counts as copied 照搬照抄. */
export const COPY_SHARE = 0.5;
/** Share of a white-head or memo text found in an earlier red-head one: a reissue 红头改白头. */
export const REISSUE_SHARE = 0.7;
/** The 2024 regulation: a general document at most 5,000 characters, a specific one 4,000. */
export const MAX_CHARS = { general: 5000, specific: 4000 } as const;

export type StoredFinding = {
  code: "COPIED_FROM_HIGHER" | "WHITE_HEAD_REISSUE" | "DOCUMENT_TOO_LONG" | "COUNT_INCREASE";
  sourceId: string | null;
  share: number | null;
  messages: { "zh-CN": string; en: string };
};

export type NewDocument = {
  issuerPath: string;
  issuerLevel: string;
  head: string;
  scope: "general" | "specific";
  text: string;
  chars: number;
  issuedOn: string;
  implementsId: string | null;
};

export type SourceCandidate = { id: string; title: string; docNumber: string; issuerPath: string; issuerLevel: string; head: string; text: string; issuedOn: string };

const pct = (x: number) => `${Math.round(x * 100)}%`;

function copiedFromHigher(doc: NewDocument, c: SourceCandidate, share: number): StoredFinding | null {
  const mine = regionOfIssuer({ path: doc.issuerPath, level: doc.issuerLevel });
  const theirs = regionOfIssuer({ path: c.issuerPath, level: c.issuerLevel });
  const higher = c.id === doc.implementsId || (theirs !== mine && pathIsInside(mine, theirs));
  if (!higher || share < COPY_SHARE) return null;
  return {
    code: "COPIED_FROM_HIGHER",
    sourceId: c.id,
    share,
    messages: {
      "zh-CN": `全文 ${pct(share)} 照搬上级文件《${c.title}》（${c.docNumber}），属以文件落实文件；应结合本地实际细化，不得照搬照抄`,
      en: `${pct(share)} of the text copies the higher document “${c.title}” (${c.docNumber}): implementing a document by another document; adapt it to local conditions instead of copying`,
    },
  };
}

function whiteHeadReissue(doc: NewDocument, c: SourceCandidate, share: number): StoredFinding | null {
  const sameRegion = regionOfIssuer({ path: doc.issuerPath, level: doc.issuerLevel }) === regionOfIssuer({ path: c.issuerPath, level: c.issuerLevel });
  if (doc.head === "red" || c.head !== "red" || !sameRegion || c.issuedOn > doc.issuedOn || share < REISSUE_SHARE) return null;
  return {
    code: "WHITE_HEAD_REISSUE",
    sourceId: c.id,
    share,
    messages: {
      "zh-CN": `以${doc.head === "memo" ? "便函" : "白头"}形式重发红头文件《${c.title}》（${c.docNumber}）的 ${pct(share)} 内容，属红头改白头，仍计入发文数量`,
      en: `Reissues ${pct(share)} of the red-head document “${c.title}” (${c.docNumber}) as a ${doc.head === "memo" ? "memo" : "white-head document"}: it still counts as a document`,
    },
  };
}

export function documentFindings(doc: NewDocument, candidates: readonly SourceCandidate[], count: { thisYear: number; lastYear: number; reason?: string | null }): StoredFinding[] {
  const findings: StoredFinding[] = [];
  for (const c of candidates) {
    const { share } = copyingOf(doc.text, c.text);
    const found = copiedFromHigher(doc, c, share) ?? whiteHeadReissue(doc, c, share);
    if (found) findings.push({ ...found, share: Math.round(share * 1000) / 1000 });
  }
  findings.sort((a, b) => (b.share ?? 0) - (a.share ?? 0));
  const cap = MAX_CHARS[doc.scope];
  if (doc.chars > cap) {
    findings.push({
      code: "DOCUMENT_TOO_LONG",
      sourceId: null,
      share: null,
      messages: {
        "zh-CN": `${doc.scope === "general" ? "综合性" : "专项"}文件 ${doc.chars} 字，超过 ${cap} 字的上限`,
        en: `A ${doc.scope} document of ${doc.chars} characters, over the cap of ${cap}`,
      },
    });
  }
  if (count.lastYear > 0 && count.thisYear > count.lastYear) {
    findings.push({
      code: "COUNT_INCREASE",
      sourceId: null,
      share: null,
      messages: {
        "zh-CN": `本年第 ${count.thisYear} 件，上年共 ${count.lastYear} 件；增发理由：${count.reason ?? ""}`,
        en: `Document ${count.thisYear} this year against ${count.lastYear} last year; reason given: ${count.reason ?? ""}`,
      },
    });
  }
  return findings;
}
