import type { IndicatorType } from "../../../contracts/forms.js";

/**
 * Values as cadres write them. Numbers may come as Chinese numerals ("一百二十", "三万五千", "壹佰贰拾",
 * "十二点五"): they are read, and the reading is reported back so nobody is surprised by it.
 */

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4, 五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };

/** A section below 万: "三千零五" → 3005, "十五" → 15. Null when it is not one. */
function section(text: string): number | null {
  let total = 0;
  let current: number | null = null;
  for (const ch of text) {
    if (ch in DIGITS) current = DIGITS[ch]!;
    else if (ch in SMALL_UNITS) {
      total += (current ?? 1) * SMALL_UNITS[ch]!;
      current = null;
    } else return null;
  }
  return total + (current ?? 0);
}

function integerPart(text: string): number | null {
  if (text === "") return null;
  for (const [mark, factor] of [["亿", 1e8], ["万", 1e4]] as const) {
    const at = text.indexOf(mark);
    if (at >= 0) {
      const high = at === 0 ? 1 : integerPart(text.slice(0, at));
      const low = at === text.length - 1 ? 0 : integerPart(text.slice(at + 1));
      return high === null || low === null ? null : high * factor + low;
    }
  }
  return section(text);
}

/** Reads a number written in Chinese numerals; null when the text is not one. */
export function parseChineseNumber(input: string): number | null {
  const text = input.trim().replace(/\s+/g, "");
  if (!/^负?[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+(点[零〇一二三四五六七八九]+)?$/.test(text)) return null;
  const negative = text.startsWith("负");
  const [whole, fraction] = text.slice(negative ? 1 : 0).split("点") as [string, string | undefined];
  const value = integerPart(whole);
  if (value === null) return null;
  const decimals = fraction ? Number(`0.${[...fraction].map((c) => DIGITS[c]).join("")}`) : 0;
  return (negative ? -1 : 1) * (value + decimals);
}

export type Spec = { type: IndicatorType; options: readonly string[]; min: number | null; max: number | null; unit: string };
type Message = { zh: string; en: string };
export type Normalized = { ok: true; value: string; note?: Message } | { ok: false; error: Message };

const fail = (zh: string, en: string): Normalized => ({ ok: false, error: { zh, en } });

function readNumber(raw: string): { value: number; note?: Message } | null {
  const plain = raw.replace(/[,，\s]/g, "");
  if (/^[-+]?\d+(\.\d+)?$/.test(plain)) return { value: Number(plain) };
  const chinese = parseChineseNumber(plain);
  if (chinese === null) return null;
  return { value: chinese, note: { zh: `中文数字“${raw}”按 ${chinese} 读取`, en: `the Chinese numeral “${raw}” was read as ${chinese}` } };
}

function numeric(raw: string, spec: Spec): Normalized {
  const text = spec.type === "percent" ? raw.replace(/[%％]$/, "") : raw;
  const read = readNumber(text);
  if (!read) return fail(`“${raw}”不是数字`, `“${raw}” is not a number`);
  if (spec.type === "integer" && !Number.isInteger(read.value)) return fail(`“${raw}”应为整数`, `“${raw}” must be a whole number`);
  if (spec.min !== null && read.value < spec.min) return fail(`${read.value} 小于下限 ${spec.min}${spec.unit}`, `${read.value} is below the minimum ${spec.min} ${spec.unit}`);
  if (spec.max !== null && read.value > spec.max) return fail(`${read.value} 超过上限 ${spec.max}${spec.unit}`, `${read.value} is above the maximum ${spec.max} ${spec.unit}`);
  return { ok: true, value: String(read.value), ...(read.note ? { note: read.note } : {}) };
}

function isoDate(raw: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(raw);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** Checks a value against its indicator's type, options and range, and writes it the one way it is stored. */
export function normalizeValue(raw: string, spec: Spec): Normalized {
  const text = raw.trim();
  if (text === "") return fail("未填写", "no value given");
  switch (spec.type) {
    case "number":
    case "integer":
    case "percent":
      return numeric(text, spec);
    case "choice":
      return spec.options.includes(text) ? { ok: true, value: text } : fail(`“${text}”不在选项中（${spec.options.join("、")}）`, `“${text}” is not one of ${spec.options.join(", ")}`);
    case "date": {
      const iso = isoDate(text);
      return iso ? { ok: true, value: iso } : fail(`“${text}”不是日期（例：2026-11-25）`, `“${text}” is not a date (e.g. 2026-11-25)`);
    }
    case "text":
      return text.length > 2000 ? fail("超过 2000 个字", "longer than 2000 characters") : { ok: true, value: text };
  }
}
