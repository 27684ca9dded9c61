import { Alert, App, Button, Card, Form, Input, Space, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import type { z } from "zod";
import type { ProofRequest, ProofRequestInput, ZProofCounts, ZProofList } from "../../../contracts/proofs.js";
import { api } from "../../api/client.js";
import { useMe } from "../../auth/AuthContext.js";
import { ExportXlsxButton } from "../../components/ExportXlsxButton.js";
import { UnitSelect } from "../../components/UnitSelect.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { ImportXlsxButton } from "../../components/XlsxImportModal.js";
import { AllowedProofs } from "./AllowedProofs.js";
import { formatChange, ProofHoursLine } from "./ProofHours.js";

const ASKS = new Set(["village_cadre", "township_official"]);

function Outcome({ proof }: { proof: ProofRequest }) {
  const t = useT();
  if (proof.decision === "issue") return <Alert type="success" showIcon title={t.proofs.issue} description={t.proofs.issueHint(proof.proofName)} />;
  return (
    <Alert
      type="error"
      showIcon
      title={t.proofs.refused}
      description={
        <Space orientation="vertical" style={{ width: "100%" }}>
          <span>{t.proofs.refusalHint}</span>
          <div className="jf-doc-text" data-testid="refusal-text">{proof.refusalText}</div>
          <Button href={`/api/proofs/requests/${proof.id}/refusal.docx`}>{t.proofs.download}</Button>
        </Space>
      }
    />
  );
}

/** 证明事项: a village cadre checks a proof he is asked for; the ledger; counts per village for the office. */
export default function ProofsPage() {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<ProofRequestInput>();
  const [last, setLast] = useState<ProofRequest | null>(null);
  const [tick, setTick] = useState(0);
  const year = dayjs().year();
  const list = useLoad(`list|${tick}`, (signal) => api.get<z.infer<typeof ZProofList>>("/api/proofs/requests", { limit: 100 }, signal));
  const counts = useLoad(me.role === "village_cadre" ? null : `counts|${tick}`, (signal) => api.get<z.infer<typeof ZProofCounts>>("/api/proofs/counts", { year }, signal));

  const submit = async (v: ProofRequestInput) => {
    try {
      const proof = await api.post<ProofRequest>("/api/proofs/requests", { ...v, purpose: v.purpose || undefined });
      setLast(proof);
      setTick((n) => n + 1);
      void message.success(t.proofs.decisions[proof.decision]);
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }} data-testid="proofs-page">
      {ASKS.has(me.role) && (
        <Card title={t.proofs.title}>
          <Typography.Paragraph type="secondary">{t.proofs.intro}</Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ villageCode: me.role === "village_cadre" ? me.scope.code : undefined }} style={{ maxWidth: 560 }}>
            <Form.Item name="villageCode" label={t.proofs.village} rules={[{ required: true }]} hidden={me.role === "village_cadre"}>
              <UnitSelect />
            </Form.Item>
            <Form.Item name="proofName" label={t.proofs.proofName} rules={[{ required: true, min: 2, max: 100 }]}>
              <Input placeholder={t.proofs.proofPlaceholder} />
            </Form.Item>
            <Form.Item name="requestedBy" label={t.proofs.requestedBy} rules={[{ required: true, min: 2, max: 100 }]}>
              <Input placeholder={t.proofs.requestedByPlaceholder} />
            </Form.Item>
            <Form.Item name="purpose" label={t.proofs.purpose} rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>
              {t.proofs.submit}
            </Button>
          </Form>
          {last && <div style={{ marginTop: 16 }}><Outcome proof={last} /></div>}
        </Card>
      )}
      <AllowedProofs />
      {counts.data && (
        <Card size="small" title={`${t.proofs.counts} · ${year}`} data-testid="proof-counts">
          <ProofHoursLine counts={counts.data} />
          <Table
            size="small"
            rowKey="villageCode"
            pagination={false}
            dataSource={counts.data.villages}
            columns={[
              { title: t.proofs.village, dataIndex: "villageName" },
              { title: t.proofs.issuedThisYear, dataIndex: "issuedThisYear" },
              { title: t.proofs.issuedLastYear, dataIndex: "issuedLastYear" },
              { title: t.proofs.refusedThisYear, dataIndex: "refusedThisYear" },
              { title: t.proofs.change, dataIndex: "change", render: formatChange },
              { title: t.registryHours.hoursThisYear, dataIndex: "hoursThisYear" },
              { title: t.registryHours.hoursLastYear, dataIndex: "hoursLastYear" },
            ]}
          />
        </Card>
      )}
      <Card size="small" title={t.proofs.ledger} extra={
          <Space>
            <ExportXlsxButton path="/api/proofs/requests/export.xlsx" fileName={t.proofs.ledger} />
            {(me.role === "village_cadre" || me.role === "township_official") && <ImportXlsxButton url="/api/proofs/requests/import.xlsx" exportPath="/api/proofs/requests/export.xlsx" fileName={t.proofs.ledger} onImported={() => setTick((n) => n + 1)} />}
          </Space>
        }>
        <Table<ProofRequest>
          size="small"
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 640 }}
          columns={[
            { title: t.proofs.on, dataIndex: "on", width: 110 },
            { title: t.proofs.village, dataIndex: "villageName", width: 120 },
            { title: t.proofs.proofName, dataIndex: "proofName" },
            { title: t.proofs.requestedBy, dataIndex: "requestedBy" },
            { title: t.proofs.decision, dataIndex: "decision", render: (d: ProofRequest["decision"]) => <Tag color={d === "issue" ? "green" : "red"}>{t.proofs.decisions[d]}</Tag> },
            { title: t.registryHours.hours, dataIndex: "hours", width: 90 },
          ]}
        />
      </Card>
    </Space>
  );
}
