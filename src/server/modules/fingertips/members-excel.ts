import { inArray } from "drizzle-orm";
import { z } from "zod";
import type { TableImportResult } from "../../../contracts/excel.js";
import { ZUnitCode } from "../../../contracts/roles.js";
import type { Db } from "../../db/client.js";
import type { ErrorCode } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import { authorize, type Actor } from "../../kernel/actor.js";
import { unitCodeIn } from "../../kernel/excel/cells.js";
import { importTable } from "../../kernel/excel/import.js";
import { parseRow, writeTable, type TableColumn } from "../../kernel/excel/table.js";
import { getUnits } from "../org/units.js";
import { getUsersByIds } from "../org/users.js";
import { addNamedMember } from "./members.js";
import { readableRows } from "./queries.js";
import { fingertipMembers } from "./schema.js";

/**
 * Channel memberships 关注成员 as a sheet: one named cadre of one app, account or group a row. The same
 * sheet comes back in, each row added as one entered on the page (the channel by its owner and name,
 * the cadre by username); a cadre already a member is left alone, so the exported sheet with rows
 * added imports as it is. 姓名 and 所在单位 are there for the reader and not read back.
 */
const COLUMNS = [
  { id: "name", header: "应用或工作群名称", aliases: ["名称"], width: 28, required: true },
  { id: "owner", header: "主办单位", aliases: ["主办单位编码"], width: 28, required: true },
  { id: "username", header: "账号", width: 18, required: true },
  { id: "displayName", header: "姓名", width: 12 },
  { id: "unit", header: "所在单位", width: 28 },
] as const satisfies readonly TableColumn<string>[];
type ColumnId = (typeof COLUMNS)[number]["id"];

export const MAX_MEMBER_ROWS = 5000;

/** The named members of the active channels readable to the actor, by channel; the empty sheet for a template. */
export async function exportMembers(db: Db, actor: Actor, query: { template?: "true" | "false" }): Promise<Buffer> {
  const channels = query.template === "true" ? [] : await readableRows(db, actor, { status: "active", limit: 1000 });
  const members = channels.length ? await db.select().from(fingertipMembers).where(inArray(fingertipMembers.channelId, channels.map((c) => c.id))) : [];
  const users = new Map((await getUsersByIds(db, [...new Set(members.map((m) => m.userId))])).map((u) => [u.id, u]));
  const owners = new Map((await getUnits(db, [...new Set(channels.map((c) => c.ownerCode))])).map((u) => [u.code, u.name]));
  const byChannel = new Map(channels.map((c) => [c.id, c]));
  const rows = members
    .flatMap((m) => {
      const [c, u] = [byChannel.get(m.channelId)!, users.get(m.userId)];
      return u ? [{ name: c.name, owner: `${owners.get(c.ownerCode) ?? c.ownerCode}（${c.ownerCode}）`, username: u.username, displayName: u.displayName, unit: `${u.scope.name}（${u.scope.code}）` }] : [];
    })
    .sort((a, b) => a.owner.localeCompare(b.owner) || a.name.localeCompare(b.name) || a.unit.localeCompare(b.unit) || a.username.localeCompare(b.username));
  return writeTable({ title: `${actor.scope.name}政务应用、工作群关注成员`, sheet: "关注成员", columns: COLUMNS, rows });
}

const ZMemberRow = z.object({
  ownerCode: ZUnitCode,
  name: z.string().trim().min(1).max(100),
  username: z.string().trim().min(1).max(64),
});
const FIELD_COLUMN: Record<string, ColumnId> = { ownerCode: "owner", name: "name", username: "username" };
const ERROR_COLUMN: Partial<Record<ErrorCode, ColumnId>> = { UNIT_NOT_FOUND: "owner", CHANNEL_MEMBER_UNKNOWN: "username", CHANNEL_MEMBER_INVALID: "username" };

/**
 * Imports memberships (the office, or the department or township that runs the channels): each row
 * through addNamedMember, in one transaction; one bad row and nothing is written.
 */
export async function importMembers(db: Db, actor: Actor, file: Buffer, lang: Lang): Promise<TableImportResult> {
  authorize(actor.role === "office" || actor.role === "department_staff" || actor.role === "township_official");
  return importTable(db, {
    file,
    columns: COLUMNS,
    maxRows: MAX_MEMBER_ROWS,
    lang,
    parse: (row) => {
      const c = row.cells;
      return parseRow(row, ZMemberRow, { ownerCode: unitCodeIn(c.owner), name: c.name, username: c.username }, (field) => FIELD_COLUMN[field] ?? "name");
    },
    create: (tx, input) => addNamedMember(tx, actor, input),
    // Not found, not active, not the actor's to keep: the channel's.
    columnOf: (code) => ERROR_COLUMN[code] ?? "name",
  });
}
