import { Space, Table, Tag, Typography } from "antd";
import type { CadreLoad, CadreLoadRow } from "../../../contracts/fingertips.js";
import { api } from "../../api/client.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";

/** Per named cadre (an account): the apps and groups he is recorded as following, the heaviest cadres first. */
export function CadresTab({ tick }: { tick: number }) {
  const f = useT().fingertips;
  const load = useLoad(`cadres|${tick}`, (signal) => api.get<CadreLoad>("/api/fingertips/cadres", {}, signal));
  const data = load.data;
  return (
    <Space direction="vertical" style={{ width: "100%" }} size="middle" data-testid="cadres-tab">
      {data && <Typography.Text>{f.cadreTotals(data.totals.cadres, data.totals.withMemberships, data.totals.memberships, data.totals.hoursPerYear)}</Typography.Text>}
      <Table<CadreLoadRow>
        rowKey={(r) => r.user.id}
        size="small"
        loading={load.loading}
        dataSource={data?.cadres ?? []}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: f.cadre, render: (_, r) => `${r.user.displayName}（${r.user.username}）`, width: 200, fixed: "left" },
          { title: f.unit, render: (_, r) => r.unit.name, width: 140 },
          { title: f.role, render: (_, r) => f.roles[r.role], width: 80 },
          { title: f.channels, dataIndex: "channels", width: 80 },
          { title: f.apps, dataIndex: "apps", width: 90 },
          { title: f.groups, dataIndex: "groups", width: 70 },
          { title: f.minutesPerWeek, dataIndex: "minutesPerWeek", width: 100 },
          { title: f.banned, dataIndex: "bannedDemands", width: 90, render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : 0) },
          { title: f.byAudience, dataIndex: "byAudience", width: 110 },
          { title: f.heaviest, render: (_, r) => <Space wrap size={4}>{r.heaviest.map((h) => <Tag key={h.id}>{h.name} · {h.minutesPerWeek}′</Tag>)}</Space> },
        ]}
      />
    </Space>
  );
}
