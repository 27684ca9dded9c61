import { Alert, App, Form, Input, Modal } from "antd";
import { ZPassword } from "../../contracts/org.js";
import { authApi } from "../api/endpoints.js";
import { useAuth } from "../auth/AuthContext.js";
import { useT } from "../i18n/index.js";
import { zodRule } from "./formRules.js";
import { useSaving } from "./useSaving.js";

type Values = { currentPassword: string; newPassword: string; confirm: string };

/** Own password change. When `forced` (me.mustChangePassword) it cannot be dismissed. */
export function ChangePasswordModal({ open, forced, onClose }: { open: boolean; forced: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { refresh } = useAuth();
  const [form] = Form.useForm<Values>();
  const { saving, run } = useSaving();

  const submit = async () => {
    const values = await form.validateFields();
    await run(async () => {
      await authApi.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      void message.success(t.password.changed);
      form.resetFields();
      await refresh();
      onClose();
    });
  };

  return (
    <Modal
      title={t.password.title}
      open={open}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={forced ? undefined : onClose}
      closable={!forced}
      mask={{ closable: !forced }}
      keyboard={!forced}
      cancelButtonProps={forced ? { style: { display: "none" } } : undefined}
      okText={t.common.save}
      cancelText={t.common.cancel}
      confirmLoading={saving}
      forceRender
    >
      {forced && <Alert type="warning" showIcon title={t.password.mustChange} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="currentPassword" label={t.password.current} rules={[{ required: true, message: t.login.passwordRequired }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t.password.new}
          tooltip={t.password.rule}
          rules={[{ required: true, message: t.password.rule }, zodRule(ZPassword, t.password.rule)]}
        >
          <Input.Password autoComplete="new-password" placeholder={t.password.rule} />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t.password.confirm}
          dependencies={["newPassword"]}
          rules={[
            { required: true, message: t.password.mismatch },
            ({ getFieldValue }) => ({
              validator: (_r, value: unknown) =>
                value === getFieldValue("newPassword") ? Promise.resolve() : Promise.reject(new Error(t.password.mismatch)),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
