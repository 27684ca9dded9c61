import { Alert, Modal, Space, Tag, Tree, Typography } from "antd";
import type { TreeDataNode as DataNode } from "antd";
import type { MeetingChain, MeetingChainNode } from "../../../contracts/meetings.js";
import { api } from "../../api/client.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";

/** A meeting and the meetings that relay it, level by level, with the days between each. */
export function MeetingChainModal({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const m = t.meetings;
  const chain = useLoad(id, (signal) => api.get<MeetingChain>(`/api/meetings/${id}/chain`, undefined, signal));
  const toNode = (n: MeetingChainNode): DataNode => ({
    key: n.id,
    title: (
      <Space size={4} wrap>
        <Typography.Text strong={n.daysAfterParent === null}>{n.title}</Typography.Text>
        <Typography.Text type="secondary">{n.issuerName} · {n.date}</Typography.Text>
        {n.daysAfterParent !== null && <Tag>{m.daysAfter(n.daysAfterParent)}</Tag>}
        {n.layered && <Tag color="red">{m.layered}</Tag>}
      </Space>
    ),
    children: n.relayedBy.map(toNode),
  });
  const data = chain.data;
  return (
    <Modal open={id !== null} title={m.chainTitle} onCancel={onClose} footer={null} width={760} destroyOnHidden>
      {data && (
        <div data-testid="meeting-chain">
          {data.above.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`${m.above}：${data.above.map((a) => `${a.issuerName}“${a.title}”（${a.date}）`).join(" → ")}`}
            />
          )}
          <Typography.Paragraph type="secondary">{data.levels > 0 ? m.levels(data.levels) : m.noRelays}</Typography.Paragraph>
          <Tree treeData={[toNode(data.root)]} defaultExpandAll selectable={false} showLine />
        </div>
      )}
    </Modal>
  );
}
