import { Alert, Button, Modal, Space } from "antd";
import type { BurdenWriteResult } from "../../../contracts/burdens.js";
import { useT } from "../../i18n/index.js";
import { AdmissionBadge } from "./AdmissionBadge.js";
import { FindingList } from "./FindingList.js";
import { StatusTag } from "./tags.js";

type Props = { result: BurdenWriteResult | null; onView: () => void; onEdit: () => void; onNew: () => void };

const ALERT = { admitted: "success", in_review: "warning", returned: "error" } as const;
type Outcome = keyof typeof ALERT;
const isOutcome = (status: string): status is Outcome => status in ALERT;

/** What the gate decided on submission: the admission number and QR code, or the findings to act on. */
export function SubmitResultModal({ result, onView, onEdit, onNew }: Props) {
  const t = useT();
  const outcome = result && isOutcome(result.status) ? result.status : null;
  return (
    <Modal
      title={t.gate.resultTitle}
      open={result !== null}
      onCancel={onView}
      width={640}
      footer={
        <Space wrap>
          {result?.status === "returned" && <Button onClick={onEdit}>{t.burdenDetail.edit}</Button>}
          <Button onClick={onNew}>{t.gate.newAnother}</Button>
          <Button type="primary" onClick={onView} data-testid="result-view">
            {t.gate.view}
          </Button>
        </Space>
      }
    >
      {result && (
        <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="submit-result" data-status={result.status}>
          <Space>
            {t.burdenList.status}
            <StatusTag status={result.status} />
          </Space>
          {outcome && <Alert type={ALERT[outcome]} showIcon title={t.gate.afterSubmit[outcome]} data-testid="submit-outcome" data-outcome={outcome} />}
          {result.admissionNumber && <AdmissionBadge number={result.admissionNumber} />}
          <FindingList findings={result.findings} testId="submit-findings" />
        </Space>
      )}
    </Modal>
  );
}
