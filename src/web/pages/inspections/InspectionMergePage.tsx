import { App, Button, Card, DatePicker, Empty, Form, Input, Modal, Select, Space, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { Link } from "react-router-dom";
import type { InspectionVisits, MergeProposals } from "../../../contracts/burdens.js";
import { api } from "../../api/client.js";
import { ExportXlsxButton } from "../../components/ExportXlsxButton.js";
import { useMe } from "../../auth/AuthContext.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";

type Proposal = MergeProposals["proposals"][number];
type Inspection = Proposal["inspections"][number];
type Visit = InspectionVisits["items"][number];

/** 督检考统筹: for a quarter, each township visited by several inspections, with the visits to merge. */
export default function InspectionMergePage() {
  const t = useT();
  const [year, setYear] = useState(() => dayjs().year());
  const [quarter, setQuarter] = useState(() => Math.floor(dayjs().month() / 3) + 1);
  const me = useMe();
  const { message } = App.useApp();
  const showError = useApiError();
  const [tick, setTick] = useState(0);
  const [accepting, setAccepting] = useState<Proposal | null>(null);
  const [form] = Form.useForm<{ visitOn: dayjs.Dayjs; lead: string; note?: string }>();
  const data = useLoad(`${year}|${quarter}|${tick}`, (signal) => api.get<MergeProposals>("/api/inspections/merge-proposals", { year, quarter }, signal));
  const visits = useLoad(`v|${year}|${quarter}|${tick}`, (signal) => api.get<InspectionVisits>("/api/inspections/visits", { year, quarter }, signal));
  const proposals = data.data?.proposals ?? [];
  const accept = async (v: { visitOn: dayjs.Dayjs; lead: string; note?: string }) => {
    if (!accepting) return;
    try {
      await api.post("/api/inspections/visits", { townshipCode: accepting.townshipCode, inspections: accepting.inspections.map((i) => i.id), visitOn: v.visitOn.format("YYYY-MM-DD"), lead: v.lead, note: v.note || undefined });
      void message.success(t.inspections.accepted);
      setAccepting(null);
      setTick((n) => n + 1);
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }} data-testid="inspection-merge">
      <Card title={t.inspections.title}>
        <Typography.Paragraph type="secondary">{t.inspections.intro}</Typography.Paragraph>
        <Space wrap>
          <span>{t.inspections.year}</span>
          <Select value={year} onChange={setYear} style={{ width: 100 }} options={[-1, 0, 1].map((k) => ({ value: dayjs().year() + k, label: String(dayjs().year() + k) }))} />
          <span>{t.inspections.quarter}</span>
          <Select value={quarter} onChange={setQuarter} style={{ width: 120 }} options={[1, 2, 3, 4].map((q) => ({ value: q, label: t.inspections.quarterName(q) }))} />
          <ExportXlsxButton path="/api/inspections/merge-proposals/export.xlsx" query={{ year: String(year), quarter: String(quarter) }} fileName={`${t.inspections.title}-${year}-Q${quarter}`} label={t.inspections.exportProposals} />
          <ExportXlsxButton path="/api/inspections/visits/export.xlsx" query={{ year: String(year), quarter: String(quarter) }} fileName={`${t.inspections.recorded}-${year}-Q${quarter}`} label={t.inspections.exportVisits} />
        </Space>
      </Card>
      {!data.loading && proposals.length === 0 && <Empty description={t.inspections.none} />}
      {proposals.map((p) => (
        <Card
          key={p.townshipCode}
          size="small"
          title={`${p.townshipName} · ${t.inspections.visits(p.inspections.length, p.issuers)}`}
          extra={me.role === "office" && <Button type="primary" size="small" onClick={() => { form.resetFields(); setAccepting(p); }} data-testid={`accept-${p.townshipCode}`}>{t.inspections.accept}</Button>}
        >
          <Typography.Paragraph>{t.inspections.window(p.earliest, p.latest)}</Typography.Paragraph>
          <Table<Inspection>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={p.inspections}
            columns={[
              { title: t.inspections.date, dataIndex: "date", width: 110 },
              { title: t.inspections.issuer, dataIndex: "issuerName", width: 180 },
              { title: t.inspections.titleField, dataIndex: "title", render: (v: string, r) => <Link to={`/burdens/${r.id}`}>{v}</Link> },
              { title: t.inspections.admissionNumber, dataIndex: "admissionNumber", width: 200 },
              { title: "", dataIndex: "onSite", width: 90, render: (v: boolean) => <Tag>{v ? t.inspections.onSite : t.inspections.remote}</Tag> },
            ]}
          />
        </Card>
      ))}
      <Card size="small" title={t.inspections.recorded} data-testid="inspection-visits">
        {(visits.data?.items.length ?? 0) === 0 ? (
          <Typography.Text type="secondary">{t.inspections.noVisits}</Typography.Text>
        ) : (
          <Table<Visit>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={visits.data?.items ?? []}
            columns={[
              { title: t.inspections.visitOn, dataIndex: "visitOn", width: 110 },
              { title: t.inspections.issuer, render: (_, v) => v.township.name, width: 120 },
              { title: t.inspections.lead, render: (_, v) => v.lead.name, width: 160 },
              { title: t.inspections.titleField, render: (_, v) => <Space direction="vertical" size={0}><Typography.Text type="secondary">{t.inspections.merged(v.inspections.length)}</Typography.Text>{v.inspections.map((i) => <Link key={i.id} to={`/burdens/${i.id}`}>{i.issuerName}：{i.title}</Link>)}</Space> },
              { title: t.inspections.note, dataIndex: "note", width: 200 },
            ]}
          />
        )}
      </Card>
      <Modal open={!!accepting} title={accepting ? t.inspections.acceptTitle(accepting.townshipName) : ""} onCancel={() => setAccepting(null)} onOk={() => form.submit()} destroyOnHidden>
        {accepting && (
          <Form form={form} layout="vertical" onFinish={(v) => void accept(v)} initialValues={{ visitOn: dayjs(accepting.earliest), lead: accepting.inspections[0]?.issuerCode }}>
            <Form.Item name="visitOn" label={t.inspections.visitOn} rules={[{ required: true }]}><DatePicker /></Form.Item>
            <Form.Item name="lead" label={t.inspections.lead} rules={[{ required: true }]}>
              <Select options={[...new Map(accepting.inspections.map((i) => [i.issuerCode, i.issuerName])).entries()].map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="note" label={t.inspections.note}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
          </Form>
        )}
      </Modal>
    </Space>
  );
}
