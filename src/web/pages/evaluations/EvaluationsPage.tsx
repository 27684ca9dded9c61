import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { App, Button, Card, Input, InputNumber, Space, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import type { EvaluationRequest, EvaluationYear } from "../../../contracts/evaluations.js";
import { api } from "../../api/client.js";
import { useMe } from "../../auth/AuthContext.js";
import { useApiError } from "../../components/useApiError.js";
import { ReasonModal } from "../../components/ReasonModal.js";
import { XlsxImportModal } from "../../components/XlsxImportModal.js";
import { useLoad } from "../../components/useLoad.js";
import { useLang, useT } from "../../i18n/index.js";
import { downloadXlsx } from "../dashboard/api.js";
import { RequestForm } from "./RequestForm.js";
import { EvaluationHours } from "./EvaluationHours.js";
import { RequestsXlsx } from "./RequestsXlsx.js";

const REQUESTS = new Set(["department_staff", "township_official", "office"]);
const STATUS_COLOR = { pending: "gold", approved: "green", rejected: "default", withdrawn: "red" } as const;

/** 评比创建清单: the approved list of a year, requests and their approval, and what was held without approval. */
export default function EvaluationsPage() {
  const t = useT();
  const e = t.evaluations;
  const me = useMe();
  const { lang } = useLang();
  const { message } = App.useApp();
  const showError = useApiError();
  const [year, setYear] = useState(dayjs().year());
  const [tick, setTick] = useState(0);
  const [importing, setImporting] = useState(false);
  const [open, setOpen] = useState(false);
  const [deciding, setDeciding] = useState<{ r: EvaluationRequest; decision: "approve" | "reject" } | null>(null);
  const [code, setCode] = useState("");
  const [withdrawing, setWithdrawing] = useState<{ code: string; title: string } | null>(null);
  const view = useLoad(`ev|${year}|${tick}`, (signal) => api.get<EvaluationYear>("/api/evaluations", { year: String(year) }, signal));
  const refresh = () => setTick((n) => n + 1);

  const decide = async (reason: string) => {
    if (!deciding) return;
    await api.post(`/api/evaluations/requests/${deciding.r.id}/decision`, { decision: deciding.decision, reason, approvalCode: code.trim() || undefined });
    void message.success(e.decided);
    setCode("");
    refresh();
  };
  const withdraw = async (reason: string) => {
    if (!withdrawing) return;
    await api.post("/api/evaluations/withdraw", { year, code: withdrawing.code, reason });
    void message.success(e.withdrawn);
    refresh();
  };
  const data = view.data;

  return (
    <Card
      title={e.title}
      data-testid="evaluations-page"
      extra={
        <Space wrap>
          {e.year} <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} style={{ width: 90 }} />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{e.intro}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        {REQUESTS.has(me.role) && <Button type="primary" onClick={() => setOpen(true)}>{e.request}</Button>}
        <Button icon={<DownloadOutlined />} onClick={() => void downloadXlsx("/api/evaluations/export.xlsx", { year: String(year) }, lang, `${e.title}-${year}`).catch(showError)}>{e.exportXlsx}</Button>
        {me.role === "office" && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>{e.importXlsx}</Button>}
        <XlsxImportModal<{ added: number }>
          open={importing}
          title={`${e.importXlsx} · ${year}`}
          hint={e.importHint}
          url="/api/evaluations/import"
          query={{ year }}
          template={{ path: "/api/evaluations/export.xlsx", query: { year: String(year) }, fileName: `${e.title}-${year}` }}
          onClose={() => setImporting(false)}
          onDone={(r) => {
            void message.success(e.imported(r.added));
            refresh();
          }}
        />
      </Space>
      <Typography.Title level={5}>{e.burdens}</Typography.Title>
      <Table
        rowKey="id"
        size="small"
        loading={view.loading}
        dataSource={data?.burdens ?? []}
        scroll={{ x: 760 }}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        columns={[
          { title: e.titleField, dataIndex: "title" },
          { title: e.issuer, dataIndex: "issuer", width: 150 },
          { title: e.category, dataIndex: "category", width: 110, render: (c: keyof typeof e.categories) => e.categories[c] },
          { title: e.approvalCode, dataIndex: "approvalCode", width: 150, render: (v: string | null) => v ?? "—" },
          { title: "", dataIndex: "onList", width: 110, render: (on: boolean) => (on ? <Tag color="green">{e.onList}</Tag> : <Tag color="red">{e.notOnList}</Tag>) },
          { title: t.registryHours.evaluationHours, dataIndex: "yearlyHours", width: 120 },
        ]}
      />
      {data && <EvaluationHours data={data} />}
      <Space wrap style={{ width: "100%", justifyContent: "space-between" }}>
        <Typography.Title level={5}>{e.requests}</Typography.Title>
        <RequestsXlsx year={year} onImported={refresh} />
      </Space>
      <Table<EvaluationYear["requests"][number]>
        rowKey="id"
        size="small"
        loading={view.loading}
        dataSource={data?.requests ?? []}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        columns={[
          { title: e.titleField, dataIndex: "title" },
          { title: e.issuer, render: (_, r) => r.issuer.name, width: 150 },
          { title: e.category, render: (_, r) => e.categories[r.category], width: 110 },
          { title: e.reason, dataIndex: "reason", width: 200 },
          { title: e.status, width: 100, render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{e.statuses[r.status]}</Tag> },
          { title: t.registryHours.evaluationHours, dataIndex: "yearlyHours", width: 110, render: (v: number | null) => v ?? "—" },
          {
            title: e.approvalCode,
            width: 200,
            render: (_, r) => (
              <>
                {r.approvalCode ?? r.decisionReason ?? "—"}
                {r.withdrawReason && <Typography.Text type="danger" style={{ display: "block" }}>{e.withdrawnNote(r.withdrawnBy ?? "", r.withdrawReason)}</Typography.Text>}
              </>
            ),
          },
          {
            title: t.common.actions,
            width: 140,
            render: (_, r) =>
              r.can.includes("decide") ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => setDeciding({ r, decision: "approve" })}>{e.approve}</Button>
                  <Button size="small" danger onClick={() => setDeciding({ r, decision: "reject" })}>{e.reject}</Button>
                </Space>
              ) : (
                r.can.includes("withdraw") && r.approvalCode && (
                  <Button size="small" danger onClick={() => setWithdrawing({ code: r.approvalCode!, title: r.title })}>{e.withdraw}</Button>
                )
              ),
          },
        ]}
      />
      <Typography.Title level={5}>{e.approved}</Typography.Title>
      <Table
        rowKey="code"
        size="small"
        dataSource={data?.approved ?? []}
        pagination={false}
        columns={[
          { title: e.approvalCode, dataIndex: "code", width: 200 },
          { title: e.titleField, dataIndex: "title" },
          {
            title: t.common.actions,
            width: 120,
            render: (_, a) => a.can.includes("withdraw") && <Button size="small" danger onClick={() => setWithdrawing(a)} data-testid={`withdraw-${a.code}`}>{e.withdraw}</Button>,
          },
        ]}
      />
      <ReasonModal
        open={!!withdrawing}
        title={withdrawing ? e.withdrawTitle(withdrawing.code, withdrawing.title) : ""}
        prompt={e.withdrawLabel}
        okText={e.withdraw}
        danger
        minLength={4}
        maxLength={500}
        testId="withdraw"
        onSubmit={withdraw}
        onClose={() => setWithdrawing(null)}
      />
      <RequestForm open={open} year={year} onClose={() => setOpen(false)} onSaved={() => { setOpen(false); void message.success(e.saved); refresh(); }} />
      <ReasonModal
        open={!!deciding}
        title={deciding ? `${deciding.decision === "approve" ? e.approve : e.reject}：${deciding.r.title}` : ""}
        prompt={e.decisionReason}
        okText={deciding?.decision === "approve" ? e.approve : e.reject}
        danger={deciding?.decision === "reject"}
        minLength={2}
        maxLength={500}
        extra={deciding?.decision === "approve" && <Input placeholder={e.approvalCode} value={code} onChange={(ev) => setCode(ev.target.value)} maxLength={60} />}
        testId="evaluation-decide"
        onSubmit={decide}
        onClose={() => {
          setDeciding(null);
          setCode("");
        }}
      />
    </Card>
  );
}
