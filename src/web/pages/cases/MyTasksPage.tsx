import { App, Button, Card, Form, Input, Modal, Typography } from "antd";
import { useState } from "react";
import type { CaseTask } from "../../../contracts/cases.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { casesApi } from "./api.js";
import { TaskTable } from "./TaskTable.js";

/** /cases/tasks — the responsible unit's rectification tasks: only the task, never the report or who made it. */
export default function MyTasksPage() {
  const t = useT();
  const k = t.cases.tasks;
  const { message } = App.useApp();
  const showError = useApiError();
  const tasks = useLoad("my-tasks", (signal) => casesApi.myTasks(signal));
  const [answering, setAnswering] = useState<CaseTask | null>(null);
  const [form] = Form.useForm<{ proof: string }>();

  const send = async ({ proof }: { proof: string }) => {
    if (!answering) return;
    try {
      await casesApi.answerTask(answering.id, proof);
      void message.success(t.cases.detail.done);
      setAnswering(null);
      form.resetFields();
      tasks.reload();
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Card title={k.title} loading={tasks.loading && !tasks.data}>
      <Typography.Paragraph type="secondary">{k.lead}</Typography.Paragraph>
      <TaskTable tasks={tasks.data?.items ?? []} action={(task) => <Button size="small" type="primary" onClick={() => setAnswering(task)}>{k.answer}</Button>} />
      <Modal open={answering !== null} title={k.answer} onCancel={() => setAnswering(null)} onOk={() => form.submit()} destroyOnHidden>
        <p>{answering?.text}</p>
        <Form form={form} layout="vertical" onFinish={(v) => void send(v)}>
          <Form.Item name="proof" label={k.proof} rules={[{ required: true, min: 5, message: k.proofRequired }]}>
            <Input.TextArea rows={5} maxLength={5000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
