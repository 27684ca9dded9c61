import { ZBurdenInput, ZIsoDate, STATUS_NAMES, type BurdenInput, type BurdenStatus } from "../../../contracts/burdens.js";
import type { MeetingImportResult } from "../../../contracts/meetings.js";
import { LEVEL_NAMES, type UnitLevel } from "../../../contracts/roles.js";
import type { Db } from "../../db/client.js";
import { AppError, messageFor } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import type { Actor } from "../../kernel/actor.js";
import { chinaToday } from "../../kernel/dates.js";
import { recordAudit } from "../audit/audit.js";
import { meetingIdsByAdmissionNumber, meetingsById, meetingSheetFields, type MeetingSheetFields } from "../burdens/kind-reads.js";
import { prepareBurden } from "../burdens/prepare.js";
import { createBurden, recordHeldBurden, submitBurden } from "../burdens/registry.js";
import { listMeetings } from "./register.js";
import { codeList, readRegisterSheet, throwIfIssues, writeRegisterSheet, yesNo, type SheetColumn, type SheetIssue, type SheetRow } from "./sheet.js";

/** 会议台账 in Excel: the register out, and meetings in — planned ones through the gate like any burden, held ones recorded. */

/** The columns a row of the import reads; the export writes them first, under the same headers, so it imports back. */
export const IMPORT_COLUMNS: SheetColumn[] = [
  { key: "title", header: "会议名称", required: true, width: 36 },
  { key: "issuer", header: "召开单位代码", aliases: ["单位代码"], required: true, width: 14 },
  { key: "date", header: "召开日期", required: true, width: 12 },
  { key: "issuedOn", header: "通知日期", width: 12 },
  { key: "targets", header: "参会对象", required: true, width: 30 },
  { key: "length", header: "会议时长（分钟）", aliases: ["会议时长", "时长（分钟）"], required: true, width: 10 },
  { key: "attendees", header: "每单位参会人数", required: true, width: 10 },
  { key: "mode", header: "形式", required: true, width: 8 },
  { key: "general", header: "全体会议", width: 8 },
  { key: "speech", header: "讲话时长（分钟）", aliases: ["讲话时长"], width: 10 },
  { key: "relays", header: "传达的上级会议（准入编号）", aliases: ["传达的上级会议", "上级会议准入编号"], width: 24 },
  { key: "text", header: "会议内容", aliases: ["内容"], width: 50 },
];
/** What the register adds for reading (never read back): who, the gate's view, the load on the grassroots. */
const REGISTER_COLUMNS: SheetColumn[] = [
  { key: "issuerName", header: "召开单位", width: 24 },
  { key: "level", header: "层级", width: 8 },
  { key: "system", header: "系统", width: 14 },
  { key: "targetCount", header: "参会单位数", width: 10 },
  { key: "grassroots", header: "基层参会人次", width: 10 },
  { key: "hours", header: "占用基层人时", width: 10 },
  { key: "relaysTitle", header: "上级会议名称", width: 30 },
  { key: "days", header: "间隔天数", width: 8 },
  { key: "status", header: "状态", width: 8 },
  { key: "number", header: "准入编号", width: 24 },
  { key: "findings", header: "审查发现", width: 50 },
];

/** The region whose townships or villages "全部乡镇" / "全部村" reach for an issuer: a department's county, else the unit itself. */
const allRegionOf = (issuer: string) => (/D\d+$/.test(issuer) ? issuer.slice(0, 6) : issuer);
const ALL_OF = { township: "全部乡镇", village: "全部村" } as Record<string, string>;

/** 参会对象 as the import reads it: "全部乡镇"/"全部村" when the meeting was sent so, else the target codes. */
function targetsCell(issuer: string, fields: MeetingSheetFields | undefined): string {
  const spec = fields?.targetSpec as { under?: string; level?: string } | string[] | undefined;
  if (spec && !Array.isArray(spec) && spec.under === allRegionOf(issuer) && ALL_OF[spec.level ?? ""]) return ALL_OF[spec.level!]!;
  return (fields?.targetCodes ?? []).join("、");
}

/** The year's register; with `template`, the import's header alone, to fill in. */
export async function exportMeetings(db: Db, actor: Actor, year: number, template = false): Promise<Buffer> {
  if (template) return writeRegisterSheet({ sheet: "会议台账", title: `${actor.scope.name} 会议计划（导入模板）`, columns: IMPORT_COLUMNS, rows: [] });
  const list = await listMeetings(db, actor, year, "zh-CN");
  const [fields, relayed] = await Promise.all([
    meetingSheetFields(db, list.items.map((m) => m.id)).then((rows) => new Map(rows.map((f) => [f.id, f]))),
    meetingsById(db, [...new Set(list.items.flatMap((m) => (m.relays ? [m.relays.id] : [])))]).then((rows) => new Map(rows.map((r) => [r.id, r]))),
  ]);
  return writeRegisterSheet({
    sheet: "会议台账",
    title: `${actor.scope.name} ${year} 年会议台账`,
    columns: [...IMPORT_COLUMNS, ...REGISTER_COLUMNS],
    rows: list.items.map((m) => {
      const f = fields.get(m.id);
      // The import names the higher meeting by its admission number, or by its id before it has one.
      const relay = m.relays ? (relayed.get(m.relays.id)?.admissionNumber ?? m.relays.id) : "";
      return {
        title: m.title,
        issuer: m.issuer.code,
        date: m.date,
        issuedOn: f?.issuedOn ?? "",
        targets: targetsCell(m.issuer.code, f),
        length: m.lengthMinutes,
        attendees: m.attendeesPerTarget,
        mode: m.mode === "video" ? "视频" : "现场",
        general: m.general ? "是" : "否",
        speech: f?.speechMinutes ?? "",
        relays: relay,
        text: f?.text ?? "",
        issuerName: m.issuer.name,
        level: LEVEL_NAMES[m.issuer.level as UnitLevel]?.zh ?? m.issuer.level,
        system: m.system,
        targetCount: m.targetCount,
        grassroots: m.grassrootsAttendees,
        hours: m.personHours,
        relaysTitle: m.relays?.title ?? "",
        days: m.relays?.daysBetween ?? "",
        status: STATUS_NAMES[m.status].zh,
        number: m.admissionNumber ?? "",
        findings: [...m.findings.map((x) => x.message), ...(m.overSystemCap ? ["本系统年度会议数超过上限"] : [])].join("；"),
      };
    }),
  });
}

export const MAX_MEETING_ROWS = 300;

const COLUMN_OF: Record<string, string> = { title: "title", issuer: "issuer", deadline: "date", issuedOn: "issuedOn", targets: "targets", lengthMinutes: "length", attendeesPerTarget: "attendees", mode: "mode", general: "general", speechMinutes: "speech", text: "text", relaysMeetingId: "relays", minutesPerTarget: "length" };

/** "全部乡镇" / "全部村" reach every township or village of the issuer's region; else unit codes. */
function targetsOf(cell: string, issuer: string): BurdenInput["targets"] {
  const region = allRegionOf(issuer);
  if (/^全部(乡镇|乡镇（街道）|街道)$/.test(cell)) return { under: region, level: "township" };
  if (/^全部(村|村（社区）|社区)$/.test(cell)) return { under: region, level: "village" };
  return codeList(cell);
}

function inputOfRow(r: SheetRow, relayIds: Map<string, string>, today: string, issues: SheetIssue[]): BurdenInput | null {
  const c = r.cells;
  const bad = (key: string, zh: string, en: string) => issues.push({ path: r.at(key), zh: `第 ${r.row} 行：${zh}`, en: `row ${r.row}: ${en}` });
  const mode = /^(视频|video)/i.test(c.mode ?? "") ? "video" : /^(现场|in.?person)/i.test(c.mode ?? "") ? "in_person" : null;
  if (!mode) bad("mode", `形式“${c.mode}”应为“现场”或“视频”`, `the mode “${c.mode}” must be 现场 (in person) or 视频 (video)`);
  const general = yesNo(c.general ?? "");
  if (general === null) bad("general", `全体会议一栏应填“是”或“否”`, `全体会议 takes 是 or 否`);
  let relaysMeetingId: string | undefined;
  if (c.relays) {
    relaysMeetingId = /^[0-9a-f-]{36}$/i.test(c.relays) ? c.relays : relayIds.get(c.relays);
    if (!relaysMeetingId) bad("relays", `未找到准入编号为“${c.relays}”的会议`, `no meeting has the admission number “${c.relays}”`);
  }
  const length = Number(c.length);
  const attendees = Number(c.attendees);
  const parsed = ZBurdenInput.safeParse({
    kind: "meeting",
    issuer: c.issuer,
    targets: targetsOf(c.targets ?? "", c.issuer ?? ""),
    title: c.title,
    text: c.text ?? "",
    // Unknown notice: a planned meeting is noticed today, a meeting already held on its own day (a date
    // that is no date is reported on its own cell, not again on the notice).
    issuedOn: c.issuedOn || (c.date && c.date < today && ZIsoDate.safeParse(c.date).success ? c.date : today),
    deadline: c.date,
    frequency: "once",
    // The grassroots' time per target: everyone it calls, for the whole meeting.
    minutesPerTarget: Number.isFinite(length * attendees) && length * attendees > 0 ? length * attendees : 0,
    details: { lengthMinutes: length, attendeesPerTarget: attendees, mode: mode ?? "in_person", general: !!general, speechMinutes: c.speech ? Number(c.speech) : undefined, relaysMeetingId },
  });
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const i of parsed.error.issues) {
      const field = String(i.path.at(-1) === "details" ? i.path[0] : (i.path.at(-1) ?? ""));
      const key = COLUMN_OF[field] ?? (i.path[0] === "targets" ? "targets" : "title");
      if (seen.has(key)) continue;
      seen.add(key);
      bad(key, `“${c[key] ?? ""}”不符合要求（${i.message}）`, `“${c[key] ?? ""}” is not valid (${i.message})`);
    }
    return null;
  }
  return parsed.data;
}

/** Why a meeting already held stands in the register without an admission number (its timeline and reason say so). */
const HELD_REASON = "补录已召开的会议（Excel 导入）";

/**
 * Imports meetings: every row becomes a meeting burden through the registry. A meeting still to come is
 * submitted to the gate (admitted, sent to review or returned with findings, as if entered one by one);
 * a meeting already held (its date before today, as an exported register carries them) is recorded:
 * it passes the gate as of its notice day and stands with the findings it would have met, but gets no
 * admission number, since nobody asked for one (burdens' recordHeldBurden). The file is checked whole
 * first — each row parsed and prepared for the gate (issuer, targets, dates, the higher meeting) — and
 * then written in one transaction: a bad row and nothing is imported.
 */
export async function importMeetings(db: Db, args: { actor: Actor; file: Buffer; lang: Lang; today?: string }): Promise<MeetingImportResult> {
  const { actor, lang } = args;
  const today = args.today ?? chinaToday();
  const { rows, issues } = await readRegisterSheet(args.file, IMPORT_COLUMNS, MAX_MEETING_ROWS);
  const relayIds = await meetingIdsByAdmissionNumber(db, [...new Set(rows.map((r) => r.cells.relays).filter((v): v is string => !!v && !/^[0-9a-f-]{36}$/i.test(v)))]);
  const inputs: { row: number; input: BurdenInput; held: boolean }[] = [];
  for (const r of rows) {
    const input = inputOfRow(r, relayIds, today, issues);
    if (!input) continue;
    const held = input.deadline < today;
    try {
      await prepareBurden(db, { actor, input, today: held ? input.issuedOn : today });
      inputs.push({ row: r.row, input, held });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const at = err.code.includes("UNIT") || err.code === "NOT_ISSUER" ? r.at("issuer") : err.code.startsWith("TARGET") || err.code === "NO_TARGETS" ? r.at("targets") : err.code === "DEADLINE_IN_PAST" ? r.at("date") : r.at("title");
      issues.push({ path: at, zh: `第 ${r.row} 行：${messageFor(err.code, "zh-CN", err.params)}`, en: `row ${r.row}: ${messageFor(err.code, "en", err.params)}` });
    }
  }
  throwIfIssues(issues, lang);
  const written = await db.transaction(async (tx) => {
    const out: MeetingImportResult["rows"] = [];
    for (const { row, input, held } of inputs) {
      if (held) {
        const recorded = await recordHeldBurden(tx as unknown as Db, { actor, input, reason: HELD_REASON, today });
        out.push({ row, id: recorded.id, title: input.title, status: recorded.status, held, admissionNumber: null, findingCodes: recorded.findings.map((f) => f.code) });
        continue;
      }
      const created = await createBurden(tx as unknown as Db, { actor, input });
      const submitted = await submitBurden(tx as unknown as Db, { actor, id: created.id });
      out.push({ row, id: created.id, title: input.title, status: submitted.status as BurdenStatus, held, admissionNumber: submitted.admissionNumber, findingCodes: submitted.findings.map((f) => f.code) });
    }
    await recordAudit(tx, { actor: { id: actor.id, name: actor.username }, action: "meeting.import", entityType: "burden", entityId: out[0]?.id ?? "-", scopePath: actor.scope.path, detail: { rows: out.length, held: out.filter((o) => o.held).length, ids: out.map((o) => o.id) } });
    return out;
  });
  return { imported: written.length, held: written.filter((w) => w.held).length, rows: written };
}
