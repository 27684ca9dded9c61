import { App, Button, Input, List, Space, Typography } from "antd";
import { useState } from "react";
import { api } from "../../api/client.js";
import { useMe } from "../../auth/AuthContext.js";
import { ExportXlsxButton } from "../../components/ExportXlsxButton.js";
import { useApiError } from "../../components/useApiError.js";
import { ImportXlsxButton } from "../../components/XlsxImportModal.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";

type Allowed = { id: string; region: { code: string; name: string }; name: string; basis: string | null; can: string[] };

/** 准挂牌子清单 of the user's region; the office adds and removes names. */
export function AllowedList() {
  const p = useT().plaques;
  const me = useMe();
  const { message } = App.useApp();
  const showError = useApiError();
  const [tick, setTick] = useState(0);
  const [name, setName] = useState("");
  const list = useLoad(`allowed|${tick}`, (signal) => api.get<{ items: Allowed[] }>("/api/plaques/allowed", {}, signal));
  const add = async () => {
    try {
      await api.post("/api/plaques/allowed", { regionCode: me.scope.code, items: [{ name: name.trim() }] });
      setName("");
      setTick((n) => n + 1);
      void message.success(p.saved);
    } catch (err) {
      showError(err);
    }
  };
  const remove = async (a: Allowed) => {
    try {
      await api.del(`/api/plaques/allowed/${a.id}`);
      setTick((n) => n + 1);
    } catch (err) {
      showError(err);
    }
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <ExportXlsxButton path="/api/plaques/allowed/export.xlsx" fileName={p.allowedList} />
        {me.role === "office" && <ImportXlsxButton list url="/api/plaques/allowed/import.xlsx" exportPath="/api/plaques/allowed/export.xlsx" fileName={p.allowedList} onImported={() => setTick((n) => n + 1)} />}
      </Space>
      {me.role === "office" && (
        <Space.Compact style={{ width: "100%", marginBottom: 8 }}>
          <Input value={name} onChange={(e) => setName(e.target.value)} placeholder={p.addAllowed} maxLength={60} />
          <Button type="primary" disabled={name.trim().length < 2} onClick={() => void add()}>{p.addAllowed}</Button>
        </Space.Compact>
      )}
      <List
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        renderItem={(a) => (
          <List.Item actions={a.can.includes("delete") ? [<Button key="d" size="small" type="link" danger onClick={() => void remove(a)}>×</Button>] : []}>
            <Space direction="vertical" size={0}>
              <Typography.Text>{a.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.region.name}{a.basis ? ` · ${a.basis}` : ""}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}
