import { App, Form, Input, Modal, Radio, type ButtonProps } from "antd";
import { useEffect } from "react";
import { ZDecide, type Finding } from "../../../contracts/burdens.js";
import { burdensApi, type Decide } from "../../api/endpoints.js";
import { zodRule } from "../../components/formRules.js";
import { useSaving } from "../../components/useSaving.js";
import { useT } from "../../i18n/index.js";
import { FindingList } from "../burdens/FindingList.js";

export type DecideTarget = { id: string; title: string; findings?: Finding[] };
type Props = { burden: DecideTarget | null; onClose: () => void; onDone: () => void };

/** The 减负办 admits or returns a burden in review, always with a written reason (POST /api/burdens/:id/decide). */
export function DecideModal({ burden, onClose, onDone }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Decide>();
  const { saving, run } = useSaving();

  useEffect(() => {
    if (burden) form.resetFields();
  }, [burden, form]);

  const submit = async () => {
    if (!burden) return;
    const values = await form.validateFields();
    await run(async () => {
      await burdensApi.decide(burden.id, { decision: values.decision, reason: values.reason.trim() });
      void message.success(t.review.decided);
      onDone();
    });
  };

  return (
    <Modal
      title={burden ? t.review.decideTitle(burden.title) : t.review.decide}
      open={burden !== null}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      okText={t.common.ok}
      cancelText={t.common.cancel}
      confirmLoading={saving}
      okButtonProps={{ "data-testid": "decide-submit" } as ButtonProps}
      width={640}
      forceRender
    >
      {burden?.findings && (
        <div style={{ marginBottom: 16, maxHeight: 280, overflowY: "auto" }}>
          <FindingList findings={burden.findings} testId="decide-findings" />
        </div>
      )}
      <Form form={form} layout="vertical" requiredMark={false} data-testid="decide-form">
        <Form.Item name="decision" label={t.review.decision} rules={[{ required: true, message: t.review.decisionRequired }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: "admit", label: t.review.admit },
              { value: "return", label: t.review.return },
            ]}
            data-testid="decide-decision"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t.review.reason}
          rules={[{ required: true, whitespace: true, message: t.burdenDetail.reasonRule }, zodRule(ZDecide.shape.reason, t.burdenDetail.reasonRule)]}
        >
          <Input.TextArea maxLength={2000} showCount autoSize={{ minRows: 3, maxRows: 8 }} placeholder={t.review.reasonPlaceholder} data-testid="decide-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
