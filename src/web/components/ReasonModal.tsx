import { Input, Modal, Space, Typography } from "antd";
import { useState, type ReactNode } from "react";
import { useSaving } from "./useSaving.js";

type Props = {
  open: boolean;
  title: string;
  /** What the reason is for, above the box. */
  prompt: string;
  okText: string;
  danger?: boolean;
  /** Fewest characters of a reason the server accepts; the button stays disabled below it. */
  minLength: number;
  maxLength?: number;
  /** Fields of the decision itself (an approval code…), shown above the reason. */
  extra?: ReactNode;
  /** `${testId}-reason` and `${testId}-ok` for the box and the button. */
  testId: string;
  /** Sends the decision; a thrown error is shown and the dialog stays open. */
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
};

/**
 * A decision that must be explained — cancel, withdraw, approve or reject with a written reason (every
 * such step is audited with it). The reason is kept here and cleared when the dialog closes.
 */
export function ReasonModal({ open, title, prompt, okText, danger, minLength, maxLength = 1000, extra, testId, onSubmit, onClose }: Props) {
  const { saving, run } = useSaving();
  const [reason, setReason] = useState("");
  const close = () => {
    setReason("");
    onClose();
  };
  const submit = async () => {
    if (await run(() => onSubmit(reason.trim()))) close();
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={close}
      onOk={() => void submit()}
      okText={okText}
      okButtonProps={{ danger, loading: saving, disabled: reason.trim().length < minLength, "data-testid": `${testId}-ok` }}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: "100%" }}>
        {extra}
        <Typography.Text>{prompt}</Typography.Text>
        <Input.TextArea rows={3} maxLength={maxLength} value={reason} onChange={(e) => setReason(e.target.value)} data-testid={`${testId}-reason`} />
      </Space>
    </Modal>
  );
}
