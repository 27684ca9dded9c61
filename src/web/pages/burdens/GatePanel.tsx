import { LoadingOutlined } from "@ant-design/icons";
import { Alert, Card, Col, Row, Space, Statistic, Typography } from "antd";
import type { GateResult } from "../../../contracts/burdens.js";
import { formatHours } from "../../components/format.js";
import { errorText } from "../../components/useApiError.js";
import { useLang, useT } from "../../i18n/index.js";
import { FindingList } from "./FindingList.js";
import { GateRulesHelp } from "./GateRulesHelp.js";
import type { GateState } from "./useGateCheck.js";

const ALERT_TYPE = { admitted: "success", in_review: "warning", returned: "error" } as const;

/** The gate's verdict as a banner: 将准入 / 需减负办审核 / 将被退回 (`compact`: one line, beside the buttons on phones). */
export function OutcomeBanner({ outcome, compact = false }: { outcome: GateResult["outcome"]; compact?: boolean }) {
  const t = useT();
  if (compact) return <Alert type={ALERT_TYPE[outcome]} showIcon title={t.outcomes[outcome].title} style={{ marginBottom: 12 }} />;
  return (
    <Alert
      type={ALERT_TYPE[outcome]}
      showIcon
      title={t.outcomes[outcome].title}
      description={t.outcomes[outcome].desc}
      data-testid="burden-outcome"
      data-outcome={outcome}
    />
  );
}

/** Target count and yearly burden hours (Standard Cost Model), side by side. */
export function HoursStats({ targetCount, yearlyHours }: { targetCount: number; yearlyHours: number }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Row gutter={12}>
      <Col span={12}>
        <Statistic title={t.gate.targetCount} value={targetCount} data-testid="gate-target-count" />
      </Col>
      <Col span={12}>
        <Statistic title={t.gate.yearlyHours} value={formatHours(yearlyHours, lang)} suffix={t.gate.hoursUnit} data-testid="gate-hours" />
      </Col>
    </Row>
  );
}

/** The live pre-check beside the drafting form. */
export function GatePanel({ gate }: { gate: GateState }) {
  const t = useT();
  const { result, checking, error, idle } = gate;
  return (
    <Card
      size="small"
      title={t.gate.title}
      extra={checking ? <Typography.Text type="secondary"><LoadingOutlined /> {t.gate.checking}</Typography.Text> : null}
      className="jf-gate-panel"
      data-testid="gate-panel"
    >
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        {idle && <Typography.Text type="secondary">{t.gate.idle}</Typography.Text>}
        {error !== null && !idle && <Alert type="error" showIcon title={t.gate.failed + errorText(error, t)} data-testid="gate-error" />}
        {result && (
          <div style={{ opacity: idle || error !== null ? 0.45 : 1 }}>
            <Space orientation="vertical" size={12} style={{ width: "100%" }}>
              <OutcomeBanner outcome={result.outcome} />
              <HoursStats targetCount={result.targetCount} yearlyHours={result.yearlyHours} />
              <Typography.Text strong>{t.gate.findings}</Typography.Text>
              <FindingList findings={result.findings} />
            </Space>
          </div>
        )}
        <GateRulesHelp />
      </Space>
    </Card>
  );
}
