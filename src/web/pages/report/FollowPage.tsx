import { UploadOutlined } from "@ant-design/icons";
import { Button, Descriptions, Form, Input, Space, Tag, Timeline, Typography, App, Upload } from "antd";
import { useState } from "react";
import type { ReporterView } from "../../../contracts/cases.js";
import { useApiError } from "../../components/useApiError.js";
import { useT } from "../../i18n/index.js";
import { publicReportApi } from "../cases/api.js";
import { PublicFrame } from "./PublicFrame.js";

/**
 * /report/follow — the reporter's view by receipt code. The code stays in this page's memory only,
 * never in the address bar, the history or a referrer.
 */
export default function FollowPage() {
  const t = useT();
  const f = t.cases.follow;
  const showError = useApiError();
  const { message } = App.useApp();
  const [receipt, setReceipt] = useState<string | null>(null);
  const [view, setView] = useState<ReporterView | null>(null);
  const [busy, setBusy] = useState(false);
  const [writer] = Form.useForm<{ text: string }>();

  const look = async (code: string) => {
    setBusy(true);
    try {
      const digits = code.replace(/\D/g, "");
      setView(await publicReportApi.follow(digits));
      setReceipt(digits);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const write = async ({ text }: { text: string }) => {
    if (!receipt) return;
    try {
      await publicReportApi.write(receipt, text);
      writer.resetFields();
      void message.success(f.sent);
      await look(receipt);
    } catch (err) {
      showError(err);
    }
  };

  const line = (e: ReporterView["events"][number]) => {
    if (e.kind === "received") return f.received;
    if (e.kind === "status") return f.statusChanged(e.status ? t.cases.statuses[e.status] : "");
    return `${e.from === "reporter" ? f.fromMe : f.fromHandler}：${e.text ?? ""}`;
  };

  return (
    <PublicFrame title={f.title} testId="public-follow">
      {!view ? (
        <Form layout="vertical" size="large" onFinish={(v: { receipt: string }) => void look(v.receipt)}>
          <Typography.Paragraph type="secondary">{f.lead}</Typography.Paragraph>
          <Form.Item name="receipt" label={f.receipt} rules={[{ required: true, pattern: /^[\d\s-]{16,40}$/, message: f.receiptRequired }]}>
            <Input inputMode="numeric" autoComplete="off" maxLength={40} data-testid="follow-receipt" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="follow-submit">
            {f.submit}
          </Button>
        </Form>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: "100%" }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={f.status}>
              <Tag color="blue" data-testid="follow-status">{t.cases.statuses[view.status]}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={f.unit}>{view.unit.name}</Descriptions.Item>
            <Descriptions.Item label={f.category}>{t.cases.categories[view.category]}</Descriptions.Item>
            <Descriptions.Item label={f.receivedOn}>{view.receivedOn}</Descriptions.Item>
          </Descriptions>
          <Timeline items={view.events.map((e, i) => ({ key: i, content: <span style={{ whiteSpace: "pre-wrap" }}>{`${e.on}  ${line(e)}`}</span> }))} />
          <div>
            <Typography.Text strong>{f.evidence}</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{f.evidenceHelp}</Typography.Paragraph>
            <Upload
              accept=".jpg,.jpeg,.png,.pdf,.docx,.xlsx"
              showUploadList={false}
              customRequest={({ file, onSuccess, onError }) => {
                if (!receipt) return;
                publicReportApi.upload(receipt, file as File).then(
                  (saved) => {
                    void message.success(f.uploaded);
                    onSuccess?.(saved);
                  },
                  (err: unknown) => {
                    showError(err);
                    onError?.(err as Error);
                  },
                );
              }}
            >
              <Button icon={<UploadOutlined />}>{f.choose}</Button>
            </Upload>
          </div>
          <Form form={writer} layout="vertical" onFinish={(v) => void write(v)}>
            <Form.Item name="text" label={f.write} rules={[{ required: true, min: 10, message: t.cases.report.textRequired }]}>
              <Input.TextArea rows={3} maxLength={2000} showCount />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">{f.send}</Button>
              <Button onClick={() => { setView(null); setReceipt(null); }}>{f.clear}</Button>
            </Space>
          </Form>
        </Space>
      )}
    </PublicFrame>
  );
}
