import { Button, Card, Input, Radio, Space, Tag, Typography } from "antd";
import type { Question } from "../../../contracts/forms.js";
import { useT } from "../../i18n/index.js";

type Props = { q: Question; value: string; onChange: (v: string) => void; error?: string };

/** One datum of the one form, with the input its type calls for; a phone keyboard shows digits for numbers. */
function ValueInput({ q, value, onChange, error }: Props) {
  const testId = `q-${q.code}`;
  const status = error ? "error" : undefined;
  switch (q.type) {
    case "choice":
      return (
        <Radio.Group value={value || undefined} onChange={(e) => onChange(String(e.target.value))} data-testid={testId}>
          {q.options.map((o) => <Radio.Button key={o} value={o}>{o}</Radio.Button>)}
        </Radio.Group>
      );
    case "date":
      return <Input type="date" status={status} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} />;
    case "text":
      return <Input status={status} value={value} maxLength={2000} onChange={(e) => onChange(e.target.value)} data-testid={testId} />;
    default:
      return (
        <Input
          inputMode={q.type === "integer" ? "numeric" : "decimal"}
          status={status}
          value={value}
          suffix={q.unit || undefined}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId}
        />
      );
  }
}

export function QuestionCard({ q, value, onChange, error }: Props) {
  const t = useT();
  const f = t.forms.fill;
  const current = q.current;
  return (
    <Card size="small" className="jf-question" data-testid={`question-${q.code}`}>
      <Space orientation="vertical" size={6} style={{ width: "100%" }}>
        <Space wrap size={4}>
          <Typography.Text strong>{q.name}</Typography.Text>
          {q.unit && <Tag>{q.unit}</Tag>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.period(q.periodKey)}</Typography.Text>
        </Space>
        {q.definition && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{q.definition}</Typography.Text>}
        {current && (
          <Space wrap size={4}>
            <Typography.Text type="success" style={{ fontSize: 13 }}>
              {f.current(current.value, current.provenance.by ?? current.provenance.sourceKind, current.provenance.at.slice(0, 10))}
            </Typography.Text>
            {value !== current.value && <Button size="small" onClick={() => onChange(current.value)}>{f.confirmCurrent}</Button>}
          </Space>
        )}
        <ValueInput q={q} value={value} onChange={onChange} error={error} />
        {error && <Typography.Text type="danger" style={{ fontSize: 13 }} data-testid={`q-${q.code}-error`}>{error}</Typography.Text>}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {f.askedBy}：{q.forms.map((x) => x.owner).join("、")}
        </Typography.Text>
      </Space>
    </Card>
  );
}
