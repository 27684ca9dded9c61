import { Button, Form, Input, InputNumber, Modal, Space, Typography } from "antd";
import { useState } from "react";
import type { Answer } from "../../../contracts/monitoring.js";
import { useApiError } from "../../components/useApiError.js";
import { useT } from "../../i18n/index.js";
import { draftOf, monitoringApi } from "./api.js";

/**
 * The township's correction 更正 of a village's sent answer: the hours of each burden and of each
 * burden without an admission number, and the reason the township owes. The answer's revision goes
 * with it, so a correction made on a stale copy is refused by the server.
 */
export function CorrectAnswer({ answer, onDone }: { answer: Answer; onDone: (a: Answer) => void }) {
  const t = useT().monitoring.points;
  const showError = useApiError();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(() => draftOf(answer));
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const start = () => {
    setDraft(draftOf(answer));
    setReason("");
    setOpen(true);
  };
  const save = async () => {
    setBusy(true);
    try {
      const corrected = await monitoringApi.correct(answer.id, {
        revision: answer.revision,
        idempotencyKey: draft.idempotencyKey,
        reason: reason.trim() || undefined,
        items: answer.items.map((i) => ({ burdenId: i.burdenId, hours: draft.hours[i.burdenId] ?? 0 })),
        unregistered: draft.unregistered.map((u) => ({ text: u.text, issuerName: u.issuerName || undefined, hours: u.hours ?? 0 })),
      });
      setOpen(false);
      onDone(corrected);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" onClick={start} data-testid="answer-correct">{t.correct}</Button>
      <Modal open={open} title={`${t.correct} · ${answer.unit.name} · ${answer.week}`} onCancel={() => setOpen(false)} onOk={save} confirmLoading={busy} okButtonProps={{ disabled: reason.trim().length < 2 }} okText={t.saveCorrection} destroyOnHidden>
        <Form layout="vertical">
          {answer.items.map((i) => (
            <Form.Item key={i.burdenId} label={i.title} style={{ marginBottom: 8 }}>
              <InputNumber min={0} max={168} step={0.5} precision={1} addonAfter="h" value={draft.hours[i.burdenId] ?? null} onChange={(v) => setDraft((d) => ({ ...d, hours: { ...d.hours, [i.burdenId]: v } }))} />
            </Form.Item>
          ))}
          {draft.unregistered.map((u, n) => (
            <Form.Item key={n} label={`${t.unregistered}：${u.text}`} style={{ marginBottom: 8 }}>
              <InputNumber min={0} max={168} step={0.5} precision={1} addonAfter="h" value={u.hours} onChange={(v) => setDraft((d) => ({ ...d, unregistered: d.unregistered.map((x, k) => (k === n ? { ...x, hours: v } : x)) }))} />
            </Form.Item>
          ))}
          <Form.Item label={t.reason} required>
            <Input.TextArea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="answer-correct-reason" />
          </Form.Item>
        </Form>
        <Space>
          <Typography.Text type="secondary">{t.reasonHint}</Typography.Text>
        </Space>
      </Modal>
    </>
  );
}
