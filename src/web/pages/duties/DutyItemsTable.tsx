import { Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import type { DutyItem, DutyPart } from "../../../contracts/duties.js";
import { useT } from "../../i18n/index.js";
import type { Dict } from "../../i18n/zh-CN.js";

const SOURCE_COLORS: Record<DutyItem["source"], string> = { template: "default", township: "green", changed: "orange" };

function columns(t: Dict, part: DutyPart): ColumnsType<DutyItem> {
  const cols: ColumnsType<DutyItem> = [
    { title: t.duties.seq, key: "seq", width: 64, render: (_v, _item, i) => i + 1 },
    {
      title: t.duties.name,
      dataIndex: "name",
      render: (name: string, item) => (
        <>
          <div>{name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {item.key}
            {item.note ? ` · ${item.note}` : ""}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t.duties.legalBasis,
      dataIndex: "legalBasis",
      render: (v: string | null) => (v ? <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0 }}>{v}</Typography.Paragraph> : "—"),
    },
  ];
  if (part === "cooperative") cols.push({ title: t.duties.leadDepartment, dataIndex: "leadDepartment", width: 160, render: (v: string | null) => v ?? "—" });
  cols.push({
    title: t.duties.source,
    dataIndex: "source",
    width: 120,
    render: (s: DutyItem["source"]) => <Tag color={SOURCE_COLORS[s]}>{t.duties.sources[s]}</Tag>,
  });
  return cols;
}

/** One part of a duty list: item, legal basis, lead department (cooperative items) and where it comes from. */
export function DutyItemsTable({ part, items, loading }: { part: DutyPart; items: DutyItem[]; loading: boolean }) {
  const t = useT();
  return (
    <div data-testid={`duties-section-${part}`}>
      <Table<DutyItem>
        rowKey="key"
        size="small"
        columns={columns(t, part)}
        dataSource={items}
        loading={loading}
        locale={{ emptyText: t.duties.empty }}
        scroll={{ x: 720 }}
        pagination={{ defaultPageSize: 50, hideOnSinglePage: true, showSizeChanger: true, pageSizeOptions: [50, 100, 200], showTotal: (n) => t.common.total(n) }}
      />
    </div>
  );
}
