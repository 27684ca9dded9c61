import { DownloadOutlined } from "@ant-design/icons";
import { Button, Card, Col, Empty, List, Row, Tag, Typography } from "antd";
import { useMemo } from "react";
import type { FacilityMonths } from "../../../contracts/facilities.js";
import { api } from "../../api/client.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useLang, useT } from "../../i18n/index.js";
import { downloadXlsx } from "../dashboard/api.js";
import { EChart } from "../dashboard/EChart.js";

type T = ReturnType<typeof useT>;

function option(m: FacilityMonths, t: T) {
  return {
    color: ["#1d4e89", "#ef6c00", "#b71c1c"],
    tooltip: { trigger: "axis" },
    legend: { top: 0, left: 0, right: 40 },
    grid: { left: 56, right: 16, top: 56, bottom: 32 },
    xAxis: { type: "category", data: m.months.map((x) => x.month) },
    yAxis: { type: "value", name: t.dashboard.hoursUnit },
    series: [
      { name: t.facilities.panel.burden, type: "bar", data: m.months.map((x) => x.burdenHours) },
      { name: t.facilities.panel.staff, type: "bar", data: m.months.map((x) => x.staffHours) },
      { name: t.facilities.panel.underFloor, type: "line", smooth: true, data: m.months.map((x) => x.underFloorHours) },
    ],
  };
}

/**
 * 设施值守工时 beside the burden index (docs/decisions/0008): for the dashboard's unit and months, the
 * burden-hours of admitted burdens, the hours its facilities took to staff, those of months under the
 * idle floor, and the idle facilities now; PNG from the chart, Excel from the server.
 */
export function FacilityHoursPanel({ unit, from, to }: { unit: string; from: string; to: string }) {
  const t = useT();
  const { lang } = useLang();
  const showError = useApiError();
  const q = { unit, from, to };
  const data = useLoad(`${unit}|${from}|${to}`, (signal) => api.get<FacilityMonths>("/api/facilities/unit-months", q, signal));
  const m = data.data;
  const opt = useMemo(() => m && option(m, t), [m, t]);
  const file = `facility-hours-${unit}-${from}-${to}`;
  return (
    <Card
      size="small"
      title={t.facilities.panel.title}
      data-testid="chart-facilities"
      extra={<Button size="small" icon={<DownloadOutlined />} onClick={() => downloadXlsx("/api/facilities/unit-months.xlsx", q, lang, file).catch(showError)}>{t.dashboard.excel}</Button>}
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>{opt && <EChart option={opt} fileName={file} saveLabel={t.dashboard.png} testId="echart-facilities" />}</Col>
        <Col xs={24} xl={8}>
          <Typography.Text strong>{t.facilities.panel.idle(m?.idle.length ?? 0)}</Typography.Text>
          {m && m.idle.length === 0 ? (
            <Empty description={t.facilities.panel.noIdle} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <List
              size="small"
              data-testid="idle-facilities"
              dataSource={m?.idle ?? []}
              renderItem={(f) => (
                <List.Item>
                  <List.Item.Meta
                    title={<>{f.name} <Typography.Text type="secondary">{f.unit.name}</Typography.Text> {f.caseId && <Tag color="blue">{t.projects.opened}</Tag>}</>}
                    description={t.facilities.panel.hours(f.staffHoursPerMonth)}
                  />
                </List.Item>
              )}
            />
          )}
        </Col>
      </Row>
    </Card>
  );
}
