import { App, Button, Card, Form, InputNumber, Select, Space, Table, Typography } from "antd";
import { useState } from "react";
import type { CaseCategory, CaseSettings, CaseStatus, HandlerRole } from "../../../contracts/cases.js";
import { api } from "../../api/client.js";
import { UnitSelect } from "../../components/UnitSelect.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";

const STATES: Exclude<CaseStatus, "closed">[] = ["received", "verifying", "substantiated", "unsubstantiated", "rectifying", "verified"];

/** /cases/settings — the office's deadlines and routing for its region, and the QR posters of its units. */
export default function CaseSettingsPage() {
  const t = useT();
  const s = t.cases.settings;
  const { message } = App.useApp();
  const showError = useApiError();
  const settings = useLoad("case-settings", (signal) => api.get<CaseSettings>("/api/cases/settings", undefined, signal));
  const [posterUnit, setPosterUnit] = useState<string | undefined>();

  const save = async (call: Promise<CaseSettings>) => {
    try {
      await call;
      void message.success(s.saved);
      settings.reload();
    } catch (err) {
      showError(err);
    }
  };

  const data = settings.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%", maxWidth: 820 }}>
      <Card title={s.deadlines} loading={!data}>
        <Typography.Paragraph type="secondary">{s.deadlinesHelp}</Typography.Paragraph>
        {data && (
          <Form layout="inline" initialValues={data.deadlines} onFinish={(v: Record<string, number>) => void save(api.put<CaseSettings>("/api/cases/settings/deadlines", v))}>
            {STATES.map((state) => (
              <Form.Item key={state} name={state} label={t.cases.statuses[state]} rules={[{ required: true }]} style={{ marginBottom: 12 }}>
                <InputNumber min={1} max={365} style={{ width: 80 }} />
              </Form.Item>
            ))}
            <Button type="primary" htmlType="submit">{t.common.save}</Button>
          </Form>
        )}
      </Card>
      <Card title={s.reminder} loading={!data}>
        <Typography.Paragraph type="secondary">{s.reminderHelp}</Typography.Paragraph>
        {data && (
          <Form layout="inline" initialValues={{ reminder: data.reminderDays }} onFinish={(v: { reminder: number }) => void save(api.put<CaseSettings>("/api/cases/settings/deadlines", v))}>
            <Form.Item name="reminder" label={s.reminderDays} rules={[{ required: true }]}>
              <InputNumber min={0} max={20} style={{ width: 80 }} data-testid="reminder-days" />
            </Form.Item>
            <Button type="primary" htmlType="submit">{t.common.save}</Button>
          </Form>
        )}
      </Card>
      <Card title={s.routing} loading={!data}>
        <Table<{ category: CaseCategory; handlerRole: HandlerRole }>
          rowKey="category"
          size="small"
          pagination={false}
          dataSource={data?.routing ?? []}
          columns={[
            { title: t.cases.list.category, key: "c", render: (_, r) => t.cases.categories[r.category] },
            {
              title: t.cases.list.handler,
              key: "h",
              render: (_, r) => (
                <Select<HandlerRole>
                  value={r.handlerRole}
                  style={{ width: 160 }}
                  options={(["office", "commission"] as const).map((h) => ({ value: h, label: t.cases.handlers[h] }))}
                  onChange={(handlerRole) => void save(api.put<CaseSettings>("/api/cases/settings/routing", { category: r.category, handlerRole }))}
                />
              ),
            },
          ]}
        />
      </Card>
      <Card title={s.poster}>
        <Typography.Paragraph type="secondary">{s.posterHelp}</Typography.Paragraph>
        <Space wrap>
          <div style={{ width: 320 }}>
            <UnitSelect value={posterUnit} onChange={setPosterUnit} />
          </div>
          <Button type="primary" disabled={!posterUnit} href={posterUnit ? `/api/cases/posters/${encodeURIComponent(posterUnit)}` : undefined} data-testid="poster-download">
            {s.download}
          </Button>
        </Space>
      </Card>
    </Space>
  );
}
