import { CameraOutlined } from "@ant-design/icons";
import { App, Button, Card, Space, Tag, Typography } from "antd";
import { useRef } from "react";
import type { Plaque } from "../../../contracts/evaluations.js";
import { api } from "../../api/client.js";
import { useApiError } from "../../components/useApiError.js";
import { useT } from "../../i18n/index.js";

/** One surveyed plaque: allowed or 乱挂牌, its match on the list, a photo from the phone, "taken down". */
export function PlaqueCard({ plaque, onChanged }: { plaque: Plaque; onChanged: () => void }) {
  const t = useT();
  const p = t.plaques;
  const { message } = App.useApp();
  const showError = useApiError();
  const input = useRef<HTMLInputElement>(null);
  const upload = async (file: File | undefined) => {
    if (!file) return;
    try {
      await api.upload(`/api/plaques/${plaque.id}/photo`, new Blob([file], { type: file.type || "application/octet-stream" }));
      void message.success(p.photoSaved);
      onChanged();
    } catch (err) {
      showError(err);
    }
  };
  const removed = async () => {
    try {
      await api.post(`/api/plaques/${plaque.id}/removed`, {});
      void message.success(p.removedOk);
      onChanged();
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Card size="small" data-testid="plaque-card" style={plaque.flag ? { borderColor: "#ffa39e" } : undefined}>
      <Space direction="vertical" size={4} style={{ width: "100%" }}>
        <Space wrap>
          <Typography.Text strong>{plaque.name}</Typography.Text>
          {plaque.allowed ? <Tag color="green">{p.allowed}</Tag> : <Tag color={plaque.flag ? "red" : "default"}>{p.notAllowed}</Tag>}
          {plaque.removedOn && <Tag>{p.removed(plaque.removedOn)}</Tag>}
        </Space>
        <Typography.Text type="secondary">
          {[plaque.village.townshipName, plaque.village.name, plaque.issuer].filter(Boolean).join(" · ")} · {p.surveyedOn} {plaque.surveyedOn}
        </Typography.Text>
        {plaque.match && <Typography.Text type="secondary">{p.match(plaque.match.name, plaque.match.score)}</Typography.Text>}
        {plaque.flag && <Typography.Text type="danger">{plaque.flag.message}</Typography.Text>}
        {plaque.yearlyHours > 0 && <Typography.Text type="secondary" data-testid="plaque-hours">{t.registryHours.plaqueHours(plaque.yearlyHours)}</Typography.Text>}
        <Space wrap>
          {plaque.hasPhoto && <a href={`/api/plaques/${plaque.id}/photo`} target="_blank" rel="noreferrer">{p.viewPhoto}</a>}
          {plaque.can.includes("photo") && (
            <>
              <input ref={input} type="file" accept="image/jpeg,image/png" capture="environment" hidden onChange={(e) => void upload(e.target.files?.[0])} />
              <Button size="small" icon={<CameraOutlined />} onClick={() => input.current?.click()}>{p.photo}</Button>
            </>
          )}
          {plaque.can.includes("removed") && <Button size="small" danger onClick={() => void removed()} data-testid="plaque-removed">{p.markRemoved}</Button>}
        </Space>
      </Space>
    </Card>
  );
}
