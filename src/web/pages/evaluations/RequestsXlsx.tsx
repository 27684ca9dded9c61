import { Space } from "antd";
import { useMe } from "../../auth/AuthContext.js";
import { ExportXlsxButton } from "../../components/ExportXlsxButton.js";
import { ImportXlsxButton } from "../../components/XlsxImportModal.js";
import { useT } from "../../i18n/index.js";

/** Who asks for evaluations in a unit's name: departments and townships for their own, the office for its region's. */
const REQUESTS = new Set(["department_staff", "township_official", "office"]);

/** The year's requests and their answers out to Excel; requests in (each row as one asked on the page), with the template. */
export function RequestsXlsx({ year, onImported }: { year: number; onImported: () => void }) {
  const e = useT().evaluations;
  const me = useMe();
  const query = { year: String(year) };
  const fileName = `${e.requestsFile}-${year}`;
  return (
    <Space wrap data-testid="evaluation-requests-xlsx">
      <ExportXlsxButton path="/api/evaluations/requests/export.xlsx" query={query} fileName={fileName} label={e.exportRequests} />
      {REQUESTS.has(me.role) && <ImportXlsxButton list url="/api/evaluations/requests/import.xlsx" exportPath="/api/evaluations/requests/export.xlsx" exportQuery={query} fileName={fileName} label={e.importRequests} onImported={onImported} />}
    </Space>
  );
}
