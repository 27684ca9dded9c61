import { App, Form, Input, InputNumber, Modal, Select, Space } from "antd";
import { useState } from "react";
import { GRANULARITIES, INDICATOR_TYPES, REFRESH_CYCLES, type Indicator, type IndicatorInput } from "../../../contracts/forms.js";
import { useApiError } from "../../components/useApiError.js";
import { useT } from "../../i18n/index.js";
import { formsApi } from "./api.js";

type Values = Omit<IndicatorInput, "aliases" | "options"> & { aliases?: string; options?: string };
type Props = { region: string; indicator: Indicator | null; open: boolean; onClose: () => void; onSaved: () => void };

const list = (text?: string) => (text ?? "").split(/[、,，;；]/).map((s) => s.trim()).filter(Boolean);

/** Adds or changes one indicator of the catalog; the server checks it again (codes, options, range). */
export function IndicatorModal({ region, indicator, open, onClose, onSaved }: Props) {
  const t = useT();
  const c = t.forms.catalog;
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const type = Form.useWatch("type", form);

  const submit = (v: Values) => {
    const body: IndicatorInput = {
      ...v, aliases: list(v.aliases), options: list(v.options), definition: v.definition ?? "", unit: v.unit ?? "",
      ownerDepartment: v.ownerDepartment || null, min: v.min ?? null, max: v.max ?? null,
    };
    setSaving(true);
    (indicator ? formsApi.updateIndicator(indicator.id, body) : formsApi.createIndicator(region, body))
      .then(() => {
        void message.success(c.saved);
        onSaved();
        onClose();
      })
      .catch(showError)
      .finally(() => setSaving(false));
  };

  const initial: Partial<Values> = indicator
    ? { ...indicator, aliases: indicator.aliases.join("、"), options: indicator.options.join("、") }
    : { type: "number", granularity: "village", refreshCycle: "yearly" };
  return (
    <Modal open={open} title={indicator ? c.editTitle(indicator.code) : c.add} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: saving, "data-testid": "indicator-save" }} destroyOnHidden width={640}>
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={submit} preserve={false}>
        <Space wrap style={{ width: "100%" }}>
          <Form.Item name="code" label={c.code} rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/ }]}>
            <Input maxLength={32} style={{ width: 140 }} data-testid="indicator-code" />
          </Form.Item>
          <Form.Item name="name" label={c.name} rules={[{ required: true, min: 2, max: 100 }]}>
            <Input maxLength={100} style={{ width: 260 }} data-testid="indicator-name" />
          </Form.Item>
          <Form.Item name="unit" label={c.unit}>
            <Input maxLength={20} style={{ width: 100 }} />
          </Form.Item>
        </Space>
        <Form.Item name="aliases" label={c.aliases} extra={c.aliasesHint}>
          <Input />
        </Form.Item>
        <Form.Item name="definition" label={c.definition}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="type" label={c.type} rules={[{ required: true }]}>
            <Select style={{ width: 120 }} options={INDICATOR_TYPES.map((v) => ({ value: v, label: t.forms.types[v] }))} />
          </Form.Item>
          <Form.Item name="granularity" label={c.granularity}>
            <Select style={{ width: 100 }} options={GRANULARITIES.map((v) => ({ value: v, label: t.forms.granularities[v] }))} />
          </Form.Item>
          <Form.Item name="refreshCycle" label={c.cycle}>
            <Select style={{ width: 120 }} options={REFRESH_CYCLES.map((v) => ({ value: v, label: t.forms.cycles[v] }))} />
          </Form.Item>
          <Form.Item name="min" label={`${c.range} ≥`}>
            <InputNumber style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="max" label="≤">
            <InputNumber style={{ width: 110 }} />
          </Form.Item>
        </Space>
        {type === "choice" && (
          <Form.Item name="options" label={c.options} extra={c.aliasesHint} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        )}
        <Form.Item name="ownerDepartment" label={c.owner}>
          <Input placeholder="230524D01" maxLength={12} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
