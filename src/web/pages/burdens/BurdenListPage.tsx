import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Input, Select, Space, Table, Tabs } from "antd";
import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { BURDEN_KINDS, type BurdenKind, type BurdenStatus, type BurdenSummary } from "../../../contracts/burdens.js";
import { burdensApi, type BurdenListQuery } from "../../api/endpoints.js";
import { useMe } from "../../auth/AuthContext.js";
import { roleSees } from "../../components/roleAccess.js";
import { useLoad } from "../../components/useLoad.js";
import { useLang, useT } from "../../i18n/index.js";
import { burdenColumns } from "./burdenColumns.js";
import { HoursPanel } from "./HoursPanel.js";

const TABS: (BurdenStatus | "all")[] = ["all", "draft", "in_review", "admitted", "returned", "withdrawn"];
const isTab = (s: string | null): s is BurdenStatus => s !== null && s !== "all" && (TABS as string[]).includes(s);

/** Burdens issued in the user's region: status tabs (kept in ?status=), kind filter, title search, pages. */
export default function BurdenListPage() {
  const t = useT();
  const { lang } = useLang();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const status = isTab(params.get("status")) ? (params.get("status") as BurdenStatus) : undefined;
  const [filter, setFilter] = useState<Omit<BurdenListQuery, "status">>({ limit: 20, offset: 0 });
  const query: BurdenListQuery = { ...filter, status };
  const list = useLoad(JSON.stringify(query), (signal) => burdensApi.list(query, signal));
  const watchesHours = me.role === "office" || me.role === "commission";

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      {me.role === "commission" && <Alert type="info" showIcon title={t.burdenList.readOnly} />}
      <Card
        title={t.nav.burdens}
        extra={
          roleSees(me.role, "newBurden") && (
            <Link to="/burdens/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="burden-new">
                {t.nav.newBurden}
              </Button>
            </Link>
          )
        }
      >
        <Tabs
          activeKey={status ?? "all"}
          onChange={(key) => {
            setParams(key === "all" ? {} : { status: key }, { replace: true });
            setFilter((f) => ({ ...f, offset: 0 }));
          }}
          items={TABS.map((s) => ({ key: s, label: s === "all" ? t.burdenList.all : t.statuses[s] }))}
          data-testid="burden-tabs"
        />
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t.burdenList.searchPlaceholder}
            maxLength={50}
            style={{ width: 240 }}
            onSearch={(q) => setFilter((f) => ({ ...f, q: q.trim() || undefined, offset: 0 }))}
            data-testid="burden-search"
          />
          <Select<BurdenKind | "">
            value={filter.kind ?? ""}
            style={{ width: 200 }}
            options={[{ value: "", label: t.burdenList.allKinds }, ...BURDEN_KINDS.map((k) => ({ value: k, label: t.kinds[k] }))]}
            onChange={(kind) => setFilter((f) => ({ ...f, kind: kind || undefined, offset: 0 }))}
          />
        </Space>
        <Table<BurdenSummary>
          rowKey="id"
          size="small"
          columns={burdenColumns(t, lang)}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: "max-content" }}
          data-testid="burden-list"
          pagination={{
            current: Math.floor(filter.offset / filter.limit) + 1,
            pageSize: filter.limit,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (n) => t.common.total(n),
            onChange: (page, size) => setFilter((f) => ({ ...f, limit: size, offset: size === f.limit ? (page - 1) * size : 0 })),
          }}
        />
      </Card>
      {watchesHours && <HoursPanel />}
    </Space>
  );
}
