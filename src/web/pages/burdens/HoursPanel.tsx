import { Card, Col, Row, Table } from "antd";
import type { HoursSummary } from "../../api/endpoints.js";
import { burdensApi } from "../../api/endpoints.js";
import { formatHours } from "../../components/format.js";
import { useLoad } from "../../components/useLoad.js";
import { useLang, useT } from "../../i18n/index.js";

type Row = HoursSummary["items"][number];

function Ranking({ by, title }: { by: "issuer" | "target"; title: string }) {
  const t = useT();
  const { lang } = useLang();
  const data = useLoad(`hours-${by}`, (signal) => burdensApi.hours({ by, limit: 10 }, signal));
  return (
    <Card type="inner" size="small" title={title} data-testid={`hours-${by}`}>
      <Table<Row>
        rowKey="code"
        size="small"
        pagination={false}
        loading={data.loading}
        dataSource={data.data?.items ?? []}
        columns={[
          { title: "#", key: "rank", width: 40, render: (_v, _r, i) => i + 1 },
          { title: t.hoursPanel.unit, dataIndex: "name" },
          { title: t.hoursPanel.burdens, dataIndex: "burdens", align: "right" },
          { title: t.hoursPanel.hours, dataIndex: "yearlyHours", align: "right", render: (v: number) => formatHours(v, lang) },
        ]}
      />
    </Card>
  );
}

/** 谁下达最多 / 谁承担最多: the top ten issuers and targets by burden-hours this year (office, commission). */
export function HoursPanel() {
  const t = useT();
  return (
    <Card size="small" title={t.hoursPanel.title(new Date().getFullYear())} data-testid="hours-panel">
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Ranking by="issuer" title={t.hoursPanel.byIssuer} />
        </Col>
        <Col xs={24} lg={12}>
          <Ranking by="target" title={t.hoursPanel.byTarget} />
        </Col>
      </Row>
    </Card>
  );
}
