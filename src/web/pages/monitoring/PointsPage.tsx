import { DownloadOutlined } from "@ant-design/icons";
import { App, Button, Card, DatePicker, List, Popconfirm, Space, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import type { Answer, Point } from "../../../contracts/monitoring.js";
import { useMe } from "../../auth/AuthContext.js";
import { UnitSelect } from "../../components/UnitSelect.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { monitoringApi } from "./api.js";
import { CorrectAnswer } from "./CorrectAnswer.js";

const mondayOf = (d: dayjs.Dayjs) => d.subtract((d.day() + 6) % 7, "day").format("YYYY-MM-DD");

function AnswersCard({ week }: { week: string }) {
  const t = useT().monitoring.points;
  const me = useMe();
  const answers = useLoad(`answers|${week}`, (signal) => monitoringApi.answers(week, signal));
  return (
    <Card size="small" title={t.answers} data-testid="monitoring-answers">
      <List<Answer>
        size="small"
        dataSource={answers.data?.items ?? []}
        renderItem={(a) => (
          <List.Item>
            <Space orientation="vertical" size={2} style={{ width: "100%" }}>
              <Space wrap>
                <Typography.Text strong>{a.unit.name}</Typography.Text>
                <Tag>{t.expected} {a.expectedHours}</Tag>
                <Tag color={a.actualHours > a.expectedHours ? "red" : "green"}>{t.actual} {a.actualHours}</Tag>
                {a.corrections.length > 0 && <Tag color="blue">{t.corrected(a.revision - 1)}</Tag>}
                {me.role === "township_official" && <CorrectAnswer answer={a} onDone={answers.reload} />}
              </Space>
              {a.unregistered.map((u, i) => (
                <Typography.Text key={i} type="warning">
                  {t.unregistered}：{u.text}
                  {u.issuerName ? `（${u.issuerName}）` : ""} · {u.hours} h
                </Typography.Text>
              ))}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

async function downloadPoster(code: string) {
  const res = await fetch(`/api/satisfaction/poster/${code}`, { credentials: "same-origin" });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = `survey-poster-${code}.pdf`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** /monitoring — the office chooses monitoring points 监测点; the township and the office see who answered and remind the others. */
export default function PointsPage() {
  const t = useT();
  const p = t.monitoring.points;
  const me = useMe();
  const { message } = App.useApp();
  const showError = useApiError();
  const [week, setWeek] = useState(() => mondayOf(dayjs()));
  const [unit, setUnit] = useState<string | undefined>(undefined);
  const points = useLoad(`points|${week}`, (signal) => monitoringApi.points(week, signal));
  const isOffice = me.role === "office";
  const canRemind = isOffice || me.role === "township_official";
  const act = (run: () => Promise<unknown>) => run().then(points.reload, showError);

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card title={p.title} data-testid="monitoring-points">
        <Typography.Paragraph type="secondary">{p.lead}</Typography.Paragraph>
        <Space wrap>
          <span>{p.week}</span>
          <DatePicker picker="week" allowClear={false} value={dayjs(week)} onChange={(d) => d && setWeek(mondayOf(d))} />
          {canRemind && (
            <Button
              onClick={() =>
                act(async () => {
                  const r = await monitoringApi.remind(week);
                  message.success(p.reminded(r.units.length));
                })
              }
              data-testid="remind"
            >
              {p.remind}
            </Button>
          )}
          {points.data && <Tag color={points.data.missing > 0 ? "orange" : "green"}>{p.missingCount(points.data.missing)}</Tag>}
        </Space>
        {isOffice && (
          <Space wrap style={{ marginTop: 12 }}>
            <div style={{ minWidth: 280 }}>
              <UnitSelect value={unit} onChange={setUnit} placeholder={p.village} />
            </div>
            <Button type="primary" disabled={!unit} onClick={() => unit && act(() => monitoringApi.choose(unit))}>{p.add}</Button>
          </Space>
        )}
        <Table<Point>
          style={{ marginTop: 12 }}
          size="small"
          rowKey={(r) => r.unit.code}
          loading={points.loading}
          dataSource={points.data?.items ?? []}
          scroll={{ x: true }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: p.village, render: (_, r) => r.unit.name },
            { title: p.township, render: (_, r) => r.township?.name ?? "" },
            { title: p.answered, render: (_, r) => (r.answered ? <Tag color="green">{p.answered}</Tag> : <Tag color="orange">{p.missing}</Tag>) },
            { title: p.reminders, dataIndex: "reminders" },
            { title: p.lastAnswered, render: (_, r) => r.lastAnswered ?? "—" },
            { title: p.since, dataIndex: "since" },
            ...(isOffice
              ? [
                  {
                    title: "",
                    render: (_: unknown, r: Point) => (
                      <Space>
                        <Button size="small" icon={<DownloadOutlined />} onClick={() => downloadPoster(r.unit.code).catch(showError)}>{t.satisfaction.poster}</Button>
                        <Popconfirm title={p.retire} onConfirm={() => act(() => monitoringApi.retire(r.unit.code))}>
                          <Button size="small" danger>{p.retire}</Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <AnswersCard week={week} />
    </Space>
  );
}
