import { Table, Typography } from "antd";
import type { EvaluationYear } from "../../../contracts/evaluations.js";
import { useT } from "../../i18n/index.js";
import { formatChange } from "../proofs/ProofHours.js";

type Row = EvaluationYear["issuers"][number];

/** Grassroots hours of each organiser's evaluations in force this year against last, from the burden registry. */
export function EvaluationHours({ data }: { data: EvaluationYear }) {
  const h = useT().registryHours;
  return (
    <div data-testid="evaluation-hours">
      <Typography.Title level={5}>{h.evaluationTitle(data.year)}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{h.evaluationRate}</Typography.Paragraph>
      <Table<Row>
        rowKey="code"
        size="small"
        dataSource={data.issuers}
        pagination={false}
        scroll={{ x: 560 }}
        columns={[
          { title: h.issuer, dataIndex: "name" },
          { title: h.burdens, dataIndex: "burdens", width: 80 },
          { title: h.hoursThisYear, dataIndex: "yearlyHours", width: 120 },
          { title: h.hoursLastYear, dataIndex: "yearlyHoursLastYear", width: 120 },
          { title: h.change, dataIndex: "change", width: 80, render: formatChange },
        ]}
        summary={() =>
          data.issuers.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}><b>{h.total}</b></Table.Summary.Cell>
              <Table.Summary.Cell index={1}>{data.total.burdens}</Table.Summary.Cell>
              <Table.Summary.Cell index={2}><b>{data.total.yearlyHours}</b></Table.Summary.Cell>
              <Table.Summary.Cell index={3}>{data.total.yearlyHoursLastYear}</Table.Summary.Cell>
              <Table.Summary.Cell index={4}>{formatChange(data.total.change)}</Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </div>
  );
}
