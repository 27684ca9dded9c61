import { App, Button, Card, Form, Input, Modal, Select, Space } from "antd";
import { useState } from "react";
import type { NoticeInput } from "../../../contracts/cases.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { NoticeCards, NoticeFiles } from "../report/NoticeCards.js";
import { casesApi, noticesApi } from "./api.js";

const FOUND_TRUE = new Set(["substantiated", "rectifying", "verified", "closed"]);
type Values = { title: string; items: NoticeInput["items"] };

/** /cases/notices — the handling body drafts notices from cases it found true, then numbers and publishes them. */
export default function NoticesPage() {
  const t = useT();
  const k = t.cases.notices;
  const { message } = App.useApp();
  const showError = useApiError();
  const notices = useLoad("my-notices", (signal) => noticesApi.mine(signal));
  const candidates = useLoad("notice-cases", (signal) => casesApi.list({ limit: 200, offset: 0 }, signal));
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();

  const run = async (call: () => Promise<unknown>) => {
    try {
      await call();
      void message.success(t.cases.detail.done);
      notices.reload();
      return true;
    } catch (err) {
      showError(err);
      return false;
    }
  };
  const options = (candidates.data?.items ?? [])
    .filter((c) => FOUND_TRUE.has(c.status))
    .map((c) => ({ value: c.id, label: `${c.receivedOn} · ${c.unit.name} · ${t.cases.categories[c.category]}` }));

  return (
    <Card title={t.cases.nav.notices} extra={<Button type="primary" onClick={() => setOpen(true)} data-testid="notice-create">{k.create}</Button>}>
      {notices.data && (
        <NoticeCards
          notices={notices.data.items}
          extra={(n) =>
            n.status === "draft" ? (
              <Button size="small" type="primary" onClick={() => void run(() => noticesApi.publish(n.id))}>{k.publish}</Button>
            ) : (
              <NoticeFiles id={n.id} />
            )
          }
        />
      )}
      <Modal open={open} title={k.create} width={760} onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ items: [] }}
          onFinish={(v) => void run(() => noticesApi.create(v)).then((ok) => ok && (form.resetFields(), setOpen(false)))}
        >
          <Form.Item name="title" label={k.title} rules={[{ required: true, min: 4, message: k.titleRequired }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.List name="items" rules={[{ validator: async (_, items: unknown[]) => (items?.length ? undefined : Promise.reject(new Error(k.casesRequired))) }]}>
            {(fields, { add, remove }, { errors }) => (
              <Space orientation="vertical" style={{ width: "100%" }}>
                {fields.map((field) => (
                  <Card key={field.key} size="small" extra={<Button size="small" onClick={() => remove(field.name)}>×</Button>}>
                    <Form.Item name={[field.name, "caseId"]} label={k.cases} rules={[{ required: true, message: k.required }]}>
                      <Select options={options} />
                    </Form.Item>
                    <Form.Item name={[field.name, "problem"]} label={k.problem} rules={[{ required: true, min: 10, message: k.required }]}>
                      <Input.TextArea rows={3} maxLength={2000} />
                    </Form.Item>
                    <Form.Item name={[field.name, "handling"]} label={k.handling} rules={[{ required: true, min: 4, message: k.required }]}>
                      <Input.TextArea rows={2} maxLength={2000} />
                    </Form.Item>
                    <Form.Item name={[field.name, "lesson"]} label={k.lesson}>
                      <Input.TextArea rows={2} maxLength={1000} />
                    </Form.Item>
                  </Card>
                ))}
                <Button onClick={() => add({ lesson: "" })} block>+ {k.cases}</Button>
                <Form.ErrorList errors={errors} />
              </Space>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Card>
  );
}
