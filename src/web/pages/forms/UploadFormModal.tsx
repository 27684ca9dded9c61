import { UploadOutlined } from "@ant-design/icons";
import { Alert, Button, DatePicker, Form, Modal, Select, Upload } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { burdensApi } from "../../api/endpoints.js";
import { useMe } from "../../auth/AuthContext.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { formsApi } from "./api.js";
import { FileErrors, failureOf, type Failure } from "./FileErrors.js";

type Values = { burdenId: string; referenceDate: Dayjs };
type Props = { open: boolean; onClose: () => void; onUploaded: (id: string) => void };

/** Uploads the .xlsx a department uses today for one of its form burdens; a bad file comes back cell by cell. */
export function UploadFormModal({ open, onClose, onUploaded }: Props) {
  const t = useT();
  const l = t.forms.list;
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saving, setSaving] = useState(false);
  const burdens = useLoad(open ? "form-burdens" : null, (signal) => burdensApi.list({ kind: "form", limit: 200, offset: 0 }, signal));
  // A department links its own forms; the office may link any of its region's.
  const choices = (burdens.data?.items ?? []).filter((b) => b.status !== "withdrawn" && b.status !== "expired" && (me.role === "office" || b.issuer.code === me.scope.code));

  const submit = (v: Values) => {
    if (!file) return;
    setSaving(true);
    setFailure(null);
    formsApi
      .upload(file, { burdenId: v.burdenId, fileName: file.name, referenceDate: v.referenceDate.format("YYYY-MM-DD") })
      .then((f) => onUploaded(f.id))
      .catch((err: unknown) => setFailure(failureOf(err, t) ?? { text: t.common.networkError, rows: [] }))
      .finally(() => setSaving(false));
  };

  return (
    <Modal open={open} title={l.upload} onCancel={onClose} width={720} onOk={() => form.submit()} okButtonProps={{ loading: saving, disabled: !file, "data-testid": "form-upload-submit" }} destroyOnHidden>
      <Alert type="info" showIcon title={l.hint} style={{ marginBottom: 16 }} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ referenceDate: dayjs() }}>
        <Form.Item name="burdenId" label={l.burden} rules={[{ required: true }]} extra={!burdens.loading && choices.length === 0 ? l.noBurdens : undefined}>
          <Select loading={burdens.loading} placeholder={l.burdenPlaceholder} options={choices.map((b) => ({ value: b.id, label: `${b.title}（${t.statuses[b.status]}）` }))} data-testid="form-upload-burden" />
        </Form.Item>
        <Form.Item name="referenceDate" label={l.referenceDate} rules={[{ required: true }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
        <Form.Item label={l.file} required>
          <Upload
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setFailure(null);
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: "file", name: file.name, status: "done" }] : []}
          >
            <Button icon={<UploadOutlined />} data-testid="form-upload-file">{l.chooseFile}</Button>
          </Upload>
        </Form.Item>
      </Form>
      {failure && <FileErrors failure={failure} testId="form-upload-errors" />}
    </Modal>
  );
}
