import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Modal, Space, Table, Upload } from "antd";
import { useState, type ReactNode } from "react";
import { ApiError, api } from "../api/client.js";
import { downloadXlsx } from "../api/download.js";
import { useLang, useT } from "../i18n/index.js";
import { errorText, useApiError } from "./useApiError.js";

const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
type RowError = { path: string; message: string };
type Query = Record<string, string | number>;
type Props<T> = {
  open: boolean;
  title: string;
  hint: string;
  url: string;
  query?: Query;
  /** Fields of the import itself (a reason, a date…), shown above the file. */
  extra?: ReactNode;
  /** Checks those fields and gives the query to send, or null to stay open. */
  beforeSubmit?: () => Promise<Query | null>;
  /** The empty sheet to fill in: an export.xlsx path and its query (template=true is added). */
  template?: { path: string; query?: Record<string, string>; fileName: string };
  okText?: string;
  onClose: () => void;
  onDone: (result: T) => void;
};

/**
 * The one import dialog of every register: uploads one .xlsx to an import endpoint; a refused file
 * comes back cell by cell ("Sheet!D4" and the message), shown in a table; nothing was written.
 */
export function XlsxImportModal<T>({ open, title, hint, url, query, extra, beforeSubmit, template, okText, onClose, onDone }: Props<T>) {
  const t = useT();
  const { lang } = useLang();
  const showError = useApiError();
  const [file, setFile] = useState<File | null>(null);
  const [failure, setFailure] = useState<{ text: string; rows: RowError[] } | null>(null);
  const [saving, setSaving] = useState(false);
  const close = () => {
    setFile(null);
    setFailure(null);
    onClose();
  };
  const submit = async () => {
    if (!file) return;
    const fields = beforeSubmit ? await beforeSubmit().catch(() => null) : {};
    if (fields === null) return;
    setSaving(true);
    setFailure(null);
    api
      .upload<T>(url, new Blob([file], { type: XLSX_MIME }), { ...query, ...fields })
      .then((result) => {
        close();
        onDone(result);
      })
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.status >= 400 && err.status < 500 && err.code !== "NETWORK_ERROR") setFailure({ text: err.details?.length ? err.message : errorText(err, t), rows: err.details ?? [] });
        else showError(err);
      })
      .finally(() => setSaving(false));
  };
  return (
    <Modal open={open} title={title} onCancel={close} width={760} okText={okText ?? title} okButtonProps={{ loading: saving, disabled: !file, "data-testid": "xlsx-import-submit" }} onOk={() => void submit()} destroyOnHidden>
      <Alert type="info" showIcon title={hint} style={{ marginBottom: 16 }} />
      {extra}
      <Space wrap>
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
        {template && (
          <Button type="link" icon={<DownloadOutlined />} onClick={() => void downloadXlsx(template.path, { ...template.query, template: "true" }, lang, template.fileName).catch(showError)}>
            {t.common.importTemplate}
          </Button>
        )}
      </Space>
      {failure && (
        <div data-testid="xlsx-import-errors" style={{ marginTop: 12 }}>
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

/**
 * 「导入 Excel」 beside 「导出 Excel」: opens the import dialog of a register, with its template. `list`: a
 * list (not a log), whose rows already there as written come back unchanged — said in the hint and the result.
 */
export function ImportXlsxButton(props: { url: string; exportPath: string; exportQuery?: Record<string, string>; fileName: string; list?: boolean; label?: string; onImported: () => void }) {
  const { url, exportPath, exportQuery, fileName, list, label, onImported } = props;
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="xlsx-import-open">
        {label ?? t.common.importXlsx}
      </Button>
      <XlsxImportModal<{ imported: number; unchanged: number }>
        open={open}
        title={label ?? t.common.importXlsx}
        hint={list ? t.common.listImportHint : t.common.importHint}
        url={url}
        template={{ path: exportPath, query: exportQuery, fileName }}
        onClose={() => setOpen(false)}
        onDone={(r) => {
          void message.success(list ? t.common.importedList(r.imported, r.unchanged) : t.common.imported(r.imported));
          onImported();
        }}
      />
    </>
  );
}

/** A year chooser: last year, this year, next year. */
export const yearOptions = (now = new Date().getFullYear()) => [now - 1, now, now + 1].map((y) => ({ value: y, label: String(y) }));
