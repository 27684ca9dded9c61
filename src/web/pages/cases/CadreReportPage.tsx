import { Card, Typography } from "antd";
import { useState } from "react";
import { api } from "../../api/client.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { ReceiptCard } from "../report/ReceiptCard.js";
import { ReportForm, type ReportValues } from "../report/ReportForm.js";
import { casesApi, type Receipt } from "./api.js";

const submit = (v: ReportValues) =>
  casesApi.report({ category: v.category, unitCode: v.unitCode, text: v.text, admissionNumber: v.admissionNumber, noAdmission: Boolean(v.noAdmission), anonymous: Boolean(v.anonymous) });

/** /cases/report — a logged-in cadre (or 直报点 officer) reports; the server decides the channel and routing. */
export default function CadreReportPage() {
  const t = useT();
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [round, setRound] = useState(0);
  const reporting = useLoad("reporting", (signal) => api.get<{ canReport: boolean; point: boolean }>("/api/cases/reporting", undefined, signal));
  return (
    <Card title={t.cases.nav.report} style={{ maxWidth: 720 }}>
      {receipt ? (
        <ReceiptCard receipt={receipt} onAgain={() => { setReceipt(null); setRound((n) => n + 1); }} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t.cases.report.lead}</Typography.Paragraph>
          <ReportForm key={`${round}-${String(reporting.data?.point)}`} mode="cadre" point={reporting.data?.point ?? false} onSubmit={submit} onReceipt={setReceipt} />
        </>
      )}
    </Card>
  );
}
