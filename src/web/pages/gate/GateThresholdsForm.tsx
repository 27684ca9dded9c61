import { App, Button, Col, Form, InputNumber, Row, Select } from "antd";
import { useState } from "react";
import { BURDEN_KINDS } from "../../../contracts/burdens.js";
import { gateApi, type GateSettingsPatch } from "../../api/endpoints.js";
import { useApiError } from "../../components/useApiError.js";
import { useT } from "../../i18n/index.js";

const NUMBERS = [
  ["minWorkingDays", 0, 60, 1],
  ["targetMonthlyMinutesCap", 0, 100_000, 1],
  ["duplicateSimilarity", 0.1, 1, 0.05],
  ["dutyMatchSimilarity", 0.1, 1, 0.05],
  ["generalMeetingsPerYear", 0, 100, 1],
  ["speechMaxMinutes", 1, 600, 1],
  ["layeredMeetingDays", 0, 60, 1],
  ["secondmentMaxMonths", 1, 60, 1],
  ["secondmentRepeatYears", 0, 10, 1],
  ["comprehensiveInspectionsPerYear", 0, 100, 1],
] as const;
const WORDS = ["traceWords", "trafficWords", "bannedProofs"] as const;
/** The minutes behind the burden-hours of the proofs, plaques and secondments registers (registryMinutes). */
const REGISTRY_MINUTES = [
  ["proofIssued", 1440],
  ["plaqueYearly", 100_000],
  ["secondmentWorkingDay", 1440],
] as const;

/** The region's effective thresholds as a form; saving sends them as one PUT /api/gate/settings/:regionCode. */
export function GateThresholdsForm({ regionCode, effective, onSaved }: { regionCode: string; effective: Record<string, unknown>; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [saving, setSaving] = useState(false);

  const save = (values: GateSettingsPatch) => {
    setSaving(true);
    gateApi
      .saveSettings(regionCode, {
        ...values,
        // A cleared cap is no cap: leave it out rather than send null.
        issuerYearlyCap: Object.fromEntries(Object.entries(values.issuerYearlyCap ?? {}).filter(([, v]) => typeof v === "number")),
      })
      .then(() => {
        void message.success(t.gateSettings.saved);
        onSaved();
      })
      .catch(showError)
      .finally(() => setSaving(false));
  };

  return (
    <Form<GateSettingsPatch> layout="vertical" initialValues={effective} onFinish={save}>
      <Row gutter={16}>
        {NUMBERS.map(([name, min, max, step]) => (
          <Col key={name} xs={24} md={12} xl={8}>
            <Form.Item name={name} label={t.gateSettings[name]} rules={[{ required: true }]}>
              <InputNumber id={name} min={min} max={max} step={step} precision={step < 1 ? 2 : 0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        ))}
        <Col xs={24} md={12} xl={8}>
          <Form.Item name={["documentMaxChars", "general"]} label={t.gateSettings.documentGeneral} rules={[{ required: true }]}>
            <InputNumber min={100} max={100_000} precision={0} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item name={["documentMaxChars", "specific"]} label={t.gateSettings.documentSpecific} rules={[{ required: true }]}>
            <InputNumber min={100} max={100_000} precision={0} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t.gateSettings.registryMinutes} style={{ marginBottom: 8 }}>
        <Row gutter={[12, 0]}>
          {REGISTRY_MINUTES.map(([name, max]) => (
            <Col key={name} xs={24} md={8}>
              <Form.Item name={["registryMinutes", name]} label={t.gateSettings[name]} rules={[{ required: true }]}>
                <InputNumber id={`registryMinutes-${name}`} min={0} max={max} precision={0} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form.Item>
      <Form.Item label={t.gateSettings.issuerYearlyCap} style={{ marginBottom: 8 }}>
        <Row gutter={[12, 0]}>
          {BURDEN_KINDS.map((kind) => (
            <Col key={kind} xs={12} md={8} xl={6}>
              <Form.Item name={["issuerYearlyCap", kind]} label={t.kinds[kind]}>
                <InputNumber min={0} max={100_000} precision={0} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form.Item>
      {WORDS.map((name) => (
        <Form.Item key={name} name={name} label={t.gateSettings[name]}>
          <Select mode="tags" open={false} suffixIcon={null} placeholder={t.gateSettings.wordsPlaceholder} tokenSeparators={["，", ","]} />
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit" loading={saving} data-testid="gate-settings-save">
        {t.gateSettings.save}
      </Button>
    </Form>
  );
}
