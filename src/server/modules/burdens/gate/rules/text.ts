import type { BurdenKind } from "../../../../../contracts/burdens.js";
import type { GateBurden, GateSettings } from "../types.js";

/** Helpers the rules share: word matchers built once per settings object, quoting, and wording in both languages. */

export const KIND_NAMES: Record<BurdenKind, { zh: string; en: string }> = {
  task: { zh: "工作任务", en: "task" },
  form: { zh: "报表", en: "data form" },
  meeting: { zh: "会议", en: "meeting" },
  document: { zh: "文件", en: "document" },
  inspection: { zh: "督查检查考核", en: "inspection" },
  evaluation: { zh: "评比创建", en: "evaluation" },
  secondment: { zh: "借调", en: "secondment" },
  app: { zh: "政务应用程序", en: "government app" },
  workgroup: { zh: "工作群", en: "work group" },
  plaque: { zh: "挂牌", en: "plaque" },
  proof: { zh: "证明事项", en: "proof certificate" },
};

/** "1 working day", "2 working days". */
export const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A similarity 0..1 as a percentage, "82%". */
export const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** "饶河村、镇北村等 15 个村": names in full up to `max`, then how many in all. */
export const namesZh = (names: string[], noun: string, max = 5): string =>
  names.length <= max ? names.join("、") : `${names.slice(0, max).join("、")}等 ${names.length} 个${noun}`;

/** "A, B and C", or "A, B, … and 12 more". */
export function namesEn(names: string[], max = 5): string {
  if (names.length > max) return `${names.slice(0, max).join(", ")} and ${names.length - max} more`;
  if (names.length <= 2) return names.join(" and ");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** The words of title and text a rule reads. */
export const wordingOf = (burden: GateBurden): string => `${burden.title}\n${burden.text}`;

/** Characters that end a clause; a quote never runs past them. The enumeration comma 、 does not. */
const CLAUSE_ENDS = new Set([..."。！？；;!?\n\r，,：:"]);
const QUOTE_REACH = 30;

/** The clause around a match: up to the nearest clause end (or QUOTE_REACH characters) on each side. */
export function clauseAround(text: string, index: number, length: number): { clause: string; before: string; after: string } {
  let start = index;
  while (start > 0 && index - start < QUOTE_REACH && !CLAUSE_ENDS.has(text.charAt(start - 1))) start--;
  let end = index + length;
  while (end < text.length && end - index - length < QUOTE_REACH && !CLAUSE_ENDS.has(text.charAt(end))) end++;
  const open = start > 0 && !CLAUSE_ENDS.has(text.charAt(start - 1)) ? "…" : "";
  const close = end < text.length && !CLAUSE_ENDS.has(text.charAt(end)) ? "…" : "";
  return { clause: `${open}${text.slice(start, end).trim()}${close}`, before: text.slice(start, index), after: text.slice(index + length, end) };
}

/** A clause that forbids or removes what follows ("不得要求拍照留痕") does not demand it. */
const NEGATION = /不得|不要|不再|不准|不能|不搞|不以|不必|不需|无需|无须|禁止|严禁|杜绝|取消|避免|防止|反对|纠正|整治|减少|清理/;
export const negated = (before: string): boolean => NEGATION.test(before);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** One alternation of the words, longest first so "阅读量" wins over a shorter word inside it. */
function wordRegExp(words: string[]): RegExp | null {
  const clean = [...new Set(words.map((w) => w.trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  return clean.length ? new RegExp(clean.map(escapeRegExp).join("|"), "g") : null;
}

/** Spaces and full-width brackets do not make a proof a different proof. */
export const normalizeName = (s: string): string =>
  s.replace(/\s+/g, "").replace(/（/g, "(").replace(/）/g, ")").toLowerCase();

export type Matchers = {
  trace: RegExp | null;
  traffic: RegExp | null;
  bannedProofs: { name: string; key: string }[];
};

const byObject = new WeakMap<GateSettings, Matchers>();
/** Settings merged per check (region rows over the defaults) are new objects with the same words. */
const byWords = new Map<string, Matchers>();
const MAX_WORD_SETS = 256;

/** Built once per settings object, and once per set of words across objects, never per check. */
export function matchersFor(settings: GateSettings): Matchers {
  let m = byObject.get(settings);
  if (m) return m;
  const key = [settings.traceWords, settings.trafficWords, settings.bannedProofs].map((words) => words.join("\u0001")).join("\u0002");
  m = byWords.get(key);
  if (!m) {
    if (byWords.size >= MAX_WORD_SETS) byWords.clear();
    m = {
      trace: wordRegExp(settings.traceWords),
      traffic: wordRegExp(settings.trafficWords),
      bannedProofs: settings.bannedProofs.map((name) => ({ name, key: normalizeName(name) })).filter((p) => p.key),
    };
    byWords.set(key, m);
  }
  byObject.set(settings, m);
  return m;
}

export type WordHit = { word: string; index: number; clause: string; before: string; after: string };

/** Every non-negated occurrence of the matcher's words, with its clause. */
export function findWords(text: string, re: RegExp | null): WordHit[] {
  if (!re) return [];
  const hits: WordHit[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const around = clauseAround(text, m.index, m[0].length);
    if (!negated(around.before)) hits.push({ word: m[0], index: m.index, ...around });
  }
  return hits;
}

/** Distinct values in order of first appearance. */
export const distinct = <T>(values: T[]): T[] => [...new Set(values)];

/** "“甲”“乙”" — quotes in Chinese style; the English messages use the same marks around Chinese text. */
export const quoted = (values: string[], max = 3): string => values.slice(0, max).map((v) => `“${v}”`).join("");
