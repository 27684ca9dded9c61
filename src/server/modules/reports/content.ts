import { KIND_NAMES } from "../../../contracts/burden-index.js";
import { CATEGORY_NAMES } from "../../../contracts/cases.js";
import type { MonthlyReport } from "../../../contracts/reports.js";
import type { Lang } from "../../http/i18n.js";
import { lineChartSvg, svgToPng } from "./chart.js";
import { wordsFor, type Words } from "./words.js";

/**
 * The monthly report's text, written once and laid out twice (docx.ts, pdf.ts): numbered sections of
 * sentences and tables, plus chart images drawn on the server; in Chinese or English (words.ts).
 */
export type Section = { heading: string; paragraphs: string[]; table?: { header: string[]; rows: (string | number)[][] }; chart?: "trend" | "monitoring" };
export type ReportContent = { lang: Lang; title: string; subtitle: string; sections: Section[]; charts: { trend: Buffer; monitoring: Buffer | null } };

export function reportTitle(r: MonthlyReport, lang: Lang = "zh-CN"): string {
  return wordsFor(lang).title(r);
}

function sections(r: MonthlyReport, w: Words, lang: Lang): Section[] {
  const name = (x: { zh: string; en: string }) => (lang === "en" ? x.en : x.zh);
  const [h1, h2, h3, h4, h5, h6] = w.headings;
  const b = r.burden;
  const c = r.cases;
  const m = r.monitoring;
  return [
    { heading: h1, paragraphs: w.burden(b), table: { header: w.burdenTable, rows: b.byKind.map((k) => [name(KIND_NAMES[k.kind]), k.burdens, k.hours]) }, chart: "trend" },
    {
      heading: h2,
      paragraphs: [r.issuers.length > 0 ? w.topIssuer(r.issuers[0]!.name, r.issuers[0]!.hours) : w.noIssuers],
      table: r.issuers.length > 0 ? { header: w.issuerTable, rows: r.issuers.map((i) => [i.name, i.burdens, i.hours]) } : undefined,
    },
    c
      ? { heading: h3, paragraphs: [w.cases(c)], table: c.byCategory.length > 0 ? { header: w.caseTable, rows: c.byCategory.map((x) => [name(CATEGORY_NAMES[x.category]), x.received, x.closed]) } : undefined }
      : { heading: h3, paragraphs: [w.noCases] },
    { heading: h4, paragraphs: [r.forms ? w.forms(r.forms) : w.noForms] },
    {
      heading: h5,
      paragraphs: [m.answers > 0 ? w.monitoring(m) : w.noMonitoring(m.points)],
      chart: m.answers > 0 || r.trend.some((t) => t.actualHours > 0) ? "monitoring" : undefined,
    },
    { heading: h6, paragraphs: [r.satisfaction.responses > 0 ? w.satisfaction(r.satisfaction) : w.noSatisfaction] },
  ];
}

export function reportContent(r: MonthlyReport, lang: Lang = "zh-CN"): ReportContent {
  const w = wordsFor(lang);
  const categories = r.trend.map((t) => t.month);
  const tc = w.trendChart(r.unit.name);
  const trend = svgToPng(
    lineChartSvg({
      title: tc.title,
      unit: w.hoursUnit,
      categories,
      series: [
        { name: tc.now, data: r.trend.map((t) => t.hours) },
        { name: tc.lastYear, data: r.trend.map((t) => (t.lastYearHours > 0 ? t.lastYearHours : null)), dashed: true },
      ],
    }),
  );
  const hasMonitoring = r.trend.some((t) => t.actualHours > 0 || t.expectedHours > 0);
  const mc = w.monitoringChart;
  const monitoring = hasMonitoring
    ? svgToPng(
        lineChartSvg({
          title: mc.title,
          unit: w.hoursUnit,
          categories,
          series: [
            { name: mc.actual, data: r.trend.map((t) => t.actualHours) },
            { name: mc.expected, data: r.trend.map((t) => t.expectedHours), dashed: true },
          ],
        }),
      )
    : null;
  return { lang, title: w.title(r), subtitle: w.subtitle(r), sections: sections(r, w, lang), charts: { trend, monitoring } };
}
