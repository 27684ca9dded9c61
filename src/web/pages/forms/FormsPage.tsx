import { UploadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Table, Tag } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { useMe } from "../../auth/AuthContext.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { formsApi, type FormList } from "./api.js";
import { UploadFormModal } from "./UploadFormModal.js";

type Row = FormList["forms"][number];

/** The forms of one's region: a department uploads its tables here and opens them to confirm the mapping. */
export default function FormsPage() {
  const t = useT();
  const l = t.forms.list;
  const me = useMe();
  const navigate = useNavigate();
  const [uploading, setUploading] = useState(false);
  const loaded = useLoad("forms", (signal) => formsApi.list(signal));
  const mayUpload = me.role === "department_staff" || me.role === "office";

  return (
    <Card
      title={l.title}
      data-testid="forms-page"
      extra={mayUpload && <Button type="primary" icon={<UploadOutlined />} onClick={() => setUploading(true)} data-testid="form-upload">{l.upload}</Button>}
    >
      <Alert type="info" showIcon title={l.hint} style={{ marginBottom: 12 }} />
      <Table<Row>
        rowKey="id"
        size="small"
        loading={loaded.loading}
        dataSource={loaded.data?.forms ?? []}
        scroll={{ x: 760 }}
        onRow={(r) => ({ onClick: () => void navigate(`/forms/${r.id}`), style: { cursor: "pointer" } })}
        columns={[
          { title: l.form, dataIndex: "title" },
          { title: l.owner, key: "owner", width: 150, render: (_, r) => r.owner.name },
          { title: l.fileName, dataIndex: "fileName", width: 180 },
          { title: l.referenceDate, dataIndex: "referenceDate", width: 110 },
          { title: l.fields, dataIndex: "fieldCount", width: 80 },
          { title: "", dataIndex: "status", width: 110, render: (s: Row["status"]) => <Tag color={s === "mapped" ? "green" : "orange"}>{l.status[s]}</Tag> },
        ]}
      />
      <UploadFormModal open={uploading} onClose={() => setUploading(false)} onUploaded={(id) => void navigate(`/forms/${id}`)} />
    </Card>
  );
}
