import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { App, Button, Modal, Table, Upload } from "antd";
import { useState } from "react";
import { ApiError } from "../../api/client.js";
import { api } from "../../api/client.js";
import { errorText, useApiError } from "../../components/useApiError.js";
import { useLang, useT } from "../../i18n/index.js";
import { downloadXlsx } from "../dashboard/api.js";

type RowError = { path: string; message: string };

/**
 * Excel in and out of a register: the export downloads the .xlsx; the import uploads one, and a bad
 * file comes back with every bad cell named, shown in a table (nothing was imported).
 */
export function ExcelButtons(props: { exportPath: string; query?: Record<string, string>; fileName: string; importPath?: string | undefined; importQuery?: Record<string, string>; onImported?: () => void; testId: string }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const showError = useApiError();
  const [failure, setFailure] = useState<{ text: string; rows: RowError[] } | null>(null);
  const [busy, setBusy] = useState(false);

  const upload = async (file: File) => {
    if (!props.importPath) return;
    setBusy(true);
    try {
      const res = await api.upload<{ created?: number; items?: unknown[] }>(props.importPath, file, props.importQuery);
      void message.success(t.resources.imported(res.created ?? res.items?.length ?? 0));
      props.onImported?.();
    } catch (err) {
      if (err instanceof ApiError && err.status < 500 && err.status > 0) setFailure({ text: errorText(err, t), rows: err.details ?? [] });
      else showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {props.importPath && (
        <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => { void upload(f); return false; }}>
          <Button icon={<UploadOutlined />} loading={busy} data-testid={`${props.testId}-import`}>{t.resources.excelImport}</Button>
        </Upload>
      )}
      <Button icon={<DownloadOutlined />} onClick={() => void downloadXlsx(props.exportPath, props.query ?? {}, lang, props.fileName).catch(showError)} data-testid={`${props.testId}-export`}>
        {t.resources.excelExport}
      </Button>
      <Modal open={failure !== null} title={t.resources.importErrors} footer={null} onCancel={() => setFailure(null)} width={720}>
        <p>{failure?.text}</p>
        {failure && failure.rows.length > 0 && (
          <Table<RowError> rowKey="path" size="small" pagination={false} dataSource={failure.rows} columns={[{ title: t.resources.row, dataIndex: "path", width: 130 }, { title: t.resources.problem, dataIndex: "message" }]} />
        )}
      </Modal>
    </>
  );
}
