/**
 * Units of measure as forms write them: in the header ("耕地面积（亩）"), in a row of their own under the
 * header, or declared for the whole sheet ("单位：户/人/亩").
 */
const KNOWN_UNITS = [
  "人", "户", "亩", "万元", "元", "千元", "亿元", "个", "头", "只", "吨", "公斤", "千克", "斤", "千瓦", "公里", "米", "平方米", "平方千米", "平方公里",
  "人次", "户次", "次", "家", "所", "座", "辆", "台", "套", "处", "项", "间", "%", "‰", "公顷", "立方米", "天", "月", "年",
];
const SAME: Record<string, string> = { "平方公里": "平方千米", "千克": "公斤", "％": "%", "元/人": "元" };

export const normalizeUnit = (unit: string): string => {
  const u = unit.trim().replace(/^[（(]|[)）]$/g, "").trim();
  return SAME[u] ?? u;
};

export const isUnitToken = (text: string): boolean => {
  const u = normalizeUnit(text.replace(/^单位[:：]/, ""));
  return u.length > 0 && u.length <= 5 && KNOWN_UNITS.includes(u);
};

/** "耕地面积（亩）" → name 耕地面积, unit 亩; "户籍人口" → no unit. */
export function splitUnit(header: string): { name: string; unit: string } {
  const match = /^(.*?)\s*[（(]\s*(?:单位[:：])?\s*([^()（）]{1,8})\s*[)）]\s*$/.exec(header);
  if (match && isUnitToken(match[2]!)) return { name: match[1]!.trim(), unit: normalizeUnit(match[2]!) };
  return { name: header.trim(), unit: "" };
}

/** "填报单位：XX村    单位：户/人/亩" → [户, 人, 亩]; null when the text declares no units. */
export function declaredUnits(text: string): string[] | null {
  const match = /(?:^|[^报])(?:计量)?单位\s*[:：]\s*([^\s]+(?:\s*[/、,，]\s*[^\s/、,，]+)*)/.exec(text);
  if (!match) return null;
  const units = match[1]!.split(/[/、,，\s]+/).map(normalizeUnit).filter(isUnitToken);
  return units.length > 0 ? units : null;
}

export const unitsAgree = (a: string, b: string): boolean => normalizeUnit(a) === normalizeUnit(b);
