import { DiffOutlined, DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { Button, Card, DatePicker, Empty, Form, Space, Tabs, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { DUTY_PARTS, type DutyList } from "../../../contracts/duties.js";
import { dutiesApi } from "../../api/endpoints.js";
import { useMe } from "../../auth/AuthContext.js";
import { UnitSelect } from "../../components/UnitSelect.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import type { Dict } from "../../i18n/zh-CN.js";
import { defaultDutyUnit } from "./defaultUnit.js";
import { DutyDifferencesModal } from "./DutyDifferencesModal.js";
import { DutyImportModal } from "./DutyImportModal.js";
import { DutyItemsTable } from "./DutyItemsTable.js";
import { DutyVersionsTable } from "./DutyVersionsTable.js";

/** Which versions make up the list shown: the county template and, for a township, its differences. */
function ListSummary({ list, t }: { list: DutyList; t: Dict }) {
  return (
    <Space wrap size={[8, 4]} style={{ marginBottom: 12 }}>
      <Tag color={list.kind === "template" ? "blue" : "green"}>{t.duties.kind[list.kind]}</Tag>
      <Typography.Text strong>{list.unit.name}</Typography.Text>
      <Typography.Text type="secondary">{t.duties.inForceOn(list.on)}</Typography.Text>
      {list.template && <Typography.Text type="secondary">· {t.duties.templateVersion(list.template.version, list.template.effectiveFrom)}</Typography.Text>}
      {list.kind === "township" && (
        <Typography.Text type="secondary">
          · {list.differences ? t.duties.differencesVersion(list.differences.version, list.differences.effectiveFrom) : t.duties.noDifferences}
        </Typography.Text>
      )}
    </Space>
  );
}

/** 履职事项清单: a township's list in force on a date (or a county's template), its versions, Excel out and in. */
export default function DutiesPage() {
  const t = useT();
  const me = useMe();
  const [unitCode, setUnitCode] = useState(() => defaultDutyUnit(me));
  const [on, setOn] = useState<string | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const [importing, setImporting] = useState(false);
  const [editing, setEditing] = useState(false);
  const list = useLoad(`${unitCode}|${on ?? ""}|${tick}`, (signal) => dutiesApi.list(unitCode, on, signal));
  const data = list.error ? undefined : list.data;
  const mayImport = me.role === "office" || me.role === "admin";

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }} data-testid="duties-page">
      <Card
        title={t.nav.duties}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={dutiesApi.exportUrl(unitCode, on)} disabled={!data} data-testid="duties-export">
              {t.duties.export}
            </Button>
            {mayImport && data?.kind === "township" && data.template && (
              <Button icon={<DiffOutlined />} disabled={list.loading} onClick={() => setEditing(true)} data-testid="duties-edit-differences">
                {t.duties.editDifferences}
              </Button>
            )}
            {mayImport && (
              <Button type="primary" icon={<UploadOutlined />} disabled={!list.data || list.loading} onClick={() => setImporting(true)} data-testid="duties-import">
                {t.duties.import}
              </Button>
            )}
          </Space>
        }
      >
        <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
          <Form.Item label={t.duties.unit} style={{ minWidth: 320 }}>
            <UnitSelect
              key={`${data?.unit.code === unitCode ? "u" : "p"}-${unitCode}`}
              value={unitCode}
              initial={data?.unit.code === unitCode ? data.unit : undefined}
              placeholder={t.duties.unitPlaceholder}
              onChange={setUnitCode}
            />
          </Form.Item>
          <Form.Item label={t.duties.on}>
            <DatePicker
              value={on ? dayjs(on) : null}
              placeholder={t.duties.today}
              onChange={(d) => setOn(d ? d.format("YYYY-MM-DD") : undefined)}
              data-testid="duties-on"
            />
          </Form.Item>
        </Form>
        {list.error && !list.loading ? (
          <Empty description={t.duties.notFound} />
        ) : (
          <>
            {data && <ListSummary list={data} t={t} />}
            <Tabs
              items={DUTY_PARTS.map((part) => ({
                key: part,
                label: data ? t.duties.partCount(t.duties.parts[part], data.counts[part]) : t.duties.parts[part],
                forceRender: true,
                children: <DutyItemsTable part={part} items={data?.items.filter((i) => i.part === part) ?? []} loading={list.loading} />,
              }))}
            />
          </>
        )}
      </Card>
      <DutyVersionsTable unitCode={unitCode} reloadKey={tick} />
      {data && mayImport && data.kind === "township" && (
        <DutyDifferencesModal list={data} open={editing} onClose={() => setEditing(false)} onSaved={() => setTick((n) => n + 1)} />
      )}
      {data && mayImport && (
        <DutyImportModal
          unit={data.unit}
          open={importing}
          onClose={() => setImporting(false)}
          onImported={() => setTick((n) => n + 1)}
        />
      )}
    </Space>
  );
}
