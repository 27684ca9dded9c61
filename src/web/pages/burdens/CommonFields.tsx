import { Col, DatePicker, Form, Input, InputNumber, Row, Select, Typography, type FormRule } from "antd";
import type { Dayjs } from "dayjs";
import { BURDEN_KINDS, FREQUENCIES, type Quantity } from "../../../contracts/burdens.js";
import { useMe } from "../../auth/AuthContext.js";
import type { UnitRef } from "../../components/UnitMultiSelect.js";
import { UnitSelect } from "../../components/UnitSelect.js";
import { useT } from "../../i18n/index.js";
import type { BurdenFormValues } from "./formModel.js";
import { TargetsField } from "./TargetsField.js";

const PERS: Quantity["per"][] = ["once", "day", "week", "month", "quarter", "year"];
type Props = { initialUnder?: string; initialTargets?: UnitRef[] };

/** The fields every kind of burden has: kind, issuer, targets, title, text, schedule, minutes, quantity, duty item. */
export function CommonFields({ initialUnder, initialTargets }: Props) {
  const t = useT();
  const me = useMe();
  const f = t.burdenForm;
  const required = (label: string) => [{ required: true, message: f.required(label) }];
  const half = { xs: 24, sm: 12 };
  /** A quantitative target needs all three parts, or none. */
  const quantityPart = (label: string): FormRule => ({ getFieldValue }) => ({
    validator: (_r, value: unknown) => {
      const q = (getFieldValue("quantity") ?? {}) as BurdenFormValues["quantity"] & object;
      const started = q.value != null || Boolean(q.unit?.trim()) || q.per !== undefined;
      const empty = value === undefined || value === null || (typeof value === "string" && !value.trim());
      return started && empty ? Promise.reject(new Error(f.required(label))) : Promise.resolve();
    },
  });
  const quantityDeps = [["quantity", "value"], ["quantity", "unit"], ["quantity", "per"]];

  return (
    <>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="kind" label={f.kind} rules={required(f.kind)}>
            <Select options={BURDEN_KINDS.map((k) => ({ value: k, label: t.kinds[k] }))} data-testid="burden-kind" />
          </Form.Item>
        </Col>
        <Col {...half}>
          {me.role === "office" ? (
            <Form.Item name="issuer" label={f.issuer} rules={required(f.issuer)}>
              <UnitSelect initial={me.scope} />
            </Form.Item>
          ) : (
            <Form.Item label={f.issuer} tooltip={f.issuerFixed} required>
              <Form.Item name="issuer" hidden>
                <Input />
              </Form.Item>
              <Typography.Text strong data-testid="burden-issuer">
                {me.scope.name}
              </Typography.Text>
            </Form.Item>
          )}
        </Col>
      </Row>
      <TargetsField initialUnder={initialUnder} initialTargets={initialTargets} />
      <Form.Item name="title" label={f.title} rules={[...required(f.title), { min: 2, max: 200, whitespace: true, message: f.required(f.title) }]}>
        <Input maxLength={200} showCount data-testid="burden-title" />
      </Form.Item>
      <Form.Item name="text" label={f.text}>
        <Input.TextArea maxLength={60000} showCount autoSize={{ minRows: 4, maxRows: 14 }} placeholder={f.textPlaceholder} data-testid="burden-text" />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="issuedOn" label={f.issuedOn} rules={required(f.issuedOn)}>
            <DatePicker style={{ width: "100%" }} data-testid="burden-issued-on" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="deadline"
            label={f.deadline}
            dependencies={["issuedOn"]}
            rules={[
              ...required(f.deadline),
              ({ getFieldValue }) => ({
                validator: (_r, value: Dayjs | null | undefined) => {
                  const from = getFieldValue("issuedOn") as Dayjs | null | undefined;
                  return !value || !from || !value.isBefore(from, "day") ? Promise.resolve() : Promise.reject(new Error(f.deadlineBeforeIssue));
                },
              }),
            ]}
          >
            <DatePicker style={{ width: "100%" }} data-testid="burden-deadline" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="frequency" label={f.frequency} rules={required(f.frequency)}>
            <Select options={FREQUENCIES.map((q) => ({ value: q, label: t.frequencies[q] }))} data-testid="burden-frequency" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="minutesPerTarget" label={f.minutesPerTarget} tooltip={f.minutesHint} rules={required(f.minutesPerTarget)}>
            <InputNumber min={1} max={43200} precision={0} style={{ width: "100%" }} data-testid="burden-minutes" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={f.quantity} tooltip={f.quantityHint} style={{ marginBottom: 0 }}>
        <Row gutter={8}>
          <Col xs={8}>
            <Form.Item name={["quantity", "value"]} dependencies={quantityDeps} rules={[quantityPart(f.quantityValue)]}>
              <InputNumber min={0} max={1e9} placeholder={f.quantityValue} style={{ width: "100%" }} data-testid="quantity-value" />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name={["quantity", "unit"]} dependencies={quantityDeps} rules={[quantityPart(f.quantityUnit)]}>
              <Input maxLength={20} placeholder={f.quantityUnit} data-testid="quantity-unit" />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name={["quantity", "per"]} dependencies={quantityDeps} rules={[quantityPart(f.quantityPer)]}>
              <Select allowClear placeholder={f.quantityPer} options={PERS.map((p) => ({ value: p, label: t.quantityPer[p] }))} />
            </Form.Item>
          </Col>
        </Row>
      </Form.Item>
      <Form.Item name="dutyItem" label={f.dutyItem} tooltip={f.dutyItemHint}>
        <Input maxLength={200} />
      </Form.Item>
    </>
  );
}
