import { Card, Select, Space, Table, Typography } from "antd";
import { useState } from "react";
import type { AllowedProof } from "../../../contracts/proofs.js";
import { api } from "../../api/client.js";
import { useMe } from "../../auth/AuthContext.js";
import { ExportXlsxButton } from "../../components/ExportXlsxButton.js";
import { useLoad } from "../../components/useLoad.js";
import { ImportXlsxButton, yearOptions } from "../../components/XlsxImportModal.js";
import { useT } from "../../i18n/index.js";

/** 村级可出具证明事项清单 of a year: what the villages of the region may issue; the office imports and exports it. */
export function AllowedProofs() {
  const t = useT().proofs;
  const me = useMe();
  const [year, setYear] = useState(new Date().getFullYear());
  const [tick, setTick] = useState(0);
  const list = useLoad(`allowed|${year}|${tick}`, (signal) => api.get<{ items: AllowedProof[] }>("/api/proofs/list", { year }, signal));
  const query = { year: String(year) };
  return (
    <Card
      size="small"
      title={t.allowedList}
      data-testid="allowed-proofs"
      extra={
        <Space wrap>
          <Select value={year} onChange={setYear} options={yearOptions()} style={{ width: 96 }} />
          <ExportXlsxButton path="/api/proofs/list/export.xlsx" query={query} fileName={`${t.allowedList}${year}`} />
          {me.role === "office" && <ImportXlsxButton list url="/api/proofs/list/import.xlsx" exportPath="/api/proofs/list/export.xlsx" exportQuery={query} fileName={`${t.allowedList}${year}`} onImported={() => setTick((n) => n + 1)} />}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t.allowedIntro}</Typography.Paragraph>
      <Table<AllowedProof>
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t.code, dataIndex: "code", width: 120 },
          { title: t.allowedTitle, dataIndex: "title" },
          { title: t.region, render: (_, a) => a.region.name, width: 180 },
        ]}
      />
    </Card>
  );
}
