import { DownloadOutlined } from "@ant-design/icons";
import { App, Button, Card, Collapse, Form, Input, Space, Switch, Table, Typography } from "antd";
import { useState } from "react";
import type { Plaque, PlaqueCounts } from "../../../contracts/evaluations.js";
import { api } from "../../api/client.js";
import { useMe } from "../../auth/AuthContext.js";
import { UnitSelect } from "../../components/UnitSelect.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useLang, useT } from "../../i18n/index.js";
import { downloadXlsx } from "../dashboard/api.js";
import { AllowedList } from "./AllowedList.js";
import { PlaqueCard } from "./PlaqueCard.js";
import { PlaqueHoursLine } from "./PlaqueHours.js";
import { ImportXlsxButton } from "../../components/XlsxImportModal.js";

const SURVEYS = new Set(["village_cadre", "township_official", "office"]);
type Values = { villageCode: string; name: string; issuer?: string };

/** 挂牌清理, made for a phone: record what hangs on the village office with a photo; see what must come down. */
export default function PlaquesPage() {
  const t = useT();
  const p = t.plaques;
  const me = useMe();
  const { lang } = useLang();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const [photo, setPhoto] = useState<File | null>(null);
  const [flagged, setFlagged] = useState(false);
  const [tick, setTick] = useState(0);
  const [busy, setBusy] = useState(false);
  const list = useLoad(`plaques|${flagged}|${tick}`, (signal) => api.get<{ total: number; items: Plaque[] }>("/api/plaques", { flagged: flagged ? "true" : undefined }, signal));
  const counts = useLoad(`counts|${tick}`, (signal) => api.get<PlaqueCounts>("/api/plaques/counts", {}, signal));
  const village = me.role === "village_cadre";

  const save = async (v: Values) => {
    setBusy(true);
    try {
      const made = await api.post<Plaque>("/api/plaques", { villageCode: v.villageCode, name: v.name, issuer: v.issuer || undefined });
      if (photo) await api.upload<Plaque>(`/api/plaques/${made.id}/photo`, new Blob([photo], { type: photo.type || "application/octet-stream" }));
      void message.success(p.saved);
      form.resetFields(["name", "issuer"]);
      setPhoto(null);
      setTick((n) => n + 1);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }} data-testid="plaques-page">
      <Card title={p.title} size="small">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{p.intro}</Typography.Paragraph>
        {SURVEYS.has(me.role) && (
          <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ villageCode: village ? me.scope.code : undefined }}>
            <Form.Item name="villageCode" label={p.village} rules={[{ required: true }]} hidden={village}><UnitSelect /></Form.Item>
            <Form.Item name="name" label={p.name} rules={[{ required: true, min: 2, max: 60 }]}><Input placeholder="饶河村妇女儿童之家" data-testid="plaque-name" /></Form.Item>
            <Form.Item name="issuer" label={p.issuer} rules={[{ max: 60 }]}><Input /></Form.Item>
            <Form.Item label={p.photo} extra={p.photoHint}>
              <input type="file" accept="image/jpeg,image/png" capture="environment" data-testid="plaque-photo" onChange={(e) => setPhoto(e.target.files?.[0] ?? null)} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="plaque-save">{p.survey}</Button>
          </Form>
        )}
      </Card>
      <Space wrap>
        <Switch checked={flagged} onChange={setFlagged} data-testid="plaque-flagged" /> {p.onlyFlagged}
        <Button icon={<DownloadOutlined />} onClick={() => void downloadXlsx("/api/plaques/export.xlsx", {}, lang, p.title).catch(showError)}>{p.exportXlsx}</Button>
        <ImportXlsxButton url="/api/plaques/import.xlsx" exportPath="/api/plaques/export.xlsx" fileName={p.title} onImported={() => setTick((n) => n + 1)} />
      </Space>
      {counts.data && <PlaqueHoursLine total={counts.data.total} />}
      <Space direction="vertical" style={{ width: "100%" }}>
        {(list.data?.items ?? []).map((x) => <PlaqueCard key={x.id} plaque={x} onChanged={() => setTick((n) => n + 1)} />)}
      </Space>
      <Collapse
        items={[
          {
            key: "counts",
            label: p.counts,
            children: (
              <Table
                rowKey="code"
                size="small"
                loading={counts.loading}
                dataSource={counts.data?.rows.filter((r) => r.surveyedVillages > 0 || counts.data!.rows.length < 30) ?? []}
                scroll={{ x: 720 }}
                pagination={false}
                columns={[
                  { title: p.unit, dataIndex: "name", fixed: "left", width: 110 },
                  { title: p.villages, dataIndex: "villages", width: 60 },
                  { title: p.surveyed, dataIndex: "surveyedVillages", width: 70 },
                  { title: p.plaqueCount, dataIndex: "plaques", width: 60 },
                  { title: p.notAllowedCount, dataIndex: "notAllowed", width: 80 },
                  { title: p.removedCount, dataIndex: "removed", width: 70 },
                  { title: p.stillHung, dataIndex: "stillHung", width: 70 },
                  { title: t.registryHours.plaqueYearly, dataIndex: "yearlyHours", width: 90 },
                  { title: t.registryHours.plaqueNotAllowed, dataIndex: "yearlyHoursNotAllowed", width: 100 },
                ]}
              />
            ),
          },
          { key: "allowed", label: p.allowedList, children: <AllowedList /> },
        ]}
      />
    </Space>
  );
}
