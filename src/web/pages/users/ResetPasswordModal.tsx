import { Alert, App, Form, Input, Modal } from "antd";
import { useEffect } from "react";
import { ZPassword, type User } from "../../../contracts/org.js";
import { usersApi } from "../../api/endpoints.js";
import { zodRule } from "../../components/formRules.js";
import { useSaving } from "../../components/useSaving.js";
import { useT } from "../../i18n/index.js";

/** An administrator sets a new password for `user` (POST /api/users/:id/reset-password). */
export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const { saving, run } = useSaving();

  useEffect(() => {
    if (user) form.resetFields();
  }, [user, form]);

  const submit = async () => {
    if (!user) return;
    const { password } = await form.validateFields();
    await run(async () => {
      await usersApi.resetPassword(user.id, password);
      void message.success(t.users.passwordReset);
      onClose();
    });
  };

  return (
    <Modal
      title={user ? t.users.resetFor(user.displayName) : t.users.resetPassword}
      open={user !== null}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      okText={t.common.save}
      cancelText={t.common.cancel}
      confirmLoading={saving}
      forceRender
    >
      <Alert type="info" showIcon title={t.users.resetHint} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" autoComplete="off">
        <Form.Item
          name="password"
          label={t.users.newPassword}
          tooltip={t.password.rule}
          rules={[{ required: true, message: t.password.rule }, zodRule(ZPassword, t.password.rule)]}
        >
          <Input.Password autoComplete="new-password" placeholder={t.password.rule} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
