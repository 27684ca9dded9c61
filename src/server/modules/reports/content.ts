import { KIND_NAMES } from "../../../contracts/burden-index.js";
import { CATEGORY_NAMES } from "../../../contracts/cases.js";
import type { MonthlyReport } from "../../../contracts/reports.js";
import { lineChartSvg, svgToPng } from "./chart.js";

/**
 * The monthly report's text, written once and laid out twice (docx.ts, pdf.ts): numbered sections of
 * sentences and tables, plus chart images drawn on the server.
 */
export type Section = { heading: string; paragraphs: string[]; table?: { header: string[]; rows: (string | number)[][] }; chart?: "trend" | "monitoring" };
export type ReportContent = { title: string; subtitle: string; sections: Section[]; charts: { trend: Buffer; monitoring: Buffer | null } };

const pct = (x: number | null) => (x === null ? "无可比数据" : `${x < 0 ? "下降" : "上升"}${Math.abs(Math.round(x * 1000) / 10)}%`);
const h = (x: number) => `${x.toLocaleString("zh-CN")}小时`;
const monthName = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;

export function reportTitle(r: MonthlyReport): string {
  return `${r.unit.name}${monthName(r.month)}基层减负工作月度报告`;
}

function burdenSection(r: MonthlyReport): Section {
  const b = r.burden;
  return {
    heading: "一、基层负担总量",
    paragraphs: [
      `本月在册负担事项${b.burdens}项，折合负担工时${h(b.hours)}；上年同月${h(b.lastYearHours)}，同比${pct(b.vsLastYear)}；与基准年${b.baselineYear}年月均${h(b.baselineMonthlyHours)}相比${pct(b.vsBaseline)}。`,
      `本月在册事项中经准入审查有提示（审查发现问题）的${b.flagged}项，占${Math.round(b.flaggedShare * 1000) / 10}%。`,
    ],
    table: { header: ["类型", "事项数", "负担工时（小时）"], rows: b.byKind.map((k) => [KIND_NAMES[k.kind].zh, k.burdens, k.hours]) },
    chart: "trend",
  };
}

function casesSection(r: MonthlyReport): Section {
  const c = r.cases;
  if (!c) return { heading: "三、问题线索", paragraphs: ["（本报告读者不办理问题线索，不列此项。）"] };
  return {
    heading: "三、问题线索",
    paragraphs: [
      `本月受理问题线索${c.received}件，已办结${c.closed}件，查实${c.substantiated}件；办结线索用时中位数${c.medianDaysToClose === null ? "—" : `${c.medianDaysToClose}天`}；截至报告日超期未办结${c.overdue}件。`,
    ],
    table: c.byCategory.length > 0 ? { header: ["类别", "受理", "办结"], rows: c.byCategory.map((x) => [CATEGORY_NAMES[x.category].zh, x.received, x.closed]) } : undefined,
  };
}

function laterSections(r: MonthlyReport): Section[] {
  const f = r.forms;
  const m = r.monitoring;
  const s = r.satisfaction;
  return [
    {
      heading: "四、一表通减少重复填报",
      paragraphs: [
        f
          ? `本月新纳入一表通的部门报表${f.forms}张，应填字段${f.asked}项，其中已有数据免填${f.avoided}项、合并采集${f.merged}项，约为基层节省${h(f.hoursSaved)}。`
          : "（一表通按部门统计，仅在本级报告中列出。）",
      ],
    },
    {
      heading: "五、监测点实测",
      paragraphs: [
        m.answers > 0
          ? `${m.points}个监测点本月填报${m.answers}个村·周：所填已准入事项预计${h(m.expectedHours)}，实际用时${h(m.actualHours)}（实际为预计的${m.expectedHours > 0 ? Math.round((m.actualHours / m.expectedHours) * 100) : "—"}%）；另报告无准入编号事项${m.unregistered}项、${h(m.unregisteredHours)}。`
          : `${m.points}个监测点本月尚无填报。`,
      ],
      chart: m.answers > 0 || r.trend.some((t) => t.actualHours > 0) ? "monitoring" : undefined,
    },
    {
      heading: "六、群众满意度",
      paragraphs: [
        s.responses > 0
          ? `本月收到群众评价${s.responses}份（5分制）：办事便利${s.q1}分，干部实干时间${s.q2}分，留痕减少${s.q3}分，总体满意${s.q4}分，综合${s.overall}分；留言${s.comments}条。`
          : "本月尚无群众评价。",
      ],
    },
  ];
}

export function reportContent(r: MonthlyReport): ReportContent {
  const issuers: Section = {
    heading: "二、下达负担最多的单位",
    paragraphs: [r.issuers.length > 0 ? `本月负担工时最多的是${r.issuers[0]!.name}（${h(r.issuers[0]!.hours)}）。` : "本月无下达负担。"],
    table: r.issuers.length > 0 ? { header: ["单位", "事项·月", "负担工时（小时）"], rows: r.issuers.map((i) => [i.name, i.burdens, i.hours]) } : undefined,
  };
  const categories = r.trend.map((t) => t.month);
  const trend = svgToPng(
    lineChartSvg({
      title: `${r.unit.name}负担工时：近12个月与上年同期`,
      unit: "小时",
      categories,
      series: [
        { name: "本期", data: r.trend.map((t) => t.hours) },
        { name: "上年同期", data: r.trend.map((t) => (t.lastYearHours > 0 ? t.lastYearHours : null)), dashed: true },
      ],
    }),
  );
  const hasMonitoring = r.trend.some((t) => t.actualHours > 0 || t.expectedHours > 0);
  const monitoring = hasMonitoring
    ? svgToPng(
        lineChartSvg({
          title: "监测点：实际用时与预计工时",
          unit: "小时",
          categories,
          series: [
            { name: "实际用时", data: r.trend.map((t) => t.actualHours) },
            { name: "预计工时", data: r.trend.map((t) => t.expectedHours), dashed: true },
          ],
        }),
      )
    : null;
  return {
    title: reportTitle(r),
    subtitle: `统计单位：${r.unit.name}（${r.unit.code}）\u3000统计月份：${monthName(r.month)}\u3000数据来源：减负通`,
    sections: [burdenSection(r), issuers, casesSection(r), ...laterSections(r)],
    charts: { trend, monitoring },
  };
}
