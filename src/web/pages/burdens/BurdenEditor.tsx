import { SaveOutlined, SendOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Col, Form, Grid, Row, Space } from "antd";
import { useMemo, useState } from "react";
import { useNavigate } from "react-router-dom";
import type { BurdenWriteResult } from "../../../contracts/burdens.js";
import { burdensApi } from "../../api/endpoints.js";
import type { UnitRef } from "../../components/UnitMultiSelect.js";
import { useApiError } from "../../components/useApiError.js";
import { useT } from "../../i18n/index.js";
import { CommonFields } from "./CommonFields.js";
import { pathLabel, toInput, type BurdenFormValues } from "./formModel.js";
import { GatePanel, OutcomeBanner } from "./GatePanel.js";
import { KindDetailsFields } from "./KindDetailsFields.js";
import { SubmitResultModal } from "./SubmitResultModal.js";
import { useGateCheck } from "./useGateCheck.js";

type Props = {
  /** The saved burden being changed; absent for a new one. */
  id?: string;
  initial: BurdenFormValues;
  initialTargets?: UnitRef[];
  /** Set when relaying an admitted burden down. */
  parent?: { id: string; title: string };
};

/** The drafting form with the gate's live findings beside it; saves a draft or saves and submits. */
export function BurdenEditor({ id, initial, initialTargets, parent }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const navigate = useNavigate();
  const [form] = Form.useForm<BurdenFormValues>();
  const watched = Form.useWatch((all: BurdenFormValues) => all, form) as BurdenFormValues | undefined;
  const values = useMemo(
    () => ({ ...(watched && Object.keys(watched).length > 0 ? watched : initial), parentId: parent?.id ?? initial.parentId }),
    [initial, watched, parent],
  );
  const parsed = useMemo(() => toInput(values), [values]);
  const gate = useGateCheck(parsed.ok ? parsed.input : null);
  const [savedId, setSavedId] = useState(id);
  const [busy, setBusy] = useState<"save" | "submit" | null>(null);
  const [result, setResult] = useState<BurdenWriteResult | null>(null);
  const narrow = Grid.useBreakpoint().lg === false;

  /** Validates, then creates or updates the draft; returns its id, or null when the form is not ready. */
  const persist = async (): Promise<string | null> => {
    try {
      await form.validateFields();
    } catch {
      return null;
    }
    const ready = toInput({ ...form.getFieldsValue(), parentId: values.parentId });
    if (!ready.ok) {
      void message.error(t.burdenForm.incomplete + ready.paths.map((p) => pathLabel(p, t)).join(t.common.listSep));
      return null;
    }
    const saved = savedId ? await burdensApi.update(savedId, ready.input) : await burdensApi.create(ready.input);
    setSavedId(saved.id);
    return saved.id;
  };

  const run = (what: "save" | "submit") => {
    setBusy(what);
    persist()
      .then(async (savedAs) => {
        if (!savedAs) return;
        if (what === "save") {
          void message.success(t.burdenForm.saved);
          if (!id) void navigate(`/burdens/${savedAs}/edit`, { replace: true });
          return;
        }
        setResult(await burdensApi.submit(savedAs));
      })
      .catch(showError)
      .finally(() => setBusy(null));
  };

  const kind = values.kind;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card title={parent ? t.burdenForm.relayTitle : id ? t.burdenForm.editTitle : t.burdenForm.newTitle}>
          {parent && <Alert type="info" showIcon title={t.burdenForm.relayFrom(parent.title)} style={{ marginBottom: 16 }} />}
          <Form<BurdenFormValues> form={form} layout="vertical" initialValues={initial} requiredMark="optional" data-testid="burden-form">
            <CommonFields initialUnder={initial.targetUnder} initialTargets={initialTargets} />
            <Card type="inner" size="small" title={`${t.burdenForm.details} · ${t.kinds[kind]}`} style={{ marginBottom: 16 }}>
              <KindDetailsFields kind={kind} />
            </Card>
            {narrow && gate.result && !gate.idle && <OutcomeBanner outcome={gate.result.outcome} compact />}
            <Space wrap>
              <Button icon={<SaveOutlined />} onClick={() => run("save")} loading={busy === "save"} disabled={busy !== null} data-testid="burden-save">
                {t.burdenForm.save}
              </Button>
              <Button
                type="primary"
                icon={<SendOutlined />}
                onClick={() => run("submit")}
                loading={busy === "submit"}
                disabled={busy !== null}
                data-testid="burden-submit"
              >
                {t.burdenForm.submit}
              </Button>
            </Space>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <div className="jf-sticky">
          <GatePanel gate={gate} />
        </div>
      </Col>
      <SubmitResultModal
        result={result}
        onView={() => result && void navigate(`/burdens/${result.id}`)}
        onEdit={() => result && void navigate(`/burdens/${result.id}/edit`)}
        onNew={() => void navigate("/burdens/new", { state: { fresh: Date.now() } })}
      />
    </Row>
  );
}
