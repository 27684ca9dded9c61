import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { POWER_CATEGORIES, type PowerItem, type TownshipPowerList } from "../../../contracts/powers.js";
import { api } from "../../api/client.js";
import { useApiError } from "../../components/useApiError.js";
import { useT } from "../../i18n/index.js";

type ItemValues = Partial<PowerItem>;
type Values = { effectiveFrom: Dayjs; reason: string; add: ItemValues[]; change: ItemValues[]; remove: string[] };

/**
 * A new version of a township's differences from the county list, started from the set in force: its
 * own powers (add), county powers it exercises otherwise (change) and those it does not take (remove).
 */
export function DifferencesModal({ list, open, onClose, onSaved }: { list: TownshipPowerList; open: boolean; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const countyItems = [...list.items.filter((i) => i.source !== "township"), ...list.removed];
  const categories = POWER_CATEGORIES.map((c) => ({ value: c, label: t.powers.categories[c] ?? c }));
  const initial: Values = {
    effectiveFrom: dayjs(),
    reason: "",
    add: list.items.filter((i) => i.source === "township"),
    change: list.items.filter((i) => i.source === "changed"),
    remove: list.removed.map((r) => r.key),
  };
  const clean = (i: ItemValues) => ({ ...(i.key ? { key: i.key } : {}), name: i.name, category: i.category, fromDepartment: i.fromDepartment, legalBasis: i.legalBasis || null, note: i.note || null });
  const save = async (v: Values) => {
    try {
      await api.post(`/api/powers/townships/${list.township.code}/differences`, {
        effectiveFrom: v.effectiveFrom.format("YYYY-MM-DD"),
        reason: v.reason,
        add: (v.add ?? []).map(clean),
        change: (v.change ?? []).map(clean),
        remove: v.remove ?? [],
      });
      void message.success(t.resources.saved);
      onSaved();
    } catch (err) {
      showError(err);
    }
  };
  const itemFields = (name: number, withKey: boolean) => (
    <Space key={name} align="start" wrap style={{ marginBottom: 4 }}>
      {withKey && (
        <Form.Item name={[name, "key"]} rules={[{ required: true }]}>
          <Select
            style={{ width: 110 }}
            options={countyItems.map((i) => ({ value: i.key, label: i.key, title: i.name }))}
            onChange={(key: string) => {
              const base = countyItems.find((i) => i.key === key);
              if (base) form.setFieldValue(["change", name], { ...base });
            }}
          />
        </Form.Item>
      )}
      <Form.Item name={[name, "name"]} rules={[{ required: true, min: 2, max: 200 }]}><Input placeholder={t.powers.name} style={{ width: 260 }} /></Form.Item>
      <Form.Item name={[name, "category"]} rules={[{ required: true }]}><Select placeholder={t.powers.category} style={{ width: 110 }} options={categories} /></Form.Item>
      {!withKey && <Form.Item name={[name, "key"]} hidden><Input /></Form.Item>}
      <Form.Item name={[name, "fromDepartment"]} rules={[{ required: true, min: 2, max: 100 }]}><Input placeholder={t.powers.fromDepartment} style={{ width: 150 }} /></Form.Item>
      <Form.Item name={[name, "legalBasis"]} rules={[{ max: 2000 }]}><Input placeholder={t.powers.legalBasis} style={{ width: 170 }} /></Form.Item>
      <Form.Item name={[name, "note"]} rules={[{ max: 500 }]}><Input placeholder={t.powers.note} style={{ width: 170 }} /></Form.Item>
    </Space>
  );
  const listOf = (field: "add" | "change", label: string) => (
    <Form.List name={field}>
      {(fields, { add, remove }) => (
        <>
          <Typography.Text strong>{label}</Typography.Text>
          {fields.map((f) => (
            <Space key={f.key} align="start">
              {itemFields(f.name, field === "change")}
              <MinusCircleOutlined style={{ marginTop: 8 }} onClick={() => remove(f.name)} />
            </Space>
          ))}
          <Form.Item><Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} data-testid={`differences-${field}`}>{label}</Button></Form.Item>
        </>
      )}
    </Form.List>
  );
  return (
    <Modal open={open} title={`${t.powers.adjust} · ${list.township.name}`} width={960} onCancel={onClose} onOk={() => form.submit()} okText={t.common.save} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t.powers.differencesHint}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} data-testid="differences-form">
        <Space wrap>
          <Form.Item name="effectiveFrom" label={t.powers.effectiveFrom} rules={[{ required: true }]}><DatePicker allowClear={false} /></Form.Item>
          <Form.Item name="reason" label={t.powers.reason} rules={[{ required: true, min: 2, max: 500 }]}><Input style={{ width: 520 }} data-testid="differences-reason" /></Form.Item>
        </Space>
        <Form.Item name="remove" label={t.powers.remove}>
          <Select mode="multiple" options={countyItems.map((i) => ({ value: i.key, label: `${i.key} ${i.name}` }))} data-testid="differences-remove" />
        </Form.Item>
        {listOf("change", t.powers.change)}
        {listOf("add", t.powers.add)}
      </Form>
    </Modal>
  );
}
