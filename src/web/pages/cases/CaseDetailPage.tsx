import { useState } from "react";
import { Alert, Button, Card, Descriptions, Space, Tag, Timeline, Typography } from "antd";
import { Link, useParams } from "react-router-dom";
import type { CaseDetail, CaseEvent } from "../../../contracts/cases.js";
import { PageSpin } from "../../components/PageSpin.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import type { Dict } from "../../i18n/zh-CN.js";
import { casesApi } from "./api.js";
import { AddTaskModal } from "./AddTaskModal.js";
import { CaseActions } from "./CaseActions.js";
import { TaskTable } from "./TaskTable.js";

function EventLine({ e, t }: { e: CaseEvent; t: Dict }) {
  const d = t.cases.detail;
  const who = e.from === "reporter" ? d.reporterSide : e.from === "system" ? d.system : (e.actorName ?? "");
  return (
    <Space orientation="vertical" size={0}>
      <Space size={6} wrap>
        <Typography.Text strong>{d.kinds[e.kind]}</Typography.Text>
        {e.status && <Tag color="blue">{t.cases.statuses[e.status]}</Tag>}
        <Tag color={e.visibleToReporter ? "green" : "default"}>{e.visibleToReporter ? d.visibleToReporter : d.internal}</Tag>
        <Typography.Text type="secondary">
          {e.at ? new Date(e.at).toLocaleString() : e.on} · {d.by(who)}
        </Typography.Text>
      </Space>
      {e.text && <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}>{e.kind === "reminder" ? d.reminderText(e.text) : e.text}</Typography.Paragraph>}
    </Space>
  );
}

function Facts({ c, t }: { c: CaseDetail; t: Dict }) {
  const d = t.cases.detail;
  const l = t.cases.list;
  return (
    <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
      <Descriptions.Item label={l.unit}>{c.unit.name}（{c.unit.code}）</Descriptions.Item>
      <Descriptions.Item label={l.category}>{t.cases.categories[c.category]}</Descriptions.Item>
      <Descriptions.Item label={l.channel}>{t.cases.channels[c.channel]}</Descriptions.Item>
      <Descriptions.Item label={l.handler}>{t.cases.handlers[c.handlerRole]}</Descriptions.Item>
      <Descriptions.Item label={l.received}>{c.receivedOn}</Descriptions.Item>
      <Descriptions.Item label={l.deadline}>
        {c.deadline ?? "—"} {c.overdue && <Tag color="red">{l.overdue}</Tag>}
        {c.escalationLevel > 0 && <Tag color="orange">{l.escalated(c.escalationLevel)}</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label={d.admission}>{c.admissionNumber ?? (c.noAdmission ? <Tag color="red">{d.noAdmission}</Tag> : d.none)}</Descriptions.Item>
      <Descriptions.Item label={d.reporter}>{c.hasIdentity ? d.identitySealed : d.anonymousReporter}</Descriptions.Item>
      <Descriptions.Item label={l.assignee}>{c.assignee?.name ?? "—"}</Descriptions.Item>
      {c.revisitOn && <Descriptions.Item label={d.revisitOn}>{c.revisitOn}</Descriptions.Item>}
    </Descriptions>
  );
}

/** /cases/:id — the case, its timeline (notes marked internal), and the actions the server allows. */
export default function CaseDetailPage() {
  const t = useT();
  const { id = "" } = useParams();
  const found = useLoad(id, (signal) => casesApi.get(id, signal));
  const [adding, setAdding] = useState(false);
  if (!found.data) return found.loading ? <PageSpin /> : <Link to="/cases">{t.cases.detail.back}</Link>;
  const c = found.data;
  const d = t.cases.detail;
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card
        title={<Space>{t.cases.categories[c.category]}<Tag color="blue" data-testid="case-status">{t.cases.statuses[c.status]}</Tag></Space>}
        extra={<Link to="/cases">{t.cases.detail.back}</Link>}
      >
        <Space orientation="vertical" size={16} style={{ width: "100%" }}>
          <Facts c={c} t={t} />
          <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }} data-testid="case-text">{c.text}</Typography.Paragraph>
          {c.similar.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={d.similar}
              description={
                <Space wrap>
                  {c.similar.map((o) => (
                    <Link key={o.id} to={`/cases/${o.id}`}>
                      {o.receivedOn} · {t.cases.statuses[o.status]} · {d.similarity(o.score)}
                    </Link>
                  ))}
                </Space>
              }
              data-testid="case-similar"
            />
          )}
          <CaseActions detail={c} onDone={found.reload} />
        </Space>
      </Card>
      {c.evidence.length > 0 && (
        <Card title={d.evidence}>
          <Space orientation="vertical">
            {c.evidence.map((e) => (
              <a key={e.id} href={`/api/cases/${c.id}/evidence/${e.id}`} data-testid="case-evidence">
                {e.on} · {e.extension.toUpperCase()} · {Math.max(1, Math.round(e.size / 1024))} KB · {d.download}
              </a>
            ))}
          </Space>
        </Card>
      )}
      {(c.tasks.length > 0 || c.actions.includes("task")) && (
        <Card title={t.cases.tasks.title} extra={c.actions.includes("task") && <Button onClick={() => setAdding(true)} data-testid="task-add">{t.cases.tasks.add}</Button>}>
          <TaskTable tasks={c.tasks} />
          <AddTaskModal caseId={c.id} unit={c.unit} open={adding} onClose={(saved) => { setAdding(false); if (saved) found.reload(); }} />
        </Card>
      )}
      <Card title={t.cases.detail.timeline}>
        <Timeline items={c.events.map((e, i) => ({ key: i, content: <EventLine e={e} t={t} /> }))} />
      </Card>
    </Space>
  );
}
