import { Form, Input, Modal, Select } from "antd";
import { EVALUATION_CATEGORIES, type EvaluationRequestInput } from "../../../contracts/evaluations.js";
import { api } from "../../api/client.js";
import { useMe } from "../../auth/AuthContext.js";
import { UnitSelect } from "../../components/UnitSelect.js";
import { useApiError } from "../../components/useApiError.js";
import { useT } from "../../i18n/index.js";

/** An organiser asks for a place on the year's approved list. */
export function RequestForm({ open, year, onClose, onSaved }: { open: boolean; year: number; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const e = t.evaluations;
  const me = useMe();
  const showError = useApiError();
  const [form] = Form.useForm<EvaluationRequestInput>();
  const save = async (v: EvaluationRequestInput) => {
    try {
      await api.post("/api/evaluations/requests", { ...v, year });
      form.resetFields();
      onSaved();
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Modal open={open} title={e.request} onCancel={onClose} onOk={() => form.submit()} okText={t.common.save} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ issuer: me.role === "office" ? undefined : me.scope.code, category: "commendation" }}>
        <Form.Item name="issuer" label={e.issuer} rules={[{ required: true }]} hidden={me.role !== "office"}><UnitSelect initial={me.scope} /></Form.Item>
        <Form.Item name="title" label={e.titleField} rules={[{ required: true, min: 4, max: 200 }]}><Input /></Form.Item>
        <Form.Item name="category" label={e.category} rules={[{ required: true }]}>
          <Select options={EVALUATION_CATEGORIES.map((c) => ({ value: c, label: e.categories[c] }))} />
        </Form.Item>
        <Form.Item name="reason" label={e.reason} rules={[{ required: true, min: 4, max: 1000 }]}><Input.TextArea rows={3} /></Form.Item>
      </Form>
    </Modal>
  );
}
