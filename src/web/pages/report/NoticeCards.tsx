import { Card, Space, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import type { Notice } from "../../../contracts/cases.js";
import { useT } from "../../i18n/index.js";

/** The published notice as a PDF to read and a .docx to edit, both in the official document format. */
export function NoticeFiles({ id }: { id: string }) {
  const k = useT().cases.notices;
  return (
    <Space size={12}>
      <a href={`/api/public/notices/${id}/pdf`} target="_blank" rel="noreferrer">{k.pdf}</a>
      <a href={`/api/public/notices/${id}/docx`}>{k.docx}</a>
    </Space>
  );
}

/** Notices as the public reads them; the handler's page shows the same cards with its own buttons. */
export function NoticeCards({ notices, extra }: { notices: Notice[]; extra?: (n: Notice) => ReactNode }) {
  const t = useT();
  const k = t.cases.notices;
  if (notices.length === 0) return <Typography.Text type="secondary">{k.empty}</Typography.Text>;
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      {notices.map((n) => (
        <Card
          key={n.id}
          size="small"
          title={<Typography.Text strong style={{ whiteSpace: "normal" }}>{n.title}</Typography.Text>}
          extra={extra?.(n) ?? (n.status === "published" && <NoticeFiles id={n.id} />)}
          data-testid="notice-card"
        >
          <Space wrap size={8} style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary">{n.issuer}</Typography.Text>
            {n.number && <Tag color="red">{n.number}</Tag>}
            {n.publishedOn && <Typography.Text type="secondary">{n.publishedOn}</Typography.Text>}
            {n.status === "draft" && <Tag>{k.draft}</Tag>}
          </Space>
          {n.items.map((item, i) => (
            <Typography.Paragraph key={i} style={{ whiteSpace: "pre-wrap" }}>
              <Typography.Text strong>{`${i + 1}. ${item.unitName} · ${t.cases.categories[item.category]}`}</Typography.Text>
              <br />
              {item.problem}
              {item.handling}
              {item.lesson && <><br /><Typography.Text type="secondary">{item.lesson}</Typography.Text></>}
            </Typography.Paragraph>
          ))}
        </Card>
      ))}
    </Space>
  );
}
