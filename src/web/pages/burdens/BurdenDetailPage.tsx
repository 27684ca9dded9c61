import { ArrowLeftOutlined } from "@ant-design/icons";
import { Button, Card, Col, Result, Row, Space, Typography } from "antd";
import { Link, useParams } from "react-router-dom";
import { burdensApi } from "../../api/endpoints.js";
import { PageSpin } from "../../components/PageSpin.js";
import { errorText } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { AdmissionBadge } from "./AdmissionBadge.js";
import { BurdenActions } from "./BurdenActions.js";
import { BurdenFacts } from "./BurdenFacts.js";
import { BurdenTimeline } from "./BurdenTimeline.js";
import { FindingList } from "./FindingList.js";

/** /burdens/:id — all fields, the admission number, findings, the timeline, and the allowed actions. */
export default function BurdenDetailPage() {
  const t = useT();
  const { id = "" } = useParams();
  const detail = useLoad(id, (signal) => burdensApi.get(id, signal));
  const b = detail.data?.id === id ? detail.data : undefined;

  if (!b && detail.error) {
    return <Result status="warning" title={errorText(detail.error, t)} extra={<Link to="/burdens">{t.burdenForm.back}</Link>} />;
  }
  if (!b) return <PageSpin />;

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }} data-testid="burden-detail" data-status={b.status}>
      <Card
        title={
          <Space>
            <Link to="/burdens" aria-label={t.burdenForm.back}>
              <Button type="text" size="small" icon={<ArrowLeftOutlined />} />
            </Link>
            <Typography.Text strong ellipsis style={{ maxWidth: "60vw" }}>
              {b.title}
            </Typography.Text>
          </Space>
        }
      >
        <Space orientation="vertical" size={16} style={{ width: "100%" }}>
          {b.can.length > 0 && <BurdenActions burden={b} onChanged={detail.reload} />}
          {b.admissionNumber && <AdmissionBadge number={b.admissionNumber} qr={b.status === "admitted"} />}
          <BurdenFacts burden={b} />
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t.burdenDetail.findings}>
            <FindingList findings={b.findings} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t.burdenDetail.timeline}>
            <BurdenTimeline events={b.events} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
