import { Checkbox, Col, Form, Input, InputNumber, Row, Select, Switch, Typography } from "antd";
import type { ReactNode } from "react";
import { APP_DEMANDS, type BurdenKind } from "../../../contracts/burdens.js";
import { useT } from "../../i18n/index.js";
import type { Dict } from "../../i18n/zh-CN.js";

type Field = keyof Dict["detailFields"];
type Spec = { field: Field; input: ReactNode; required?: boolean; initial?: unknown; switch?: boolean; wide?: boolean };

const options = <K extends string>(names: Record<K, string>) => (Object.keys(names) as K[]).map((k) => ({ value: k, label: names[k] }));

/** The fields of each kind's `details` (contract: BurdenInput by kind), with the contract's limits. */
function specs(kind: BurdenKind, t: Dict): Spec[] {
  const int = (min: number, max: number) => <InputNumber min={min} max={max} precision={0} style={{ width: "100%" }} />;
  const text = (max: number) => <Input maxLength={max} />;
  switch (kind) {
    case "form":
      return [{ field: "fieldCount", input: int(1, 2000) }];
    case "meeting":
      return [
        { field: "lengthMinutes", input: int(5, 1440), required: true },
        { field: "attendeesPerTarget", input: int(1, 200), required: true },
        { field: "mode", input: <Select options={options(t.meetingModes)} />, required: true, initial: "in_person" },
        { field: "speechMinutes", input: int(1, 600) },
        { field: "general", input: <Switch />, switch: true, initial: false },
      ];
    case "document":
      return [
        { field: "docNumber", input: text(60) },
        { field: "head", input: <Select options={options(t.docHeads)} />, required: true, initial: "red" },
        { field: "scope", input: <Select options={options(t.docScopes)} />, required: true, initial: "general" },
        { field: "implementsDocument", input: text(200) },
        { field: "increaseReason", input: <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />, wide: true },
      ];
    case "inspection":
      return [
        { field: "planItemCode", input: text(60) },
        { field: "comprehensive", input: <Switch />, switch: true, initial: false },
        { field: "onSite", input: <Switch />, switch: true, initial: true },
      ];
    case "evaluation":
      return [
        { field: "category", input: <Select options={options(t.evalCategories)} />, required: true },
        { field: "approvalCode", input: text(60) },
      ];
    case "secondment":
      return [
        { field: "persons", input: int(1, 1000), required: true },
        { field: "months", input: <InputNumber min={0.5} max={60} step={0.5} style={{ width: "100%" }} />, required: true },
        { field: "approvalDocument", input: text(100) },
      ];
    case "app":
    case "workgroup":
      return [
        { field: kind === "app" ? "appName" : "groupName", input: text(60), required: true },
        { field: "demands", input: <Checkbox.Group options={APP_DEMANDS.map((d) => ({ value: d, label: t.appDemands[d] }))} />, initial: [], wide: true },
      ];
    case "plaque":
      return [{ field: "plaqueName", input: text(60), required: true }];
    case "proof":
      return [{ field: "proofName", input: text(100), required: true }];
    case "task":
      return [];
  }
}

/** The kind-specific part of the drafting form; values live under details.<kind>.<field>. */
export function KindDetailsFields({ kind }: { kind: BurdenKind }) {
  const t = useT();
  const list = specs(kind, t);
  if (list.length === 0) return <Typography.Text type="secondary">{t.burdenForm.noDetails}</Typography.Text>;
  return (
    <Row gutter={16} data-testid={`details-${kind}`}>
      {list.map((s) => (
        <Col key={s.field} xs={24} sm={s.wide ? 24 : 12}>
          <Form.Item
            name={["details", kind, s.field]}
            label={t.detailFields[s.field]}
            initialValue={s.initial}
            valuePropName={s.switch ? "checked" : "value"}
            rules={s.required ? [{ required: true, message: t.burdenForm.required(t.detailFields[s.field]) }] : undefined}
          >
            {s.input}
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}
