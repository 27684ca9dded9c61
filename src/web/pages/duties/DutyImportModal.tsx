import { UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, DatePicker, Form, Input, Modal, Table, Upload } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import type { Unit } from "../../../contracts/org.js";
import { ApiError } from "../../api/client.js";
import { dutiesApi } from "../../api/endpoints.js";
import { errorText, useApiError } from "../../components/useApiError.js";
import { useT } from "../../i18n/index.js";

type Values = { reason: string; effectiveFrom: Dayjs };
type RowError = { path: string; message: string };
type Props = { unit: Unit; open: boolean; onClose: () => void; onImported: () => void };

/** Uploads an .xlsx as a new version of the list; a bad file comes back as per-row errors, shown in a table. */
export function DutyImportModal({ unit, open, onClose, onImported }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [failure, setFailure] = useState<{ text: string; rows: RowError[] } | null>(null);
  const [saving, setSaving] = useState(false);

  const close = () => {
    form.resetFields();
    setFile(null);
    setFailure(null);
    onClose();
  };

  const submit = (values: Values) => {
    if (!file) return;
    setSaving(true);
    setFailure(null);
    dutiesApi
      .importXlsx(unit.code, file, { reason: values.reason.trim(), effectiveFrom: values.effectiveFrom.format("YYYY-MM-DD") })
      .then((res) => {
        void message.success(t.duties.imported(res.version.itemCount));
        close();
        onImported();
      })
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.status < 500 && err.code !== "NETWORK_ERROR") {
          setFailure({ text: err.details?.length ? err.message : errorText(err, t), rows: err.details ?? [] });
        } else showError(err);
      })
      .finally(() => setSaving(false));
  };

  return (
    <Modal
      open={open}
      title={t.duties.importTitle(unit.name)}
      onCancel={close}
      width={720}
      okText={t.duties.submitImport}
      okButtonProps={{ loading: saving, disabled: !file, "data-testid": "duties-import-submit" }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t.duties.importHint} style={{ marginBottom: 16 }} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ effectiveFrom: dayjs() }}>
        <Form.Item label={t.duties.file} required>
          <Upload
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setFailure(null);
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: "file", name: file.name, status: "done" }] : []}
          >
            <Button icon={<UploadOutlined />} data-testid="duties-import-file">{t.duties.chooseFile}</Button>
          </Upload>
        </Form.Item>
        <Form.Item name="reason" label={t.duties.reason} rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t.duties.reasonRule }]}>
          <Input.TextArea rows={2} maxLength={500} placeholder={t.duties.reasonPlaceholder} data-testid="duties-import-reason" />
        </Form.Item>
        <Form.Item name="effectiveFrom" label={t.duties.effectiveFrom} rules={[{ required: true, message: t.duties.effectiveRequired }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
      </Form>
      {failure && (
        <div data-testid="duties-import-errors">
          <Alert type="error" showIcon title={failure.text} description={failure.rows.length ? t.duties.errorsTitle : undefined} style={{ marginBottom: 8 }} />
          {failure.rows.length > 0 && (
            <Table<RowError & { i: number }>
              rowKey="i"
              size="small"
              dataSource={failure.rows.map((r, i) => ({ ...r, i }))}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: t.duties.errorAt, dataIndex: "path", width: 140 },
                { title: t.duties.errorMessage, dataIndex: "message" },
              ]}
            />
          )}
        </div>
      )}
    </Modal>
  );
}
