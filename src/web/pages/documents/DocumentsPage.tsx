import { FileAddOutlined } from "@ant-design/icons";
import { Button, Card, Select, Space, Switch, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import type { DocumentSummary } from "../../../contracts/documents.js";
import { useMe } from "../../auth/AuthContext.js";
import { ExportXlsxButton } from "../../components/ExportXlsxButton.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { documentsApi } from "./api.js";
import { FindingTags } from "./FindingTags.js";
import { RegisterDocumentModal } from "./RegisterDocumentModal.js";
import { ImportXlsxButton } from "../../components/XlsxImportModal.js";

const REGISTERS = new Set(["department_staff", "township_official", "office"]);
const SEES_COUNTS = new Set(["office", "commission", "admin"]);

/** How many documents each issuer of the region sent this year against last year, and why more. */
function CountsCard({ year }: { year: number }) {
  const t = useT();
  const counts = useLoad(`counts|${year}`, (signal) => documentsApi.counts(year, signal));
  return (
    <Card size="small" title={`${t.documents.counts} · ${year}`}>
      <Table
        size="small"
        rowKey="issuerCode"
        loading={counts.loading}
        pagination={false}
        dataSource={counts.data?.issuers ?? []}
        columns={[
          { title: t.documents.issuer, dataIndex: "issuerName" },
          { title: t.documents.thisYear, dataIndex: "thisYear", render: (n: number, r) => <Typography.Text type={r.lastYear > 0 && n > r.lastYear ? "danger" : undefined}>{n}</Typography.Text> },
          { title: t.documents.lastYear, dataIndex: "lastYear" },
          { title: t.documents.whiteOrMemo, dataIndex: "whiteOrMemo" },
          { title: t.documents.reasons, dataIndex: "reasons", render: (rs: string[]) => rs.join("；") },
        ]}
      />
    </Card>
  );
}

/** 文件登记: the documents of one's region and above, their findings, and the form to register one. */
export default function DocumentsPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const [year, setYear] = useState(() => dayjs().year());
  const [flagged, setFlagged] = useState(false);
  const [open, setOpen] = useState(false);
  const [tick, setTick] = useState(0);
  const list = useLoad(`${year}|${flagged}|${tick}`, (signal) => documentsApi.list({ year, flagged: flagged ? "true" : undefined, limit: 200 }, signal));
  const all = useLoad(`all|${tick}`, (signal) => documentsApi.list({ limit: 200 }, signal));

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card
        title={t.documents.title}
        extra={
          <Space>
            <ExportXlsxButton path="/api/documents/export.xlsx" query={{ year: String(year), ...(flagged ? { flagged: "true" } : {}) }} fileName={`${t.documents.title}-${year}`} />
            {REGISTERS.has(me.role) && <ImportXlsxButton url="/api/documents/import.xlsx" exportPath="/api/documents/export.xlsx" fileName={t.documents.title} onImported={() => setTick((n) => n + 1)} />}
            {REGISTERS.has(me.role) && <Button type="primary" icon={<FileAddOutlined />} onClick={() => setOpen(true)}>{t.documents.register}</Button>}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t.documents.intro}</Typography.Paragraph>
        <Space wrap style={{ marginBottom: 12 }}>
          <span>{t.documents.year}</span>
          <Select value={year} onChange={setYear} style={{ width: 110 }} options={[0, 1, 2].map((k) => ({ value: dayjs().year() - k, label: String(dayjs().year() - k) }))} />
          <Switch checked={flagged} onChange={setFlagged} /> <span>{t.documents.onlyFlagged}</span>
        </Space>
        <Table<DocumentSummary>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 900 }}
          pagination={{ pageSize: 20, showTotal: (n) => t.common.total(n) }}
          columns={[
            { title: t.documents.issuedOn, dataIndex: "issuedOn", width: 110 },
            { title: t.documents.docNumber, dataIndex: "docNumber", width: 170 },
            { title: t.documents.titleField, dataIndex: "title", render: (v: string, r) => <Link to={`/documents/${r.id}`}>{v}</Link> },
            { title: t.documents.issuer, dataIndex: "issuerName", width: 160 },
            { title: t.documents.head, dataIndex: "head", width: 100, render: (h: DocumentSummary["head"]) => <Tag color={h === "red" ? "red" : "default"}>{t.documents.heads[h]}</Tag> },
            { title: t.documents.chars, dataIndex: "chars", width: 90 },
            { title: t.documents.findings, dataIndex: "findings", render: (f: DocumentSummary["findings"]) => <FindingTags findings={f} /> },
          ]}
        />
      </Card>
      {SEES_COUNTS.has(me.role) && <CountsCard year={year} />}
      <RegisterDocumentModal
        open={open}
        higher={all.data?.items ?? []}
        onClose={() => setOpen(false)}
        onDone={(d) => {
          setOpen(false);
          setTick((n) => n + 1);
          void navigate(`/documents/${d.id}`);
        }}
      />
    </Space>
  );
}
