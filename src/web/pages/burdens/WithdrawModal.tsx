import { Alert, App, Form, Input, Modal, type ButtonProps } from "antd";
import { useEffect } from "react";
import { ZWithdraw } from "../../../contracts/burdens.js";
import { burdensApi } from "../../api/endpoints.js";
import { zodRule } from "../../components/formRules.js";
import { useSaving } from "../../components/useSaving.js";
import { useT } from "../../i18n/index.js";

type Props = { burdenId: string | null; onClose: () => void; onDone: () => void };

/** Withdraw a burden with a written reason (POST /api/burdens/:id/withdraw). */
export function WithdrawModal({ burdenId, onClose, onDone }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const { saving, run } = useSaving();

  useEffect(() => {
    if (burdenId) form.resetFields();
  }, [burdenId, form]);

  const submit = async () => {
    if (!burdenId) return;
    const { reason } = await form.validateFields();
    await run(async () => {
      await burdensApi.withdraw(burdenId, reason.trim());
      void message.success(t.burdenDetail.withdrawn);
      onDone();
    });
  };

  return (
    <Modal
      title={t.burdenDetail.withdrawTitle}
      open={burdenId !== null}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      okText={t.burdenDetail.withdraw}
      okButtonProps={{ danger: true, "data-testid": "withdraw-submit" } as ButtonProps}
      cancelText={t.common.cancel}
      confirmLoading={saving}
      forceRender
    >
      <Alert type="warning" showIcon title={t.burdenDetail.withdrawHint} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="reason"
          label={t.burdenDetail.reason}
          rules={[{ required: true, whitespace: true, message: t.burdenDetail.reasonRule }, zodRule(ZWithdraw.shape.reason, t.burdenDetail.reasonRule)]}
        >
          <Input.TextArea maxLength={2000} showCount autoSize={{ minRows: 3, maxRows: 8 }} data-testid="withdraw-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
