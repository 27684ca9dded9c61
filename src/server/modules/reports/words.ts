import type { MonthlyReport } from "../../../contracts/reports.js";
import type { Lang } from "../../http/i18n.js";

/**
 * The monthly report's sentences in Chinese and English (content.ts lays them out). Chinese is the
 * report's first language; the English one says the same figures for readers without Chinese.
 */
type R = MonthlyReport;
type B = R["burden"];
type C = NonNullable<R["cases"]>;
type F = NonNullable<R["forms"]>;
type M = R["monitoring"];
type S = R["satisfaction"];

export type Words = {
  title: (r: R) => string;
  subtitle: (r: R) => string;
  headings: [string, string, string, string, string, string];
  burden: (b: B) => string[];
  burdenTable: [string, string, string];
  topIssuer: (name: string, hours: number) => string;
  noIssuers: string;
  issuerTable: [string, string, string];
  noCases: string;
  cases: (c: C) => string;
  caseTable: [string, string, string];
  forms: (f: F) => string;
  noForms: string;
  monitoring: (m: M) => string;
  noMonitoring: (points: number) => string;
  satisfaction: (s: S) => string;
  noSatisfaction: string;
  trendChart: (unitName: string) => { title: string; now: string; lastYear: string };
  monitoringChart: { title: string; actual: string; expected: string };
  hoursUnit: string;
};

const monthZh = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;
const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const monthEn = (m: string) => `${MONTHS_EN[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`;
const share = (x: number) => Math.round(x * 1000) / 10;

const hZh = (x: number) => `${x.toLocaleString("zh-CN")}小时`;
const pctZh = (x: number | null) => (x === null ? "无可比数据" : `${x < 0 ? "下降" : "上升"}${Math.abs(share(x))}%`);

const ZH: Words = {
  title: (r) => `${r.unit.name}${monthZh(r.month)}基层减负工作月度报告`,
  subtitle: (r) => `统计单位：${r.unit.name}（${r.unit.code}）\u3000统计月份：${monthZh(r.month)}\u3000数据来源：减负通`,
  headings: ["一、基层负担总量", "二、下达负担最多的单位", "三、问题线索", "四、一表通减少重复填报", "五、监测点实测", "六、群众满意度"],
  burden: (b) => [
    `本月在册负担事项${b.burdens}项，折合负担工时${hZh(b.hours)}；上年同月${hZh(b.lastYearHours)}，同比${pctZh(b.vsLastYear)}；与基准年${b.baselineYear}年月均${hZh(b.baselineMonthlyHours)}相比${pctZh(b.vsBaseline)}。`,
    `本月在册事项中准入时有需审核的审查发现的${b.flagged}项，占${share(b.flaggedShare)}%。`,
  ],
  burdenTable: ["类型", "事项数", "负担工时（小时）"],
  topIssuer: (name, hours) => `本月负担工时最多的是${name}（${hZh(hours)}）。`,
  noIssuers: "本月无下达负担。",
  issuerTable: ["单位", "事项·月", "负担工时（小时）"],
  noCases: "（本报告读者不办理问题线索，不列此项。）",
  cases: (c) =>
    `本月受理问题线索${c.received}件，已办结${c.closed}件，查实${c.substantiated}件；办结线索用时中位数${c.medianDaysToClose === null ? "—" : `${c.medianDaysToClose}天`}；截至报告日超期未办结${c.overdue}件。`,
  caseTable: ["类别", "受理", "办结"],
  forms: (f) => `本月新纳入一表通的部门报表${f.forms}张，应填字段${f.asked}项，其中已有数据免填${f.avoided}项、合并采集${f.merged}项，约为基层节省${hZh(f.hoursSaved)}。`,
  noForms: "（一表通按部门统计，仅在本级报告中列出。）",
  monitoring: (m) =>
    `${m.points}个监测点本月填报${m.answers}个村·周：所填已准入事项预计${hZh(m.expectedHours)}，实际用时${hZh(m.actualHours)}（实际为预计的${m.expectedHours > 0 ? Math.round((m.actualHours / m.expectedHours) * 100) : "—"}%）；另报告无准入编号事项${m.unregistered}项、${hZh(m.unregisteredHours)}。`,
  noMonitoring: (points) => `${points}个监测点本月尚无填报。`,
  satisfaction: (s) =>
    `本月收到群众评价${s.responses}份（5分制）：办事便利${s.q1}分，干部实干时间${s.q2}分，留痕减少${s.q3}分，总体满意${s.q4}分，综合${s.overall}分；留言${s.comments}条。`,
  noSatisfaction: "本月尚无群众评价。",
  trendChart: (unitName) => ({ title: `${unitName}负担工时：近12个月与上年同期`, now: "本期", lastYear: "上年同期" }),
  monitoringChart: { title: "监测点：实际用时与预计工时", actual: "实际用时", expected: "预计工时" },
  hoursUnit: "小时",
};

const hEn = (x: number) => `${x.toLocaleString("en-US")} hours`;
const pctEn = (x: number | null) => (x === null ? "no comparable figure" : `${x < 0 ? "down" : "up"} ${Math.abs(share(x))}%`);
const n = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;

const EN: Words = {
  title: (r) => `${r.unit.name} (${r.unit.code}): Monthly Report on Reducing the Burden on the Grassroots, ${monthEn(r.month)}`,
  subtitle: (r) => `Unit: ${r.unit.name} (${r.unit.code})\u3000Month: ${monthEn(r.month)}\u3000Source: Jianfu 减负通`,
  headings: ["1. The load on the grassroots", "2. Who imposes the most", "3. Cases reported", "4. Repeated form-filling avoided by the one form (一表通)", "5. Monitoring points (监测点)", "6. The public's satisfaction"],
  burden: (b) => [
    `This month ${n(b.burdens, "registered burden")} were in force, ${hEn(b.hours)} of work; the same month last year ${hEn(b.lastYearHours)}, ${pctEn(b.vsLastYear)} year on year; against the monthly average of the baseline year ${b.baselineYear} (${hEn(b.baselineMonthlyHours)}), ${pctEn(b.vsBaseline)}.`,
    `Of the burdens in force, ${b.flagged} were admitted with findings of the gate that needed judgement (review or block), ${share(b.flaggedShare)}%.`,
  ],
  burdenTable: ["Kind", "Burdens", "Hours"],
  topIssuer: (name, hours) => `The most hours this month were imposed by ${name} (${hEn(hours)}).`,
  noIssuers: "No burden was imposed this month.",
  issuerTable: ["Issuer", "Burden-months", "Hours"],
  noCases: "(The reader of this report handles no cases; not listed.)",
  cases: (c) =>
    `This month ${n(c.received, "case")} were received, ${c.closed} closed and ${c.substantiated} substantiated; the median time to close was ${c.medianDaysToClose === null ? "—" : n(c.medianDaysToClose, "day")}; ${n(c.overdue, "case")} open past their deadline on the day of the report.`,
  caseTable: ["Category", "Received", "Closed"],
  forms: (f) =>
    `This month ${n(f.forms, "department form")} joined the one form, asking ${n(f.asked, "field")}: ${f.avoided} need not be filled in (the data is known) and ${f.merged} are collected once for several forms, about ${hEn(f.hoursSaved)} saved for the grassroots.`,
  noForms: "(The one form is counted per department, in the report of the office's own region only.)",
  monitoring: (m) =>
    `${n(m.points, "monitoring point")} answered ${n(m.answers, "village-week")} this month: the admitted burdens answered were estimated at ${hEn(m.expectedHours)} and took ${hEn(m.actualHours)} (${m.expectedHours > 0 ? Math.round((m.actualHours / m.expectedHours) * 100) : "—"}% of the estimate); besides, ${n(m.unregistered, "burden")} without an admission number were reported, ${hEn(m.unregisteredHours)}.`,
  noMonitoring: (points) => `${n(points, "monitoring point")}; no answer yet this month.`,
  satisfaction: (s) =>
    `${n(s.responses, "response")} from the public this month (out of 5): ease of getting things done ${s.q1}, cadres' time for real work ${s.q2}, less paperwork for show ${s.q3}, overall satisfaction ${s.q4}; mean ${s.overall}; ${n(s.comments, "comment")}.`,
  noSatisfaction: "No response from the public this month.",
  trendChart: (unitName) => ({ title: `${unitName}: burden-hours, last 12 months and a year before`, now: "This period", lastYear: "A year before" }),
  monitoringChart: { title: "Monitoring points: actual and estimated hours", actual: "Actual hours", expected: "Estimated hours" },
  hoursUnit: "hours",
};

export const wordsFor = (lang: Lang): Words => (lang === "en" ? EN : ZH);
