import { DownloadOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Input, Space, Table, Tag, Upload } from "antd";
import { useMemo, useState } from "react";
import type { Indicator } from "../../../contracts/forms.js";
import { useMe } from "../../auth/AuthContext.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { countyOf, formsApi } from "./api.js";
import { FileErrors, failureOf, type Failure } from "./FileErrors.js";
import { IndicatorModal } from "./IndicatorModal.js";

/** 数据指标目录: the county's indicators; the office adds, edits, imports and exports them. */
export default function CatalogPage() {
  const t = useT();
  const c = t.forms.catalog;
  const me = useMe();
  const { message } = App.useApp();
  const region = countyOf(me.scope.code);
  const [tick, setTick] = useState(0);
  const [q, setQ] = useState("");
  const [editing, setEditing] = useState<Indicator | null | "new">(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const loaded = useLoad(`${region}|${tick}`, (signal) => formsApi.indicators(region, signal));
  const rows = useMemo(() => {
    const all = loaded.data?.indicators ?? [];
    const needle = q.trim();
    return needle ? all.filter((i) => [i.code, i.name, ...i.aliases].some((s) => s.includes(needle))) : all;
  }, [loaded.data, q]);
  const canEdit = loaded.data?.canEdit ?? false;

  const importFile = (file: File) => {
    setFailure(null);
    formsApi
      .importCatalog(region, file)
      .then((r) => {
        void message.success(c.imported(r.created, r.updated));
        setTick((n) => n + 1);
      })
      .catch((err: unknown) => setFailure(failureOf(err, t) ?? { text: String(err), rows: [] }));
    return false;
  };

  return (
    <Card
      title={c.title}
      data-testid="catalog-page"
      extra={
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={formsApi.catalogExportUrl(region)}>{c.export}</Button>
          {canEdit && (
            <Upload accept=".xlsx" showUploadList={false} beforeUpload={importFile}>
              <Button icon={<UploadOutlined />} data-testid="catalog-import">{c.import}</Button>
            </Upload>
          )}
          {canEdit && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")} data-testid="catalog-add">{c.add}</Button>}
        </Space>
      }
    >
      <Alert type="info" showIcon title={c.hint} style={{ marginBottom: 12 }} />
      {failure && <FileErrors failure={failure} testId="catalog-import-errors" />}
      <Input.Search allowClear placeholder={c.search} onChange={(e) => setQ(e.target.value)} style={{ maxWidth: 320, marginBottom: 12 }} />
      <Table<Indicator>
        rowKey="id"
        size="small"
        loading={loaded.loading}
        dataSource={rows}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => c.count(n) }}
        columns={[
          { title: c.code, dataIndex: "code", width: 90 },
          { title: c.name, dataIndex: "name", width: 180 },
          { title: c.aliases, dataIndex: "aliases", render: (a: string[]) => a.join("、") },
          { title: c.unit, dataIndex: "unit", width: 80 },
          { title: c.type, dataIndex: "type", width: 80, render: (v: Indicator["type"]) => <Tag>{t.forms.types[v]}</Tag> },
          { title: c.cycle, dataIndex: "refreshCycle", width: 90, render: (v: Indicator["refreshCycle"]) => t.forms.cycles[v] },
          { title: c.owner, dataIndex: "ownerDepartment", width: 110 },
          ...(canEdit ? [{ title: "", key: "edit", width: 70, render: (_: unknown, r: Indicator) => <Button size="small" type="link" onClick={() => setEditing(r)}>{c.edit}</Button> }] : []),
        ]}
      />
      {editing !== null && (
        <IndicatorModal region={region} indicator={editing === "new" ? null : editing} open onClose={() => setEditing(null)} onSaved={() => setTick((n) => n + 1)} />
      )}
    </Card>
  );
}
