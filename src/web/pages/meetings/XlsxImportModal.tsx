import { UploadOutlined } from "@ant-design/icons";
import { Alert, Button, Modal, Table, Upload } from "antd";
import { useState, type ReactNode } from "react";
import { ApiError, api } from "../../api/client.js";
import { errorText, useApiError } from "../../components/useApiError.js";
import { useT } from "../../i18n/index.js";

type RowError = { path: string; message: string };
type Props<T> = {
  open: boolean;
  title: string;
  hint: string;
  url: string;
  query?: Record<string, string | number>;
  extra?: ReactNode;
  onClose: () => void;
  onDone: (result: T) => void;
};

/** Uploads one .xlsx to an import endpoint; a refused file comes back cell by cell, shown in a table. */
export function XlsxImportModal<T>({ open, title, hint, url, query, extra, onClose, onDone }: Props<T>) {
  const t = useT();
  const showError = useApiError();
  const [file, setFile] = useState<File | null>(null);
  const [failure, setFailure] = useState<{ text: string; rows: RowError[] } | null>(null);
  const [saving, setSaving] = useState(false);
  const close = () => {
    setFile(null);
    setFailure(null);
    onClose();
  };
  const submit = () => {
    if (!file) return;
    setSaving(true);
    setFailure(null);
    api
      .upload<T>(url, file, query)
      .then((result) => {
        close();
        onDone(result);
      })
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.status >= 400 && err.status < 500) setFailure({ text: err.details?.length ? err.message : errorText(err, t), rows: err.details ?? [] });
        else showError(err);
      })
      .finally(() => setSaving(false));
  };
  return (
    <Modal open={open} title={title} onCancel={close} width={760} okText={title} okButtonProps={{ loading: saving, disabled: !file, "data-testid": "xlsx-import-submit" }} onOk={submit} destroyOnHidden>
      <Alert type="info" showIcon title={hint} style={{ marginBottom: 16 }} />
      {extra}
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
        <Button icon={<UploadOutlined />} data-testid="xlsx-import-file">{t.duties.chooseFile}</Button>
      </Upload>
      {failure && (
        <div data-testid="xlsx-import-errors" style={{ marginTop: 12 }}>
          <Alert type="error" showIcon title={failure.text} style={{ marginBottom: 8 }} />
          {failure.rows.length > 0 && (
            <Table<RowError & { i: number }>
              rowKey="i"
              size="small"
              dataSource={failure.rows.map((r, i) => ({ ...r, i }))}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: t.duties.errorAt, dataIndex: "path", width: 120 },
                { title: t.duties.errorMessage, dataIndex: "message" },
              ]}
            />
          )}
        </div>
      )}
    </Modal>
  );
}

/** A year chooser: last year, this year, next year. */
export const yearOptions = (now = new Date().getFullYear()) => [now - 1, now, now + 1].map((y) => ({ value: y, label: String(y) }));
