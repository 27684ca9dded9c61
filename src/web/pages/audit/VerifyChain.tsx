import { SafetyCertificateOutlined } from "@ant-design/icons";
import { Alert, Button, Space } from "antd";
import { useState } from "react";
import { auditApi, type AuditVerify } from "../../api/endpoints.js";
import { useApiError } from "../../components/useApiError.js";
import { useT } from "../../i18n/index.js";

/** Asks the server to recompute the hash chain of the audit log and shows the verdict. */
export function VerifyChain() {
  const t = useT();
  const showError = useApiError();
  const [result, setResult] = useState<AuditVerify | null>(null);
  const [running, setRunning] = useState(false);

  const run = () => {
    setRunning(true);
    setResult(null);
    auditApi
      .verify()
      .then(setResult)
      .catch(showError)
      .finally(() => setRunning(false));
  };

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Button icon={<SafetyCertificateOutlined />} loading={running} onClick={run} data-testid="audit-verify">
        {t.audit.verify}
      </Button>
      {result && (
        <Alert
          showIcon
          type={result.ok ? "success" : "error"}
          title={result.ok ? t.audit.verifyOk(result.entries) : t.audit.verifyBroken(result.brokenAt, result.entries)}
          description={result.ok ? undefined : result.reason}
          data-testid="audit-verify-result"
        />
      )}
    </Space>
  );
}
