import { App, Button, Card, InputNumber, Modal, Select, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import type { MeetingImportResult, MeetingItem, MeetingList, MeetingSystems } from "../../../contracts/meetings.js";
import { api } from "../../api/client.js";
import { useMe } from "../../auth/AuthContext.js";
import { useApiError } from "../../components/useApiError.js";
import { useLoad } from "../../components/useLoad.js";
import { useLang, useT } from "../../i18n/index.js";
import { downloadXlsx } from "../dashboard/api.js";
import { MeetingChainModal } from "./MeetingChainModal.js";
import { MeetingHoursCard } from "./MeetingHoursCard.js";
import { XlsxImportModal, yearOptions } from "../../components/XlsxImportModal.js";

const IMPORTS = new Set(["department_staff", "township_official", "office"]);

/** 会议台账: the region's meetings with their findings, meetings per system against the cap, and the hours chart. */
export default function MeetingsPage() {
  const t = useT();
  const m = t.meetings;
  const me = useMe();
  const { lang } = useLang();
  const { message } = App.useApp();
  const showError = useApiError();
  const [year, setYear] = useState(new Date().getFullYear());
  const [tick, setTick] = useState(0);
  const [chainOf, setChainOf] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [capOpen, setCapOpen] = useState(false);
  const [cap, setCap] = useState<number | null>(null);
  const list = useLoad(`${year}|${tick}`, (signal) => api.get<MeetingList>("/api/meetings", { year }, signal));
  const systems = useLoad(`${year}|${tick}`, (signal) => api.get<MeetingSystems>("/api/meetings/systems", { year }, signal));
  const hoursUnit = me.regionCode;

  const saveCap = async () => {
    try {
      await api.put(`/api/meetings/caps/${me.scope.code}`, { perSystemPerYear: cap });
      void message.success(m.capSaved);
      setCapOpen(false);
      setTick((n) => n + 1);
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="meetings-page">
      <Card
        title={m.title}
        extra={
          <Space wrap>
            <Select value={year} options={yearOptions()} onChange={setYear} style={{ width: 96 }} aria-label={m.year} />
            <Button onClick={() => void downloadXlsx("/api/meetings/export.xlsx", { year: String(year) }, lang, `${m.title}-${year}`).catch(showError)}>{m.export}</Button>
            {IMPORTS.has(me.role) && <Button type="primary" onClick={() => setImporting(true)} data-testid="meetings-import">{m.import}</Button>}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{m.intro}</Typography.Paragraph>
      </Card>

      <MeetingHoursCard unit={hoursUnit} year={year} />

      {me.role !== "village_cadre" && <Card size="small" title={m.systems} extra={me.role === "office" && <Button size="small" onClick={() => { setCap(systems.data?.cap ?? 12); setCapOpen(true); }}>{m.setCap}</Button>} data-testid="meeting-systems">
        <Table
          rowKey="system"
          size="small"
          loading={systems.loading}
          pagination={false}
          scroll={{ x: 640 }}
          dataSource={systems.data?.items ?? []}
          columns={[
            { title: m.system, dataIndex: "system", width: 130 },
            { title: m.issuers, render: (_, s) => s.issuers.map((i) => i.name).join("、") },
            { title: m.held, dataIndex: "meetings", width: 70, align: "right" },
            { title: m.lastYear, dataIndex: "lastYear", width: 70, align: "right" },
            { title: m.general, width: 90, align: "right", render: (_, s) => `${s.generalMeetings} / ${s.generalCap}` },
            { title: m.cap, dataIndex: "cap", width: 60, align: "right" },
            { title: "", width: 90, render: (_, s) => (s.exceeds ? <Tag color="red">{m.exceeds(Math.max(s.over, s.generalMeetings - s.generalCap))}</Tag> : <Tag color="green">{m.withinCap}</Tag>) },
          ]}
        />
      </Card>}

      <Card size="small" title={`${m.title}（${list.data?.total ?? 0}）`}>
        <Table<MeetingItem>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 1200 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: m.name, dataIndex: "title", fixed: "left", width: 200, render: (v: string, r) => <a href={`/burdens/${r.id}`}>{v}</a> },
            { title: m.issuer, width: 160, render: (_, r) => <>{r.issuer.name}<br /><Typography.Text type="secondary">{m.levelNames[r.issuer.level] ?? r.issuer.level} · {r.system}</Typography.Text></> },
            { title: m.date, dataIndex: "date", width: 100 },
            { title: m.kind, width: 80, render: (_, r) => (r.general ? <Tag color="orange">{m.kindGeneral}</Tag> : m.kindTopical) },
            { title: m.length, width: 80, render: (_, r) => m.minutes(r.lengthMinutes) },
            { title: m.mode, width: 60, render: (_, r) => m.modes[r.mode] },
            { title: m.attendees, width: 150, render: (_, r) => m.attendeesText(r.targetCount, r.attendeesPerTarget, r.grassrootsAttendees) },
            { title: m.personHours, dataIndex: "personHours", width: 80, align: "right" },
            { title: m.relays, width: 180, render: (_, r) => (r.relays ? <>{r.relays.title}<br /><Typography.Text type="secondary">{m.daysAfter(r.relays.daysBetween)}</Typography.Text></> : "—") },
            {
              title: m.findings,
              width: 200,
              render: (_, r) => (
                <Space size={[4, 4]} wrap>
                  {r.findings.map((f) => (
                    <Tooltip key={f.code} title={f.message}>
                      <Tag color={f.severity === "block" ? "red" : "volcano"}>{m.codes[f.code] ?? f.code}</Tag>
                    </Tooltip>
                  ))}
                  {r.overSystemCap && <Tag color="red">{m.overCap}</Tag>}
                  {r.findings.length === 0 && !r.overSystemCap && <Typography.Text type="secondary">{m.none}</Typography.Text>}
                </Space>
              ),
            },
            { title: m.chain, width: 80, render: (_, r) => <Button size="small" onClick={() => setChainOf(r.id)} data-testid={`chain-${r.id}`}>{m.chain}</Button> },
          ]}
        />
      </Card>

      <MeetingChainModal id={chainOf} onClose={() => setChainOf(null)} />
      <XlsxImportModal<MeetingImportResult>
        open={importing}
        title={m.import}
        hint={m.importHint}
        url="/api/meetings/import"
        template={{ path: "/api/meetings/export.xlsx", query: { year: String(year) }, fileName: `${m.import}-${year}` }}
        onClose={() => setImporting(false)}
        onDone={(r) => {
          void message.success(m.imported(r.imported, r.held));
          setTick((n) => n + 1);
        }}
      />
      <Modal open={capOpen} title={m.setCap} onCancel={() => setCapOpen(false)} onOk={() => void saveCap()} okText={t.common.save} destroyOnHidden>
        <Typography.Paragraph>{m.capLabel}</Typography.Paragraph>
        <InputNumber min={1} max={1000} value={cap} onChange={(v) => setCap(v)} />
      </Modal>
    </Space>
  );
}
