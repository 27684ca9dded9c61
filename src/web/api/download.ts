import type { Lang } from "./client.js";

/** Fetches an .xlsx answer in the user's language and hands it to the browser as a download. */
export async function downloadXlsx(path: string, query: Record<string, string>, lang: Lang, fileName: string): Promise<void> {
  const res = await fetch(`${path}?${new URLSearchParams(query).toString()}`, { credentials: "same-origin", headers: { "Accept-Language": lang === "en" ? "en" : "zh-CN" } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = `${fileName}.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
