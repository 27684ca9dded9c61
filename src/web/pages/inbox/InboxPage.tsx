import { Card, Empty, Skeleton, Space } from "antd";
import { useState } from "react";
import { inboxApi } from "../../api/endpoints.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { useVerify } from "../verify/useVerify.js";
import { VerifyForm } from "../verify/VerifyForm.js";
import { VerifyResultCard } from "../verify/VerifyResultCard.js";
import { InboxCard, InboxTotal } from "./InboxCard.js";

/** The verify box: type an admission number, see at once whether the request is admitted. */
function VerifyBox() {
  const t = useT();
  const [number, setNumber] = useState<string | null>(null);
  const verify = useVerify(number);
  return (
    <Card size="small" title={t.verify.title} data-testid="verify-box">
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        <span className="jf-muted">{t.verify.lead}</span>
        <VerifyForm onVerify={setNumber} />
        <VerifyResultCard verify={verify} />
      </Space>
    </Card>
  );
}

/** /inbox — admitted burdens reaching a village or township, soonest deadline first, with the verify box. */
export default function InboxPage() {
  const t = useT();
  const inbox = useLoad("inbox", (signal) => inboxApi.list(signal));
  const items = inbox.data?.items ?? [];

  return (
    <div className="jf-inbox">
      <Card size="small" title={t.inbox.title}>
        {inbox.data ? <InboxTotal hours={inbox.data.yearlyHoursTotal} count={items.length} /> : <Skeleton active paragraph={{ rows: 1 }} />}
      </Card>
      <VerifyBox />
      <div className="jf-inbox-list" data-testid="inbox-list" data-count={items.length}>
        {inbox.loading && !inbox.data && <Skeleton active />}
        {inbox.data && items.length === 0 && (
          <Card size="small">
            <Empty description={t.inbox.empty} />
          </Card>
        )}
        {items.map((item) => (
          <InboxCard key={item.id} item={item} />
        ))}
      </div>
    </div>
  );
}
