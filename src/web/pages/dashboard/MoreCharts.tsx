import { DownloadOutlined, FileWordOutlined, FilePdfOutlined } from "@ant-design/icons";
import { Button, Card, Col, DatePicker, Empty, List, Row, Space, Statistic, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useMemo, useState, type ReactNode } from "react";
import type { IndexSeries } from "../../../contracts/burden-index.js";
import type { CaseStatistics } from "../../../contracts/cases.js";
import type { Figures } from "../../../contracts/forms.js";
import type { CommentList, SatisfactionResults } from "../../../contracts/satisfaction.js";
import { api, type Lang } from "../../api/client.js";
import { useMe } from "../../auth/AuthContext.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useLang, useT } from "../../i18n/index.js";
import { downloadXlsx } from "./api.js";
import { EChart } from "./EChart.js";

type T = ReturnType<typeof useT>;
const lastDay = (month: string) => dayjs(`${month}-01`).endOf("month").format("YYYY-MM-DD");

/** Fetches a file answer (Word, PDF) and hands it to the browser as a download. */
async function downloadFile(path: string, query: Record<string, string>, lang: Lang, fileName: string): Promise<void> {
  const res = await fetch(`${path}?${new URLSearchParams(query).toString()}`, { credentials: "same-origin", headers: { "Accept-Language": lang === "en" ? "en" : "zh-CN" } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Chart({ title, testId, excel, extra, children }: { title: ReactNode; testId: string; excel: () => Promise<void>; extra?: ReactNode; children: ReactNode }) {
  const t = useT();
  const showError = useApiError();
  return (
    <Card size="small" title={title} data-testid={testId} extra={<Space>{extra}<Button size="small" icon={<DownloadOutlined />} onClick={() => excel().catch(showError)}>{t.dashboard.excel}</Button></Space>}>
      {children}
    </Card>
  );
}

/** 月度减负报告: the month's report of the unit as Word or PDF. */
export function ReportButtons({ unit }: { unit: string }) {
  const t = useT().dashboardMore;
  const { lang } = useLang();
  const showError = useApiError();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().subtract(1, "month"));
  const [busy, setBusy] = useState<string | null>(null);
  const get = (ext: "docx" | "pdf") => {
    setBusy(ext);
    const m = month.format("YYYY-MM");
    downloadFile(`/api/reports/monthly.${ext}`, { unit, month: m }, lang, `monthly-report-${unit}-${m}.${ext}`)
      .catch(showError)
      .finally(() => setBusy(null));
  };
  return (
    <Space wrap data-testid="report-buttons">
      <span>{t.report}</span>
      <DatePicker picker="month" allowClear={false} value={month} onChange={(v) => v && setMonth(v)} aria-label={t.reportMonth} />
      <Button icon={<FileWordOutlined />} loading={busy === "docx"} onClick={() => get("docx")} data-testid="report-docx">{t.word}</Button>
      <Button icon={<FilePdfOutlined />} loading={busy === "pdf"} onClick={() => get("pdf")} data-testid="report-pdf">{t.pdf}</Button>
    </Space>
  );
}

function monitoringOption(s: IndexSeries, t: T) {
  return {
    color: ["#b71c1c", "#1d4e89", "#ef6c00"],
    tooltip: { trigger: "axis" },
    legend: { top: 0, left: 0 },
    grid: { left: 56, right: 16, top: 56, bottom: 32 },
    xAxis: { type: "category", data: s.months.map((m) => m.month) },
    yAxis: { type: "value", name: t.dashboard.hoursUnit },
    series: [
      { name: t.dashboardMore.actual, type: "line", smooth: true, data: s.months.map((m) => m.actual.actualHours) },
      { name: t.dashboardMore.expected, type: "line", smooth: true, lineStyle: { type: "dashed" }, data: s.months.map((m) => m.actual.expectedHours) },
      { name: t.dashboardMore.unregistered, type: "bar", data: s.months.map((m) => m.actual.unregisteredHours) },
    ],
  };
}

/** Cases by category: received in the period beside the same period a year before, and closed. */
function casesOption(c: CaseStatistics, before: CaseStatistics | undefined, t: T) {
  const categories = [...new Set([...c.byCategory, ...(before?.byCategory ?? [])].map((r) => r.category))];
  const of = (s: CaseStatistics | undefined, cat: string) => s?.byCategory.find((r) => r.category === cat);
  const rows = categories
    .map((category) => ({ category, received: of(c, category)?.received ?? 0, closed: of(c, category)?.closed ?? 0, before: of(before, category)?.received ?? 0 }))
    .sort((a, b) => a.received + a.before - (b.received + b.before));
  return {
    color: ["#b0bec5", "#1d4e89", "#2e7d32"],
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0, left: 0 },
    grid: { left: 8, right: 32, top: 36, bottom: 16, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: rows.map((r) => t.cases.categories[r.category] ?? r.category), axisLabel: { width: 160, overflow: "truncate" } },
    series: [
      { name: t.dashboardMore.receivedLastYear, type: "bar", data: rows.map((r) => r.before) },
      { name: t.dashboardMore.received, type: "bar", data: rows.map((r) => r.received) },
      { name: t.dashboardMore.closed, type: "bar", data: rows.map((r) => r.closed) },
    ],
  };
}

function formsOption(f: Figures, t: T) {
  const rows = f.departments;
  return {
    color: ["#90a4ae", "#2e7d32", "#00838f"],
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0, left: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 16, containLabel: true },
    xAxis: { type: "category", data: rows.map((d) => d.name), axisLabel: { width: 90, overflow: "truncate" } },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: t.dashboardMore.asked, type: "bar", data: rows.map((d) => d.asked) },
      { name: t.dashboardMore.avoided, type: "bar", data: rows.map((d) => d.avoided) },
      { name: t.dashboardMore.merged, type: "bar", data: rows.map((d) => d.merged) },
    ],
  };
}

function satisfactionOption(r: SatisfactionResults, t: T) {
  return {
    color: ["#2e7d32", "#b0bec5"],
    tooltip: { trigger: "axis" },
    legend: { top: 0, left: 0 },
    grid: { left: 48, right: 48, top: 48, bottom: 32 },
    xAxis: { type: "category", data: r.months.map((m) => m.month) },
    yAxis: [
      { type: "value", min: 1, max: 5, name: t.dashboardMore.overall },
      { type: "value", minInterval: 1, splitLine: { show: false }, name: t.dashboardMore.responses },
    ],
    series: [
      { name: t.dashboardMore.overall, type: "line", smooth: true, data: r.months.map((m) => (m.responses > 0 ? m.overall : null)) },
      { name: t.dashboardMore.responses, type: "bar", yAxisIndex: 1, data: r.months.map((m) => m.responses) },
    ],
  };
}

/** The dashboard's second row: monitoring points, cases, 一表通 and the public's satisfaction, each as PNG and Excel. */
export function MoreCharts({ unit, from, to, series }: { unit: string; from: string; to: string; series: IndexSeries | undefined }) {
  const t = useT();
  const { lang } = useLang();
  const me = useMe();
  const readsCases = me.role === "office" || me.role === "commission";
  const readsForms = ["office", "commission", "admin", "department_staff"].includes(me.role);
  const readsSatisfaction = ["office", "commission", "admin", "township_official"].includes(me.role);
  const readsComments = ["office", "commission", "admin"].includes(me.role);
  const period = { from: `${from}-01`, to: lastDay(to) };
  const yearBefore = { from: dayjs(`${from}-01`).subtract(1, "year").format("YYYY-MM-DD"), to: lastDay(dayjs(`${to}-01`).subtract(1, "year").format("YYYY-MM")) };
  const cases = useLoad(readsCases ? `cases|${from}|${to}` : null, (signal) => api.get<CaseStatistics>("/api/cases/statistics", period, signal));
  const casesBefore = useLoad(readsCases ? `cases-before|${from}|${to}` : null, (signal) => api.get<CaseStatistics>("/api/cases/statistics", yearBefore, signal));
  const forms = useLoad(readsForms ? `forms|${from}|${to}` : null, (signal) => api.get<Figures>("/api/forms/figures", period, signal));
  const satisfaction = useLoad(readsSatisfaction ? `sat|${unit}|${from}|${to}` : null, (signal) => api.get<SatisfactionResults>("/api/satisfaction", { unit, from, to }, signal));
  const comments = useLoad(readsComments ? `comments|${unit}|${to}` : null, (signal) => api.get<CommentList>("/api/satisfaction/comments", { unit, month: to, limit: 20 }, signal));
  const options = useMemo(
    () => ({
      monitoring: series && monitoringOption(series, t),
      cases: cases.data && casesOption(cases.data, casesBefore.data, t),
      forms: forms.data && formsOption(forms.data, t),
      satisfaction: satisfaction.data && satisfactionOption(satisfaction.data, t),
    }),
    [series, cases.data, casesBefore.data, forms.data, satisfaction.data, t],
  );
  const file = (what: string) => `${what}-${unit}-${from}-${to}`;
  const m = t.dashboardMore;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Chart title={m.monitoring} testId="chart-monitoring" excel={() => downloadXlsx("/api/index.xlsx", { unit, from, to }, lang, file("burden-index"))}>
          {options.monitoring && (series?.actualTotals.answers ? <EChart option={options.monitoring} fileName={file("monitoring")} saveLabel={t.dashboard.png} /> : <Empty description={m.noData} />)}
        </Chart>
      </Col>
      {readsSatisfaction && (
        <Col xs={24} xl={12}>
          <Chart title={m.satisfaction} testId="chart-satisfaction" excel={() => downloadXlsx("/api/satisfaction.xlsx", { unit, from, to }, lang, file("satisfaction"))}>
            {options.satisfaction && <EChart option={options.satisfaction} fileName={file("satisfaction")} saveLabel={t.dashboard.png} />}
            {satisfaction.data && (
              <Typography.Text type="secondary">{`${m.responses} ${satisfaction.data.totals.responses} · ${m.overall} ${satisfaction.data.totals.overall}`}</Typography.Text>
            )}
          </Chart>
        </Col>
      )}
      {readsCases && (
        <Col xs={24} xl={12}>
          <Chart
            title={m.cases}
            testId="chart-cases"
            excel={() => downloadXlsx("/api/cases/statistics.xlsx", period, lang, file("cases"))}
            extra={cases.data && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.casesKpi(cases.data.medianDaysToClose, cases.data.overdue)}</Typography.Text>}
          >
            {cases.data && (cases.data.byCategory.length + (casesBefore.data?.byCategory.length ?? 0) > 0 ? <EChart option={options.cases!} height={300} fileName={file("cases")} saveLabel={t.dashboard.png} /> : <Empty description={m.noData} />)}
            {cases.data && casesBefore.data && <Typography.Text type="secondary" data-testid="cases-vs-last-year">{m.casesVsLastYear(cases.data.received, casesBefore.data.received)}</Typography.Text>}
          </Chart>
        </Col>
      )}
      {readsForms && (
        <Col xs={24} xl={12}>
          <Chart title={m.forms} testId="chart-forms" excel={() => downloadXlsx("/api/reports/forms.xlsx", period, lang, file("forms"))}>
            {forms.data && (
              <>
                <Space size={24}>
                  <Statistic title={m.avoided} value={forms.data.totals.avoided} suffix={`/ ${forms.data.totals.asked}`} />
                  <Statistic title={m.merged} value={forms.data.totals.merged} />
                  <Typography.Text type="secondary">{m.hoursSaved(forms.data.totals.hoursSaved)}</Typography.Text>
                </Space>
                {forms.data.departments.length > 0 ? <EChart option={options.forms!} height={240} fileName={file("forms")} saveLabel={t.dashboard.png} /> : <Empty description={m.noData} />}
              </>
            )}
          </Chart>
        </Col>
      )}
      {readsComments && comments.data && comments.data.total > 0 && (
        <Col xs={24}>
          <Card size="small" title={`${m.comments}（${to}，${comments.data.total}）`} data-testid="satisfaction-comments">
            <List size="small" dataSource={comments.data.items} renderItem={(c) => <List.Item extra={`${c.overall}/5`}>{`${c.unit.name}：${c.comment}`}</List.Item>} />
          </Card>
        </Col>
      )}
    </Row>
  );
}
