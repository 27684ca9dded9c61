import { Alert, Card, Col, Descriptions, Row, Space, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router-dom";
import type { DocumentDetail } from "../../../contracts/documents.js";
import { PageSpin } from "../../components/PageSpin.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { documentsApi } from "./api.js";
import { FindingTags } from "./FindingTags.js";

/** The text with the given ranges marked: the copied passages. */
function Marked({ text, ranges }: { text: string; ranges: { start: number; end: number }[] }) {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const parts: ReactNode[] = [];
  let at = 0;
  sorted.forEach((r, i) => {
    if (r.start < at) return;
    parts.push(text.slice(at, r.start), <mark key={i} className="jf-copied">{text.slice(r.start, r.end)}</mark>);
    at = r.end;
  });
  parts.push(text.slice(at));
  return <div className="jf-doc-text">{parts}</div>;
}

function SideBySide({ doc, source }: { doc: DocumentDetail; source: DocumentDetail["sources"][number] }) {
  const t = useT();
  return (
    <Card size="small" title={`${t.documents.sideBySide} · ${t.documents.copiedShare(`${Math.round(source.share * 100)}%`)}`} data-testid="side-by-side">
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Typography.Title level={5}>{t.documents.thisDocument}：{doc.title}</Typography.Title>
          <Marked text={doc.text} ranges={source.passages} />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Title level={5}>
            {t.documents.source}：{source.title}（{source.docNumber}，{source.issuerName}）
          </Typography.Title>
          <Marked text={source.text} ranges={source.passages.map((p) => ({ start: p.otherStart, end: p.otherEnd }))} />
        </Col>
      </Row>
    </Card>
  );
}

/** A registered document, its findings, and each source it copies with the copied passages marked in both. */
export default function DocumentDetailPage() {
  const t = useT();
  const { id = "" } = useParams();
  const doc = useLoad(id, (signal) => documentsApi.get(id, signal));
  if (!doc.data) return doc.loading ? <PageSpin /> : <Alert type="error" title={t.notFound.title} />;
  const d = doc.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Link to="/documents">← {t.documents.back}</Link>
      <Card title={d.title}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t.documents.issuer}>{d.issuerName}</Descriptions.Item>
          <Descriptions.Item label={t.documents.docNumber}>{d.docNumber}</Descriptions.Item>
          <Descriptions.Item label={t.documents.issuedOn}>{d.issuedOn}</Descriptions.Item>
          <Descriptions.Item label={t.documents.head}>
            <Tag color={d.head === "red" ? "red" : "default"}>{t.documents.heads[d.head]}</Tag>
            {t.documents.scopes[d.scope]}
          </Descriptions.Item>
          <Descriptions.Item label={t.documents.chars}>{t.documents.charsValue(d.chars)}</Descriptions.Item>
          <Descriptions.Item label={t.documents.findings}>
            <FindingTags findings={d.findings} />
          </Descriptions.Item>
        </Descriptions>
        {d.findings.map((f, i) => (
          <Alert key={i} style={{ marginTop: 8 }} type={f.code === "COUNT_INCREASE" ? "info" : "warning"} showIcon title={t.documents.codes[f.code]} description={f.message} />
        ))}
      </Card>
      {d.sources.map((s) => (
        <SideBySide key={s.id} doc={d} source={s} />
      ))}
      {d.sources.length === 0 && (
        <Card size="small" title={t.documents.text}>
          <div className="jf-doc-text">{d.text}</div>
        </Card>
      )}
    </Space>
  );
}
