import { DownloadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Checkbox, Col, Input, Row, Space, Statistic, Tag } from "antd";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import type { Form, MappingBody } from "../../../contracts/forms.js";
import { useMe } from "../../auth/AuthContext.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { countyOf, formsApi } from "./api.js";
import { FileErrors, failureOf, type Failure } from "./FileErrors.js";
import { initialDecision, MappingTable, NEW, type Decision } from "./MappingTable.js";

const toInput = (form: Form, decisions: Record<number, Decision>, importData: boolean, reason: string): MappingBody => ({
  importData,
  ...(reason.trim() ? { reason: reason.trim() } : {}),
  fields: form.fields.map((f) => {
    const d = decisions[f.position]!;
    if (d.role !== "indicator") return { position: f.position, role: d.role };
    if (d.indicatorId !== NEW) return { position: f.position, role: d.role, indicatorId: d.indicatorId };
    return {
      position: f.position, role: d.role,
      newIndicator: { code: d.newCode, name: d.newName, unit: f.unit, type: "number", aliases: [], definition: "", options: [], granularity: "village", refreshCycle: "yearly", ownerDepartment: null, min: null, max: null },
    };
  }),
});

/** What the department's villages will be asked, once the mapping is confirmed. */
function ClassificationCard({ id, tick }: { id: string; tick: number }) {
  const t = useT();
  const m = t.forms.mapping;
  const c = useLoad(`${id}|${tick}`, (signal) => formsApi.classification(id, signal));
  if (!c.data) return null;
  return (
    <Card title={m.classification} extra={m.targets(c.data.targets)} data-testid="form-classification">
      <Row gutter={16}>
        <Col span={8}><Statistic title={m.asked} value={c.data.totals.asked} /></Col>
        <Col span={8}><Statistic title={m.avoided} value={c.data.totals.avoided} styles={{ content: { color: "#389e0d" } }} /></Col>
        <Col span={8}><Statistic title={m.merged} value={c.data.totals.merged} styles={{ content: { color: "#1d4e89" } }} /></Col>
      </Row>
    </Card>
  );
}

export default function FormMappingPage() {
  const t = useT();
  const m = t.forms.mapping;
  const me = useMe();
  const { id = "" } = useParams();
  const { message } = App.useApp();
  const [tick, setTick] = useState(0);
  const [decisions, setDecisions] = useState<Record<number, Decision>>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saving, setSaving] = useState(false);
  const [importData, setImportData] = useState(false);
  const [importNotes, setImportNotes] = useState<string[]>([]);
  const [reason, setReason] = useState("");
  const form = useLoad(`${id}|${tick}`, (signal) => formsApi.get(id, signal));
  const catalog = useLoad(form.data ? countyOf(form.data.owner.code) : null, (signal) => formsApi.indicators(countyOf(form.data!.owner.code), signal));
  useEffect(() => {
    if (form.data) setDecisions(Object.fromEntries(form.data.fields.map((f) => [f.position, initialDecision(f, f.position)])));
  }, [form.data]);
  const mayMap = me.role === "department_staff" || me.role === "office";

  const confirm = () => {
    if (!form.data) return;
    setSaving(true);
    setFailure(null);
    formsApi
      .map(id, toInput(form.data, decisions, importData, reason))
      .then((r) => {
        void message.success(r.imported ? m.imported(r.imported.values, r.imported.skipped) : m.confirmed);
        setImportNotes([...(r.imported?.mismatches ?? []), ...(r.imported?.notes ?? [])].map((n) => `${n.path}：${n.message}`));
        setTick((n) => n + 1);
      })
      .catch((err: unknown) => setFailure(failureOf(err, t) ?? { text: t.common.networkError, rows: [] }))
      .finally(() => setSaving(false));
  };

  const data = form.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }} data-testid="form-mapping-page">
      <Card
        loading={form.loading && !data}
        title={data ? <Space>{data.title}<Tag color={data.status === "mapped" ? "green" : "orange"}>{t.forms.list.status[data.status]}</Tag></Space> : m.title}
        extra={
          <Space wrap>
            <Link to="/forms">{m.back}</Link>
            {data?.status === "mapped" && <Button icon={<DownloadOutlined />} href={formsApi.exportUrl(id)} data-testid="form-export">{m.export}</Button>}
            {mayMap && <Checkbox checked={importData} onChange={(e) => setImportData(e.target.checked)} data-testid="form-import-data">{m.importData}</Checkbox>}
            {mayMap && <Button type="primary" loading={saving} onClick={confirm} disabled={!data} data-testid="form-confirm">{m.confirm}</Button>}
          </Space>
        }
      >
        {data && data.notes.length > 0 && <Alert type="warning" showIcon title={m.notes} description={data.notes.map((n) => n.message).join("；")} style={{ marginBottom: 12 }} />}
        {failure && <FileErrors failure={failure} testId="form-mapping-errors" />}
        {importNotes.length > 0 && (
          <Alert type="warning" showIcon closable title={m.importNotes} description={<ul style={{ margin: 0, paddingLeft: 18 }}>{importNotes.map((n) => <li key={n}>{n}</li>)}</ul>} onClose={() => setImportNotes([])} style={{ marginBottom: 12 }} />
        )}
        {mayMap && Object.values(decisions).some((d) => d.role === "indicator" && d.indicatorId === NEW) && (
          <Input.TextArea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={m.reason} style={{ marginBottom: 12 }} data-testid="form-reason" />
        )}
        {data && Object.keys(decisions).length === data.fields.length && (
          <MappingTable form={data} catalog={catalog.data?.indicators ?? []} decisions={decisions} readOnly={!mayMap} onChange={(p, d) => setDecisions((all) => ({ ...all, [p]: d }))} />
        )}
      </Card>
      {data?.status === "mapped" && <ClassificationCard id={id} tick={tick} />}
    </Space>
  );
}
