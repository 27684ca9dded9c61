import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";
import type * as ECharts from "echarts";
import { CJK_FONT } from "../cases/poster.js";

/**
 * Charts for the monthly report, drawn on the server: ECharts renders to an SVG string (its SSR mode, no
 * DOM), resvg turns that into a PNG with the CJK font, and the PNG goes into the .docx and the PDF.
 */
const FONT_FAMILY = "Noto Sans CJK SC";

export type LineChart = { title: string; categories: string[]; series: { name: string; data: (number | null)[]; dashed?: boolean }[]; unit: string };

/**
 * ECharts is loaded when the first chart is drawn, not when the app starts: it is the largest module the
 * server has (about a third of the app's start-up CPU), and only the monthly report draws charts.
 */
let loaded: typeof ECharts | null = null;
const echarts = () => (loaded ??= createRequire(import.meta.url)("echarts") as typeof ECharts);

export function lineChartSvg(c: LineChart, width = 720, height = 360): string {
  const chart = echarts().init(null, null, { renderer: "svg", ssr: true, width, height });
  chart.setOption({
    animation: false,
    backgroundColor: "#ffffff",
    textStyle: { fontFamily: FONT_FAMILY },
    title: { text: c.title, left: "center", textStyle: { fontSize: 16, fontFamily: FONT_FAMILY } },
    legend: { bottom: 0, textStyle: { fontFamily: FONT_FAMILY } },
    grid: { left: 60, right: 24, top: 50, bottom: 60 },
    xAxis: { type: "category", data: c.categories },
    yAxis: { type: "value", name: c.unit, nameTextStyle: { fontFamily: FONT_FAMILY } },
    series: c.series.map((s) => ({ type: "line", name: s.name, data: s.data, symbolSize: 6, lineStyle: s.dashed ? { type: "dashed" } : undefined })),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** The SVG as a PNG at twice its size (print quality); without the CJK font the labels would be boxes. */
export function svgToPng(svg: string): Buffer {
  const fonts = existsSync(CJK_FONT) ? { fontFiles: [CJK_FONT], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY } : { loadSystemFonts: true };
  return new Resvg(svg, { fitTo: { mode: "zoom", value: 2 }, font: fonts, background: "#ffffff" }).render().asPng();
}
