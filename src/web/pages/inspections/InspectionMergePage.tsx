import { Card, Empty, Select, Space, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { Link } from "react-router-dom";
import type { MergeProposals } from "../../../contracts/burdens.js";
import { api } from "../../api/client.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";

type Inspection = MergeProposals["proposals"][number]["inspections"][number];

/** 督检考统筹: for a quarter, each township visited by several inspections, with the visits to merge. */
export default function InspectionMergePage() {
  const t = useT();
  const [year, setYear] = useState(() => dayjs().year());
  const [quarter, setQuarter] = useState(() => Math.floor(dayjs().month() / 3) + 1);
  const data = useLoad(`${year}|${quarter}`, (signal) => api.get<MergeProposals>("/api/inspections/merge-proposals", { year, quarter }, signal));
  const proposals = data.data?.proposals ?? [];
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }} data-testid="inspection-merge">
      <Card title={t.inspections.title}>
        <Typography.Paragraph type="secondary">{t.inspections.intro}</Typography.Paragraph>
        <Space wrap>
          <span>{t.inspections.year}</span>
          <Select value={year} onChange={setYear} style={{ width: 100 }} options={[-1, 0, 1].map((k) => ({ value: dayjs().year() + k, label: String(dayjs().year() + k) }))} />
          <span>{t.inspections.quarter}</span>
          <Select value={quarter} onChange={setQuarter} style={{ width: 120 }} options={[1, 2, 3, 4].map((q) => ({ value: q, label: t.inspections.quarterName(q) }))} />
        </Space>
      </Card>
      {!data.loading && proposals.length === 0 && <Empty description={t.inspections.none} />}
      {proposals.map((p) => (
        <Card key={p.townshipCode} size="small" title={`${p.townshipName} · ${t.inspections.visits(p.inspections.length, p.issuers)}`}>
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
    </Space>
  );
}
