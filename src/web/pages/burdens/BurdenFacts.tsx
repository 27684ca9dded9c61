import { Descriptions, Typography } from "antd";
import type { DescriptionsProps } from "antd";
import { Link } from "react-router-dom";
import type { BurdenDetail } from "../../../contracts/burdens.js";
import { unitsApi } from "../../api/endpoints.js";
import { formatHours } from "../../components/format.js";
import { useLoad } from "../../components/useLoad.js";
import { useLang, useT } from "../../i18n/index.js";
import type { Dict } from "../../i18n/zh-CN.js";
import { KindTag, StatusTag } from "./tags.js";

/** A value of a kind's details in words: yes/no, the names of enum values, the demands of an app. */
function detailText(key: string, value: unknown, t: Dict): string {
  const named: Record<string, Record<string, string>> = {
    mode: t.meetingModes,
    head: t.docHeads,
    scope: t.docScopes,
    category: t.evalCategories,
  };
  if (typeof value === "boolean") return value ? t.burdenDetail.yes : t.burdenDetail.no;
  if (Array.isArray(value)) return value.map((v) => (t.appDemands as Record<string, string>)[String(v)] ?? String(v)).join(t.common.listSep) || "—";
  if (typeof value === "string" && named[key]?.[value]) return named[key][value] ?? value;
  return value === null || value === undefined ? "—" : String(value);
}

function Targets({ burden }: { burden: BurdenDetail }) {
  const t = useT();
  const rule = Array.isArray(burden.targets) ? null : burden.targets;
  const under = useLoad(rule?.under ?? null, (signal) => unitsApi.get(rule?.under ?? "", signal));
  if (rule) return <>{t.burdenDetail.targetRule(under.data?.name ?? rule.under, t.targetLevels[rule.level])}</>;
  const names = burden.targetSample.map((u) => u.name).join(t.common.listSep);
  return (
    <>
      {names}
      {burden.targetCount > burden.targetSample.length && ` ${t.burdenDetail.moreTargets(burden.targetSample.length, burden.targetCount)}`}
    </>
  );
}

/** Every field of a burden, readable: the common ones, then the kind's details, then the full text. */
export function BurdenFacts({ burden }: { burden: BurdenDetail }) {
  const t = useT();
  const { lang } = useLang();
  const d = t.burdenDetail;
  const items: DescriptionsProps["items"] = [
    { key: "kind", label: d.kind, children: <KindTag kind={burden.kind} /> },
    { key: "status", label: d.status, children: <StatusTag status={burden.status} /> },
    { key: "issuer", label: d.issuer, children: burden.issuer.name },
    { key: "targets", label: d.targets, children: <Targets burden={burden} />, span: 2 },
    { key: "count", label: d.targetCount, children: burden.targetCount },
    { key: "issuedOn", label: d.issuedOn, children: <span className="jf-nowrap">{burden.issuedOn}</span> },
    { key: "deadline", label: d.deadline, children: <span className="jf-nowrap">{burden.deadline}</span> },
    { key: "frequency", label: d.frequency, children: t.frequencies[burden.frequency] },
    { key: "minutes", label: d.minutesPerTarget, children: d.minutes(burden.minutesPerTarget) },
    { key: "hours", label: d.yearlyHours, children: t.gate.hours(formatHours(burden.yearlyHours, lang)) },
  ];
  if (burden.quantity) {
    const q = burden.quantity;
    items.push({ key: "quantity", label: d.quantity, children: `${t.quantityPer[q.per]} ${q.value} ${q.unit}` });
  }
  if (burden.dutyItem) items.push({ key: "duty", label: d.dutyItem, children: burden.dutyItem });
  if (burden.parentId) items.push({ key: "parent", label: d.parent, children: <Link to={`/burdens/${burden.parentId}`}>{d.openParent}</Link> });
  if (burden.decisionReason) {
    const label = burden.status === "withdrawn" ? d.withdrawReason : d.decisionReason;
    items.push({ key: "reason", label, children: burden.decisionReason, span: "filled" });
  }
  for (const [key, value] of Object.entries(burden.details)) {
    const label = key in t.detailFields ? t.detailFields[key as keyof Dict["detailFields"]] : key;
    items.push({ key: `details.${key}`, label, children: detailText(key, value, t) });
  }
  return (
    <div data-testid="burden-facts">
      <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3 }} items={items} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {d.text}
      </Typography.Title>
      <Typography.Paragraph className="jf-burden-text" data-testid="burden-text-view">
        {burden.text || "—"}
      </Typography.Paragraph>
    </div>
  );
}
