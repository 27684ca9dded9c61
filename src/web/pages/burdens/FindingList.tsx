import { Collapse, Typography } from "antd";
import { Link } from "react-router-dom";
import type { Finding } from "../../../contracts/burdens.js";
import { useT } from "../../i18n/index.js";
import { SEVERITY_COLORS, SeverityTag } from "./tags.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One evidence value as text; a burden id becomes a link to that burden. */
function EvidenceValue({ value }: { value: unknown }) {
  if (typeof value === "string" && UUID.test(value)) return <Link to={`/burdens/${value}`}>{value}</Link>;
  if (value === null || value === undefined) return <>—</>;
  if (typeof value === "object") {
    return <pre className="jf-evidence-json">{JSON.stringify(value, null, 2)}</pre>;
  }
  return <>{String(value)}</>;
}

function Evidence({ evidence }: { evidence: Finding["evidence"] }) {
  return (
    <dl className="jf-evidence">
      {Object.entries(evidence).map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>
            <EvidenceValue value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The gate's findings, block first: severity, the server's message, and the evidence to unfold. */
export function FindingList({ findings, testId = "burden-findings" }: { findings: Finding[]; testId?: string }) {
  const t = useT();
  const order = { block: 0, review: 1, info: 2 } as const;
  const sorted = [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
  return (
    <div className="jf-findings" data-testid={testId} data-count={findings.length}>
      {sorted.length === 0 && <Typography.Text type="secondary">{t.gate.noFindings}</Typography.Text>}
      {sorted.map((f, i) => (
        <div
          key={`${f.code}-${i}`}
          className="jf-finding"
          style={{ borderInlineStartColor: `var(--jf-${SEVERITY_COLORS[f.severity]})` }}
          data-testid="finding"
          data-code={f.code}
          data-severity={f.severity}
        >
          <div className="jf-finding-head">
            <SeverityTag severity={f.severity} />
            <Typography.Text className="jf-tree-code">{f.code}</Typography.Text>
          </div>
          <div className="jf-finding-message">{f.message}</div>
          {Object.keys(f.evidence).length > 0 && (
            <Collapse
              ghost
              size="small"
              items={[{ key: "e", label: t.gate.evidence, children: <Evidence evidence={f.evidence} /> }]}
            />
          )}
        </div>
      ))}
    </div>
  );
}
