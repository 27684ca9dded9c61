import { App, Button, Form, Input } from "antd";
import { ZAllowedProofInput } from "../../../contracts/proofs.js";
import { api, ApiError } from "../../api/client.js";
import { zodRule } from "../../components/formRules.js";
import { useSaving } from "../../components/useSaving.js";
import { useT } from "../../i18n/index.js";

type Values = { code: string; title: string };
/** Server refusals that belong to one field: shown under it rather than as a passing message. */
const FIELD_OF: Record<string, keyof Values> = { PROOF_LIST_CODE_TAKEN: "code", PROOF_LIST_BANNED: "title" };

/** The office adds one proof to its region's list of a year (the list's single add; Excel import for many). */
export function AddAllowedProof({ year, onAdded }: { year: number; onAdded: () => void }) {
  const t = useT().proofs;
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const { saving, run } = useSaving();
  const submit = (values: Values) =>
    run(async () => {
      try {
        const res = await api.post<{ added: boolean }>("/api/proofs/list", { year, code: values.code.trim(), title: values.title.trim() });
        void message.success(res.added ? t.added : t.alreadyListed);
        form.resetFields();
        onAdded();
      } catch (err) {
        const field = err instanceof ApiError ? FIELD_OF[err.code] : undefined;
        if (!field) throw err;
        form.setFields([{ name: field, errors: [(err as ApiError).message] }]);
      }
    });
  return (
    <Form form={form} layout="inline" onFinish={(v) => void submit(v)} style={{ marginBottom: 12, rowGap: 8 }} data-testid="allowed-proof-add">
      <Form.Item name="code" rules={[{ required: true, whitespace: true, message: t.codeRequired }, zodRule(ZAllowedProofInput.shape.code, t.codeRule)]}>
        <Input placeholder={t.code} maxLength={60} style={{ width: 120 }} />
      </Form.Item>
      <Form.Item name="title" rules={[{ required: true, whitespace: true, message: t.titleRequired }, zodRule(ZAllowedProofInput.shape.title, t.titleRule)]}>
        <Input placeholder={t.allowedTitle} maxLength={100} style={{ width: 280 }} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>{t.add}</Button>
      </Form.Item>
    </Form>
  );
}
