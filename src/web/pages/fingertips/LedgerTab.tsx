import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { App, Button, Input, Modal, Space, Switch, Table, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import type { AdmittedChannelBurden, Channel } from "../../../contracts/fingertips.js";
import { api } from "../../api/client.js";
import { useMe } from "../../auth/AuthContext.js";
import { ExportXlsxButton } from "../../components/ExportXlsxButton.js";
import { useApiError } from "../../components/useApiError.js";
import { ImportXlsxButton, XlsxImportModal } from "../../components/XlsxImportModal.js";
import { useLoad } from "../../components/useLoad.js";
import { useLang, useT } from "../../i18n/index.js";
import { downloadXlsx } from "../dashboard/api.js";
import { Link } from "react-router-dom";
import { ChannelForm } from "./ChannelForm.js";
import { MembersModal } from "./MembersModal.js";

const KEEPS = new Set(["department_staff", "township_official", "office"]);

/** The ledger: every app, account and group readable to the user, with flags; register, close, Excel. */
export function LedgerTab({ tick, onChanged }: { tick: number; onChanged: () => void }) {
  const t = useT();
  const f = t.fingertips;
  const me = useMe();
  const { lang } = useLang();
  const { message } = App.useApp();
  const showError = useApiError();
  const [flagged, setFlagged] = useState(false);
  const [open, setOpen] = useState(false);
  const [closing, setClosing] = useState<Channel | null>(null);
  const [reason, setReason] = useState("");
  const [undoing, setUndoing] = useState<Channel | null>(null);
  const [membersOf, setMembersOf] = useState<Channel | null>(null);
  const [importing, setImporting] = useState(false);
  const list = useLoad(`ledger|${flagged}|${tick}`, (signal) =>
    api.get<{ total: number; items: Channel[]; admittedNotInLedger: AdmittedChannelBurden[] }>("/api/fingertips", { flagged: flagged ? "true" : undefined }, signal),
  );
  const admitted = list.data?.admittedNotInLedger ?? [];

  const close = async () => {
    if (!closing) return;
    try {
      await api.post(`/api/fingertips/${closing.id}/decision`, { action: "close", reason });
      void message.success(f.decided);
      setClosing(null);
      setReason("");
      onChanged();
    } catch (err) {
      showError(err);
    }
  };

  const undo = async () => {
    if (!undoing) return;
    try {
      await api.post(`/api/fingertips/${undoing.id}/undo`, { reason });
      void message.success(f.undone);
      setUndoing(null);
      setReason("");
      onChanged();
    } catch (err) {
      showError(err);
    }
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Switch checked={flagged} onChange={setFlagged} /> {f.onlyFlagged}
        {KEEPS.has(me.role) && <Button type="primary" onClick={() => setOpen(true)} data-testid="channel-register">{f.register}</Button>}
        {me.role !== "village_cadre" && (
          <Button icon={<DownloadOutlined />} onClick={() => void downloadXlsx("/api/fingertips/export.xlsx", {}, lang, f.title).catch(showError)}>{f.exportXlsx}</Button>
        )}
        <ExportXlsxButton path="/api/fingertips/members/export.xlsx" fileName={f.membersFile} label={f.exportMembers} />
        {KEEPS.has(me.role) && <ImportXlsxButton list url="/api/fingertips/members/import.xlsx" exportPath="/api/fingertips/members/export.xlsx" fileName={f.membersFile} label={f.importMembers} onImported={onChanged} />}
        {me.role === "office" && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>{f.importXlsx}</Button>}
        <XlsxImportModal<{ created: number; updated: number }>
          open={importing}
          title={f.importXlsx}
          hint={f.importHint}
          url="/api/fingertips/import"
          template={{ path: "/api/fingertips/export.xlsx", fileName: f.title }}
          onClose={() => setImporting(false)}
          onDone={(r) => {
            void message.success(f.imported(r.created, r.updated));
            onChanged();
          }}
        />
      </Space>
      <Table<Channel>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1450 }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: f.name, dataIndex: "name", width: 190, fixed: "left" },
          {
            title: f.flags,
            width: 160,
            render: (_, c) => (c.flags.length === 0 ? <Typography.Text type="secondary">{f.noFlags}</Typography.Text> : c.flags.map((x) => <Tooltip key={x.code} title={x.message}><Tag color={x.severity === "block" ? "red" : "orange"}>{f.flagNames[x.code] ?? x.code}</Tag></Tooltip>)),
          },
          { title: f.kind, render: (_, c) => f.kinds[c.kind], width: 80 },
          { title: f.owner, render: (_, c) => c.owner.name, width: 150 },
          { title: f.audience, render: (_, c) => `${c.audienceUnits.map((u) => u.name).join("、")}（${c.audienceRoles.map((r) => f.roles[r]).join("、")}）`, width: 200 },
          { title: f.demands, render: (_, c) => c.demands.map((d) => f.demandNames[d]).join("、") || "—", width: 150 },
          {
            title: f.admission,
            width: 190,
            render: (_, c) => (c.burden ? <Link to={`/burdens/${c.burden.id}`}>{c.burden.admissionNumber}</Link> : <Tag color="orange">{c.admissionNumber ? `${c.admissionNumber}？` : f.notAdmitted}</Tag>),
          },
          { title: f.minutesPerWeek, dataIndex: "minutesPerWeek", width: 90 },
          { title: f.members, dataIndex: "members", width: 60 },
          { title: f.posts, dataIndex: "posts", width: 70 },
          { title: f.weeklyHours, dataIndex: "weeklyHours", width: 80 },
          {
            title: f.status,
            width: 150,
            render: (_, c) => (c.status === "active" ? <Tag color="blue">{f.statuses.active}</Tag> : <Tooltip title={c.decisionReason}><Tag>{f.statuses[c.status]}{c.mergedInto ? ` · ${f.mergedInto(c.mergedInto.name)}` : ""}</Tag></Tooltip>),
          },
          {
            title: t.common.actions,
            width: 150,
            render: (_, c) => (
              <Space size={4}>
                {c.can.includes("members") && <Button size="small" onClick={() => setMembersOf(c)}>{f.members}</Button>}
                {c.can.includes("decide") && <Button size="small" danger onClick={() => setClosing(c)}>{f.close}</Button>}
                {c.can.includes("undo") && <Button size="small" onClick={() => setUndoing(c)} data-testid={`undo-${c.name}`}>{f.undo}</Button>}
              </Space>
            ),
          },
        ]}
      />
      {admitted.length > 0 && (
        <div data-testid="admitted-not-in-ledger" style={{ marginTop: 16 }}>
          <Typography.Title level={5}>{f.admittedTitle}</Typography.Title>
          <Typography.Paragraph type="secondary">{f.admittedHint}</Typography.Paragraph>
          <Table<AdmittedChannelBurden>
            rowKey="id"
            size="small"
            dataSource={admitted}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: f.name, dataIndex: "name", width: 190 },
              { title: f.kind, render: (_, b) => f.kinds[b.kind], width: 80 },
              { title: f.owner, render: (_, b) => b.issuer.name, width: 150 },
              { title: f.burdenTitle, render: (_, b) => <Link to={`/burdens/${b.id}`}>{b.title}</Link> },
              { title: f.admission, dataIndex: "admissionNumber", width: 190 },
              { title: f.issuedOn, dataIndex: "issuedOn", width: 110 },
            ]}
          />
        </div>
      )}
      <MembersModal channel={membersOf} onClose={() => setMembersOf(null)} onChanged={onChanged} />
      <Modal open={!!undoing} title={undoing ? f.undoTitle(undoing.name) : ""} onCancel={() => setUndoing(null)} onOk={() => void undo()} okText={f.undo} okButtonProps={{ disabled: reason.trim().length < 4 }} destroyOnHidden>
        <Typography.Paragraph>{f.undoHint}</Typography.Paragraph>
        <Input.TextArea rows={3} placeholder={f.reason} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={300} />
      </Modal>
      <ChannelForm open={open} onClose={() => setOpen(false)} onSaved={() => { setOpen(false); void message.success(f.saved); onChanged(); }} />
      <Modal open={!!closing} title={closing ? f.closeTitle(closing.name) : ""} onCancel={() => setClosing(null)} onOk={() => void close()} okButtonProps={{ disabled: reason.trim().length < 4, danger: true }}>
        <Input.TextArea rows={3} placeholder={f.reason} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={300} />
      </Modal>
    </>
  );
}
