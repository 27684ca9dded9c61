import { Space, Typography } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { useLoad } from "../../components/useLoad.js";
import { api } from "../../api/client.js";
import { useT } from "../../i18n/index.js";
import { publicReportApi, type Receipt } from "../cases/api.js";
import { PublicFrame } from "./PublicFrame.js";
import { ReceiptCard } from "./ReceiptCard.js";
import { ReportForm, type ReportValues } from "./ReportForm.js";
import { solve } from "./sha256.js";

/** The proof of work the server asks for, then the report itself. */
async function submitWithWork(values: ReportValues): Promise<Receipt> {
  const { challenge, bits } = await publicReportApi.challenge();
  const nonce = await solve(challenge, bits);
  const { anonymous: _cadreOnly, ...rest } = values;
  return publicReportApi.submit({ ...rest, noAdmission: Boolean(rest.noAdmission), contact: rest.contact?.trim() || undefined, challenge, nonce });
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
