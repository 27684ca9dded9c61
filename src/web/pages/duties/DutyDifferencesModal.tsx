import { PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, DatePicker, Form, Input, Modal, Space, Table, Tabs, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { DUTY_PARTS, type DutyList } from "../../../contracts/duties.js";
import { dutiesApi } from "../../api/endpoints.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import type { Dict } from "../../i18n/zh-CN.js";
import { differenceRows, differencesInput, differencesOf, type DifferenceRow, type Differences, type EditableItem } from "./differences.js";
import { DutyItemModal } from "./DutyItemModal.js";

type Props = { list: DutyList; open: boolean; onClose: () => void; onSaved: () => void };
type Values = { reason: string; effectiveFrom: Dayjs };

const STATE_COLORS: Record<DifferenceRow["state"], string> = { kept: "default", changed: "orange", removed: "red", added: "green" };

type Actions = { edit: (row: DifferenceRow) => void; update: (change: (d: Differences) => void) => void };

function rowActions(row: DifferenceRow, t: Dict, { edit, update }: Actions) {
  const id = row.item.rowId;
  const link = (label: string, onClick: () => void, testId: string) => (
    <Button type="link" size="small" onClick={onClick} data-testid={`${testId}-${id}`}>
      {label}
    </Button>
  );
  const d = t.duties.differences;
  switch (row.state) {
    case "kept":
      return [link(d.change, () => edit(row), "diff-change"), link(d.remove, () => update((x) => x.removed.add(id)), "diff-remove")];
    case "changed":
      return [link(d.change, () => edit(row), "diff-change"), link(d.undoChange, () => update((x) => x.changed.delete(id)), "diff-undo")];
    case "removed":
      return [link(d.restore, () => update((x) => x.removed.delete(id)), "diff-restore")];
    case "added":
      return [link(d.change, () => edit(row), "diff-change"), link(d.drop, () => update((x) => (x.added = x.added.filter((a) => a.rowId !== id))), "diff-drop")];
  }
}

function columns(t: Dict, actions: Actions): ColumnsType<DifferenceRow> {
  return [
    {
      title: t.duties.name,
      key: "name",
      render: (_v, row) => (
        <>
          <Typography.Text delete={row.state === "removed"}>{row.item.name}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.item.key ?? t.duties.differences.keyOnSave}
              {row.item.leadDepartment ? ` · ${t.duties.leadDepartment}：${row.item.leadDepartment}` : ""}
            </Typography.Text>
          </div>
        </>
      ),
    },
    { title: t.duties.source, key: "state", width: 110, render: (_v, row) => <Tag color={STATE_COLORS[row.state]}>{t.duties.differences.states[row.state]}</Tag> },
    { title: t.duties.differences.actions, key: "actions", width: 170, render: (_v, row) => <Space size={0}>{rowActions(row, t, actions)}</Space> },
  ];
}

/**
 * 编辑乡镇差异: the office marks template items the township does not carry, changes some, adds its own,
 * and saves the whole set as a new version with a reason and a date (the API replaces the set at once).
 */
export function DutyDifferencesModal({ list, open, onClose, onSaved }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const countyCode = list.template?.unitCode ?? "";
  const template = useLoad(open ? `${countyCode}|${list.on}` : null, (signal) => dutiesApi.list(countyCode, list.on, signal));
  const [diff, setDiff] = useState<Differences | null>(null);
  const [editing, setEditing] = useState<{ row: DifferenceRow | null } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (open && template.data && !template.error) setDiff(differencesOf(list, template.data));
    if (!open) setDiff(null);
  }, [open, template.data, template.error, list]);

  const rows = useMemo(() => (diff && template.data ? differenceRows(template.data, diff) : []), [diff, template.data]);
  const update = (change: (d: Differences) => void) =>
    setDiff((d) => {
      if (!d) return d;
      const next = { removed: new Set(d.removed), changed: new Map(d.changed), added: [...d.added] };
      change(next);
      return next;
    });
  const actions: Actions = { edit: (row) => setEditing({ row }), update };

  const saveItem = (values: Omit<EditableItem, "rowId" | "key" | "powerKey">) => {
    const row = editing?.row ?? null;
    setEditing(null);
    if (!row) return update((d) => d.added.push({ ...values, rowId: `new-${Date.now()}`, key: undefined, powerKey: null }));
    const item = { ...row.item, ...values };
    if (row.origin === "township") return update((d) => (d.added = d.added.map((a) => (a.rowId === item.rowId ? item : a))));
    update((d) => d.changed.set(item.rowId, item));
  };

  const submit = (values: Values) => {
    if (!diff) return;
    setSaving(true);
    dutiesApi
      .setDifferences(list.unit.code, differencesInput(diff, values.reason.trim(), values.effectiveFrom.format("YYYY-MM-DD")))
      .then((res) => {
        void message.success(t.duties.differences.saved(res.version.version, res.version.itemCount));
        onClose();
        onSaved();
      })
      .catch(showError)
      .finally(() => setSaving(false));
  };

  const counts = { removed: diff?.removed.size ?? 0, changed: diff?.changed.size ?? 0, added: diff?.added.length ?? 0 };
  return (
    <Modal
      open={open}
      title={t.duties.differences.title(list.unit.name)}
      width={900}
      onCancel={onClose}
      okText={t.duties.differences.save}
      okButtonProps={{ loading: saving, disabled: !diff, "data-testid": "diff-save" }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="duty-differences">
        <Alert type="info" showIcon message={t.duties.differences.hint} description={t.duties.differences.summary(counts.removed, counts.changed, counts.added)} />
        <Button icon={<PlusOutlined />} onClick={() => setEditing({ row: null })} disabled={!diff} data-testid="diff-add">
          {t.duties.differences.addItem}
        </Button>
        <Tabs
          items={DUTY_PARTS.map((part) => ({
            key: part,
            label: t.duties.partCount(t.duties.parts[part], rows.filter((r) => r.item.part === part && r.state !== "removed").length),
            children: (
              <Table<DifferenceRow>
                rowKey={(r) => r.item.rowId}
                size="small"
                loading={template.loading}
                columns={columns(t, actions)}
                dataSource={rows.filter((r) => r.item.part === part)}
                pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              />
            ),
          }))}
        />
        <Form<Values> form={form} layout="vertical" initialValues={{ effectiveFrom: dayjs() }} onFinish={submit}>
          <Form.Item name="reason" label={t.duties.reason} rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t.duties.reasonRule }]}>
            <Input placeholder={t.duties.reasonPlaceholder} maxLength={500} data-testid="diff-reason" />
          </Form.Item>
          <Form.Item name="effectiveFrom" label={t.duties.effectiveFrom} rules={[{ required: true, message: t.duties.effectiveRequired }]}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Space>
      <DutyItemModal item={editing?.row?.item ?? null} open={editing !== null} onCancel={() => setEditing(null)} onDone={saveItem} />
    </Modal>
  );
}
