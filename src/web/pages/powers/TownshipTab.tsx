import { Button, DatePicker, Empty, Select, Space, Table, Tag, Timeline, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import type { EffectivePowerItem, TownshipPowerList } from "../../../contracts/powers.js";
import { api } from "../../api/client.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { ExcelButtons } from "../facilities/ExcelButtons.js";
import { DifferencesModal } from "./DifferencesModal.js";

const SOURCE_COLORS: Record<string, string> = { county: "default", changed: "gold", township: "blue" };

/** 乡镇清单: a township's effective list on a date — the county's with its differences — and every version that shaped it. */
export function TownshipTab({ townships }: { townships: { code: string; name: string }[] }) {
  const t = useT();
  const [code, setCode] = useState<string | undefined>(townships[0]?.code);
  const [on, setOn] = useState<Dayjs>(() => dayjs());
  const [tick, setTick] = useState(0);
  const [editing, setEditing] = useState(false);
  const township = code ?? townships[0]?.code;
  const day = on.format("YYYY-MM-DD");
  const list = useLoad(township ? `${township}|${day}|${tick}` : null, (signal) => api.get<TownshipPowerList>(`/api/powers/townships/${township}`, { on: day }, signal));
  const l = list.data;
  if (!township) return <Empty description={t.powers.noList} />;
  return (
    <div data-testid="township-list">
      <Space wrap style={{ marginBottom: 12 }}>
        {townships.length > 1 && <Select style={{ width: 160 }} value={township} onChange={setCode} options={townships.map((x) => ({ value: x.code, label: x.name }))} aria-label={t.powers.chooseTownship} data-testid="township-select" />}
        <span>{t.powers.on}</span>
        <DatePicker allowClear={false} value={on} onChange={(d) => d && setOn(d)} />
        <ExcelButtons
          testId="township-powers"
          exportPath={`/api/powers/townships/${township}/export.xlsx`}
          query={{ on: day }}
          fileName={`${l?.township.name ?? ""}${t.powers.title}`}
          importPath={l?.can.includes("edit") ? `/api/powers/townships/${township}/import` : undefined}
          importQuery={{ effectiveFrom: dayjs().format("YYYY-MM-DD"), reason: "按乡镇报送的赋权事项清单文件导入" }}
          onImported={() => setTick((n) => n + 1)}
        />
        {l?.can.includes("edit") && <Button type="primary" onClick={() => setEditing(true)} data-testid="township-adjust">{t.powers.adjust}</Button>}
      </Space>
      {l && (
        <>
          <Typography.Paragraph>
            {t.powers.countyVersion}：{l.countyVersion ? `${l.county?.name ?? ""} ${t.powers.version(l.countyVersion.version, l.countyVersion.effectiveFrom)}` : t.powers.noList}
            {"；"}
            {t.powers.differences}：{l.differences ? `${t.powers.version(l.differences.version, l.differences.effectiveFrom)}，${l.differences.reason}` : t.powers.noDifferences}
          </Typography.Paragraph>
          <Table<EffectivePowerItem>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={l.items}
            scroll={{ x: 860 }}
            columns={[
              { title: t.powers.key, dataIndex: "key", width: 70 },
              { title: t.powers.name, dataIndex: "name" },
              { title: t.powers.category, render: (_, i) => t.powers.categories[i.category] ?? i.category, width: 90 },
              { title: t.powers.fromDepartment, dataIndex: "fromDepartment", width: 150 },
              { title: t.powers.note, dataIndex: "note", width: 180 },
              { title: t.powers.source, width: 100, render: (_, i) => <Tag color={SOURCE_COLORS[i.source]}>{t.powers.sources[i.source]}</Tag> },
            ]}
          />
          {l.removed.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>{t.powers.removed}</Typography.Title>
              <ul data-testid="township-removed">{l.removed.map((r) => <li key={r.key}><Typography.Text delete>{r.key} {r.name}</Typography.Text></li>)}</ul>
            </>
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t.powers.versions}</Typography.Title>
          <Timeline
            items={l.versions.map((v) => ({
              color: v.supersededOn ? "gray" : v.kind === "differences" ? "blue" : "green",
              content: (
                <div>
                  <Tag>{t.powers.kinds[v.kind]}</Tag>
                  <Typography.Text strong>{t.powers.version(v.version, v.effectiveFrom)}</Typography.Text>{" "}
                  {v.supersededOn ? <Tag>{t.powers.superseded(v.supersededOn)}</Tag> : <Tag color="green">{t.powers.inForce}</Tag>}
                  <div><Typography.Text type="secondary">{v.reason}（{v.itemCount}，{v.createdByName ?? v.source}，{v.createdAt.slice(0, 10)}）</Typography.Text></div>
                </div>
              ),
            }))}
          />
          {editing && <DifferencesModal list={l} open={editing} onClose={() => setEditing(false)} onSaved={() => { setEditing(false); setTick((n) => n + 1); }} />}
        </>
      )}
    </div>
  );
}
