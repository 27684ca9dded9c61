import { App, Button, Card, Col, Drawer, Form, Grid, Input, InputNumber, Modal, Row, Select, Space, Statistic, Switch, Table, Tag, Tooltip, Typography } from "antd";
import { useMemo, useState } from "react";
import { useNavigate } from "react-router-dom";
import { FACILITY_KINDS, type Facility, type FacilityInput, type UnitResources } from "../../../contracts/facilities.js";
import { api } from "../../api/client.js";
import { useMe } from "../../auth/AuthContext.js";
import { UnitSelect } from "../../components/UnitSelect.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { EChart } from "../dashboard/EChart.js";
import { ExcelButtons } from "./ExcelButtons.js";
import { FlagCase } from "./FlagCase.js";

const KEEPS = new Set(["township_official", "office"]);

/** The use trend of a facility: visits a month against the idle floor. */
export function TrendChart({ f }: { f: Facility }) {
  const t = useT();
  const option = useMemo(
    () => ({
      grid: { left: 40, right: 16, top: 40, bottom: 30 },
      tooltip: { trigger: "axis" },
      legend: { top: 4, left: 0, data: [t.facilities.visits, t.facilities.events] },
      xAxis: { type: "category", data: f.trend.map((p) => p.period.slice(2)) },
      // The floor stays in sight even when every month is far under it.
      yAxis: { type: "value", minInterval: 1, max: (v: { max: number }) => Math.ceil(Math.max(v.max, f.rule.minVisits) * 1.15) },
      series: [
        {
          name: t.facilities.visits,
          type: "line",
          data: f.trend.map((p) => p.visits),
          connectNulls: false,
          itemStyle: { color: f.flags.length ? "#cf1322" : "#1677ff" },
          markLine: { symbol: "none", lineStyle: { type: "dashed", color: "#fa8c16" }, label: { position: "insideEndTop", formatter: t.facilities.floor(f.rule.minVisits) }, data: [{ yAxis: f.rule.minVisits }] },
        },
        { name: t.facilities.events, type: "bar", data: f.trend.map((p) => p.events), itemStyle: { color: "#95de64" } },
      ],
    }),
    [f, t],
  );
  return <EChart option={option} height={260} fileName={`${f.name}-trend`} saveLabel="PNG" testId="facility-trend" />;
}

export function ResourceSummary({ unit }: { unit: string }) {
  const t = useT();
  const s = useLoad(unit, (signal) => api.get<UnitResources>("/api/facilities/unit-summary", { unit }, signal));
  if (!s.data) return null;
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="facility-summary">
      <Col xs={12} md={6}><Statistic title={t.facilities.summary.facilities} value={s.data.facilities} /></Col>
      <Col xs={12} md={6}><Statistic title={t.facilities.summary.idle} value={s.data.idleFacilities} valueStyle={s.data.idleFacilities ? { color: "#cf1322" } : undefined} /></Col>
      <Col xs={12} md={6}><Statistic title={t.facilities.summary.hours} value={s.data.staffHoursPerMonth} /></Col>
      <Col xs={12} md={6}><Statistic title={t.facilities.summary.idleHours} value={s.data.idleStaffHoursPerMonth} suffix={t.resources.perMonth} /></Col>
    </Row>
  );
}

/** 公共服务设施: the register of one's region, idle flags with their trend, Excel in and out. */
export default function FacilitiesPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const narrow = Grid.useBreakpoint().md === false;
  const { message } = App.useApp();
  const showError = useApiError();
  const [flagged, setFlagged] = useState(false);
  const [tick, setTick] = useState(0);
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<Facility | null>(null);
  const [form] = Form.useForm<FacilityInput>();
  const list = useLoad(`${flagged}|${tick}`, (signal) => api.get<{ total: number; items: Facility[] }>("/api/facilities", { flagged: flagged ? "true" : undefined }, signal));
  const kinds = FACILITY_KINDS.map((k) => ({ value: k, label: t.facilities.kinds[k] }));

  const save = async (v: FacilityInput) => {
    try {
      await api.post("/api/facilities", v);
      void message.success(t.resources.saved);
      setOpen(false);
      form.resetFields();
      setTick((n) => n + 1);
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Card
      title={t.facilities.title}
      data-testid="facilities-page"
      extra={
        <Space wrap>
          {KEEPS.has(me.role) && <Button type="primary" onClick={() => setOpen(true)}>{t.facilities.register}</Button>}
          <ExcelButtons testId="facilities" exportPath="/api/facilities/export.xlsx" fileName={t.facilities.title} importPath={KEEPS.has(me.role) ? "/api/facilities/import" : undefined} onImported={() => setTick((n) => n + 1)} />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t.facilities.intro}</Typography.Paragraph>
      <ResourceSummary key={tick} unit={me.scope.level === "department" ? me.scope.parentCode ?? me.scope.code : me.scope.code} />
      <Space style={{ marginBottom: 12 }}>
        <Switch checked={flagged} onChange={setFlagged} data-testid="facilities-flagged" /> {t.resources.onlyFlagged}
      </Space>
      <Table<Facility>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        onRow={(f) => ({ onClick: () => setShown(f), style: { cursor: "pointer" } })}
        columns={[
          { title: t.facilities.name, dataIndex: "name", width: 190, fixed: narrow ? undefined : "left" },
          { title: t.facilities.kind, render: (_, f) => t.facilities.kinds[f.kind], width: 140 },
          { title: t.resources.unit, render: (_, f) => f.unit.name, width: 120 },
          { title: t.facilities.staffHoursPerWeek, dataIndex: "staffHoursPerWeek", width: 100 },
          { title: t.facilities.lastVisits, render: (_, f) => f.trend.at(-1)?.visits ?? "—", width: 90 },
          {
            title: t.resources.flags,
            render: (_, f) =>
              f.flags.length === 0 ? (
                <Tag color="green">{t.resources.noFlags}</Tag>
              ) : (
                f.flags.map((x) => (
                  <Space key={x.code} size={4} onClick={(e) => e.stopPropagation()}>
                    <Tooltip title={x.message}><Tag color="red">{t.facilities.idle}</Tag></Tooltip>
                    <FlagCase path={`/api/facilities/${f.id}/flags/${x.code}/case`} caseId={x.caseId} canOpen={f.can.includes("open_case")} onOpened={() => setTick((n) => n + 1)} testId={`facility-${x.code}`} />
                  </Space>
                ))
              ),
          },
          {
            title: t.common.actions,
            width: 150,
            render: (_, f) => (
              <Space onClick={(e) => e.stopPropagation()}>
                <Button size="small" onClick={() => setShown(f)}>{t.facilities.trend}</Button>
                {f.can.includes("report") && <Button size="small" onClick={() => void navigate(`/facilities/report?id=${f.id}`)}>{t.facilities.report}</Button>}
              </Space>
            ),
          },
        ]}
      />
      <Drawer open={shown !== null} title={shown?.name} onClose={() => setShown(null)} size={narrow ? "100%" : 560} destroyOnHidden>
        {shown && (
          <div data-testid="facility-drawer">
            <Typography.Paragraph>{t.facilities.rule(shown.rule.minVisits, shown.rule.periods)}</Typography.Paragraph>
            {shown.flags.map((x) => (
              <Typography.Paragraph key={x.code} type="danger" data-testid="facility-flag">
                {x.message}{" "}
                <FlagCase path={`/api/facilities/${shown.id}/flags/${x.code}/case`} caseId={x.caseId} canOpen={shown.can.includes("open_case")} onOpened={() => { setShown(null); setTick((n) => n + 1); }} testId={`drawer-${x.code}`} />
              </Typography.Paragraph>
            ))}
            <TrendChart f={shown} />
            <Typography.Paragraph type="secondary">
              {t.facilities.openingHours}：{shown.openingHours}；{t.resources.owner}：{shown.owner}；{t.facilities.cost}：{shown.cost.toLocaleString()}
            </Typography.Paragraph>
          </div>
        )}
      </Drawer>
      <Modal open={open} title={t.facilities.register} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText={t.common.save} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ kind: "rural_library", staffHoursPerWeek: 8, cost: 0 }}>
          <Form.Item name="name" label={t.facilities.name} rules={[{ required: true, min: 2, max: 100 }]}><Input /></Form.Item>
          <Form.Item name="kind" label={t.facilities.kind} rules={[{ required: true }]}><Select options={kinds} /></Form.Item>
          <Form.Item name="unitCode" label={t.resources.unit} rules={[{ required: true }]}><UnitSelect /></Form.Item>
          <Form.Item name="owner" label={t.resources.owner} rules={[{ required: true, min: 2, max: 100 }]}><Input /></Form.Item>
          <Form.Item name="cost" label={t.facilities.cost} rules={[{ required: true }]}><InputNumber min={0} style={{ width: "100%" }} /></Form.Item>
          <Form.Item name="staffHoursPerWeek" label={t.facilities.staffHoursPerWeek} rules={[{ required: true }]}><InputNumber min={0} max={168} style={{ width: "100%" }} /></Form.Item>
          <Form.Item name="openingHours" label={t.facilities.openingHours} rules={[{ required: true, min: 2, max: 100 }]}><Input placeholder="周一至周五 8:30-17:00" /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
