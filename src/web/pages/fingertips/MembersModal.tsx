import { App, Button, Input, Modal, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import type { Channel, ChannelMember } from "../../../contracts/fingertips.js";
import { api } from "../../api/client.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";

/** 关注成员: the named cadres who must follow a channel; the office or the unit running it records them by username. */
export function MembersModal({ channel, onClose, onChanged }: { channel: Channel | null; onClose: () => void; onChanged: () => void }) {
  const f = useT().fingertips;
  const { message } = App.useApp();
  const showError = useApiError();
  const [text, setText] = useState("");
  const [tick, setTick] = useState(0);
  const list = useLoad(`members|${channel?.id ?? ""}|${tick}`, (signal) => (channel ? api.get<{ items: ChannelMember[] }>(`/api/fingertips/${channel.id}/members`, {}, signal) : Promise.resolve({ items: [] })));
  const changed = () => {
    setTick((n) => n + 1);
    onChanged();
  };
  const add = async () => {
    if (!channel) return;
    try {
      const usernames = text.split(/[\s,，、;；]+/).filter(Boolean);
      const r = await api.post<{ added: number }>(`/api/fingertips/${channel.id}/members`, { usernames });
      void message.success(f.membersAdded(r.added));
      setText("");
      changed();
    } catch (err) {
      showError(err);
    }
  };
  const remove = async (m: ChannelMember) => {
    if (!channel) return;
    try {
      await api.del(`/api/fingertips/${channel.id}/members/${m.id}`);
      changed();
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Modal open={!!channel} title={channel ? f.membersTitle(channel.name) : ""} onCancel={onClose} footer={null} width={640} destroyOnHidden>
      <Typography.Paragraph type="secondary">{f.membersHint}</Typography.Paragraph>
      <Space.Compact style={{ width: "100%", marginBottom: 12 }}>
        <Input value={text} onChange={(e) => setText(e.target.value)} placeholder="raohe_village, jiaping_village" data-testid="members-input" />
        <Button type="primary" disabled={!text.trim()} onClick={() => void add()}>{f.addMembers}</Button>
      </Space.Compact>
      <Table<ChannelMember>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: f.cadre, render: (_, m) => `${m.displayName}（${m.username}）` },
          { title: f.unit, render: (_, m) => m.unit.name, width: 140 },
          { title: f.role, render: (_, m) => f.roles[m.role as keyof typeof f.roles] ?? m.role, width: 90 },
          { title: "", width: 150, render: (_, m) => <Space>{m.viaMerge && <Tag>{f.viaMerge}</Tag>}<Button size="small" onClick={() => void remove(m)}>{f.remove}</Button></Space> },
        ]}
      />
    </Modal>
  );
}
