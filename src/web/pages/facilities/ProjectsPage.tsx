import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { Link } from "react-router-dom";
import { PROJECT_KINDS, PROJECT_STATUSES, type Project, type ProjectInput } from "../../../contracts/projects.js";
import { api } from "../../api/client.js";
import { useMe } from "../../auth/AuthContext.js";
import { UnitSelect } from "../../components/UnitSelect.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { ExcelButtons } from "./ExcelButtons.js";

const KEEPS = new Set(["township_official", "office", "department_staff"]);
const wan = (yuan: number) => (yuan / 10000).toLocaleString(undefined, { maximumFractionDigits: 1 });
type Values = Omit<ProjectInput, "completedOn"> & { completedOn?: Dayjs };

/** One flag of a project: its name, its message, and the button that turns it into a case. */
function FlagLine({ p, f, onOpened }: { p: Project; f: Project["flags"][number]; onOpened: () => void }) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const showError = useApiError();
  const open = async () => {
    try {
      await api.post(`/api/projects/${p.id}/flags/${f.code}/case`);
      void message.success(t.projects.opened);
      onOpened();
    } catch (err) {
      showError(err);
    }
  };
  const handler = me.role === "office" || me.role === "commission";
  return (
    <div style={{ marginBottom: 6 }} data-testid={`flag-${f.code}`}>
      <Tag color="red">{t.projects.codes[f.code]}</Tag>
      <Typography.Text>{f.message}</Typography.Text>{" "}
      {f.caseId ? (
        handler ? <Link to={`/cases/${f.caseId}`}><Tag color="blue">{t.projects.opened}</Tag></Link> : <Tag color="blue">{t.projects.opened}</Tag>
      ) : (
        p.can.includes("open_case") && (
          <Popconfirm title={t.projects.openConfirm} onConfirm={() => void open()}>
            <Button size="small" danger data-testid={`open-case-${f.code}`}>{t.projects.openCase}</Button>
          </Popconfirm>
        )
      )}
    </div>
  );
}

/** 项目台账: projects of one's region with their flags; a flag becomes a case; Excel in and out. */
export default function ProjectsPage() {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const showError = useApiError();
  const [flagged, setFlagged] = useState(false);
  const [tick, setTick] = useState(0);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const list = useLoad(`${flagged}|${tick}`, (signal) => api.get<{ items: Project[] }>("/api/projects", { flagged: flagged ? "true" : undefined }, signal));
  const reload = () => setTick((n) => n + 1);

  const save = async (v: Values) => {
    try {
      await api.post("/api/projects", { ...v, completedOn: v.completedOn ? v.completedOn.format("YYYY-MM-DD") : null, feasibilityDocument: v.feasibilityDocument || null });
      void message.success(t.resources.saved);
      setOpen(false);
      form.resetFields();
      reload();
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Card
      title={t.projects.title}
      data-testid="projects-page"
      extra={
        <Space wrap>
          {KEEPS.has(me.role) && <Button type="primary" onClick={() => setOpen(true)}>{t.projects.register}</Button>}
          <ExcelButtons testId="projects" exportPath="/api/projects/export.xlsx" fileName={t.projects.title} importPath={KEEPS.has(me.role) ? "/api/projects/import" : undefined} onImported={reload} />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t.projects.intro}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <Switch checked={flagged} onChange={setFlagged} /> {t.resources.onlyFlagged}
      </Space>
      <Table<Project>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1000 }}
        expandable={{
          expandedRowRender: (p) => p.flags.map((f) => <FlagLine key={f.code} p={p} f={f} onOpened={reload} />),
          rowExpandable: (p) => p.flags.length > 0,
          // Every flag stays in sight under its project: the flags are what the page is for.
          expandedRowKeys: (list.data?.items ?? []).filter((p) => p.flags.length > 0).map((p) => p.id),
          showExpandColumn: false,
        }}
        columns={[
          { title: t.projects.name, dataIndex: "name", width: 180 },
          { title: t.projects.kind, render: (_, p) => t.projects.kinds[p.kind], width: 90 },
          { title: t.resources.unit, render: (_, p) => p.unit.name, width: 120 },
          { title: t.projects.status, render: (_, p) => t.projects.statuses[p.status], width: 70 },
          { title: t.projects.investment, render: (_, p) => wan(p.investment), width: 90 },
          { title: t.projects.debt, render: (_, p) => (p.debtFunds > 0 ? <Typography.Text type="warning">{wan(p.debtFunds)}</Typography.Text> : "0"), width: 80 },
          { title: t.projects.study, render: (_, p) => (p.hasFeasibilityStudy ? p.feasibilityDocument : <Tag>{t.projects.no}</Tag>), width: 150 },
          { title: t.projects.use, render: (_, p) => `${p.expectedUsePerYear} / ${p.uses.at(-1)?.actualUse ?? "—"} ${p.useMeasure}`, width: 160 },
          { title: t.resources.flags, render: (_, p) => (p.flags.length ? p.flags.map((f) => <Tag key={f.code} color={f.caseId ? "blue" : "red"}>{t.projects.codes[f.code]}</Tag>) : <Tag color="green">{t.resources.noFlags}</Tag>) },
        ]}
      />
      <Modal open={open} title={t.projects.register} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText={t.common.save} destroyOnHidden width={640}>
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ kind: "road", status: "planned", fiscalFunds: 0, debtFunds: 0, otherFunds: 0, hasFeasibilityStudy: false, servedPopulation: 0, expectedUsePerYear: 0, useMeasure: "人次", unitCode: me.role === "office" ? undefined : me.scope.code }}>
          <Form.Item name="name" label={t.projects.name} rules={[{ required: true, min: 2, max: 120 }]}><Input /></Form.Item>
          <Space wrap>
            <Form.Item name="kind" label={t.projects.kind}><Select style={{ width: 140 }} options={PROJECT_KINDS.map((k) => ({ value: k, label: t.projects.kinds[k] }))} /></Form.Item>
            <Form.Item name="status" label={t.projects.status}><Select style={{ width: 120 }} options={PROJECT_STATUSES.map((s) => ({ value: s, label: t.projects.statuses[s] }))} /></Form.Item>
            <Form.Item name="completedOn" label={t.projects.completedOn}><DatePicker /></Form.Item>
          </Space>
          <Form.Item name="unitCode" label={t.resources.unit} rules={[{ required: true }]}><UnitSelect initial={me.scope} /></Form.Item>
          <Form.Item name="owner" label={t.resources.owner} rules={[{ required: true, min: 2, max: 100 }]}><Input /></Form.Item>
          <Space wrap>
            <Form.Item name="fiscalFunds" label={t.projects.fiscalFunds}><InputNumber min={0} style={{ width: 150 }} /></Form.Item>
            <Form.Item name="debtFunds" label={t.projects.debtFunds}><InputNumber min={0} style={{ width: 150 }} /></Form.Item>
            <Form.Item name="otherFunds" label={t.projects.otherFunds}><InputNumber min={0} style={{ width: 150 }} /></Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="hasFeasibilityStudy" label={t.projects.study} valuePropName="checked"><Switch /></Form.Item>
            <Form.Item name="feasibilityDocument" label={t.projects.feasibilityDocument}><Input style={{ width: 220 }} /></Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="servedPopulation" label={t.projects.servedPopulation}><InputNumber min={0} precision={0} /></Form.Item>
            <Form.Item name="expectedUsePerYear" label={t.projects.expectedUsePerYear}><InputNumber min={0} precision={0} /></Form.Item>
            <Form.Item name="useMeasure" label={t.projects.useMeasure}><Input style={{ width: 100 }} /></Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}
