import { Tag } from "antd";
import type { BurdenKind, BurdenStatus, Severity } from "../../../contracts/burdens.js";
import { useT } from "../../i18n/index.js";

const KIND_COLORS: Record<BurdenKind, string> = {
  task: "blue",
  form: "cyan",
  meeting: "geekblue",
  document: "purple",
  inspection: "volcano",
  evaluation: "magenta",
  secondment: "orange",
  app: "gold",
  workgroup: "lime",
  plaque: "green",
  proof: "default",
};

const STATUS_COLORS: Record<BurdenStatus, string> = {
  draft: "default",
  submitted: "processing",
  admitted: "success",
  returned: "error",
  in_review: "warning",
  withdrawn: "default",
  expired: "default",
};

export const SEVERITY_COLORS: Record<Severity, string> = { block: "red", review: "orange", info: "blue" };

export function KindTag({ kind }: { kind: BurdenKind }) {
  const t = useT();
  return (
    <Tag color={KIND_COLORS[kind]} style={{ marginInlineEnd: 0 }}>
      {t.kinds[kind]}
    </Tag>
  );
}

export function StatusTag({ status }: { status: BurdenStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLORS[status]} variant="outlined" style={{ marginInlineEnd: 0 }} data-status={status}>
      {t.statuses[status]}
    </Tag>
  );
}

export function SeverityTag({ severity }: { severity: Severity }) {
  const t = useT();
  return (
    <Tag color={SEVERITY_COLORS[severity]} variant="solid" style={{ marginInlineEnd: 0 }}>
      {t.severities[severity]}
    </Tag>
  );
}
