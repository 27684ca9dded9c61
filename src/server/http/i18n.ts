export type Lang = "zh-CN" | "en";

/** Picks the response language from Accept-Language: Chinese unless the client prefers English. */
export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return "zh-CN";
  const ranked = acceptLanguage
    .split(",")
    .map((part, order) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, order };
    })
    // q=0 means "not acceptable".
    .filter((r) => r.q > 0 && (r.tag.startsWith("zh") || r.tag.startsWith("en")))
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return ranked[0]?.tag.startsWith("en") ? "en" : "zh-CN";
}
