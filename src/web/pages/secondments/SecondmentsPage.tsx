import { App, Button, Card, DatePicker, Form, Input, Modal, Space, Switch, Table, Tag, Tooltip, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import type { Secondment } from "../../../contracts/secondments.js";
import { api } from "../../api/client.js";
import { useMe } from "../../auth/AuthContext.js";
import { UnitSelect } from "../../components/UnitSelect.js";
import { ExportXlsxButton } from "../../components/ExportXlsxButton.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { ImportXlsxButton } from "../../components/XlsxImportModal.js";
import { SecondmentHoursCard } from "./SecondmentHoursCard.js";

const KEEPS = new Set(["department_staff", "township_official", "office"]);
type Values = { personName: string; fromUnit: string; borrowingUnit: string; period: [Dayjs, Dayjs]; approvalCode?: string; reason: string };

/** 借调登记: secondments of one's region with their flags; the borrower registers them and records returns. */
export default function SecondmentsPage() {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const showError = useApiError();
  const [flagged, setFlagged] = useState(false);
  const [open, setOpen] = useState(false);
  const [tick, setTick] = useState(0);
  const [form] = Form.useForm<Values>();
  const list = useLoad(`${flagged}|${tick}`, (signal) => api.get<{ total: number; items: Secondment[] }>("/api/secondments", { flagged: flagged ? "true" : undefined }, signal));

  const save = async (v: Values) => {
    try {
      await api.post("/api/secondments", {
        personName: v.personName,
        fromUnit: v.fromUnit,
        borrowingUnit: v.borrowingUnit,
        startOn: v.period[0].format("YYYY-MM-DD"),
        plannedEndOn: v.period[1].format("YYYY-MM-DD"),
        approvalCode: v.approvalCode || undefined,
        reason: v.reason,
      });
      void message.success(t.secondments.saved);
      setOpen(false);
      form.resetFields();
      setTick((n) => n + 1);
    } catch (err) {
      showError(err);
    }
  };
  const markReturned = async (s: Secondment) => {
    try {
      await api.post(`/api/secondments/${s.id}/return`, { returnedOn: dayjs().format("YYYY-MM-DD") });
      void message.success(t.secondments.returnedOk);
      setTick((n) => n + 1);
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        title={t.secondments.title}
        extra={
          <Space>
            <ExportXlsxButton path="/api/secondments/export.xlsx" query={flagged ? { flagged: "true" } : {}} fileName={t.secondments.title} />
            {KEEPS.has(me.role) && <ImportXlsxButton url="/api/secondments/import.xlsx" exportPath="/api/secondments/export.xlsx" fileName={t.secondments.title} onImported={() => setTick((n) => n + 1)} />}
            {KEEPS.has(me.role) && <Button type="primary" onClick={() => setOpen(true)}>{t.secondments.register}</Button>}
          </Space>
        }
        data-testid="secondments-page"
      >
        <Typography.Paragraph type="secondary">{t.secondments.intro}</Typography.Paragraph>
        <Space style={{ marginBottom: 12 }}>
          <Switch checked={flagged} onChange={setFlagged} /> {t.secondments.onlyFlagged}
        </Space>
        <Table<Secondment>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 960 }}
          columns={[
            { title: t.secondments.person, dataIndex: "personName", width: 100 },
            { title: t.secondments.fromUnit, render: (_, s) => s.fromUnit.name, width: 130 },
            { title: t.secondments.borrowingUnit, render: (_, s) => s.borrowingUnit.name, width: 150 },
            { title: t.secondments.period, render: (_, s) => `${s.startOn} ~ ${s.returnedOn ?? s.plannedEndOn}`, width: 200 },
            { title: t.secondments.months, dataIndex: "months", width: 70 },
            { title: t.registryHours.secondmentHours, dataIndex: "hours", width: 90, render: (v: number, s) => <Tooltip title={t.registryHours.secondmentDays(s.workingDays)}>{v}</Tooltip> },
            { title: t.secondments.approvalCode, dataIndex: "approvalCode", width: 150, render: (v: string | null) => v ?? "—" },
            {
              title: t.secondments.flags,
              render: (_, s) =>
                s.flags.length === 0 ? <Tag color="green">{t.secondments.noFlags}</Tag> : s.flags.map((f) => <Tooltip key={f.code} title={f.message}><Tag color="red">{t.secondments.codes[f.code]}</Tag></Tooltip>),
            },
            {
              title: t.common.actions,
              width: 120,
              render: (_, s) => (s.returnedOn ? <Typography.Text type="secondary">{t.secondments.returned(s.returnedOn)}</Typography.Text> : s.can.includes("return") && <Button size="small" onClick={() => void markReturned(s)}>{t.secondments.markReturned}</Button>),
            },
          ]}
        />
        <Modal open={open} title={t.secondments.register} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText={t.common.save} destroyOnHidden>
          <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ borrowingUnit: me.role === "office" ? undefined : me.scope.code }}>
            <Form.Item name="personName" label={t.secondments.person} rules={[{ required: true, min: 2, max: 30 }]}><Input /></Form.Item>
            <Form.Item name="fromUnit" label={t.secondments.fromUnit} rules={[{ required: true }]}><UnitSelect /></Form.Item>
            <Form.Item name="borrowingUnit" label={t.secondments.borrowingUnit} rules={[{ required: true }]} hidden={me.role !== "office"}><UnitSelect initial={me.scope} /></Form.Item>
            <Form.Item name="period" label={`${t.secondments.startOn} ~ ${t.secondments.plannedEndOn}`} rules={[{ required: true }]}><DatePicker.RangePicker /></Form.Item>
            <Form.Item name="approvalCode" label={t.secondments.approvalCode} rules={[{ max: 60 }]}><Input placeholder="饶组借〔2026〕1号" /></Form.Item>
            <Form.Item name="reason" label={t.secondments.reason} rules={[{ required: true, min: 4, max: 300 }]}><Input.TextArea rows={2} /></Form.Item>
          </Form>
        </Modal>
      </Card>
      <SecondmentHoursCard tick={tick} />
    </Space>
  );
}
