import { Table, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import type { CaseTask } from "../../../contracts/cases.js";
import { useT } from "../../i18n/index.js";

/** Rectification tasks, for the office on a case and for the responsible unit on its own page. */
export function TaskTable({ tasks, action }: { tasks: CaseTask[]; action?: (task: CaseTask) => ReactNode }) {
  const k = useT().cases.tasks;
  return (
    <Table<CaseTask>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={tasks}
      locale={{ emptyText: k.empty }}
      scroll={{ x: "max-content" }}
      data-testid="task-table"
      columns={[
        { title: k.unit, key: "unit", render: (_, r) => r.unit.name },
        { title: k.text, dataIndex: "text" },
        { title: k.dueOn, key: "due", render: (_, r) => <>{r.dueOn} {r.overdue && <Tag color="red">{k.overdue}</Tag>}</> },
        { title: k.status, key: "status", render: (_, r) => <Tag color={r.status === "done" ? "green" : "orange"}>{r.status === "done" ? k.done : k.open}</Tag> },
        {
          title: k.proof,
          key: "proof",
          render: (_, r) =>
            r.proof ? (
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0, maxWidth: 420 }}>
                {r.proof}
                <br />
                <Typography.Text type="secondary">{k.doneBy(r.doneByName ?? "", r.doneOn ?? "")}</Typography.Text>
              </Typography.Paragraph>
            ) : (
              action?.(r) ?? "—"
            ),
        },
      ]}
    />
  );
}
