import { ArrowUpOutlined, DownloadOutlined } from "@ant-design/icons";
import { Button, Card, Col, DatePicker, Empty, Row, Select, Space, Statistic, Tooltip, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useMemo, useState, type ReactNode } from "react";
import type { IndexChildren, IndexIssuers, IndexSeries } from "../../../contracts/burden-index.js";
import type { UnitLevel } from "../../../contracts/roles.js";
import { useMe } from "../../auth/AuthContext.js";
import { UnitSelect } from "../../components/UnitSelect.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useLang, useT } from "../../i18n/index.js";
import { downloadXlsx, indexApi } from "./api.js";
import { EChart } from "./EChart.js";
import { MoreCharts, ReportButtons } from "./MoreCharts.js";
import { FacilityHoursPanel } from "../facilities/FacilityHoursPanel.js";

const COLORS: string[] = ["#1d4e89", "#b71c1c", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#5d4037", "#c2185b", "#827717", "#455a64", "#0277bd"];
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** A card holding one chart, with its Excel download beside the chart's own PNG button. */
function ChartCard({ title, excel, children, testId }: { title: ReactNode; excel: () => Promise<void>; children: ReactNode; testId: string }) {
  const t = useT();
  const showError = useApiError();
  return (
    <Card size="small" title={title} data-testid={testId} extra={<Button size="small" icon={<DownloadOutlined />} onClick={() => excel().catch(showError)}>{t.dashboard.excel}</Button>}>
      {children}
    </Card>
  );
}

function Kpis({ s }: { s: IndexSeries }) {
  const t = useT();
  const change = s.lastYearTotals.hours > 0 ? (s.totals.hours - s.lastYearTotals.hours) / s.lastYearTotals.hours : null;
  const perMonth = s.months.length > 0 ? s.totals.hours / s.months.length : 0;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} md={6}><Card size="small"><Statistic title={`${t.dashboard.hours} · ${t.dashboard.thisPeriod}`} value={s.totals.hours} suffix={t.dashboard.hoursUnit} /></Card></Col>
      <Col xs={12} md={6}><Card size="small"><Statistic title={`${t.dashboard.hours} · ${t.dashboard.lastYear}`} value={s.lastYearTotals.hours} suffix={t.dashboard.hoursUnit} /></Card></Col>
      <Col xs={12} md={6}>
        <Card size="small" data-testid="yoy">
          <Statistic
            title={t.dashboard.change}
            value={change === null ? "—" : pct(change)}
            styles={{ content: { color: change !== null && change < 0 ? "#2e7d32" : "#b71c1c" } }}
            prefix={change !== null && change >= 0 ? <ArrowUpOutlined /> : undefined}
          />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title={t.dashboard.baseline(s.baseline.year)} value={s.baseline.monthlyAverage.hours} suffix={t.dashboard.hoursUnit} />
          <Typography.Text type="secondary">{t.dashboard.perMonthNow(Math.round(perMonth * 10) / 10)}</Typography.Text>
        </Card>
      </Col>
    </Row>
  );
}

/** 负担指数: is the load on the grassroots falling? The office's and commission's view of their region. */
export default function DashboardPage() {
  const t = useT();
  const { lang } = useLang();
  const me = useMe();
  const [unit, setUnit] = useState(me.regionCode);
  const [trail, setTrail] = useState<string[]>([]);
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(12, "month"), dayjs().subtract(1, "month")]);
  const from = range[0].format("YYYY-MM");
  const to = range[1].format("YYYY-MM");
  const q = { unit, from, to };
  const key = `${unit}|${from}|${to}`;
  const [baseline, setBaseline] = useState<number | undefined>(undefined);
  const toYear = range[1].year();
  const series = useLoad(`${key}|${baseline ?? ""}`, (signal) => indexApi.series({ ...q, baseline }, signal));
  const issuers = useLoad(key, (signal) => indexApi.issuers(q, signal));
  const children = useLoad(`${unit}|${to}`, (signal) => indexApi.children({ unit, month: to }, signal));
  const s = series.data;
  const options = useMemo(
    () => ({
      trend: s && trendOption(s, t),
      kinds: s && kindOption(s, t),
      findings: s && findingsOption(s, t),
      issuers: issuers.data && issuerOption(issuers.data, t),
      children: children.data && treemapOption(children.data, t),
    }),
    [s, issuers.data, children.data, t],
  );
  const file = (what: string) => `${what}-${unit}-${from}-${to}`;
  const open = (code: string) => {
    setTrail((tr) => [...tr, unit]);
    setUnit(code);
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card title={`${t.dashboard.title}${s ? ` · ${s.unit.name}` : ""}`} extra={trail.length > 0 && <Button onClick={() => { setUnit(trail.at(-1)!); setTrail(trail.slice(0, -1)); }}>{t.dashboard.back}</Button>}>
        <Typography.Paragraph type="secondary">{t.dashboard.intro}</Typography.Paragraph>
        <Space wrap>
          <span>{t.dashboard.unit}</span>
          <div style={{ minWidth: 280 }}>
            <UnitSelect
              key={s ? `unit-${s.unit.code}` : "loading"}
              value={unit}
              initial={s ? { code: s.unit.code, name: s.unit.name, level: s.unit.level as UnitLevel, parentCode: null, provinceCode: "", orgType: null } : undefined}
              onChange={(code) => {
                setTrail([]);
                setUnit(code);
              }}
            />
          </div>
          <span>{t.dashboard.period}</span>
          <DatePicker.RangePicker picker="month" allowClear={false} value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
          <span>{t.dashboard.baselineYear}</span>
          <Select
            style={{ width: 110 }}
            value={baseline ?? toYear - 1}
            onChange={setBaseline}
            options={[1, 2, 3, 4].map((n) => ({ value: toYear - n, label: String(toYear - n) }))}
          />
        </Space>
        {["office", "commission", "admin"].includes(me.role) && (
          <div style={{ marginTop: 12 }}>
            <ReportButtons unit={unit} />
          </div>
        )}
      </Card>
      {s && <Kpis s={s} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ChartCard title={t.dashboard.trend} testId="chart-trend" excel={() => downloadXlsx("/api/index.xlsx", { ...q, baseline: String(baseline ?? toYear - 1) }, lang, file("burden-index"))}>
            {options.trend && <EChart option={options.trend} fileName={file("trend")} saveLabel={t.dashboard.png} testId="echart-trend" />}
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard title={t.dashboard.byKind} testId="chart-kinds" excel={() => downloadXlsx("/api/index.xlsx", { ...q, baseline: String(baseline ?? toYear - 1) }, lang, file("burden-index"))}>
            {options.kinds && <EChart option={options.kinds} fileName={file("kinds")} saveLabel={t.dashboard.png} />}
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard title={t.dashboard.issuers} testId="chart-issuers" excel={() => downloadXlsx("/api/index/issuers.xlsx", { ...q, limit: "100" }, lang, file("issuers"))}>
            {issuers.data && (issuers.data.issuers.length > 0 ? <EChart option={options.issuers!} fileName={file("issuers")} saveLabel={t.dashboard.png} /> : <Empty description={t.dashboard.empty} />)}
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={<Tooltip title={t.dashboard.childrenHint}>{t.dashboard.children(to)}</Tooltip>}
            testId="chart-children"
            excel={() => downloadXlsx("/api/index/children.xlsx", { unit, month: to }, lang, `children-${unit}-${to}`)}
          >
            {children.data && (children.data.children.length > 0 ? (
              <>
                <EChart option={options.children!} fileName={`children-${unit}-${to}`} saveLabel={t.dashboard.png} onClick={(p) => { const code = (p.data as { code?: string } | undefined)?.code; if (code) open(code); }} />
                {/* The same drill-down for keyboards and screen readers: a canvas is neither. */}
                <Space size={[4, 4]} wrap data-testid="children-links">
                  <Typography.Text type="secondary">{t.dashboard.open}</Typography.Text>
                  {children.data.children.slice(0, 12).map((u) => (
                    <Button key={u.code} size="small" type="link" onClick={() => open(u.code)}>{u.name}</Button>
                  ))}
                </Space>
              </>
            ) : <Empty description={t.dashboard.empty} />)}
          </ChartCard>
        </Col>
        <Col xs={24}>
          <ChartCard
            title={<Tooltip title={t.dashboard.flaggedShareHint}>{`${t.dashboard.findings}${s ? ` · ${t.dashboard.flaggedShare} ${pct(s.flaggedShare)}` : ""}`}</Tooltip>}
            testId="chart-findings"
            excel={() => downloadXlsx("/api/index.xlsx", { ...q, baseline: String(baseline ?? toYear - 1) }, lang, file("burden-index"))}
          >
            {options.findings && <EChart option={options.findings} height={260} fileName={file("findings")} saveLabel={t.dashboard.png} />}
          </ChartCard>
        </Col>
      </Row>
      <MoreCharts unit={unit} from={from} to={to} series={s} />
      <FacilityHoursPanel unit={unit} from={from} to={to} />
    </Space>
  );
}

type T = ReturnType<typeof useT>;

function trendOption(s: IndexSeries, t: T) {
  return {
    color: ["#1d4e89", "#9e9e9e"],
    tooltip: { trigger: "axis" },
    legend: { top: 0, left: 0 },
    grid: { left: 56, right: 16, top: 56, bottom: 32 },
    xAxis: { type: "category", data: s.months.map((m) => m.month) },
    yAxis: { type: "value", name: t.dashboard.hoursUnit },
    series: [
      {
        name: t.dashboard.thisYearSeries,
        type: "line",
        smooth: true,
        data: s.months.map((m) => m.hours),
        markLine: { symbol: "none", label: { formatter: t.dashboard.baselineLine, position: "insideEndTop" }, lineStyle: { type: "dashed", color: "#b71c1c" }, data: [{ yAxis: s.baseline.monthlyAverage.hours }] },
      },
      { name: t.dashboard.lastYearSeries, type: "line", smooth: true, lineStyle: { type: "dashed" }, data: s.months.map((m) => m.lastYear.hours) },
    ],
  };
}

function kindOption(s: IndexSeries, t: T) {
  const kinds = [...new Set(s.months.flatMap((m) => m.byKind.map((k) => k.kind)))];
  return {
    color: COLORS,
    tooltip: { trigger: "axis" },
    legend: { top: 0, left: 0, right: 40, type: "scroll" },
    grid: { left: 56, right: 16, top: 56, bottom: 32 },
    xAxis: { type: "category", data: s.months.map((m) => m.month) },
    yAxis: { type: "value", name: t.dashboard.hoursUnit },
    series: kinds.map((kind) => ({ name: t.kinds[kind], type: "bar", stack: "kinds", data: s.months.map((m) => m.byKind.find((k) => k.kind === kind)?.hours ?? 0) })),
  };
}

function issuerOption(i: IndexIssuers, t: T) {
  const rows = [...i.issuers].reverse();
  return {
    color: ["#b71c1c"],
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    grid: { left: 8, right: 48, top: 24, bottom: 24, containLabel: true },
    xAxis: { type: "value", name: t.dashboard.hoursUnit },
    yAxis: { type: "category", data: rows.map((r) => r.name), axisLabel: { width: 180, overflow: "truncate" } },
    series: [{ name: t.dashboard.hours, type: "bar", data: rows.map((r) => r.hours), label: { show: true, position: "right" } }],
  };
}

function treemapOption(c: IndexChildren, t: T) {
  return {
    tooltip: { formatter: (p: { name: string; value: number }) => `${p.name}<br/>${t.dashboard.hours}: ${p.value} ${t.dashboard.hoursUnit}` },
    series: [
      {
        type: "treemap",
        roam: false,
        nodeClick: false,
        breadcrumb: { show: false },
        top: 30,
        bottom: 8,
        left: 8,
        right: 8,
        label: { show: true, formatter: "{b}\n{c}" },
        levels: [{ color: COLORS, itemStyle: { gapWidth: 2 } }],
        data: c.children.map((u) => ({ name: u.name, value: u.hours, code: u.code })),
      },
    ],
  };
}

function findingsOption(s: IndexSeries, t: T) {
  return {
    color: ["#90a4ae", "#ef6c00"],
    tooltip: { trigger: "axis" },
    legend: { top: 0, left: 0 },
    grid: { left: 56, right: 56, top: 48, bottom: 32 },
    xAxis: { type: "category", data: s.months.map((m) => m.month) },
    yAxis: [
      { type: "value", minInterval: 1 },
      { type: "value", max: 1, axisLabel: { formatter: (v: number) => pct(v) }, splitLine: { show: false } },
    ],
    series: [
      { name: t.dashboard.burdens, type: "bar", data: s.months.map((m) => m.burdens) },
      {
        name: t.dashboard.share,
        type: "line",
        yAxisIndex: 1,
        tooltip: { valueFormatter: (v: number) => pct(v) },
        data: s.months.map((m) => (m.burdens > 0 ? Math.round((m.flagged / m.burdens) * 1000) / 1000 : 0)),
      },
    ],
  };
}
