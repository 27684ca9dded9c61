import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from "antd";
import { useState } from "react";
import type { PlanItem, PlanList } from "../../../contracts/inspection-plans.js";
import { api } from "../../api/client.js";
import { useMe } from "../../auth/AuthContext.js";
import { UnitMultiSelect } from "../../components/UnitMultiSelect.js";
import { UnitSelect } from "../../components/UnitSelect.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useLang, useT } from "../../i18n/index.js";
import { downloadXlsx } from "../dashboard/api.js";
import { ReasonModal } from "../../components/ReasonModal.js";
import { XlsxImportModal, yearOptions } from "../../components/XlsxImportModal.js";

const SUBMITS = new Set(["department_staff", "township_official", "office"]);
const STATUS_COLOR = { submitted: "gold", approved: "green", rejected: "red", withdrawn: "default" } as const;
type Values = { department: string; title: string; targets: string[]; month: number; comprehensive: boolean };

/** 督检考计划: departments submit the year's inspection plan items; the office approves or rejects each with a reason. */
export default function InspectionPlanPage() {
  const t = useT();
  const p = t.plans;
  const me = useMe();
  const { lang } = useLang();
  const { message } = App.useApp();
  const showError = useApiError();
  const [year, setYear] = useState(new Date().getFullYear());
  const [tick, setTick] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const [importing, setImporting] = useState(false);
  const [deciding, setDeciding] = useState<{ item: PlanItem; decision: "approve" | "reject" | "withdraw" } | null>(null);
  const [form] = Form.useForm<Values>();
  const list = useLoad(`${year}|${tick}`, (signal) => api.get<PlanList>("/api/inspection-plans", { year }, signal));
  const ownUnit = me.role === "office" ? undefined : me.scope.code;

  const submit = async (v: Values) => {
    try {
      await api.post("/api/inspection-plans", { ...v, year, comprehensive: !!v.comprehensive });
      void message.success(p.submitted);
      setSubmitting(false);
      form.resetFields();
      setTick((n) => n + 1);
    } catch (err) {
      showError(err);
    }
  };
  const decide = async (reason: string) => {
    if (!deciding) return;
    if (deciding.decision === "withdraw") await api.post(`/api/inspection-plans/${deciding.item.id}/withdraw`, { reason });
    else await api.post(`/api/inspection-plans/${deciding.item.id}/decide`, { decision: deciding.decision, reason });
    void message.success(deciding.decision === "withdraw" ? p.withdrawn : p.decided);
    setTick((n) => n + 1);
  };
  const c = list.data?.counts;

  return (
    <Card
      title={p.title}
      data-testid="plans-page"
      extra={
        <Space wrap>
          <Select value={year} options={yearOptions()} onChange={setYear} style={{ width: 96 }} />
          <Button onClick={() => void downloadXlsx("/api/inspection-plans/export.xlsx", { year: String(year) }, lang, `${p.title}-${year}`).catch(showError)}>{p.export}</Button>
          {SUBMITS.has(me.role) && ownUnit && <Button onClick={() => setImporting(true)}>{p.import}</Button>}
          {SUBMITS.has(me.role) && <Button type="primary" onClick={() => setSubmitting(true)} data-testid="plan-submit">{p.submit}</Button>}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{p.intro}</Typography.Paragraph>
      {c && <Typography.Paragraph strong data-testid="plan-counts">{p.counts(c.submitted, c.approved, c.rejected, c.comprehensiveApproved, c.withdrawn)}</Typography.Paragraph>}
      <Table<PlanItem>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1280 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: p.name, dataIndex: "title", fixed: "left", width: 200 },
          { title: p.code, dataIndex: "code", width: 170 },
          { title: p.department, width: 140, render: (_, i) => i.department.name },
          { title: p.targets, width: 180, render: (_, i) => (i.targets.length > 3 ? p.targetsMore(i.targets.slice(0, 3).map((u) => u.name), i.targets.length) : i.targets.map((u) => u.name).join("、")) },
          { title: p.month, width: 70, render: (_, i) => p.monthText(i.month) },
          { title: p.comprehensive, width: 70, render: (_, i) => (i.comprehensive ? <Tag color="orange">{p.yes}</Tag> : p.no) },
          { title: p.status, width: 80, render: (_, i) => <Tag color={STATUS_COLOR[i.status]}>{p.statuses[i.status]}</Tag> },
          {
            title: p.reason,
            width: 240,
            render: (_, i) => (
              <>
                {i.decisionReason ?? "—"}
                {i.withdrawReason && <Typography.Text type="danger" style={{ display: "block" }}>{p.withdrawnNote(i.withdrawnBy ?? "", i.withdrawReason)}</Typography.Text>}
              </>
            ),
          },
          {
            title: t.common.actions,
            width: 130,
            render: (_, i) =>
              i.can.includes("decide") ? (
                <Space size={4}>
                  <Button size="small" type="primary" onClick={() => setDeciding({ item: i, decision: "approve" })} data-testid={`approve-${i.code}`}>{p.approve}</Button>
                  <Button size="small" danger onClick={() => setDeciding({ item: i, decision: "reject" })}>{p.reject}</Button>
                </Space>
              ) : (
                i.can.includes("withdraw") && (
                  <Button size="small" danger onClick={() => setDeciding({ item: i, decision: "withdraw" })} data-testid={`withdraw-${i.code}`}>{p.withdraw}</Button>
                )
              ),
          },
        ]}
      />
      <Modal open={submitting} title={p.submit} onCancel={() => setSubmitting(false)} onOk={() => form.submit()} okText={t.common.save} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ department: ownUnit, month: new Date().getMonth() + 1, comprehensive: false }}>
          <Form.Item name="department" label={p.department} rules={[{ required: true }]} hidden={me.role !== "office"}><UnitSelect initial={me.scope} /></Form.Item>
          <Form.Item name="title" label={p.name} rules={[{ required: true, min: 4, max: 200 }]}><Input /></Form.Item>
          <Form.Item name="targets" label={p.targets} rules={[{ required: true }]}><UnitMultiSelect levels={["township", "village"]} /></Form.Item>
          <Form.Item name="month" label={p.month} rules={[{ required: true }]}><InputNumber min={1} max={12} /></Form.Item>
          <Form.Item name="comprehensive" label={p.comprehensive} valuePropName="checked"><Switch /></Form.Item>
        </Form>
      </Modal>
      <ReasonModal
        open={deciding !== null}
        title={deciding ? (deciding.decision === "withdraw" ? p.withdrawTitle(deciding.item.title) : p.decideTitle(deciding.item.title)) : ""}
        prompt={deciding?.decision === "withdraw" ? p.withdrawLabel : p.reasonLabel}
        okText={deciding?.decision === "approve" ? p.approve : deciding?.decision === "withdraw" ? p.withdraw : p.reject}
        danger={deciding?.decision !== "approve"}
        minLength={deciding?.decision === "withdraw" ? 4 : 2}
        testId="plan-decide"
        onSubmit={decide}
        onClose={() => setDeciding(null)}
      />
      {ownUnit && (
        <XlsxImportModal
          open={importing}
          title={p.import}
          hint={p.importHint}
          url="/api/inspection-plans/import"
          query={{ year, department: ownUnit }}
          template={{ path: "/api/inspection-plans/export.xlsx", query: { year: String(year) }, fileName: `${p.import}-${year}` }}
          onClose={() => setImporting(false)}
          onDone={(r: { imported: number }) => {
            void message.success(p.imported(r.imported));
            setTick((n) => n + 1);
          }}
        />
      )}
    </Card>
  );
}
