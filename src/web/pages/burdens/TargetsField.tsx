import { Col, Form, Radio, Row, Select } from "antd";
import { unitsApi } from "../../api/endpoints.js";
import { UnitMultiSelect, type UnitRef } from "../../components/UnitMultiSelect.js";
import { UnitSelect } from "../../components/UnitSelect.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import type { BurdenFormValues } from "./formModel.js";

type Props = {
  /** The unit of the "all … under X" rule the form starts with, loaded to show its name. */
  initialUnder?: string;
  /** Names of the units of a saved burden's explicit target list. */
  initialTargets?: UnitRef[];
};

const TARGET_LEVELS = ["township", "village"] as const;

/** Targets: chosen townships and villages, or a rule "all townships / all villages under X". */
export function TargetsField({ initialUnder, initialTargets }: Props) {
  const t = useT();
  const form = Form.useFormInstance<BurdenFormValues>();
  const mode = Form.useWatch("targetMode", form);
  const under = useLoad(initialUnder ?? null, (signal) => unitsApi.get(initialUnder ?? "", signal));
  const required = (label: string) => [{ required: true, message: t.burdenForm.required(label) }];

  return (
    <Form.Item label={t.burdenForm.targets} required style={{ marginBottom: 16 }}>
      <Form.Item name="targetMode" noStyle>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: "rule", label: t.burdenForm.targetModeRule },
            { value: "units", label: t.burdenForm.targetModeUnits },
          ]}
          data-testid="target-mode"
        />
      </Form.Item>
      <div style={{ marginTop: 8 }}>
        {mode === "units" ? (
          <Form.Item name="targetUnits" noStyle rules={[{ required: true, type: "array", min: 1, message: t.burdenForm.required(t.burdenForm.targets) }]}>
            <UnitMultiSelect initial={initialTargets} levels={TARGET_LEVELS} placeholder={t.burdenForm.targetUnitsPlaceholder} />
          </Form.Item>
        ) : (
          <Row gutter={[8, 8]}>
            <Col xs={24} sm={15}>
              <Form.Item name="targetUnder" noStyle rules={required(t.burdenForm.targetUnder)}>
                {under.loading ? <Select loading disabled style={{ width: "100%" }} /> : <UnitSelect key={under.data?.code ?? "-"} initial={under.data} />}
              </Form.Item>
            </Col>
            <Col xs={24} sm={9}>
              <Form.Item name="targetLevel" noStyle rules={required(t.burdenForm.targetLevel)}>
                <Select
                  style={{ width: "100%" }}
                  options={TARGET_LEVELS.map((l) => ({ value: l, label: t.targetLevels[l] }))}
                  data-testid="target-level"
                />
              </Form.Item>
            </Col>
          </Row>
        )}
      </div>
    </Form.Item>
  );
}
