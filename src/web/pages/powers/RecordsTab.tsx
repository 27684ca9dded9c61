import { App, Button, DatePicker, Form, Input, Select, Space, Table } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import type { ExerciseRecord, TownshipPowerList } from "../../../contracts/powers.js";
import { api } from "../../api/client.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useT } from "../../i18n/index.js";
import { ExcelButtons } from "../facilities/ExcelButtons.js";

type Township = { code: string; name: string };
type Values = { townshipCode: string; key: string; day: Dayjs; documentNumber: string; note?: string };

/** One exercise at a time: the township, the power it held that day, the day, the case or document number. */
function RecordForm({ townships, onDone }: { townships: Township[]; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const township = Form.useWatch("townshipCode", form) ?? townships[0]?.code;
  const day = Form.useWatch("day", form) as Dayjs | undefined;
  const on = (day ?? dayjs()).format("YYYY-MM-DD");
  const list = useLoad(township ? `${township}|${on}` : null, (signal) => api.get<TownshipPowerList>(`/api/powers/townships/${township}`, { on }, signal));
  const submit = async (v: Values) => {
    try {
      await api.post("/api/powers/exercises", { townshipCode: v.townshipCode, key: v.key, exercisedOn: v.day.format("YYYY-MM-DD"), documentNumber: v.documentNumber, note: v.note || null });
      void message.success(t.resources.saved);
      form.resetFields(["documentNumber", "note"]);
      onDone();
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Form form={form} layout="inline" onFinish={(v) => void submit(v)} initialValues={{ townshipCode: townships[0]?.code, day: dayjs() }} style={{ marginBottom: 12, rowGap: 8 }} data-testid="power-record">
      {townships.length > 1 && (
        <Form.Item name="townshipCode" rules={[{ required: true }]}><Select style={{ width: 130 }} options={townships.map((x) => ({ value: x.code, label: x.name }))} /></Form.Item>
      )}
      {townships.length <= 1 && <Form.Item name="townshipCode" hidden><Input /></Form.Item>}
      <Form.Item name="day" rules={[{ required: true }]}><DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), "day")} aria-label={t.powers.exercisedOn} /></Form.Item>
      <Form.Item name="key" rules={[{ required: true }]}>
        <Select style={{ width: 300 }} placeholder={t.powers.name} loading={list.loading} options={(list.data?.items ?? []).map((i) => ({ value: i.key, label: `${i.key} ${i.name}` }))} data-testid="record-key" />
      </Form.Item>
      <Form.Item name="documentNumber" rules={[{ required: true, min: 2, max: 60 }]}><Input placeholder={t.powers.documentNumber} style={{ width: 200 }} data-testid="record-number" /></Form.Item>
      <Form.Item name="note" rules={[{ max: 200 }]}><Input placeholder={t.powers.note} style={{ width: 200 }} /></Form.Item>
      <Button type="primary" htmlType="submit" data-testid="record-submit">{t.powers.record}</Button>
    </Form>
  );
}

/** 行使记录: each exercise with its date and number, entered one by one or from Excel, and exported. */
export function RecordsTab({ townships, canRecord, onChanged }: { townships: Township[]; canRecord: boolean; onChanged: () => void }) {
  const t = useT();
  const [tick, setTick] = useState(0);
  const [township, setTownship] = useState<string | undefined>(undefined);
  const query = { township, limit: "500" };
  const list = useLoad(`${township ?? ""}|${tick}`, (signal) => api.get<{ items: ExerciseRecord[] }>("/api/powers/exercises", query, signal));
  const changed = () => {
    setTick((n) => n + 1);
    onChanged();
  };
  return (
    <>
      {canRecord && townships.length > 0 && <RecordForm townships={townships} onDone={changed} />}
      <Space style={{ marginBottom: 12 }} wrap>
        {townships.length > 1 && <Select allowClear style={{ width: 160 }} placeholder={t.powers.township} value={township} onChange={setTownship} options={townships.map((x) => ({ value: x.code, label: x.name }))} />}
        <ExcelButtons testId="exercises" exportPath="/api/powers/exercises/export.xlsx" query={township ? { township } : {}} fileName={t.powers.records} importPath={canRecord ? "/api/powers/exercises/import" : undefined} onImported={changed} />
      </Space>
      <Table<ExerciseRecord>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        data-testid="exercise-records"
        columns={[
          { title: t.powers.exercisedOn, dataIndex: "exercisedOn", width: 110 },
          { title: t.powers.township, render: (_, r) => r.township.name, width: 100 },
          { title: t.powers.key, dataIndex: "key", width: 70 },
          { title: t.powers.name, render: (_, r) => r.name ?? "—" },
          { title: t.powers.documentNumber, dataIndex: "documentNumber", width: 200 },
          { title: t.powers.note, dataIndex: "note", width: 200 },
        ]}
      />
    </>
  );
}
