import { Input, Select, Space, Table, Tooltip, Typography } from "antd";
import { FIELD_ROLES, type Form, type FormField, type Indicator } from "../../../contracts/forms.js";
import { useT } from "../../i18n/index.js";

export type Decision = { role: FormField["role"]; indicatorId: string | null; newCode: string; newName: string };
export const NEW = "__new__";

/** The initial decision of a field: what was confirmed before, else the server's proposal, else a new indicator. */
export const initialDecision = (f: FormField, position: number): Decision => ({
  role: f.role,
  indicatorId: f.indicatorId ?? f.proposal.indicatorId ?? (f.role === "indicator" ? NEW : null),
  newCode: `N${String(position + 1).padStart(3, "0")}`,
  newName: f.header.split("/").at(-1)!.replace(/[（(][^）)]*[)）]$/, ""),
});

type Props = { form: Form; catalog: Indicator[]; decisions: Record<number, Decision>; onChange: (position: number, d: Decision) => void; readOnly: boolean };

/** One row per column of the uploaded table: what it is, and which catalog indicator it asks for. */
export function MappingTable({ form, catalog, decisions, onChange, readOnly }: Props) {
  const t = useT();
  const m = t.forms.mapping;
  const options = [{ value: NEW, label: `＋ ${m.newIndicator}` }, ...catalog.map((i) => ({ value: i.id, label: `${i.code} ${i.name}${i.unit ? `（${i.unit}）` : ""}` }))];
  return (
    <Table<FormField>
      rowKey="position"
      size="small"
      dataSource={form.fields}
      pagination={false}
      scroll={{ x: 980 }}
      columns={[
        { title: m.sheet, dataIndex: "sheet", width: 100 },
        { title: m.column, dataIndex: "column", width: 50 },
        { title: m.header, dataIndex: "header", width: 200 },
        { title: m.unit, dataIndex: "unit", width: 60 },
        {
          title: m.role,
          key: "role",
          width: 130,
          render: (_, f) => (
            <Select size="small" disabled={readOnly} style={{ width: 120 }} value={decisions[f.position]?.role} options={FIELD_ROLES.map((r) => ({ value: r, label: t.forms.roles[r] }))}
              onChange={(role) => onChange(f.position, { ...decisions[f.position]!, role })} />
          ),
        },
        {
          title: m.indicator,
          key: "indicator",
          render: (_, f) => {
            const d = decisions[f.position]!;
            if (d.role !== "indicator") return null;
            return (
              <Space orientation="vertical" size={4} style={{ width: "100%" }}>
                <Select size="small" showSearch={{ optionFilterProp: "label" }} disabled={readOnly} placeholder={m.choose} style={{ width: 280 }} value={d.indicatorId} options={options}
                  onChange={(indicatorId) => onChange(f.position, { ...d, indicatorId })} data-testid={`mapping-${f.position}`} />
                {d.indicatorId === NEW && !readOnly && (
                  <Space size={4}>
                    <Input size="small" style={{ width: 90 }} placeholder={m.newCode} value={d.newCode} onChange={(e) => onChange(f.position, { ...d, newCode: e.target.value })} />
                    <Input size="small" style={{ width: 180 }} placeholder={m.newName} value={d.newName} onChange={(e) => onChange(f.position, { ...d, newName: e.target.value })} />
                  </Space>
                )}
              </Space>
            );
          },
        },
        {
          title: m.proposal,
          key: "proposal",
          width: 200,
          render: (_, f) =>
            f.role === "indicator" && (
              <Tooltip title={f.proposal.notes.join("；")}>
                <Typography.Text type={f.proposal.notes.length ? "warning" : "secondary"}>
                  {f.proposal.name ?? m.newIndicator} · {m.score(f.proposal.score)}
                </Typography.Text>
              </Tooltip>
            ),
        },
      ]}
    />
  );
}
