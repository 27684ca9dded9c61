import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, InputNumber, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import type { Facility } from "../../../contracts/facilities.js";
import { api } from "../../api/client.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { TrendChart } from "./FacilitiesPage.js";

type Values = { id: string; month: Dayjs; visits: number; events: number; note?: string };

/**
 * 设施使用报送: a village cadre reports last month's visits and events of a facility, on a phone.
 * One column, large inputs, the month defaulting to last month; the trend is shown after sending.
 */
export default function FacilityReportPage() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [done, setDone] = useState<Facility | null>(null);
  const [busy, setBusy] = useState(false);
  const list = useLoad("mine", (signal) => api.get<{ items: Facility[] }>("/api/facilities", {}, signal));
  const mine = (list.data?.items ?? []).filter((f) => f.can.includes("report"));

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const f = await api.post<Facility>(`/api/facilities/${v.id}/use-reports`, { period: v.month.format("YYYY-MM"), visits: v.visits, events: v.events, note: v.note || undefined });
      void message.success(t.facilities.reported);
      setDone(f);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t.facilities.reportTitle} data-testid="facility-report-page" styles={{ body: { padding: 16 } }}>
      <Typography.Paragraph type="secondary">{t.facilities.reportIntro}</Typography.Paragraph>
      {!list.loading && mine.length === 0 ? (
        <Empty description={t.facilities.none} />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          size="large"
          onFinish={(v) => void submit(v)}
          initialValues={{ id: params.get("id") ?? undefined, month: dayjs().subtract(1, "month"), events: 0 }}
          onValuesChange={() => setDone(null)}
        >
          <Form.Item name="id" label={t.facilities.facility} rules={[{ required: true }]}>
            <Select loading={list.loading} options={mine.map((f) => ({ value: f.id, label: `${f.name}（${t.facilities.kinds[f.kind]}）` }))} data-testid="report-facility" />
          </Form.Item>
          <Form.Item name="month" label={t.facilities.month} rules={[{ required: true }]}>
            <DatePicker picker="month" allowClear={false} style={{ width: "100%" }} disabledDate={(d) => d.isAfter(dayjs(), "month")} inputReadOnly />
          </Form.Item>
          <Form.Item name="visits" label={t.facilities.visits} rules={[{ required: true }]}>
            <InputNumber min={0} max={1000000} precision={0} inputMode="numeric" style={{ width: "100%" }} data-testid="report-visits" />
          </Form.Item>
          <Form.Item name="events" label={t.facilities.events} rules={[{ required: true }]}>
            <InputNumber min={0} max={10000} precision={0} inputMode="numeric" style={{ width: "100%" }} data-testid="report-events" />
          </Form.Item>
          <Form.Item name="note" label={t.facilities.note} rules={[{ max: 300 }]}>
            <Input.TextArea rows={2} maxLength={300} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="report-submit">{t.facilities.submit}</Button>
        </Form>
      )}
      {done && (
        <div style={{ marginTop: 16 }} data-testid="report-done">
          <Alert type={done.flags.length ? "warning" : "success"} showIcon title={t.facilities.reported} description={done.flags[0]?.message ?? t.facilities.rule(done.rule.minVisits, done.rule.periods)} />
          <TrendChart f={done} />
        </div>
      )}
    </Card>
  );
}
