import { App, Button, Empty, List, Progress, Space, Tag, Typography } from "antd";
import type { MergeProposal } from "../../../contracts/fingertips.js";
import { api } from "../../api/client.js";
import { useMe } from "../../auth/AuthContext.js";
import { ExportXlsxButton } from "../../components/ExportXlsxButton.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";

/** 整合建议: pairs proposed for merging; the office accepts one with a click (audited on the server). */
export function ProposalsTab({ tick, onChanged }: { tick: number; onChanged: () => void }) {
  const t = useT();
  const f = t.fingertips;
  const me = useMe();
  const { message } = App.useApp();
  const showError = useApiError();
  const list = useLoad(`proposals|${tick}`, (signal) => api.get<{ items: MergeProposal[] }>("/api/fingertips/merge-proposals", {}, signal));
  const accept = async (p: MergeProposal) => {
    try {
      await api.post(`/api/fingertips/${p.merge.id}/decision`, { action: "merge", mergeInto: p.keep.id, reason: f.acceptReason(p.keep.name) });
      void message.success(f.decided);
      onChanged();
    } catch (err) {
      showError(err);
    }
  };
  if (!list.loading && (list.data?.items.length ?? 0) === 0) return <Empty description={f.noProposals} />;
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <ExportXlsxButton path="/api/fingertips/merge-proposals/export.xlsx" fileName={f.proposalsFile} />
      </Space>
      <List<MergeProposal>
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        renderItem={(p) => (
          <List.Item
            data-testid="merge-proposal"
            actions={me.role === "office" ? [<Button key="m" type="primary" size="small" onClick={() => void accept(p)}>{f.accept}</Button>] : []}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Tag color="green">{f.keep}</Tag>
                  {p.keep.name}
                  <Tag color="orange">{f.merge}</Tag>
                  {p.merge.name}
                </Space>
              }
              description={
                <Space direction="vertical" size={2}>
                  <Typography.Text type="secondary">{p.reasons.join("；")}</Typography.Text>
                  <Space>
                    {f.score}
                    <Progress percent={Math.round(p.score * 100)} size="small" style={{ width: 120 }} />
                  </Space>
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}
