import { Alert, Button, Card, DatePicker, Empty, Input, List, Row, Col, Space, Statistic, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import type { Checks, Figures } from "../../../contracts/forms.js";
import { useMe } from "../../auth/AuthContext.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { countyOf, formsApi } from "./api.js";

type Dept = Figures["departments"][number];
type Flag = Checks["flags"][number];
const KIND_COLOR: Record<Flag["kind"], string> = { jump: "orange", peer_outlier: "red", benford: "purple", mismatch: "volcano" };

/** Flags on a period's figures, each with its evidence; hints to verify, never changes. */
function ChecksCard() {
  const t = useT();
  const g = t.forms.figures;
  const me = useMe();
  const [input, setInput] = useState(String(dayjs().year()));
  const [period, setPeriod] = useState(String(dayjs().year()));
  const checks = useLoad(`checks|${period}`, (signal) => formsApi.checks(countyOf(me.scope.code), period, signal));
  return (
    <Card title={g.checks} data-testid="forms-checks">
      <Alert type="info" showIcon title={g.notice} style={{ marginBottom: 12 }} />
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text>{g.period}</Typography.Text>
        <Input value={input} onChange={(e) => setInput(e.target.value)} placeholder={g.periodHint} style={{ width: 140 }} data-testid="forms-checks-period" />
        <Button onClick={() => setPeriod(input.trim())}>{g.run}</Button>
      </Space>
      <List<Flag>
        loading={checks.loading}
        locale={{ emptyText: <Empty description={g.noFlags} /> }}
        dataSource={checks.data?.flags ?? []}
        renderItem={(f) => (
          <List.Item>
            <Space orientation="vertical" size={2}>
              <Space wrap>
                <Tag color={KIND_COLOR[f.kind]}>{g.kinds[f.kind]}</Tag>
                {f.unit && <Typography.Text strong>{f.unit.name}</Typography.Text>}
                <Typography.Text>{f.message}</Typography.Text>
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {g.evidence}：{JSON.stringify(f.evidence)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** 一表通成效: fields avoided and merged, hours saved per department; submissions per village; then the checks. */
export default function FiguresPage() {
  const t = useT();
  const g = t.forms.figures;
  const m = t.forms.mapping;
  const [range, setRange] = useState<[string, string]>([`${dayjs().year()}-01-01`, dayjs().format("YYYY-MM-DD")]);
  const figures = useLoad(range.join("|"), (signal) => formsApi.figures({ from: range[0], to: range[1] }, signal));
  const totals = figures.data?.totals;
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }} data-testid="forms-figures">
      <Card
        title={g.title}
        extra={<DatePicker.RangePicker allowClear={false} value={[dayjs(range[0]), dayjs(range[1])]} onChange={(v) => v?.[0] && v[1] && setRange([v[0].format("YYYY-MM-DD"), v[1].format("YYYY-MM-DD")])} />}
      >
        {totals && (
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={12} md={4}><Statistic title={g.forms} value={totals.forms} /></Col>
            <Col xs={12} md={4}><Statistic title={m.asked} value={totals.asked} /></Col>
            <Col xs={12} md={4}><Statistic title={m.avoided} value={totals.avoided} styles={{ content: { color: "#389e0d" } }} /></Col>
            <Col xs={12} md={4}><Statistic title={m.merged} value={totals.merged} styles={{ content: { color: "#1d4e89" } }} /></Col>
            <Col xs={12} md={4}><Statistic title={g.hoursSaved} value={totals.hoursSaved} /></Col>
            <Col xs={12} md={4}><Statistic title={g.submissions} value={totals.submissions} /></Col>
          </Row>
        )}
        <Table<Dept>
          rowKey="code"
          size="small"
          loading={figures.loading}
          dataSource={figures.data?.departments ?? []}
          pagination={false}
          scroll={{ x: 640 }}
          columns={[
            { title: g.department, dataIndex: "name" },
            { title: g.forms, dataIndex: "forms", width: 80 },
            { title: g.fields, dataIndex: "fields", width: 80 },
            { title: m.asked, dataIndex: "asked", width: 90 },
            { title: m.avoided, dataIndex: "avoided", width: 120 },
            { title: m.merged, dataIndex: "merged", width: 90 },
            { title: g.hoursSaved, dataIndex: "hoursSaved", width: 130 },
          ]}
        />
      </Card>
      {(figures.data?.units.length ?? 0) > 0 && (
        <Card title={g.units}>
          <Table rowKey="code" size="small" pagination={false} dataSource={figures.data?.units ?? []}
            columns={[{ title: t.forms.fill.unit, dataIndex: "name" }, { title: g.submissions, dataIndex: "submissions", width: 110 }, { title: g.values, dataIndex: "values", width: 120 }]} />
        </Card>
      )}
      <ChecksCard />
    </Space>
  );
}
