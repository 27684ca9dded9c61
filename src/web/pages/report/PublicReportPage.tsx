import { Space, Typography } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { useLoad } from "../../components/useLoad.js";
import { api, ApiError } from "../../api/client.js";
import { useT } from "../../i18n/index.js";
import { publicReportApi, type Receipt } from "../cases/api.js";
import { PublicFrame } from "./PublicFrame.js";
import { ReceiptCard } from "./ReceiptCard.js";
import { ReportForm, type ReportValues } from "./ReportForm.js";
import { solve } from "./sha256.js";

/**
 * The idempotency key of the report being written: made once, kept in this browser until a receipt comes
 * back, so a retry after a lost answer (or a reload) gets the same receipt instead of making a second case.
 * It is random and says nothing about the reporter.
 */
const KEY_ITEM = "jianfu.report.idempotencyKey";
function reportKey(): string {
  let key = localStorage.getItem(KEY_ITEM);
  if (!key) localStorage.setItem(KEY_ITEM, (key = crypto.randomUUID()));
  return key;
}
const forgetReportKey = () => localStorage.removeItem(KEY_ITEM);

/** The proof of work the server asks for, then the report itself. */
async function submitWithWork(values: ReportValues): Promise<Receipt> {
  const { challenge, bits } = await publicReportApi.challenge();
  const nonce = await solve(challenge, bits);
  const { anonymous: _cadreOnly, ...rest } = values;
  const body = { ...rest, noAdmission: Boolean(rest.noAdmission), contact: rest.contact?.trim() || undefined, challenge, nonce, idempotencyKey: reportKey() };
  try {
    const receipt = await publicReportApi.submit(body);
    forgetReportKey();
    return receipt;
  } catch (err) {
    // The key went with other content (an earlier attempt did arrive): the next submission is a new report.
    if (err instanceof ApiError && err.status === 409) forgetReportKey();
    throw err;
  }
}

/**
 * /report and /report/:unitCode — public, no login. The QR poster of a village, township or county
 * points at its own address, so the unit is already chosen.
 */
export default function PublicReportPage() {
  const t = useT();
  const { unitCode } = useParams();
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [round, setRound] = useState(0);
  const unit = useLoad(unitCode ?? null, () => api.get<{ code: string; name: string }>(`/api/public/units/${encodeURIComponent(unitCode ?? "")}`));

  return (
    <PublicFrame title={t.cases.report.title} testId="public-report">
      {receipt ? (
        <ReceiptCard receipt={receipt} onAgain={() => { setReceipt(null); setRound((n) => n + 1); }} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: "100%" }}>
          <Typography.Paragraph type="secondary">{t.cases.report.lead}</Typography.Paragraph>
          {(!unitCode || !unit.loading) && (
            <ReportForm key={`${round}-${unit.data?.code ?? ""}`} mode="public" initialUnit={unit.data ?? null} onSubmit={submitWithWork} onReceipt={setReceipt} />
          )}
          <Link to="/report/follow">{t.cases.report.followLink}</Link>
        </Space>
      )}
    </PublicFrame>
  );
}
