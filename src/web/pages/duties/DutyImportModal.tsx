import { App, DatePicker, Form, Input } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { DutyWriteResult } from "../../../contracts/duties.js";
import type { Unit } from "../../../contracts/org.js";
import { XlsxImportModal } from "../../components/XlsxImportModal.js";
import { useT } from "../../i18n/index.js";

type Values = { reason: string; effectiveFrom: Dayjs };
type Props = { unit: Unit; open: boolean; onClose: () => void; onImported: () => void };

/** Uploads an .xlsx as a new version of the list, with its reason and date: the one import dialog, with the list's two fields. */
export function DutyImportModal({ unit, open, onClose, onImported }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const close = () => {
    form.resetFields();
    onClose();
  };
  return (
    <XlsxImportModal<DutyWriteResult>
      open={open}
      title={t.duties.importTitle(unit.name)}
      okText={t.duties.submitImport}
      hint={t.duties.importHint}
      url={`/api/duties/${encodeURIComponent(unit.code)}/import`}
      template={{ path: `/api/duties/${encodeURIComponent(unit.code)}/export.xlsx`, fileName: t.duties.importTitle(unit.name) }}
      beforeSubmit={async () => {
        const values = await form.validateFields();
        return { reason: values.reason.trim(), effectiveFrom: values.effectiveFrom.format("YYYY-MM-DD") };
      }}
      extra={
        <Form<Values> form={form} layout="vertical" initialValues={{ effectiveFrom: dayjs() }}>
          <Form.Item name="reason" label={t.duties.reason} rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t.duties.reasonRule }]}>
            <Input.TextArea rows={2} maxLength={500} placeholder={t.duties.reasonPlaceholder} data-testid="duties-import-reason" />
          </Form.Item>
          <Form.Item name="effectiveFrom" label={t.duties.effectiveFrom} rules={[{ required: true, message: t.duties.effectiveRequired }]}>
            <DatePicker allowClear={false} />
          </Form.Item>
        </Form>
      }
      onClose={close}
      onDone={(res) => {
        void message.success(t.duties.imported(res.version.itemCount));
        form.resetFields();
        onImported();
      }}
    />
  );
}
