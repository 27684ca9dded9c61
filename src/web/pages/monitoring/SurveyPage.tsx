import { Alert, Button, Card, Empty, Input, InputNumber, List, Space, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import type { Answer, Survey } from "../../../contracts/monitoring.js";
import { ApiError, CLIENT_ERROR } from "../../api/client.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { draftOf, dropDraft, loadDraft, monitoringApi, saveDraft, type Draft } from "./api.js";

function AnswerView({ answer, onCorrect }: { answer: Answer; onCorrect: () => void }) {
  const t = useT().monitoring.survey;
  const last = answer.corrections.at(-1);
  const open = dayjs().format("YYYY-MM-DD") <= answer.correctableUntil;
  return (
    <Space orientation="vertical" style={{ width: "100%" }} data-testid="survey-done">
      <Alert type="success" showIcon title={t.done} description={last ? `${t.answeredBy(answer.answeredBy)} · ${t.corrected(answer.corrections.length, last.by)}` : t.answeredBy(answer.answeredBy)} />
      <List
        size="small"
        dataSource={[...answer.items.map((i) => ({ key: i.burdenId, label: i.title, hours: i.actualHours })), ...answer.unregistered.map((u, n) => ({ key: `u${n}`, label: `${t.unregistered}：${u.text}`, hours: u.hours }))]}
        renderItem={(row) => (
          <List.Item extra={<b>{row.hours} h</b>}>
            <Typography.Text>{row.label}</Typography.Text>
          </List.Item>
        )}
      />
      {open && <Button block onClick={onCorrect} data-testid="survey-correct">{t.correct}</Button>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t.correctUntil(answer.correctableUntil)}</Typography.Text>
    </Space>
  );
}

/** The week's form: a new answer, or (`correcting`) a sent answer's figures to correct 更正. */
function SurveyForm({ survey, correcting, onDone, onCancel }: { survey: Survey; correcting?: Answer; onDone: (a: Answer) => void; onCancel?: () => void }) {
  const t = useT().monitoring.survey;
  const showError = useApiError();
  const [draft, setDraft] = useState<Draft>(() => (correcting ? draftOf(correcting) : loadDraft(survey.unit.code, survey.week)));
  const [busy, setBusy] = useState(false);
  const [offline, setOffline] = useState(false);
  useEffect(() => {
    if (!correcting) saveDraft(survey.unit.code, survey.week, draft);
  }, [draft, survey.unit.code, survey.week, correcting]);
  const update = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const setRow = (n: number, change: Partial<Draft["unregistered"][number]>) => update({ unregistered: draft.unregistered.map((u, i) => (i === n ? { ...u, ...change } : u)) });

  const submit = async () => {
    setBusy(true);
    setOffline(false);
    try {
      const content = {
        idempotencyKey: draft.idempotencyKey,
        items: survey.burdens.map((b) => ({ burdenId: b.burdenId, hours: draft.hours[b.burdenId] ?? 0 })),
        unregistered: draft.unregistered
          .filter((u) => u.text.trim())
          .map((u) => ({ text: u.text.trim(), issuerName: u.issuerName.trim() || undefined, hours: u.hours ?? 0 })),
      };
      const answer = correcting
        ? await monitoringApi.correct(correcting.id, { ...content, revision: correcting.revision })
        : await monitoringApi.answer({ ...content, week: survey.week });
      if (!correcting) dropDraft(survey.unit.code, survey.week);
      onDone(answer);
    } catch (err) {
      if (err instanceof ApiError && err.code === CLIENT_ERROR.network) setOffline(true);
      else showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      {survey.burdens.length === 0 && <Empty description={t.none} />}
      {survey.burdens.map((b) => (
        <Card key={b.burdenId} size="small" data-testid="survey-burden">
          <Typography.Text strong>{b.title}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {b.issuer.name} · {b.admissionNumber ?? ""} · {t.expected(b.expectedHours)}
            </Typography.Text>
          </div>
          <InputNumber
            style={{ width: "100%", marginTop: 8 }}
            inputMode="decimal"
            min={0}
            max={168}
            step={0.5}
            precision={1}
            placeholder={t.hours}
            addonAfter="h"
            value={draft.hours[b.burdenId] ?? null}
            onChange={(v) => update({ hours: { ...draft.hours, [b.burdenId]: v } })}
            aria-label={`${b.title} ${t.hours}`}
          />
        </Card>
      ))}
      <Card size="small" title={t.unregistered}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{t.unregisteredLead}</Typography.Paragraph>
        {draft.unregistered.map((u, n) => (
          <Space key={n} orientation="vertical" style={{ width: "100%", marginBottom: 12 }} data-testid="survey-unregistered">
            <Input.TextArea rows={2} maxLength={500} placeholder={t.text} value={u.text} onChange={(e) => setRow(n, { text: e.target.value })} />
            <Input maxLength={100} placeholder={t.issuer} value={u.issuerName} onChange={(e) => setRow(n, { issuerName: e.target.value })} />
            <InputNumber style={{ width: "100%" }} inputMode="decimal" min={0} max={168} step={0.5} precision={1} placeholder={t.hours} addonAfter="h" value={u.hours} onChange={(v) => setRow(n, { hours: v })} />
            <Space>
              <Link to="/cases/report">{t.report}</Link>
              <Button size="small" danger type="link" onClick={() => update({ unregistered: draft.unregistered.filter((_, i) => i !== n) })}>{t.remove}</Button>
            </Space>
          </Space>
        ))}
        <Button block onClick={() => update({ unregistered: [...draft.unregistered, { text: "", issuerName: "", hours: null }] })}>{t.add}</Button>
      </Card>
      {offline && <Alert type="warning" showIcon title={t.offline} />}
      {!correcting && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t.draftSaved}</Typography.Text>}
      <Button type="primary" size="large" block loading={busy} onClick={submit} data-testid="survey-submit">
        {busy ? t.submitting : correcting ? t.saveCorrection : t.submit}
      </Button>
      {onCancel && <Button block onClick={onCancel}>{t.cancel}</Button>}
    </Space>
  );
}

/** /monitoring/survey — the village cadre's weekly answer, made for a phone on a poor connection. */
export default function SurveyPage() {
  const t = useT().monitoring.survey;
  const [params, setParams] = useSearchParams();
  const week = params.get("week") ?? undefined;
  const survey = useLoad(`survey|${week ?? ""}`, (signal) => monitoringApi.survey(week, signal));
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [correcting, setCorrecting] = useState(false);
  const s = survey.data;
  const done = answer ?? s?.answer ?? null;
  if (survey.error instanceof ApiError && survey.error.code === "MONITORING_POINT_NOT_FOUND") return <Card><Empty description={t.notPoint} /></Card>;
  return (
    <Card title={t.title} data-testid="monitoring-survey" styles={{ body: { padding: 12 } }}>
      {s && (
        <Space orientation="vertical" size={12} style={{ width: "100%" }}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>{t.lead(s.unit.name, s.week, s.weekEnd)}</Typography.Paragraph>
          {s.reminded && !done && <Alert type="info" showIcon title={t.reminded} />}
          {s.pending.length > 0 && (
            <div>
              <Typography.Text type="secondary">{t.pending}</Typography.Text>{" "}
              {s.pending.map((w) => (
                <Tag key={w} color="orange" style={{ cursor: "pointer" }} onClick={() => { setAnswer(null); setCorrecting(false); setParams({ week: w }); }}>{w}</Tag>
              ))}
            </div>
          )}
          {done && correcting ? (
            <SurveyForm key={`${s.week}-fix`} survey={s} correcting={done} onDone={(a) => { setAnswer(a); setCorrecting(false); }} onCancel={() => setCorrecting(false)} />
          ) : done ? (
            <AnswerView answer={done} onCorrect={() => setCorrecting(true)} />
          ) : (
            <SurveyForm key={s.week} survey={s} onDone={setAnswer} />
          )}
        </Space>
      )}
    </Card>
  );
}
