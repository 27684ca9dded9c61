import { App, Button, Card, DatePicker, Form, InputNumber, Select, Space, Switch, Table, Tabs, Tag, Timeline, Tooltip, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import type { PowerItem, PowerUsage } from "../../../contracts/powers.js";
import { api } from "../../api/client.js";
import { useMe } from "../../auth/AuthContext.js";
import { UnitSelect } from "../../components/UnitSelect.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { ExcelButtons } from "../facilities/ExcelButtons.js";

type Version = { id: string; version: number; effectiveFrom: string; supersededOn: string | null; reason: string; source: string; itemCount: number; createdByName: string | null };
type PowerList = { county: { code: string; name: string }; version: Version | null; versions: Version[]; items: PowerItem[] };

/** Records a month's exercises of a power by the township (its official, or the county office for it). */
function RecordForm({ items, township, onDone }: { items: PowerItem[]; township: string; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const submit = async (v: { key: string; month: Dayjs; count: number }) => {
    try {
      await api.post("/api/powers/exercises", { townshipCode: township, key: v.key, period: v.month.format("YYYY-MM"), count: v.count });
      void message.success(t.resources.saved);
      onDone();
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Form layout="inline" onFinish={(v) => void submit(v)} initialValues={{ month: dayjs().subtract(1, "month"), count: 1 }} style={{ marginBottom: 12, rowGap: 8 }} data-testid="power-record">
      <Form.Item name="key" rules={[{ required: true }]}><Select style={{ width: 280 }} placeholder={t.powers.name} options={items.map((i) => ({ value: i.key, label: `${i.key} ${i.name}` }))} /></Form.Item>
      <Form.Item name="month" rules={[{ required: true }]}><DatePicker picker="month" allowClear={false} /></Form.Item>
      <Form.Item name="count" label={t.powers.count} rules={[{ required: true }]}><InputNumber min={0} precision={0} /></Form.Item>
      <Button type="primary" htmlType="submit">{t.powers.record}</Button>
    </Form>
  );
}

/** 赋权事项清单: the county's list in force and its versions, Excel in and out; exercises and unused powers. */
export default function PowersPage() {
  const t = useT();
  const me = useMe();
  const own = me.scope.level === "county" ? me.scope.code : me.scope.level === "township" || me.scope.level === "department" ? (me.scope.parentCode ?? "") : "";
  const [county, setCounty] = useState<string>(own);
  const [flagged, setFlagged] = useState(me.role !== "township_official");
  const [tick, setTick] = useState(0);
  const list = useLoad(county ? `${county}|${tick}` : null, (signal) => api.get<PowerList>(`/api/powers/${county}`, {}, signal));
  const usage = useLoad(`${flagged}|${tick}`, (signal) => api.get<{ items: PowerUsage[] }>("/api/powers/usage", { flagged: flagged ? "true" : undefined }, signal));
  const l = list.data;
  const category = (c: string) => t.powers.categories[c] ?? c;

  return (
    <Card
      title={t.powers.title}
      data-testid="powers-page"
      extra={
        county && (
          <ExcelButtons testId="powers" exportPath={`/api/powers/${county}/export.xlsx`} fileName={`${l?.county.name ?? ""}${t.powers.title}`} importPath={me.role === "office" ? `/api/powers/${county}/import` : undefined} importQuery={{ effectiveFrom: dayjs().format("YYYY-MM-DD"), reason: "按县政府印发的赋权事项清单文件导入" }} onImported={() => setTick((n) => n + 1)} />
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
            children: (
              <>
                {me.role === "township_official" && l && <RecordForm items={l.items} township={me.scope.code} onDone={() => setTick((n) => n + 1)} />}
                <Space style={{ marginBottom: 12 }}>
                  <Switch checked={flagged} onChange={setFlagged} data-testid="powers-flagged" /> {t.resources.onlyFlagged}
                </Space>
                <Table<PowerUsage>
                  rowKey={(u) => `${u.township.code}:${u.key}`}
                  size="small"
                  loading={usage.loading}
                  dataSource={usage.data?.items ?? []}
                  scroll={{ x: 860 }}
                  columns={[
                    { title: t.powers.township, render: (_, u) => u.township.name, width: 100 },
                    { title: t.powers.key, dataIndex: "key", width: 70 },
                    { title: t.powers.name, dataIndex: "name" },
                    { title: t.powers.category, render: (_, u) => category(u.category), width: 90 },
                    { title: t.powers.heldSince, dataIndex: "heldSince", width: 110 },
                    { title: t.powers.last12, dataIndex: "last12Months", width: 90 },
                    { title: t.resources.flags, width: 120, render: (_, u) => (u.flag ? <Tooltip title={u.flag.message}><Tag color="orange">{t.powers.unused}</Tag></Tooltip> : <Tag color="green">{t.resources.noFlags}</Tag>) },
                  ]}
                />
              </>
            ),
          },
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
