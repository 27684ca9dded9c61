import { UploadOutlined } from "@ant-design/icons";
import { App, Button, DatePicker, Form, Input, Modal, Select, Upload } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { DOCUMENT_HEADS, DOCUMENT_SCOPES, type DocumentDetail, type DocumentSummary } from "../../../contracts/documents.js";
import { useMe } from "../../auth/AuthContext.js";
import { UnitSelect } from "../../components/UnitSelect.js";
import { useApiError } from "../../components/useApiError.js";
import { useT } from "../../i18n/index.js";
import { documentsApi } from "./api.js";

type Values = {
  issuer: string;
  docNumber: string;
  head: (typeof DOCUMENT_HEADS)[number];
  scope: (typeof DOCUMENT_SCOPES)[number];
  title: string;
  text: string;
  issuedOn: Dayjs;
  implementsId?: string;
  increaseReason?: string;
};

/** Registers a document: its text typed, pasted or read from a .docx / .txt; findings come back at once. */
export function RegisterDocumentModal({ open, higher, onClose, onDone }: { open: boolean; higher: DocumentSummary[]; onClose: () => void; onDone: (d: DocumentDetail) => void }) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const officeChoosesIssuer = me.role === "office";

  const readFile = async (file: File) => {
    try {
      const { text, chars } = await documentsApi.extract(file);
      form.setFieldValue("text", text);
      void message.success(t.documents.uploaded(chars));
    } catch (err) {
      showError(err);
    }
    return false;
  };

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const created = await documentsApi.register({ ...v, issuedOn: v.issuedOn.format("YYYY-MM-DD"), increaseReason: v.increaseReason || undefined });
      void message.success(t.documents.registered);
      form.resetFields();
      onDone(created);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t.documents.register} onCancel={onClose} onOk={() => form.submit()} okText={t.common.save} confirmLoading={busy} width={760} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ issuer: me.scope.code, head: "red", scope: "specific", issuedOn: dayjs() }}>
        <Form.Item name="issuer" label={t.documents.issuer} rules={[{ required: true }]}>
          {officeChoosesIssuer ? <UnitSelect initial={me.scope} /> : <Select disabled options={[{ value: me.scope.code, label: me.scope.name }]} />}
        </Form.Item>
        <Form.Item name="docNumber" label={t.documents.docNumber} rules={[{ required: true, max: 60 }]}>
          <Input placeholder="饶政办发〔2026〕12号" />
        </Form.Item>
        <Form.Item name="title" label={t.documents.titleField} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t.documents.head} style={{ marginBottom: 0 }}>
          <Form.Item name="head" style={{ display: "inline-block", width: 180, marginRight: 12 }}>
            <Select options={DOCUMENT_HEADS.map((h) => ({ value: h, label: t.documents.heads[h] }))} />
          </Form.Item>
          <Form.Item name="scope" style={{ display: "inline-block", width: 140, marginRight: 12 }}>
            <Select options={DOCUMENT_SCOPES.map((s) => ({ value: s, label: t.documents.scopes[s] }))} />
          </Form.Item>
          <Form.Item name="issuedOn" style={{ display: "inline-block" }} rules={[{ required: true }]}>
            <DatePicker aria-label={t.documents.issuedOn} />
          </Form.Item>
        </Form.Item>
        <Form.Item name="text" label={t.documents.text} rules={[{ required: true, whitespace: true }]} extra={
          <Upload accept=".docx,.txt" showUploadList={false} beforeUpload={(file) => readFile(file)}>
            <Button size="small" icon={<UploadOutlined />} style={{ marginTop: 6 }}>
              {t.documents.upload}
            </Button>
          </Upload>
        }>
          <Input.TextArea rows={8} />
        </Form.Item>
        <Form.Item name="implementsId" label={t.documents.implementsId}>
          <Select allowClear showSearch optionFilterProp="label" options={higher.map((d) => ({ value: d.id, label: `${d.title}（${d.docNumber}）` }))} />
        </Form.Item>
        <Form.Item name="increaseReason" label={t.documents.increaseReason} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
