import { PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, DatePicker, Form, Input, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { CALENDAR_DAY_KINDS, type CalendarDayKind } from "../../../contracts/calendar.js";
import { calendarApi } from "../../api/endpoints.js";
import { useApiError } from "../../components/useApiError.js";
import { useT } from "../../i18n/index.js";

type Values = { date: Dayjs; kind: CalendarDayKind; name: string };

/** The office enters a public holiday or a make-up workday for a year the package does not cover (POST /api/calendar/days). */
export function CalendarDayForm({ onSaved }: { onSaved: (year: number) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const submit = (v: Values) => {
    setSaving(true);
    calendarApi
      .setDay({ date: v.date.format("YYYY-MM-DD"), kind: v.kind, name: v.name.trim() })
      .then((res) => {
        void message.success(t.calendar.added);
        form.resetFields(["date", "name"]);
        onSaved(res.year);
      })
      .catch(showError)
      .finally(() => setSaving(false));
  };

  return (
    <Card title={t.calendar.addTitle} size="small" data-testid="calendar-add">
      <Form<Values> form={form} layout="inline" onFinish={submit} initialValues={{ kind: "holiday" }} style={{ rowGap: 8 }}>
        <Form.Item name="date" label={t.calendar.date} rules={[{ required: true, message: t.calendar.dateRequired }]}>
          <DatePicker data-testid="calendar-add-date" />
        </Form.Item>
        <Form.Item name="kind" label={t.calendar.kind}>
          <Select<CalendarDayKind> style={{ width: 140 }} options={CALENDAR_DAY_KINDS.map((k) => ({ value: k, label: t.calendar.kinds[k] }))} />
        </Form.Item>
        <Form.Item name="name" label={t.calendar.name} rules={[{ required: true, whitespace: true, max: 40, message: t.calendar.nameRequired }]}>
          <Input maxLength={40} placeholder={t.calendar.namePlaceholder} data-testid="calendar-add-name" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving} data-testid="calendar-add-submit">
            {t.calendar.add}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
