import { AuditOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Skeleton, Table, Typography } from "antd";
import { useState } from "react";
import type { BurdenSummary } from "../../../contracts/burdens.js";
import { burdensApi } from "../../api/endpoints.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useLang, useT } from "../../i18n/index.js";
import { burdenColumns } from "../burdens/burdenColumns.js";
import { FindingList } from "../burdens/FindingList.js";
import { DecideModal, type DecideTarget } from "./DecideModal.js";

/** The findings of one burden, loaded when its row is unfolded. */
function RowFindings({ id }: { id: string }) {
  const detail = useLoad(id, (signal) => burdensApi.get(id, signal));
  if (!detail.data) return <Skeleton active paragraph={{ rows: 2 }} />;
  return <FindingList findings={detail.data.findings} testId={`review-findings-${id}`} />;
}

/** 减负办 review queue: burdens of the region the gate sent to review (GET /api/burdens?status=in_review). */
export default function ReviewPage() {
  const t = useT();
  const { lang } = useLang();
  const showError = useApiError();
  const [page, setPage] = useState({ limit: 20, offset: 0 });
  const query = { status: "in_review" as const, ...page };
  const list = useLoad(JSON.stringify(query), (signal) => burdensApi.list(query, signal));
  const [deciding, setDeciding] = useState<DecideTarget | null>(null);
  const [opening, setOpening] = useState<string | null>(null);

  const open = (b: BurdenSummary) => {
    setOpening(b.id);
    burdensApi
      .get(b.id)
      .then((d) => setDeciding({ id: d.id, title: d.title, findings: d.findings }))
      .catch(showError)
      .finally(() => setOpening(null));
  };

  const action = (b: BurdenSummary) => (
    <Button type="primary" size="small" icon={<AuditOutlined />} loading={opening === b.id} onClick={() => open(b)} data-testid="decide-open">
      {t.review.decide}
    </Button>
  );

  return (
    <Card title={t.review.title}>
      <Typography.Paragraph type="secondary">{t.review.lead}</Typography.Paragraph>
      <Table<BurdenSummary>
        rowKey="id"
        size="small"
        columns={burdenColumns(t, lang, action)}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: "max-content" }}
        data-testid="review-list"
        locale={{ emptyText: <Empty description={t.review.empty} /> }}
        expandable={{ expandedRowRender: (b) => <RowFindings id={b.id} /> }}
        pagination={{
          current: Math.floor(page.offset / page.limit) + 1,
          pageSize: page.limit,
          total: list.data?.total ?? 0,
          showTotal: (n) => t.common.total(n),
          onChange: (p, size) => setPage({ limit: size, offset: (p - 1) * size }),
        }}
      />
      <DecideModal
        burden={deciding}
        onClose={() => setDeciding(null)}
        onDone={() => {
          setDeciding(null);
          list.reload();
        }}
      />
    </Card>
  );
}
