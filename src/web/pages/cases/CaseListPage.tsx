import { Alert, Button, Card, Checkbox, Select, Space, Table, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { Link } from "react-router-dom";
import { CASE_STATUSES, type CaseStatus, type CaseSummary } from "../../../contracts/cases.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import type { Dict } from "../../i18n/zh-CN.js";
import { casesApi, type CaseListQuery } from "./api.js";

const columns = (t: Dict): ColumnsType<CaseSummary> => {
  const l = t.cases.list;
  return [
    { title: l.received, dataIndex: "receivedOn", width: 110 },
    { title: l.unit, key: "unit", render: (_, c) => <Link to={`/cases/${c.id}`}>{c.unit.name}</Link> },
    { title: l.category, key: "category", render: (_, c) => t.cases.categories[c.category] },
    { title: l.channel, key: "channel", render: (_, c) => t.cases.channels[c.channel] },
    { title: l.status, key: "status", render: (_, c) => <Tag color={c.status === "closed" ? "default" : "blue"}>{t.cases.statuses[c.status]}</Tag> },
    {
      title: l.deadline,
      key: "deadline",
      render: (_, c) => (
        <Space size={4} wrap>
          {c.deadline ?? "—"}
          {c.overdue && <Tag color="red">{l.overdue}</Tag>}
          {c.dueSoon && <Tag color="gold">{l.dueSoon}</Tag>}
          {c.escalationLevel > 0 && <Tag color="orange">{l.escalated(c.escalationLevel)}</Tag>}
        </Space>
      ),
    },
    { title: l.assignee, key: "assignee", render: (_, c) => c.assignee?.name ?? "—" },
  ];
};

/** /cases — the handler's list: the cases routed to his body, deadlines first. */
export default function CaseListPage() {
  const t = useT();
  const [query, setQuery] = useState<CaseListQuery>({ limit: 20, offset: 0 });
  const list = useLoad(JSON.stringify(query), (signal) => casesApi.list(query, signal));
  // The handler's reminders: open cases whose present deadline is near (reminders.ts sends them).
  const reminders = useLoad("case-reminders", (signal) => casesApi.list({ dueSoon: "true", limit: 1, offset: 0 }, signal));
  const reminded = reminders.data?.total ?? 0;
  return (
    <Card title={t.cases.list.title}>
      {reminded > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t.cases.list.reminders(reminded)}
          action={
            <Button size="small" onClick={() => setQuery((q) => ({ ...q, dueSoon: "true", offset: 0 }))} data-testid="case-reminders">
              {t.cases.list.showReminders}
            </Button>
          }
        />
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<CaseStatus | "">
          value={query.status ?? ""}
          style={{ width: 180 }}
          options={[{ value: "", label: t.cases.list.all }, ...CASE_STATUSES.map((s) => ({ value: s, label: t.cases.statuses[s] }))]}
          onChange={(s) => setQuery((q) => ({ ...q, status: s || undefined, offset: 0 }))}
          data-testid="case-status-filter"
        />
        <Checkbox checked={query.overdue === "true"} onChange={(e) => setQuery((q) => ({ ...q, overdue: e.target.checked ? "true" : undefined, offset: 0 }))}>
          {t.cases.list.overdueOnly}
        </Checkbox>
        <Checkbox checked={query.revisitDue === "true"} onChange={(e) => setQuery((q) => ({ ...q, revisitDue: e.target.checked ? "true" : undefined, offset: 0 }))}>
          {t.cases.list.revisitDue}
        </Checkbox>
        <Checkbox checked={query.dueSoon === "true"} onChange={(e) => setQuery((q) => ({ ...q, dueSoon: e.target.checked ? "true" : undefined, offset: 0 }))}>
          {t.cases.list.dueSoonOnly}
        </Checkbox>
      </Space>
      <Table<CaseSummary>
        rowKey="id"
        size="small"
        columns={columns(t)}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: t.cases.list.empty }}
        data-testid="case-list"
        pagination={{
          current: Math.floor(query.offset / query.limit) + 1,
          pageSize: query.limit,
          total: list.data?.total ?? 0,
          onChange: (page, size) => setQuery((q) => ({ ...q, limit: size, offset: (page - 1) * size })),
        }}
      />
    </Card>
  );
}
