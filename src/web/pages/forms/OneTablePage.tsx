import "./forms.css";
import { Alert, App, Button, Card, Empty, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { ApiError } from "../../api/client.js";
import { useMe } from "../../auth/AuthContext.js";
import { UnitSelect } from "../../components/UnitSelect.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { formsApi } from "./api.js";
import { failureOf, type Failure } from "./FileErrors.js";
import { QuestionCard } from "./QuestionCard.js";
import { useOneTableDraft } from "./useOneTableDraft.js";

function errorsByQuestion(rows: { path: string; message: string }[], sent: { indicatorId: string; periodKey: string }[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const r of rows) {
    const answer = sent[Number(/^values\.(\d+)/.exec(r.path)?.[1] ?? -1)];
    if (answer) map.set(`${answer.indicatorId}|${answer.periodKey}`, r.message);
  }
  return map;
}

/** 村级一表: on a phone, one column of questions; what is missing first, then what is known, for confirmation. */
export default function OneTablePage() {
  const t = useT();
  const f = t.forms.fill;
  const me = useMe();
  const { message } = App.useApp();
  const showError = useApiError();
  const [unit, setUnit] = useState(me.role === "village_cadre" ? me.scope.code : "");
  const [tick, setTick] = useState(0);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [offline, setOffline] = useState(false);
  const [sending, setSending] = useState(false);
  const [notes, setNotes] = useState<string[]>([]);
  /** The server's refusal of an answer, shown under its question ("values.3" is the fourth answer sent). */
  const [fieldErrors, setFieldErrors] = useState<Map<string, string>>(new Map());
  const table = useLoad(unit ? `${unit}|${tick}` : null, (signal) => formsApi.oneTable(unit, signal));
  const draft = useOneTableDraft(unit, table.data);

  const submit = () => {
    setSending(true);
    setFailure(null);
    setFieldErrors(new Map());
    const sent = draft.pending();
    draft
      .submit()
      .then((r) => {
        setOffline(false);
        setNotes(r.notes.map((n) => n.message));
        void message.success(r.replayed ? f.resent : f.submitted(r.accepted));
        setTick((n) => n + 1);
      })
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.code === "NETWORK_ERROR") setOffline(true);
        else setFailure(failureOf(err, t));
        if (err instanceof ApiError) setFieldErrors(errorsByQuestion(err.details ?? [], sent));
        if (!(err instanceof ApiError)) showError(err);
      })
      .finally(() => setSending(false));
  };

  const data = table.data;
  return (
    <div className="jf-one-table" data-testid="one-table-page">
      <Card size="small" title={f.title}>
        <Space orientation="vertical" size={8} style={{ width: "100%" }}>
          {me.role !== "village_cadre" && <UnitSelect value={unit || undefined} placeholder={f.unit} onChange={setUnit} />}
          <Typography.Text type="secondary">{f.intro}</Typography.Text>
          {data && (
            <Space wrap>
              <Typography.Text strong>{data.unit.name}</Typography.Text>
              <Tag color="orange">{f.missing(data.missing)}</Tag>
              <Tag color="green">{f.prefilled(data.prefilled)}</Tag>
              {draft.savedAt && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.draftSaved(new Date(draft.savedAt).toLocaleString())}</Typography.Text>}
            </Space>
          )}
        </Space>
      </Card>
      {notes.length > 0 && <Alert type="info" showIcon closable title={notes.join("；")} onClose={() => setNotes([])} />}
      {offline && <Alert type="warning" showIcon title={f.offline} />}
      {failure && (
        <div data-testid="one-table-errors">
          <Alert type="error" showIcon title={failure.text} description={failure.rows.length > 0 ? failure.rows.map((r) => r.message).join("；") : undefined} />
        </div>
      )}
      {data && data.questions.length === 0 && <Empty description={f.nothing} />}
      {data?.questions.map((q) => (
        <QuestionCard
          key={`${q.indicatorId}|${q.periodKey}`}
          q={q}
          value={draft.valueOf(q.indicatorId, q.periodKey)}
          error={fieldErrors.get(`${q.indicatorId}|${q.periodKey}`)}
          onChange={(v) => draft.set(q.indicatorId, q.periodKey, v)}
        />
      ))}
      {data && data.questions.length > 0 && (
        <div className="jf-one-table-actions">
          <Button onClick={() => void draft.saveDraft().catch(showError)} data-testid="one-table-draft">{f.saveDraft}</Button>
          <Button type="primary" loading={sending} disabled={draft.count === 0} onClick={submit} data-testid="one-table-submit">
            {f.submit}
          </Button>
        </div>
      )}
    </div>
  );
}
