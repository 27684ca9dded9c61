import { Alert, Table } from "antd";
import { ApiError } from "../../api/client.js";
import { errorText } from "../../components/useApiError.js";
import { useT } from "../../i18n/index.js";

export type Failure = { text: string; rows: { path: string; message: string }[] };

/** A refused file or mapping: the server's message and, when given, each problem by sheet, row and column. */
export function failureOf(err: unknown, t: ReturnType<typeof useT>): Failure | null {
  if (err instanceof ApiError && err.status < 500 && err.code !== "NETWORK_ERROR") {
    return { text: err.details?.length ? err.message : errorText(err, t), rows: err.details ?? [] };
  }
  return null;
}

export function FileErrors({ failure, testId }: { failure: Failure; testId: string }) {
  const t = useT();
  return (
    <div data-testid={testId}>
      <Alert type="error" showIcon title={failure.text} description={failure.rows.length ? t.forms.list.errorsTitle : undefined} style={{ marginBottom: 8 }} />
      {failure.rows.length > 0 && (
        <Table
          rowKey="i"
          size="small"
          dataSource={failure.rows.map((r, i) => ({ ...r, i }))}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: t.forms.list.errorAt, dataIndex: "path", width: 140 },
            { title: t.forms.list.errorMessage, dataIndex: "message" },
          ]}
        />
      )}
    </div>
  );
}
