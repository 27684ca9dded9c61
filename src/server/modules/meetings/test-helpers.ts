import ExcelJS from "exceljs";
import { expect } from "vitest";
import type { Session } from "../../test/harness.js";
import { IMPORT_COLUMNS } from "./excel.js";

/**
 * Registers a burden through the API and takes it through the gate; what the gate sends to review is
 * admitted by the office session given. Returns the burden's id and final status.
 */
export async function admitThroughGate(issuer: Session, office: Session | null, body: Record<string, unknown>): Promise<{ id: string; status: string; findings: string[] }> {
  const created = await issuer.request({ method: "POST", url: "/api/burdens", payload: body });
  expect(created.statusCode, created.body).toBe(201);
  const id = (created.json() as { id: string }).id;
  const submitted = await issuer.request({ method: "POST", url: `/api/burdens/${id}/submit` });
  expect(submitted.statusCode, submitted.body).toBe(200);
  const result = submitted.json() as { status: string; findings: { code: string }[] };
  let status = result.status;
  if (status === "in_review" && office) {
    const decided = await office.request({ method: "POST", url: `/api/burdens/${id}/decide`, payload: { decision: "admit", reason: "测试：同意召开" } });
    expect(decided.statusCode, decided.body).toBe(200);
    status = (decided.json() as { status: string }).status;
  }
  return { id, status, findings: result.findings.map((f) => f.code) };
}

/** A meeting burden's body with sensible defaults. */
export const meetingBody = (over: Record<string, unknown> & { issuer: string; deadline: string; issuedOn: string }) => ({
  kind: "meeting",
  targets: { under: "230524", level: "township" },
  title: "全县冬季森林草原防灭火工作会议",
  text: "部署冬季森林草原防灭火工作，各乡镇主要负责同志参会。",
  frequency: "once",
  minutesPerTarget: 90,
  details: { lengthMinutes: 90, attendeesPerTarget: 2, mode: "in_person", general: false },
  ...over,
});

/** The exported register (`query` as for /api/meetings/export.xlsx): the file, its header row, and each row's import columns as text. */
export async function exportedRegister(session: Session, query: string): Promise<{ file: Buffer; headers: string[]; rows: string[][] }> {
  const res = await session.request({ method: "GET", url: `/api/meetings/export.xlsx?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(2).values as unknown[]).slice(1).map(String);
  const rows = Array.from({ length: ws.rowCount - 2 }, (_, k) => IMPORT_COLUMNS.map((c) => ws.getRow(k + 3).getCell(headers.indexOf(c.header) + 1).text));
  return { file: Buffer.from(res.rawPayload), headers, rows };
}
