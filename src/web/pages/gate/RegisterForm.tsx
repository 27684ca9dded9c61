import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Form, Input, InputNumber, Select, Space } from "antd";
import { useState } from "react";
import { REGISTERS } from "../../../contracts/burdens.js";
import { gateApi, type RegisterEntries } from "../../api/endpoints.js";
import { useApiError } from "../../components/useApiError.js";
import { useT } from "../../i18n/index.js";

type Values = Omit<RegisterEntries, "regionCode">;

/** Adds entries to an approved annual plan or list (POST /api/gate/registers), which the gate checks burdens against. */
export function RegisterForm({ regionCode }: { regionCode: string }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const submit = (v: Values) => {
    setSaving(true);
    gateApi
      .addRegister({ ...v, regionCode })
      .then(() => {
        void message.success(t.gateSettings.registered(v.entries.length));
        form.setFieldValue("entries", [{ code: "", title: "" }]);
      })
      .catch(showError)
      .finally(() => setSaving(false));
  };

  const required = [{ required: true, whitespace: true, message: t.gateSettings.entryRequired }];
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ register: "inspection_plan", year: new Date().getFullYear(), entries: [{ code: "", title: "" }] }}
    >
      <Space wrap>
        <Form.Item name="register" label={t.gateSettings.register}>
          <Select style={{ width: 240 }} options={REGISTERS.map((r) => ({ value: r, label: t.gateSettings.registers[r] }))} />
        </Form.Item>
        <Form.Item name="year" label={t.gateSettings.year} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} precision={0} />
        </Form.Item>
      </Space>
      <Form.List name="entries">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Space key={field.key} align="start" wrap>
                <Form.Item name={[field.name, "code"]} rules={required}>
                  <Input maxLength={60} placeholder={t.gateSettings.entryCode} style={{ width: 160 }} data-testid={`register-code-${i}`} />
                </Form.Item>
                <Form.Item name={[field.name, "title"]} rules={required}>
                  <Input maxLength={200} placeholder={t.gateSettings.entryTitle} style={{ width: 360 }} data-testid={`register-title-${i}`} />
                </Form.Item>
                {fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />}
              </Space>
            ))}
            <Space>
              <Button icon={<PlusOutlined />} onClick={() => add({ code: "", title: "" })}>
                {t.gateSettings.addEntry}
              </Button>
              <Button type="primary" htmlType="submit" loading={saving} data-testid="register-submit">
                {t.gateSettings.submitRegister}
              </Button>
            </Space>
          </>
        )}
      </Form.List>
    </Form>
  );
}
