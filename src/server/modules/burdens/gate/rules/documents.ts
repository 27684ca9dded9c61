import { finding, type Rule } from "../types.js";
import { duplicatesOf, evidenceOf } from "./duplicate.js";
import { pct } from "./text.js";

/**
 * 精文: the 2024 regulation's document rules as reported — length caps, a yearly count that may not
 * exceed last year's without a written reason, and no white-head or memo reissues 白头、便函 that dodge
 * the count.
 */

const WHITESPACE = /\s+/g;
/** Characters as a word processor counts 字数: everything but whitespace, by code point. */
export function documentChars(text: string): number {
  const s = text.replace(WHITESPACE, "");
  let n = 0;
  // A character outside the basic plane is two UTF-16 units; count only its first.
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit < 0xdc00 || unit > 0xdfff) n++;
  }
  return n;
}

const SCOPE = { general: { zh: "综合性文件", en: "general document" }, specific: { zh: "专项文件", en: "specific document" } } as const;
const HEAD = { red: { zh: "红头文件", en: "red-head document" }, white: { zh: "白头文件", en: "white-head document" }, memo: { zh: "便函", en: "memo" } } as const;

export const documentTooLong: Rule = {
  code: "DOCUMENT_TOO_LONG",
  description: { "zh-CN": "文件篇幅超过规定字数", en: "Document longer than the cap" },
  run: (burden, ctx) => {
    if (burden.kind !== "document") return [];
    const scope = burden.details.scope;
    const cap = ctx.settings.documentMaxChars[scope];
    const chars = documentChars(burden.text);
    if (chars <= cap) return [];
    return [
      finding(
        "DOCUMENT_TOO_LONG",
        "review",
        `${SCOPE[scope].zh}正文 ${chars} 字，超过 ${cap} 字的上限，请精简`,
        `The ${SCOPE[scope].en} runs to ${chars} characters, over the cap of ${cap}; shorten it`,
        { chars, cap, scope },
      ),
    ];
  },
};

export const documentCountIncrease: Rule = {
  code: "DOCUMENT_COUNT_INCREASE",
  description: { "zh-CN": "年度发文数量超过上年且未说明理由", en: "More documents than last year without a written reason" },
  run: (burden, ctx) => {
    if (burden.kind !== "document" || burden.details.increaseReason) return [];
    const { documentsThisYear, documentsLastYear } = ctx.issuerUsage;
    // Without last year's count (a new issuer, or a platform in its first year) there is nothing to compare.
    if (documentsLastYear === 0 || documentsThisYear + 1 <= documentsLastYear) return [];
    const year = Number(burden.issuedOn.slice(0, 4));
    return [
      finding(
        "DOCUMENT_COUNT_INCREASE",
        "review",
        `${ctx.issuer.name} ${year} 年已发文 ${documentsThisYear} 件，本件为第 ${documentsThisYear + 1} 件，超过 ${year - 1} 年全年的 ${documentsLastYear} 件；发文数量增加须书面说明理由`,
        `${ctx.issuer.name} has issued ${documentsThisYear} documents in ${year}; this one would be number ${documentsThisYear + 1}, more than the ${documentsLastYear} of all ${year - 1}. An increase needs a written reason`,
        { year, documentsThisYear, documentsLastYear },
      ),
    ];
  },
};

export const documentReissue: Rule = {
  code: "DOCUMENT_REISSUE",
  description: { "zh-CN": "以白头文件、便函重发已准入文件，规避发文数量控制", en: "White-head or memo reissue of an admitted document, dodging the count" },
  run: (burden, ctx) => {
    if (burden.kind !== "document" || burden.details.head === "red") return [];
    const matches = duplicatesOf(burden, ctx).filter((s) => s.kind === undefined || s.kind === "document");
    const first = matches.find((s) => s.documentHead === "red") ?? matches[0];
    if (!first) return [];
    const head = HEAD[burden.details.head];
    const was = first.documentHead ? HEAD[first.documentHead] : { zh: "文件", en: "document" };
    return [
      finding(
        "DOCUMENT_REISSUE",
        "review",
        `以${head.zh}下发，与已准入的${was.zh}“${first.title}”（${first.issuerName}）相似度 ${pct(first.similarity)}；以白头文件、便函等形式变相发文不得规避发文数量控制`,
        `Issued as a ${head.en}, it resembles the admitted ${was.en} “${first.title}” (${first.issuerName}) at ${pct(first.similarity)}; reissuing as a white-head document or memo may not dodge the document count`,
        { head: burden.details.head, reissueOf: { ...evidenceOf(first), head: first.documentHead ?? null } },
      ),
    ];
  },
};

export const documentRules: Rule[] = [documentTooLong, documentCountIncrease, documentReissue];
