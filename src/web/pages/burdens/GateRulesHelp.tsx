import { Collapse, Skeleton, Typography } from "antd";
import { useState } from "react";
import { burdensApi } from "../../api/endpoints.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";

function RuleList() {
  const rules = useLoad("gate-rules", (signal) => burdensApi.rules(signal));
  if (!rules.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  return (
    <dl className="jf-evidence" data-testid="gate-rules">
      {rules.data.items.map((r) => (
        <div key={r.code}>
          <dt>{r.code}</dt>
          <dd>{r.description}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What the gate checks (GET /api/gate/rules), unfolded on demand under the live findings. */
export function GateRulesHelp() {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <Collapse
      ghost
      size="small"
      onChange={(keys) => setOpen(keys.length > 0)}
      items={[
        {
          key: "rules",
          label: <Typography.Text type="secondary">{t.gate.rules}</Typography.Text>,
          children: open ? <RuleList /> : null,
        },
      ]}
    />
  );
}
