import { Alert, Card, Space, Table, Tag, Typography } from "antd";
import type { Load, LoadRow } from "../../../contracts/fingertips.js";
import { api } from "../../api/client.js";
import { useMe } from "../../auth/AuthContext.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";

/** Per grassroots post: how many apps and groups, minutes a week, the heaviest; burden-hours per unit. */
export function LoadTab({ tick }: { tick: number }) {
  const t = useT();
  const f = t.fingertips;
  const me = useMe();
  const load = useLoad(`load|${tick}`, (signal) => api.get<Load>("/api/fingertips/load", {}, signal));
  const data = load.data;
  const own = data?.rows.find((r) => r.unit.code === me.scope.code && (me.role === "village_cadre" || me.role === "township_official") && r.role === me.role);
  return (
    <Space direction="vertical" style={{ width: "100%" }} size="middle">
      {own && (
        <Card size="small" data-testid="my-load">
          <Typography.Title level={5} style={{ marginTop: 0 }}>{f.mine(own.channels, own.minutesPerWeek)}</Typography.Title>
          <Typography.Text type="secondary">{f.heaviest}：</Typography.Text>
          <Space wrap>{own.heaviest.map((h) => <Tag key={h.id}>{h.name} · {h.minutesPerWeek}′</Tag>)}</Space>
          {own.bannedDemands > 0 && <Alert style={{ marginTop: 8 }} type="warning" showIcon message={`${f.banned}：${own.bannedDemands}`} />}
        </Card>
      )}
      {data && <Typography.Text>{f.totals(data.totals.posts, data.totals.channels, data.totals.hoursPerWeek, data.totals.hoursPerYear)}</Typography.Text>}
      {(data?.rows.length ?? 0) > 1 && (
      <Table<LoadRow>
        rowKey={(r) => `${r.unit.code}|${r.role}`}
        size="small"
        loading={load.loading}
        dataSource={data?.rows ?? []}
        scroll={{ x: 760 }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: f.unit, render: (_, r) => r.unit.name, width: 150, fixed: "left" },
          { title: f.township, render: (_, r) => r.unit.townshipName ?? "—", width: 100 },
          { title: f.role, render: (_, r) => f.roles[r.role], width: 90 },
          { title: f.channels, dataIndex: "channels", width: 80, sorter: (a, b) => a.channels - b.channels },
          { title: f.groups, dataIndex: "groups", width: 70 },
          { title: f.minutesPerWeek, dataIndex: "minutesPerWeek", width: 110, sorter: (a, b) => a.minutesPerWeek - b.minutesPerWeek },
          { title: f.banned, dataIndex: "bannedDemands", width: 90, render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : 0) },
          { title: f.heaviest, render: (_, r) => r.heaviest.map((h) => h.name).join("、") },
        ]}
      />
      )}
      {(data?.units.length ?? 0) > 1 && <Typography.Title level={5}>{f.perUnit}</Typography.Title>}
      {(data?.units.length ?? 0) > 1 && (
      <Table
        rowKey="code"
        size="small"
        dataSource={data?.units ?? []}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        columns={[
          { title: f.unit, dataIndex: "name" },
          { title: f.minutesPerWeek, dataIndex: "minutesPerWeek", width: 120 },
          { title: f.hoursPerYear, dataIndex: "hoursPerYear", width: 100 },
        ]}
      />
      )}
    </Space>
  );
}
