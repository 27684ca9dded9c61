import { Checkbox, Form, Input, InputNumber, Modal, Select } from "antd";
import { APP_DEMANDS } from "../../../contracts/burdens.js";
import { AUDIENCE_ROLES, CHANNEL_KINDS, type ChannelInput } from "../../../contracts/fingertips.js";
import { api } from "../../api/client.js";
import { useMe } from "../../auth/AuthContext.js";
import { UnitMultiSelect } from "../../components/UnitMultiSelect.js";
import { UnitSelect } from "../../components/UnitSelect.js";
import { useApiError } from "../../components/useApiError.js";
import { useT } from "../../i18n/index.js";

/** Registers an app, account or group: who runs it, whom it reaches, what it demands, its minutes a week. */
export function ChannelForm({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const f = t.fingertips;
  const me = useMe();
  const showError = useApiError();
  const [form] = Form.useForm<ChannelInput>();
  const save = async (v: ChannelInput) => {
    try {
      await api.post("/api/fingertips", { ...v, platform: v.platform || undefined, demands: v.demands ?? [] });
      form.resetFields();
      onSaved();
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Modal open={open} title={f.register} onCancel={onClose} onOk={() => form.submit()} okText={t.common.save} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ kind: "workgroup", ownerUnit: me.role === "office" ? undefined : me.scope.code, audienceRoles: ["village_cadre"], demands: [], minutesPerWeek: 30 }}>
        <Form.Item name="name" label={f.name} rules={[{ required: true, min: 2, max: 60 }]}><Input /></Form.Item>
        <Form.Item name="kind" label={f.kind} rules={[{ required: true }]}>
          <Select options={CHANNEL_KINDS.map((k) => ({ value: k, label: f.kinds[k] }))} />
        </Form.Item>
        <Form.Item name="platform" label={f.platform} rules={[{ max: 30 }]}><Input placeholder="微信 / 钉钉 / 政务微信" /></Form.Item>
        <Form.Item name="ownerUnit" label={f.owner} rules={[{ required: true }]} hidden={me.role !== "office"}><UnitSelect initial={me.scope} /></Form.Item>
        <Form.Item name="audienceUnits" label={f.audience} rules={[{ required: true }]}><UnitMultiSelect levels={["county", "township", "village"]} /></Form.Item>
        <Form.Item name="audienceRoles" label={f.audienceRoles} rules={[{ required: true }]}>
          <Checkbox.Group options={AUDIENCE_ROLES.map((r) => ({ value: r, label: f.roles[r] }))} />
        </Form.Item>
        <Form.Item name="demands" label={f.demands}>
          <Checkbox.Group options={APP_DEMANDS.map((d) => ({ value: d, label: f.demandNames[d] }))} />
        </Form.Item>
        <Form.Item name="minutesPerWeek" label={f.minutesPerWeek} rules={[{ required: true }]}><InputNumber min={0} max={3000} /></Form.Item>
      </Form>
    </Modal>
  );
}
