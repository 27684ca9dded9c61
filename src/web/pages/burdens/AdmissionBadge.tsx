import { Space, Typography } from "antd";
import { publicApi } from "../../api/endpoints.js";
import { useT } from "../../i18n/index.js";

/** An admission number 准入编号 with its QR code (which points to the public page /verify/<number>). */
export function AdmissionBadge({ number, qr = true }: { number: string; qr?: boolean }) {
  const t = useT();
  return (
    <div className="jf-admission">
      {qr && <img src={publicApi.qrUrl(number)} alt={number} width={132} height={132} className="jf-admission-qr" data-testid="admission-qr" />}
      <Space orientation="vertical" size={4}>
        <Typography.Text type="secondary">{t.gate.admissionNumber}</Typography.Text>
        <Typography.Text className="jf-admission-number" copyable data-testid="admission-number">
          {number}
        </Typography.Text>
        {qr && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t.gate.qrHint}</Typography.Text>}
      </Space>
    </div>
  );
}
