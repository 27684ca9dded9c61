import { AuditOutlined, EditOutlined, RollbackOutlined, SendOutlined, ShareAltOutlined } from "@ant-design/icons";
import { Button, Space } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import type { BurdenDetail, BurdenWriteResult } from "../../../contracts/burdens.js";
import { burdensApi } from "../../api/endpoints.js";
import { useApiError } from "../../components/useApiError.js";
import { useT } from "../../i18n/index.js";
import { DecideModal, type DecideTarget } from "../review/DecideModal.js";
import { SubmitResultModal } from "./SubmitResultModal.js";
import { WithdrawModal } from "./WithdrawModal.js";

/** The buttons the server allows on this burden (`can`), and the dialogs behind them. */
export function BurdenActions({ burden, onChanged }: { burden: BurdenDetail; onChanged: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const showError = useApiError();
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<DecideTarget | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [result, setResult] = useState<BurdenWriteResult | null>(null);
  const can = (a: BurdenDetail["can"][number]) => burden.can.includes(a);

  const submit = () => {
    setSubmitting(true);
    burdensApi
      .submit(burden.id)
      .then(setResult)
      .catch(showError)
      .finally(() => setSubmitting(false));
  };
  const d = t.burdenDetail;

  return (
    <>
      <Space wrap data-testid="burden-actions">
        {can("decide") && (
          <Button
            type="primary"
            icon={<AuditOutlined />}
            onClick={() => setDeciding({ id: burden.id, title: burden.title, findings: burden.findings })}
            data-testid="decide-open"
          >
            {d.decide}
          </Button>
        )}
        {can("relay") && (
          <Button type="primary" icon={<ShareAltOutlined />} onClick={() => void navigate(`/burdens/new?parent=${burden.id}`)} data-testid="burden-relay">
            {d.relay}
          </Button>
        )}
        {can("edit") && (
          <Button icon={<EditOutlined />} onClick={() => void navigate(`/burdens/${burden.id}/edit`)} data-testid="burden-edit">
            {d.edit}
          </Button>
        )}
        {can("submit") && (
          <Button type="primary" icon={<SendOutlined />} onClick={submit} loading={submitting} data-testid="burden-submit">
            {d.submit}
          </Button>
        )}
        {can("withdraw") && (
          <Button danger icon={<RollbackOutlined />} onClick={() => setWithdrawing(burden.id)} data-testid="burden-withdraw">
            {d.withdraw}
          </Button>
        )}
      </Space>
      <WithdrawModal
        burdenId={withdrawing}
        onClose={() => setWithdrawing(null)}
        onDone={() => {
          setWithdrawing(null);
          onChanged();
        }}
      />
      <DecideModal
        burden={deciding}
        onClose={() => setDeciding(null)}
        onDone={() => {
          setDeciding(null);
          onChanged();
        }}
      />
      <SubmitResultModal
        result={result}
        onView={() => {
          setResult(null);
          onChanged();
        }}
        onEdit={() => void navigate(`/burdens/${burden.id}/edit`)}
        onNew={() => void navigate("/burdens/new")}
      />
    </>
  );
}
