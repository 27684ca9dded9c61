import { Alert, Button, Result, Typography } from "antd";
import { useT } from "../../i18n/index.js";
import type { Receipt } from "../cases/api.js";

const spaced = (code: string) => code.replace(/(\d{4})(?=\d)/g, "$1 ");

/** The receipt, shown once, with the warning to write it down. */
export function ReceiptCard({ receipt, onAgain }: { receipt: Receipt; onAgain: () => void }) {
  const r = useT().cases.report;
  return (
    <Result
      status="success"
      title={r.receiptTitle}
      subTitle={r.receivedOn(receipt.receivedOn)}
      extra={<Button onClick={onAgain}>{r.again}</Button>}
    >
      <Alert type="error" showIcon title={r.receiptWarn} style={{ marginBottom: 16 }} />
      <Typography.Text type="secondary">{r.receiptLabel}</Typography.Text>
      <Typography.Title level={3} copyable={{ text: receipt.receipt }} style={{ fontFamily: "monospace", letterSpacing: 1, marginTop: 4, whiteSpace: "nowrap" }} data-testid="receipt-code">
        {spaced(receipt.receipt)}
      </Typography.Title>
    </Result>
  );
}
