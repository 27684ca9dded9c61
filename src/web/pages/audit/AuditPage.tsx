import { Button, Card, Space, Table, Typography } from "antd";
import type { TableColumnsType } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { auditApi, type AuditEntry } from "../../api/endpoints.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import type { Dict } from "../../i18n/zh-CN.js";
import { VerifyChain } from "./VerifyChain.js";

const PAGE = 50;

const columns = (t: Dict): TableColumnsType<AuditEntry> => [
  { title: "#", dataIndex: "id", width: 72 },
  { title: t.audit.at, dataIndex: "at", width: 168, render: (v: string) => dayjs(v).format("YYYY-MM-DD HH:mm:ss") },
  { title: t.audit.actor, dataIndex: "actorName", render: (v: string | null) => v ?? <Typography.Text type="secondary">{t.audit.system}</Typography.Text> },
  { title: t.audit.action, dataIndex: "action", render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
  { title: t.audit.entity, key: "entity", render: (_v, e) => `${e.entityType} ${e.entityId}` },
  {
    title: t.audit.hash,
    dataIndex: "hash",
    responsive: ["md"],
    render: (v: string) => (
      <Typography.Text className="jf-tree-code" copyable={{ text: v }}>
        {v.slice(0, 12)}…
      </Typography.Text>
    ),
  },
];

/** The audit log, newest first, 50 at a time going back (?before=<oldest id shown>); and the chain check. */
export default function AuditPage() {
  const t = useT();
  const showError = useApiError();
  const first = useLoad("audit", () => auditApi.list({ limit: PAGE }));
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const [done, setDone] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const items = [...(first.data?.items ?? []), ...older];
  const oldest = items.at(-1)?.id;
  const exhausted = done || (first.data !== undefined && first.data.items.length < PAGE);

  const loadOlder = () => {
    if (oldest === undefined) return;
    setLoadingOlder(true);
    auditApi
      .list({ limit: PAGE, before: oldest })
      .then((res) => {
        setOlder((prev) => [...prev, ...res.items]);
        if (res.items.length < PAGE) setDone(true);
      })
      .catch(showError)
      .finally(() => setLoadingOlder(false));
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card size="small">
        <VerifyChain />
      </Card>
      <Card title={t.nav.audit} size="small">
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          columns={columns(t)}
          dataSource={items}
          loading={first.loading}
          pagination={false}
          scroll={{ x: "max-content" }}
          expandable={{
            expandedRowRender: (e) => (
              <pre style={{ margin: 0, whiteSpace: "pre-wrap", wordBreak: "break-all", fontSize: 12 }}>{JSON.stringify(e.detail, null, 2)}</pre>
            ),
            rowExpandable: (e) => Object.keys(e.detail).length > 0,
          }}
        />
        <div style={{ textAlign: "center", marginTop: 12 }}>
          {exhausted ? (
            <Typography.Text type="secondary">{t.audit.noMore}</Typography.Text>
          ) : (
            <Button onClick={loadOlder} loading={loadingOlder} disabled={oldest === undefined}>
              {t.audit.older}
            </Button>
          )}
        </div>
      </Card>
    </Space>
  );
}
