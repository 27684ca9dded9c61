import { App, Form, Input, Modal, Select } from "antd";
import { useEffect } from "react";
import { ZCreateUser, type CreateUser, type UpdateUser, type User } from "../../../contracts/org.js";
import { ROLES } from "../../../contracts/roles.js";
import { usersApi } from "../../api/endpoints.js";
import { zodRule } from "../../components/formRules.js";
import { UnitSelect } from "../../components/UnitSelect.js";
import { useSaving } from "../../components/useSaving.js";
import { useT } from "../../i18n/index.js";

type Values = CreateUser;
/** `editing`: the user to edit; null: create a new one. */
type Props = { open: boolean; editing: User | null; onClose: () => void; onSaved: () => void };

const rules = ZCreateUser.shape;

/** Create a user, or edit display name, role and scope of one; the rules are the zod schemas of the API. */
export function UserFormModal({ open, editing, onClose, onSaved }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, run } = useSaving();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (editing) form.setFieldsValue({ displayName: editing.displayName, role: editing.role, scopeCode: editing.scope.code });
  }, [open, editing, form]);

  const submit = async () => {
    const values = await form.validateFields();
    await run(async () => {
      if (editing) {
        const patch: UpdateUser = {};
        if (values.displayName.trim() !== editing.displayName) patch.displayName = values.displayName.trim();
        if (values.role !== editing.role) patch.role = values.role;
        if (values.scopeCode !== editing.scope.code) patch.scopeCode = values.scopeCode;
        if (Object.keys(patch).length > 0) await usersApi.update(editing.id, patch);
        void message.success(t.users.updated);
      } else {
        await usersApi.create({ ...values, username: values.username.trim(), displayName: values.displayName.trim() });
        void message.success(t.users.created);
      }
      onSaved();
    });
  };

  return (
    <Modal
      title={editing ? t.users.edit : t.users.create}
      open={open}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      okText={t.common.save}
      cancelText={t.common.cancel}
      confirmLoading={saving}
      mask={{ closable: false }}
      forceRender
    >
      <Form form={form} layout="vertical" requiredMark="optional" autoComplete="off">
        {!editing && (
          <Form.Item
            name="username"
            label={t.users.username}
            rules={[{ required: true, message: t.users.usernameRequired }, zodRule(rules.username, t.users.usernameRule)]}
          >
            <Input autoCapitalize="none" spellCheck={false} maxLength={32} />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label={t.users.displayName}
          rules={[{ required: true, whitespace: true, message: t.users.displayNameRule }, zodRule(rules.displayName, t.users.displayNameRule)]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="role" label={t.users.role} rules={[{ required: true, message: t.users.roleRequired }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: t.roles[r] }))} />
        </Form.Item>
        <Form.Item name="scopeCode" label={t.users.scope} rules={[{ required: true, message: t.users.scopeRequired }]}>
          <UnitSelect key={editing?.id ?? "new"} initial={editing?.scope} />
        </Form.Item>
        {!editing && (
          <Form.Item
            name="password"
            label={t.users.password}
            tooltip={t.password.rule}
            rules={[{ required: true, message: t.password.rule }, zodRule(rules.password, t.password.rule)]}
          >
            <Input.Password autoComplete="new-password" placeholder={t.password.rule} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
