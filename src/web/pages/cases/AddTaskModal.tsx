import { App, DatePicker, Form, Input, Modal } from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import type { CaseDetail } from "../../../contracts/cases.js";
import { UnitSelect } from "../../components/UnitSelect.js";
import { useApiError } from "../../components/useApiError.js";
import { useT } from "../../i18n/index.js";
import { casesApi } from "./api.js";

type Values = { unitCode: string; text: string; dueOn: Dayjs };

/** The office gives the reported unit (or one under it) a rectification task with a due date. */
export function AddTaskModal({ caseId, unit, open, onClose }: { caseId: string; unit: CaseDetail["unit"]; open: boolean; onClose: (saved: boolean) => void }) {
  const t = useT();
  const k = t.cases.tasks;
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const send = async (v: Values) => {
    try {
      await casesApi.addTask(caseId, { unitCode: v.unitCode, text: v.text, dueOn: v.dueOn.format("YYYY-MM-DD") });
      void message.success(t.cases.detail.done);
      form.resetFields();
      onClose(true);
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Modal open={open} title={k.add} onCancel={() => onClose(false)} onOk={() => form.submit()} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" initialValues={{ unitCode: unit.code, dueOn: dayjs().add(30, "day") }} onFinish={(v) => void send(v)}>
        <Form.Item name="unitCode" label={k.unit} rules={[{ required: true }]}>
          <UnitSelect initial={{ ...unit, parentCode: null, provinceCode: "", orgType: null }} />
        </Form.Item>
        <Form.Item name="text" label={k.text} rules={[{ required: true, min: 5, message: k.proofRequired }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="dueOn" label={k.dueOn} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), "day")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
