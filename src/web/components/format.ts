/** Burden hours for display: whole hours from 100 up, one decimal below (0.5 h, 12.5 h, 1,250 h). */
export function formatHours(hours: number, lang: "zh-CN" | "en"): string {
  const digits = Math.abs(hours) >= 100 ? 0 : 1;
  return hours.toLocaleString(lang === "en" ? "en-US" : "zh-CN", { minimumFractionDigits: 0, maximumFractionDigits: digits });
}
