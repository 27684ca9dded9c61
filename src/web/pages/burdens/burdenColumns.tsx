import { Space, Tag, Typography } from "antd";
import type { TableColumnsType } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import type { BurdenSummary } from "../../../contracts/burdens.js";
import { formatHours } from "../../components/format.js";
import type { Lang } from "../../i18n/index.js";
import type { Dict } from "../../i18n/zh-CN.js";
import { KindTag, StatusTag } from "./tags.js";

/** Columns of a burden table; `action` adds a last column (e.g. the review queue's decide button). */
export function burdenColumns(t: Dict, lang: Lang, action?: (b: BurdenSummary) => ReactNode): TableColumnsType<BurdenSummary> {
  const l = t.burdenList;
  const columns: TableColumnsType<BurdenSummary> = [
    {
      title: l.title,
      dataIndex: "title",
      render: (v: string, b) => (
        <Link to={`/burdens/${b.id}`} data-testid="burden-link">
          {v}
        </Link>
      ),
    },
    { title: l.kind, dataIndex: "kind", render: (_v, b) => <KindTag kind={b.kind} /> },
    { title: l.status, dataIndex: "status", render: (_v, b) => <StatusTag status={b.status} /> },
    { title: l.issuer, key: "issuer", render: (_v, b) => b.issuer.name, responsive: ["md"] },
    { title: l.deadline, dataIndex: "deadline" },
    { title: l.targetCount, dataIndex: "targetCount", align: "right", responsive: ["lg"] },
    { title: l.yearlyHours, dataIndex: "yearlyHours", align: "right", render: (v: number) => formatHours(v, lang) },
    {
      title: l.admissionNumber,
      dataIndex: "admissionNumber",
      render: (v: string | null) => (v ? <span className="jf-tree-code">{v}</span> : "—"),
    },
    {
      title: l.findings,
      key: "findings",
      responsive: ["lg"],
      render: (_v, b) => (
        <Space size={[2, 2]} wrap>
          {b.findingCodes.slice(0, 2).map((c) => (
            <Tag key={c} className="jf-code-tag">
              {c}
            </Tag>
          ))}
          {b.findingCodes.length > 2 && <Typography.Text type="secondary">+{b.findingCodes.length - 2}</Typography.Text>}
        </Space>
      ),
    },
  ];
  if (action) columns.push({ title: t.common.actions, key: "action", fixed: "right", render: (_v, b) => action(b) });
  return columns;
}
