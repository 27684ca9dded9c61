import { Card, InputNumber, Table, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import type { SecondmentHours } from "../../../contracts/secondments.js";
import { api } from "../../api/client.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { formatChange } from "../proofs/ProofHours.js";

type Row = SecondmentHours["units"][number];

/** Working hours taken from each lending unit in a year by secondments 借调占用工时, against the year before. */
export function SecondmentHoursCard({ tick }: { tick: number }) {
  const h = useT().registryHours;
  const [year, setYear] = useState(dayjs().year());
  const hours = useLoad(`hours|${year}|${tick}`, (signal) => api.get<SecondmentHours>("/api/secondments/hours", { year: String(year) }, signal));
  const data = hours.data;
  return (
    <Card size="small" title={h.secondmentTitle(year)} extra={<InputNumber min={2001} max={2099} value={year} onChange={(v) => v && setYear(v)} style={{ width: 90 }} />} data-testid="secondment-hours">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{h.secondmentRate}</Typography.Paragraph>
      <Table<Row>
        rowKey={(r) => r.unit.code}
        size="small"
        loading={hours.loading}
        dataSource={data?.units ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 600 }}
        columns={[
          { title: h.lendingUnit, render: (_, r) => r.unit.name },
          { title: h.secondments, dataIndex: "secondments", width: 90 },
          { title: h.workingDays, dataIndex: "workingDays", width: 80 },
          { title: h.hoursThisYear, dataIndex: "hours", width: 120 },
          { title: h.hoursLastYear, dataIndex: "hoursLastYear", width: 120 },
          { title: h.change, dataIndex: "change", width: 80, render: formatChange },
        ]}
        summary={() =>
          data && data.units.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}><b>{h.total}</b></Table.Summary.Cell>
              <Table.Summary.Cell index={1}>{data.total.secondments}</Table.Summary.Cell>
              <Table.Summary.Cell index={2}>{data.total.workingDays}</Table.Summary.Cell>
              <Table.Summary.Cell index={3}><b>{data.total.hours}</b></Table.Summary.Cell>
              <Table.Summary.Cell index={4}>{data.total.hoursLastYear}</Table.Summary.Cell>
              <Table.Summary.Cell index={5}>{formatChange(data.total.change)}</Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </Card>
  );
}
