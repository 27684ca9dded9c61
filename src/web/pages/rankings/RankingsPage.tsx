import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, type TableColumnsType } from "antd";
import { useState } from "react";
import type { Ranking, RankingCounts } from "../../../contracts/rankings.js";
import { api } from "../../api/client.js";
import { useMe } from "../../auth/AuthContext.js";
import { UnitMultiSelect } from "../../components/UnitMultiSelect.js";
import { UnitSelect } from "../../components/UnitSelect.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useLang, useT } from "../../i18n/index.js";
import { downloadXlsx } from "../dashboard/api.js";
import { ImportXlsxButton, yearOptions } from "../../components/XlsxImportModal.js";
import { ReasonModal } from "../../components/ReasonModal.js";

const REGISTERS = new Set(["department_staff", "township_official", "office"]);
type Values = { kind: "ranking_notice" | "assessment"; issuer: string; title: string; targets: string[]; indicatorCount: number; ranked: string };
type CountRow = RankingCounts["items"][number];

const change = (n: number, pct?: number | null) => (
  <Typography.Text type={n < 0 ? "success" : n > 0 ? "danger" : "secondary"}>
    {n > 0 ? `+${n}` : n}
    {pct !== null && pct !== undefined ? `（${pct > 0 ? "+" : ""}${pct}%）` : ""}
  </Typography.Text>
);

type RankingTexts = ReturnType<typeof useT>["rankings"];

/** Per issuer and kind: this year against last, and the indicators' change. */
const countColumns = (r: RankingTexts): TableColumnsType<CountRow> => [
    { title: r.kind, width: 90, render: (_, c) => r.kinds[c.kind] },
    { title: r.issuer, width: 160, render: (_, c) => c.issuer.name },
    { title: r.lastYearCol, width: 80, align: "right", render: (_, c) => c.lastYear.inForce },
    { title: r.thisYear, width: 80, align: "right", render: (_, c) => c.thisYear.inForce },
    { title: r.cancelledCount, width: 80, align: "right", render: (_, c) => (c.thisYear.cancelled ? <Tag color="red">{c.thisYear.cancelled}</Tag> : 0) },
    { title: r.change, width: 80, align: "right", render: (_, c) => change(c.change) },
    { title: r.indicatorsCol, width: 200, render: (_, c) => <>{c.lastYear.indicators} → {c.thisYear.indicators} {change(c.indicatorChange, c.indicatorChangePct)}</> },
];

/** The register's rows; a ranking the caller may cancel has its button. */
const rankingColumns = (t: ReturnType<typeof useT>, onCancel: (x: Ranking) => void): TableColumnsType<Ranking> => {
  const r = t.rankings;
  return [
      { title: r.name, dataIndex: "title", fixed: "left", width: 220, render: (v: string, x) => (x.status === "cancelled" ? <Typography.Text delete type="secondary">{v}</Typography.Text> : v) },
      { title: r.kind, width: 90, render: (_, x) => r.kinds[x.kind] },
      { title: r.issuer, width: 150, render: (_, x) => x.issuer.name },
      { title: r.ranked, dataIndex: "ranked", width: 180 },
      { title: r.indicators, dataIndex: "indicatorCount", width: 70, align: "right" },
      { title: r.targets, width: 70, align: "right", dataIndex: "targetCount" },
      { title: r.status, width: 200, render: (_, x) => (x.status === "cancelled" ? <><Tag color="red">{r.cancelled}</Tag><Typography.Text type="secondary">{x.cancelledOn} {x.cancelReason}</Typography.Text></> : <Tag color="green">{r.active}</Tag>) },
      { title: t.common.actions, width: 80, render: (_, x) => x.can.includes("cancel") && <Button size="small" danger onClick={() => onCancel(x)} data-testid={`cancel-${x.id}`}>{r.cancel}</Button> },
  ];
};

/** 排名通报与考核指标: registered per issuer and year, compared with last year; the office cancels with a reason. */
export default function RankingsPage() {
  const t = useT();
  const r = t.rankings;
  const me = useMe();
  const { lang } = useLang();
  const { message } = App.useApp();
  const showError = useApiError();
  const [year, setYear] = useState(new Date().getFullYear());
  const [tick, setTick] = useState(0);
  const [open, setOpen] = useState(false);
  const [cancelling, setCancelling] = useState<Ranking | null>(null);
  const list = useLoad(`${year}|${tick}`, (signal) => api.get<{ total: number; items: Ranking[] }>("/api/rankings", { year }, signal));
  const counts = useLoad(`${year}|${tick}`, (signal) => api.get<RankingCounts>("/api/rankings/counts", { year }, signal));

  const cancel = async (reason: string) => {
    await api.post(`/api/rankings/${cancelling!.id}/cancel`, { reason });
    void message.success(r.cancelledOk);
    setTick((n) => n + 1);
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="rankings-page">
      <Card
        title={r.title}
        extra={
          <Space wrap>
            <Select value={year} options={yearOptions()} onChange={setYear} style={{ width: 96 }} />
            <Button onClick={() => void downloadXlsx("/api/rankings/export.xlsx", { year: String(year) }, lang, `${r.title}-${year}`).catch(showError)}>{r.export}</Button>
            <ImportXlsxButton url="/api/rankings/import.xlsx" exportPath="/api/rankings/export.xlsx" exportQuery={{ year: String(year) }} fileName={`${r.title}-${year}`} onImported={() => setTick((n) => n + 1)} />
            {REGISTERS.has(me.role) && <Button type="primary" onClick={() => setOpen(true)}>{r.register}</Button>}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{r.intro}</Typography.Paragraph>
      </Card>
      <Card size="small" title={r.counts} data-testid="ranking-counts">
        <Table<CountRow>
          rowKey={(c) => `${c.issuer.code}|${c.kind}`}
          size="small"
          loading={counts.loading}
          pagination={false}
          scroll={{ x: 700 }}
          dataSource={counts.data?.items ?? []}
          columns={countColumns(r)}
        />
      </Card>
      <Card size="small" title={`${r.title}（${list.data?.total ?? 0}）`}>
        <Table<Ranking>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 1000 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          rowClassName={(x) => (x.status === "cancelled" ? "jf-row-muted" : "")}
          columns={rankingColumns(t, setCancelling)}
        />
      </Card>
      <RankingFormModal open={open} year={year} onClose={() => setOpen(false)} onSaved={() => setTick((n) => n + 1)} />
      <ReasonModal
        open={cancelling !== null}
        title={cancelling ? r.cancelTitle(cancelling.title) : ""}
        prompt={r.cancelReason}
        okText={r.cancel}
        danger
        minLength={4}
        testId="ranking-cancel"
        onSubmit={cancel}
        onClose={() => setCancelling(null)}
      />
    </Space>
  );
}

/** Registers a ranking notice or an assessment of the year (the office may name any issuer of its region). */
function RankingFormModal({ open, year, onClose, onSaved }: { open: boolean; year: number; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const r = t.rankings;
  const me = useMe();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const save = async (v: Values) => {
    try {
      await api.post("/api/rankings", { ...v, year });
      void message.success(r.saved);
      onClose();
      form.resetFields();
      onSaved();
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Modal open={open} title={r.register} onCancel={onClose} onOk={() => form.submit()} okText={t.common.save} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ kind: "ranking_notice", issuer: me.scope.code, indicatorCount: 1 }}>
        <Form.Item name="kind" label={r.kind} rules={[{ required: true }]}>
          <Select options={[{ value: "ranking_notice", label: r.kinds.ranking_notice }, { value: "assessment", label: r.kinds.assessment }]} />
        </Form.Item>
        <Form.Item name="issuer" label={r.issuer} rules={[{ required: true }]} hidden={me.role !== "office"}><UnitSelect initial={me.scope} /></Form.Item>
        <Form.Item name="title" label={r.name} rules={[{ required: true, min: 4, max: 200 }]}><Input /></Form.Item>
        <Form.Item name="ranked" label={r.ranked} rules={[{ required: true, min: 2, max: 300 }]}><Input /></Form.Item>
        <Form.Item name="indicatorCount" label={r.indicators} rules={[{ required: true }]}><InputNumber min={1} max={1000} /></Form.Item>
        <Form.Item name="targets" label={r.targets} rules={[{ required: true }]}><UnitMultiSelect levels={["township", "village"]} /></Form.Item>
      </Form>
    </Modal>
  );
}
