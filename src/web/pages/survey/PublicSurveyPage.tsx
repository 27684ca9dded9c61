import { Alert, Button, Empty, Input, Rate, Space, Typography } from "antd";
import { useState } from "react";
import { useParams } from "react-router-dom";
import { SATISFACTION_QUESTIONS, type QuestionKey } from "../../../contracts/satisfaction.js";
import { api } from "../../api/client.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useLang, useT } from "../../i18n/index.js";
import { PublicFrame } from "../report/PublicFrame.js";
import { solve } from "../report/sha256.js";

type Form = { unit: { code: string; name: string; parentName: string | null }; month: string };

/**
 * /survey/:code — the public satisfaction survey 群众满意度 of a unit, reached by its QR poster. No login;
 * the page sends only the scores, the comment and the answer to a small proof of work.
 */
export default function PublicSurveyPage() {
  const t = useT().satisfaction;
  const { lang } = useLang();
  const { code = "" } = useParams();
  const showError = useApiError();
  const form = useLoad(code, (signal) => api.get<Form>(`/api/public/satisfaction/${encodeURIComponent(code)}`, undefined, signal));
  const [scores, setScores] = useState<Partial<Record<QuestionKey, number>>>({});
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const complete = SATISFACTION_QUESTIONS.every((q) => (scores[q.key] ?? 0) >= 1);

  const submit = async () => {
    setBusy(true);
    try {
      const { challenge, bits } = await api.get<{ challenge: string; bits: number }>("/api/public/satisfaction/challenge");
      const nonce = await solve(challenge, bits);
      await api.post(`/api/public/satisfaction/${encodeURIComponent(code)}`, { ...scores, comment: comment.trim() || undefined, challenge, nonce });
      setDone(true);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const unit = form.data?.unit;
  return (
    <PublicFrame title={t.title} testId="public-survey">
      {form.error ? (
        <Empty description={t.notFound} />
      ) : done ? (
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Alert type="success" showIcon title={t.thanks} data-testid="survey-thanks" />
          <Button block onClick={() => { setDone(false); setScores({}); setComment(""); }}>{t.again}</Button>
        </Space>
      ) : (
        unit && (
          <Space orientation="vertical" size={14} style={{ width: "100%" }}>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t.lead(`${unit.parentName ?? ""}${unit.name}`)}
            </Typography.Paragraph>
            {SATISFACTION_QUESTIONS.map((q, i) => (
              <div key={q.key}>
                <Typography.Text strong>{`${i + 1}. ${lang === "en" ? q.en : q.zh}`}</Typography.Text>
                <div>
                  <Rate value={scores[q.key] ?? 0} onChange={(v) => setScores((s) => ({ ...s, [q.key]: v }))} style={{ fontSize: 30 }} aria-label={q.zh} data-testid={`rate-${q.key}`} />
                </div>
              </div>
            ))}
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={t.comment} value={comment} onChange={(e) => setComment(e.target.value)} />
            <Button type="primary" size="large" block disabled={!complete} loading={busy} onClick={submit} data-testid="survey-send">
              {t.submit}
            </Button>
          </Space>
        )
      )}
    </PublicFrame>
  );
}
