import { App, Button, Card, Input, Modal, Select, Space, Table, Typography } from "antd";
import { useState } from "react";
import type { AllowedProof } from "../../../contracts/proofs.js";
import { api } from "../../api/client.js";
import { useMe } from "../../auth/AuthContext.js";
import { ExportXlsxButton } from "../../components/ExportXlsxButton.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { ImportXlsxButton, yearOptions } from "../../components/XlsxImportModal.js";
import { useT } from "../../i18n/index.js";
import { AddAllowedProof } from "./AddAllowedProof.js";

/** 村级可出具证明事项清单 of a year: what the villages of the region may issue; the office imports and exports it. */
export function AllowedProofs() {
  const t = useT().proofs;
  const me = useMe();
  const [year, setYear] = useState(new Date().getFullYear());
  const [tick, setTick] = useState(0);
  const list = useLoad(`allowed|${year}|${tick}`, (signal) => api.get<{ items: AllowedProof[] }>("/api/proofs/list", { year }, signal));
  const query = { year: String(year) };
  const { message } = App.useApp();
  const showError = useApiError();
  const [withdrawing, setWithdrawing] = useState<AllowedProof | null>(null);
  const [reason, setReason] = useState("");
  const withdraw = async () => {
    if (!withdrawing) return;
    try {
      await api.post("/api/proofs/list/withdraw", { year: withdrawing.year, code: withdrawing.code, reason: reason.trim() });
      void message.success(t.withdrawn);
      setWithdrawing(null);
      setReason("");
      setTick((n) => n + 1);
    } catch (err) {
      showError(err);
    }
  };
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
      {me.role === "office" && <AddAllowedProof year={year} onAdded={() => setTick((n) => n + 1)} />}
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
          // Withdraw where the server says the user's office keeps the entry (not on one set by a region above).
          ...(me.role === "office" ? [{ title: "", width: 90, render: (_: unknown, a: AllowedProof) => (a.can.includes("withdraw") ? <Button size="small" danger onClick={() => setWithdrawing(a)}>{t.withdraw}</Button> : null) }] : []),
        ]}
      />
      <Modal
        open={!!withdrawing}
        title={withdrawing ? t.withdrawTitle(withdrawing.title) : ""}
        onCancel={() => setWithdrawing(null)}
        onOk={() => void withdraw()}
        okText={t.withdraw}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 4 }}
        destroyOnHidden
      >
        <Typography.Paragraph>{t.withdrawReason}</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Card>
  );
}
