import { Form, Input, Modal, Select } from "antd";
import { useEffect } from "react";
import { DUTY_PARTS, type DutyItemInput } from "../../../contracts/duties.js";
import { useT } from "../../i18n/index.js";
import type { EditableItem } from "./differences.js";

type Values = Pick<DutyItemInput, "part" | "name" | "legalBasis" | "leadDepartment" | "note">;
type Props = { item: EditableItem | null; open: boolean; onCancel: () => void; onDone: (values: Values) => void };

const blankToNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

/** One duty item to add or change: part, name, legal basis, lead department (cooperative items), note. */
export function DutyItemModal({ item, open, onCancel, onDone }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const part = Form.useWatch("part", form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (item) form.setFieldsValue({ part: item.part, name: item.name, legalBasis: item.legalBasis, leadDepartment: item.leadDepartment, note: item.note });
  }, [open, item, form]);

  return (
    <Modal
      open={open}
      title={item ? t.duties.differences.editItem(item.name) : t.duties.differences.addItem}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okButtonProps={{ "data-testid": "duty-item-ok" }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ part: "basic" }}
        onFinish={(v) => onDone({ part: v.part, name: v.name.trim(), legalBasis: blankToNull(v.legalBasis), leadDepartment: blankToNull(v.leadDepartment), note: blankToNull(v.note) })}
      >
        <Form.Item name="part" label={t.duties.differences.part} rules={[{ required: true }]}>
          <Select options={DUTY_PARTS.map((p) => ({ value: p, label: t.duties.parts[p] }))} data-testid="duty-item-part" />
        </Form.Item>
        <Form.Item name="name" label={t.duties.name} rules={[{ required: true, whitespace: true, min: 2, max: 200, message: t.duties.differences.nameRule }]}>
          <Input maxLength={200} data-testid="duty-item-name" />
        </Form.Item>
        <Form.Item name="legalBasis" label={t.duties.legalBasis}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item
          name="leadDepartment"
          label={t.duties.leadDepartment}
          rules={[{ required: part === "cooperative", whitespace: true, message: t.duties.differences.leadRule }]}
        >
          <Input maxLength={100} data-testid="duty-item-lead" />
        </Form.Item>
        <Form.Item name="note" label={t.duties.note}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
