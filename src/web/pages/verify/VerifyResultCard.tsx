import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from "@ant-design/icons";
import { Alert, Descriptions, Skeleton } from "antd";
import type { DescriptionsProps } from "antd";
import type { VerifyResult } from "../../../contracts/burdens.js";
import { errorText } from "../../components/useApiError.js";
import { useT } from "../../i18n/index.js";
import { KindTag, StatusTag } from "../burdens/tags.js";
import type { VerifyState } from "./useVerify.js";

function Facts({ r }: { r: VerifyResult }) {
  const t = useT();
  const v = t.verify;
  const items: DescriptionsProps["items"] = [
    { key: "number", label: t.gate.admissionNumber, children: <span className="jf-tree-code">{r.admissionNumber}</span> },
    { key: "status", label: v.status, children: <StatusTag status={r.status} /> },
    { key: "title", label: v.burdenTitle, children: r.title },
    { key: "kind", label: v.kind, children: <KindTag kind={r.kind} /> },
    { key: "issuer", label: v.issuer, children: r.issuer },
    { key: "targets", label: v.targets, children: `${r.targets}${v.targetCount(r.targetCount)}` },
    { key: "issuedOn", label: v.issuedOn, children: r.issuedOn },
    { key: "deadline", label: v.deadline, children: r.deadline },
  ];
  return <Descriptions size="small" bordered column={1} items={items} styles={{ label: { width: 96 } }} />;
}

/** The answer of a verification, in words a village cadre or a citizen reads at a glance. */
export function VerifyResultCard({ verify }: { verify: VerifyState }) {
  const t = useT();
  const v = t.verify;
  if (verify.state === "idle") return null;
  if (verify.state === "loading") return <Skeleton active paragraph={{ rows: 3 }} />;
  const common = { "data-testid": "verify-result", "data-state": verify.state, showIcon: true } as const;
  switch (verify.state) {
    case "unknown":
      return (
        <Alert {...common} type="error" icon={<ExclamationCircleFilled />} title={v.unknown} description={v.unknownDesc(verify.number)} className="jf-verify-alert" />
      );
    case "invalid":
      return <Alert {...common} type="error" title={verify.message || v.invalid} />;
    case "error":
      return <Alert {...common} type="error" title={errorText(verify.error, t)} />;
    case "found": {
      const r = verify.result;
      return (
        <div data-testid="verify-result" data-state={r.valid ? "valid" : "not-valid"} className="jf-verify-found">
          {r.valid ? (
            <Alert type="success" showIcon icon={<CheckCircleFilled />} title={v.valid} description={v.validDesc} className="jf-verify-alert" />
          ) : (
            <Alert
              type="warning"
              showIcon
              icon={<CloseCircleFilled />}
              title={v.notValid(t.statuses[r.status])}
              description={v.notValidDesc}
              className="jf-verify-alert"
            />
          )}
          <Facts r={r} />
        </div>
      );
    }
  }
}
