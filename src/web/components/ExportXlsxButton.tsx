import { DownloadOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useState } from "react";
import { downloadXlsx } from "../api/download.js";
import { useLang, useT } from "../i18n/index.js";
import { useApiError } from "./useApiError.js";

/** "导出 Excel": downloads a register as the server writes it, with the filters the page shows. */
export function ExportXlsxButton({ path, query = {}, fileName, label }: { path: string; query?: Record<string, string>; fileName: string; label?: string }) {
  const t = useT();
  const { lang } = useLang();
  const showError = useApiError();
  const [busy, setBusy] = useState(false);
  const download = () => {
    setBusy(true);
    downloadXlsx(path, query, lang, fileName)
      .catch(showError)
      .finally(() => setBusy(false));
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={download}>
      {label ?? t.common.exportXlsx}
    </Button>
  );
}
