import { App, Button, Descriptions, Form, Input, Modal, Space } from "antd";
import { useState } from "react";
import type { CaseDetail, CaseStatus, Identity } from "../../../contracts/cases.js";
import { useApiError } from "../../components/useApiError.js";
import { useT } from "../../i18n/index.js";
import { casesApi } from "./api.js";

type Dialog = { kind: "move"; to: CaseStatus } | { kind: "note" } | { kind: "message" } | { kind: "assign" } | { kind: "reveal" } | null;

/** The buttons follow the server's `next` and `actions`; every dialog sends one call and reloads. */
export function CaseActions({ detail, onDone }: { detail: CaseDetail; onDone: () => void }) {
  const t = useT();
  const d = t.cases.detail;
  const { message } = App.useApp();
  const showError = useApiError();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ text: string }>();

  const send = async ({ text }: { text: string }) => {
    if (!dialog) return;
    setBusy(true);
    try {
      if (dialog.kind === "move") await casesApi.transition(detail.id, dialog.to, text);
      if (dialog.kind === "note") await casesApi.note(detail.id, text);
      if (dialog.kind === "message") await casesApi.message(detail.id, text);
      if (dialog.kind === "assign") await casesApi.assign(detail.id, text.trim());
      if (dialog.kind === "reveal") setIdentity(await casesApi.reveal(detail.id, text));
      void message.success(d.done);
      setDialog(null);
      form.resetFields();
      onDone();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const title = !dialog ? "" : dialog.kind === "move" ? d.moveTo(t.cases.statuses[dialog.to]) : { note: d.note, message: d.message, assign: d.assign, reveal: d.reveal }[dialog.kind];
  const label = dialog?.kind === "assign" ? d.assigneeId : dialog?.kind === "move" || dialog?.kind === "reveal" ? d.reason : dialog?.kind === "note" ? d.notePlaceholder : d.messagePlaceholder;
  const can = (a: CaseDetail["actions"][number]) => detail.actions.includes(a);

  return (
    <>
      <Space wrap data-testid="case-actions">
        {can("transition") && detail.next.map((to) => (
          <Button key={to} type="primary" onClick={() => setDialog({ kind: "move", to })} data-testid={`case-move-${to}`}>
            {d.moveTo(t.cases.statuses[to])}
          </Button>
        ))}
        {can("message") && <Button onClick={() => setDialog({ kind: "message" })}>{d.message}</Button>}
        {can("note") && <Button onClick={() => setDialog({ kind: "note" })}>{d.note}</Button>}
        {can("assign") && <Button onClick={() => setDialog({ kind: "assign" })}>{d.assign}</Button>}
        {can("reveal") && <Button danger onClick={() => setDialog({ kind: "reveal" })} data-testid="case-reveal">{d.reveal}</Button>}
      </Space>
      <Modal open={dialog !== null} title={title} onCancel={() => setDialog(null)} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
        {dialog?.kind === "reveal" && <p>{d.revealWarn}</p>}
        <Form form={form} layout="vertical" onFinish={(v) => void send(v)}>
          <Form.Item name="text" label={label} rules={[{ required: true, min: dialog?.kind === "note" || dialog?.kind === "message" ? 10 : 2, message: d.reasonRequired }]}>
            {dialog?.kind === "assign" ? <Input /> : <Input.TextArea rows={4} maxLength={2000} showCount />}
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={identity !== null} title={d.identity} onCancel={() => setIdentity(null)} footer={null}>
        {identity && (
          <Descriptions column={1} size="small" bordered data-testid="case-identity">
            {identity.displayName && <Descriptions.Item label={t.common.name}>{identity.displayName}</Descriptions.Item>}
            {identity.username && <Descriptions.Item label={t.login.username}>{identity.username}</Descriptions.Item>}
            {identity.unitCode && <Descriptions.Item label={t.common.code}>{identity.unitCode}</Descriptions.Item>}
            {identity.contact && <Descriptions.Item label={t.cases.report.contact}>{identity.contact}</Descriptions.Item>}
          </Descriptions>
        )}
      </Modal>
    </>
  );
}
