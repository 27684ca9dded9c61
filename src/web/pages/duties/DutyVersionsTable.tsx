import { Card, Table, Tag } from "antd";
import dayjs from "dayjs";
import type { DutyVersion } from "../../../contracts/duties.js";
import { dutiesApi } from "../../api/endpoints.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";

/** Who changed the list, when, why and from which date: GET /api/duties/:unitCode/versions. */
export function DutyVersionsTable({ unitCode, reloadKey }: { unitCode: string; reloadKey: number }) {
  const t = useT();
  const versions = useLoad(`${unitCode}#${reloadKey}`, (signal) => dutiesApi.versions(unitCode, signal));
  return (
    <Card title={t.duties.versions} size="small" data-testid="duties-versions">
      <Table<DutyVersion>
        rowKey="id"
        size="small"
        loading={versions.loading}
        dataSource={versions.data?.items ?? []}
        scroll={{ x: "max-content" }}
        pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
        columns={[
          {
            title: t.duties.version,
            key: "version",
            render: (_v, v) => (
              <>
                <Tag color={v.kind === "template" ? "blue" : "green"}>{t.duties.versionKind[v.kind]}</Tag>v{v.version}
                {v.inForce && <Tag color="red" style={{ marginInlineStart: 8 }}>{t.duties.inForce}</Tag>}
              </>
            ),
          },
          { title: t.duties.effectiveFrom, dataIndex: "effectiveFrom" },
          { title: t.duties.supersededOn, dataIndex: "supersededOn", render: (v: string | null) => v ?? "—" },
          { title: t.duties.reason, dataIndex: "reason", width: 320 },
          { title: t.duties.itemCount, dataIndex: "itemCount", align: "right" },
          { title: t.duties.source, dataIndex: "source", render: (s: DutyVersion["source"]) => t.duties.versionSource[s] },
          { title: t.duties.createdBy, dataIndex: "createdByName", render: (v: string | null) => v ?? t.duties.system },
          { title: t.duties.createdAt, dataIndex: "createdAt", render: (v: string) => dayjs(v).format("YYYY-MM-DD HH:mm") },
        ]}
      />
    </Card>
  );
}
