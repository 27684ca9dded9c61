import { Alert, Button, Checkbox, Form, Input, Select } from "antd";
import { useState } from "react";
import { CASE_CATEGORIES, type CaseCategory } from "../../../contracts/cases.js";
import { useApiError } from "../../components/useApiError.js";
import { useT } from "../../i18n/index.js";
import type { Receipt } from "../cases/api.js";
import { PublicUnitPicker } from "./PublicUnitPicker.js";

export type ReportValues = {
  category: CaseCategory;
  unitCode: string;
  text: string;
  admissionNumber?: string;
  noAdmission?: boolean;
  contact?: string;
  anonymous?: boolean;
};

type Props = {
  /** "public": optional contact; "cadre": the anonymity box. */
  mode: "public" | "cadre";
  /** A 直报点 officer always reports in his name (to the handler only): no anonymity box. */
  point?: boolean;
  initialUnit?: { code: string; name: string } | null;
  onSubmit: (values: ReportValues) => Promise<Receipt>;
  onReceipt: (receipt: Receipt) => void;
};

/** The report form of both ways in; the server decides everything, the form only helps typing. */
export function ReportForm({ mode, point = false, initialUnit, onSubmit, onReceipt }: Props) {
  const t = useT();
  const r = t.cases.report;
  const showError = useApiError();
  const [form] = Form.useForm<ReportValues>();
  const [busy, setBusy] = useState(false);
  const noAdmission = Form.useWatch("noAdmission", form);

  const finish = async (values: ReportValues) => {
    setBusy(true);
    try {
      onReceipt(await onSubmit({ ...values, admissionNumber: values.noAdmission ? undefined : values.admissionNumber?.trim() || undefined }));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<ReportValues> form={form} layout="vertical" size="large" onFinish={(v) => void finish(v)} initialValues={{ unitCode: initialUnit?.code, noAdmission: false, anonymous: mode === "cadre" }} data-testid="report-form">
      <Alert type="warning" showIcon title={r.outOfScope} style={{ marginBottom: 16 }} />
      <Form.Item name="category" label={r.category} rules={[{ required: true, message: r.categoryRequired }]}>
        <Select options={CASE_CATEGORIES.map((c) => ({ value: c, label: t.cases.categories[c] }))} data-testid="report-category" />
      </Form.Item>
      <Form.Item name="unitCode" label={r.unit} rules={[{ required: true, message: r.unitRequired }]}>
        <PublicUnitPicker initial={initialUnit ?? null} />
      </Form.Item>
      <Form.Item name="text" label={r.text} rules={[{ required: true, min: 10, message: r.textRequired }]}>
        <Input.TextArea rows={6} maxLength={5000} showCount placeholder={r.textPlaceholder} data-testid="report-text" />
      </Form.Item>
      <Form.Item name="admissionNumber" label={r.admission}>
        <Input maxLength={40} placeholder={r.admissionPlaceholder} disabled={Boolean(noAdmission)} />
      </Form.Item>
      <Form.Item name="noAdmission" valuePropName="checked">
        <Checkbox>{r.noAdmission}</Checkbox>
      </Form.Item>
      {mode === "public" ? (
        <Form.Item name="contact" label={r.contact} extra={r.contactHelp}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
      ) : point ? (
        <Alert type="info" showIcon title={r.pointNote} style={{ marginBottom: 16 }} />
      ) : (
        <Form.Item name="anonymous" valuePropName="checked">
          <Checkbox>{r.anonymous}</Checkbox>
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="report-submit">
        {busy && mode === "public" ? r.working : r.submit}
      </Button>
    </Form>
  );
}
