import { Card, Table } from "antd";
import type { MeetingHours } from "../../../contracts/meetings.js";
import { api } from "../../api/client.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { EChart } from "../dashboard/EChart.js";

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/** Grassroots hours spent in meetings per month, stacked by the units one level down, and their table. */
export function MeetingHoursCard({ unit, year }: { unit: string; year: number }) {
  const t = useT();
  const m = t.meetings;
  const hours = useLoad(`${unit}|${year}`, (signal) => api.get<MeetingHours>("/api/meetings/hours", { unit, year }, signal));
  const data = hours.data;
  const top = data ? data.rows.filter((r) => r.total > 0).slice(0, 8) : [];
  const rest = data ? data.rows.filter((r) => r.total > 0).slice(8) : [];
  const series = [
    ...top.map((r) => ({ name: r.unit.name, type: "bar", stack: "h", data: r.months })),
    ...(rest.length ? [{ name: "…", type: "bar", stack: "h", data: MONTHS.map((i) => Math.round(rest.reduce((a, r) => a + r.months[i - 1]!, 0) * 10) / 10) }] : []),
  ];
  const option = {
    tooltip: { trigger: "axis" },
    legend: { type: "scroll", top: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: 28 },
    xAxis: { type: "category", data: MONTHS.map((i) => `${i}`) },
    yAxis: { type: "value", name: m.personHours },
    series: series.length ? series : [{ name: m.hoursTotal, type: "bar", data: data?.total.months ?? [] }],
  };
  return (
    <Card size="small" title={data ? m.hoursOf(data.unit.name, year) : m.hours} loading={hours.loading} data-testid="meeting-hours">
      <EChart option={option} height={300} fileName={`meeting-hours-${unit}-${year}`} saveLabel={t.common.save} testId="meeting-hours-chart" />
      <Table
        rowKey={(r) => r.unit.code}
        size="small"
        style={{ marginTop: 8 }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        dataSource={data ? [data.total, ...data.rows] : []}
        columns={[
          { title: m.unit, fixed: "left", width: 130, render: (_, r, i) => (i === 0 ? <b>{r.unit.name}（{m.hoursTotal}）</b> : r.unit.name) },
          ...MONTHS.map((i) => ({ title: `${i}`, width: 52, align: "right" as const, render: (_: unknown, r: MeetingHours["total"]) => r.months[i - 1] || "" })),
          { title: m.hoursTotal, width: 70, align: "right" as const, render: (_: unknown, r: MeetingHours["total"]) => <b>{r.total}</b> },
        ]}
      />
    </Card>
  );
}
