import { Card, Table, Tabs, Tag, Timeline, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import type { PowerItem, PowerUsage } from "../../../contracts/powers.js";
import { api } from "../../api/client.js";
import { useMe } from "../../auth/AuthContext.js";
import { UnitSelect } from "../../components/UnitSelect.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { ExcelButtons } from "../facilities/ExcelButtons.js";
import { RecordsTab } from "./RecordsTab.js";
import { TownshipTab } from "./TownshipTab.js";
import { UsageTab } from "./UsageTab.js";

type Version = { id: string; version: number; effectiveFrom: string; supersededOn: string | null; reason: string; source: string; itemCount: number; createdByName: string | null };
type PowerList = { county: { code: string; name: string }; version: Version | null; versions: Version[]; items: PowerItem[] };

/** 赋权事项清单: the county's list in force and its versions, Excel in and out; exercises and unused powers. */
export default function PowersPage() {
  const t = useT();
  const me = useMe();
  const own = me.scope.level === "county" ? me.scope.code : me.scope.level === "township" || me.scope.level === "department" ? (me.scope.parentCode ?? "") : "";
  const [county, setCounty] = useState<string>(own);
  const [tick, setTick] = useState(0);
  const list = useLoad(county ? `${county}|${tick}` : null, (signal) => api.get<PowerList>(`/api/powers/${county}`, {}, signal));
  const usage = useLoad(`${tick}`, (signal) => api.get<{ periods: string[]; items: PowerUsage[] }>("/api/powers/usage", {}, signal));
  const l = list.data;
  const townships = [...new Map((usage.data?.items ?? []).map((u) => [u.township.code, u.township])).values()];
  const canRecord = me.role === "township_official" || me.role === "office";
  const reload = () => setTick((n) => n + 1);
  const category = (c: string) => t.powers.categories[c] ?? c;

  return (
    <Card
      title={t.powers.title}
      data-testid="powers-page"
      extra={
        county && (
          <ExcelButtons testId="powers" exportPath={`/api/powers/${county}/export.xlsx`} fileName={`${l?.county.name ?? ""}${t.powers.title}`} importPath={me.role === "office" ? `/api/powers/${county}/import` : undefined} importQuery={{ effectiveFrom: dayjs().format("YYYY-MM-DD"), reason: "按县政府印发的赋权事项清单文件导入" }} onImported={reload} />
        )
      }
    >
      <Typography.Paragraph type="secondary">{t.powers.intro}</Typography.Paragraph>
      {!own && <div style={{ marginBottom: 12, maxWidth: 360 }}><UnitSelect value={county || undefined} onChange={(v) => setCounty(String(v ?? ""))} /></div>}
      <Tabs
        items={[
          {
            key: "usage",
            label: t.powers.usage,
            children: <UsageTab items={usage.data?.items ?? []} periods={usage.data?.periods ?? []} loading={usage.loading} onChanged={reload} initiallyFlagged={me.role !== "township_official"} />,
          },
          { key: "records", label: t.powers.records, children: <RecordsTab townships={townships} canRecord={canRecord} onChanged={reload} /> },
          { key: "township", label: t.powers.townshipList, children: <TownshipTab townships={townships} /> },
          {
            key: "list",
            label: t.powers.list,
            children: !l?.version ? (
              <Typography.Text type="secondary">{t.powers.noList}</Typography.Text>
            ) : (
              <>
                <Typography.Title level={5}>{l.county.name} · {t.powers.version(l.version.version, l.version.effectiveFrom)}</Typography.Title>
                <Table<PowerItem>
                  rowKey="key"
                  size="small"
                  pagination={false}
                  dataSource={l.items}
                  scroll={{ x: 760 }}
                  columns={[
                    { title: t.powers.key, dataIndex: "key", width: 70 },
                    { title: t.powers.name, dataIndex: "name" },
                    { title: t.powers.category, render: (_, i) => category(i.category), width: 90 },
                    { title: t.powers.fromDepartment, dataIndex: "fromDepartment", width: 150 },
                    { title: t.powers.legalBasis, dataIndex: "legalBasis", width: 220 },
                  ]}
                />
                <Typography.Title level={5} style={{ marginTop: 16 }}>{t.powers.versions}</Typography.Title>
                <Timeline
                  items={l.versions.map((v) => ({
                    color: v.supersededOn ? "gray" : "green",
                    content: (
                      <div>
                        <Typography.Text strong>{t.powers.version(v.version, v.effectiveFrom)}</Typography.Text>{" "}
                        {v.supersededOn ? <Tag>{t.powers.superseded(v.supersededOn)}</Tag> : <Tag color="green">{t.powers.inForce}</Tag>}
                        <div><Typography.Text type="secondary">{v.reason}（{v.itemCount} 项，{v.createdByName ?? v.source}）</Typography.Text></div>
                      </div>
                    ),
                  }))}
                />
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
