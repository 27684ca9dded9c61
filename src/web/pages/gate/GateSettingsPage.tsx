import { Card, Col, Row, Skeleton, Typography } from "antd";
import { useState } from "react";
import { burdensApi, gateApi } from "../../api/endpoints.js";
import { useMe } from "../../auth/AuthContext.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { GateThresholdsForm } from "./GateThresholdsForm.js";
import { RegisterForm } from "./RegisterForm.js";

/** 准入规则设置 (office): what the gate checks, the region's thresholds, and the approved plans and lists. */
export default function GateSettingsPage() {
  const t = useT();
  const me = useMe();
  const region = me.scope.code;
  const [tick, setTick] = useState(0);
  const rules = useLoad("gate-rules", (signal) => burdensApi.rules(signal));
  const settings = useLoad(`${region}|${tick}`, (signal) => gateApi.settings(region, signal));

  return (
    <Row gutter={[16, 16]} data-testid="gate-settings-page">
      <Col xs={24} xl={15}>
        <Card title={t.gateSettings.thresholds(me.scope.name)} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t.gateSettings.thresholdsHint}</Typography.Paragraph>
          {settings.data ? (
            <GateThresholdsForm key={tick} regionCode={region} effective={settings.data.effective} onSaved={() => setTick((n) => n + 1)} />
          ) : (
            <Skeleton active paragraph={{ rows: 8 }} />
          )}
        </Card>
        <Card title={t.gateSettings.registerTitle}>
          <RegisterForm regionCode={region} />
        </Card>
      </Col>
      <Col xs={24} xl={9}>
        <Card title={t.gateSettings.rules}>
          {rules.data ? (
            <dl className="jf-evidence" data-testid="gate-rules">
              {rules.data.items.map((r) => (
                <div key={r.code}>
                  <dt>{r.code}</dt>
                  <dd>{r.description}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <Skeleton active paragraph={{ rows: 8 }} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
