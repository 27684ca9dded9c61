import { and, desc, eq, max, sql } from "drizzle-orm";
import type { CaseCategory, Notice, NoticeInput } from "../../../contracts/cases.js";
import type { Db } from "../../db/client.js";
import { pathWithin } from "../../db/sql-helpers.js";
import { AppError } from "../../http/errors.js";
import { authorize, regionPathOf, type Actor } from "../../kernel/actor.js";
import { chinaToday } from "../../kernel/dates.js";
import { recordAudit } from "../audit/audit.js";
import { getUnit, getUnits } from "../org/units.js";
import type { CaseRow } from "./follow.js";
import { loadCaseFor } from "./handling.js";
import { caseNotices } from "./schema.js";

type NoticeRow = typeof caseNotices.$inferSelect;
type Item = Notice["items"][number];

/** States in which a case has been found true: only these go into a notice. */
const SUBSTANTIATED = new Set(["substantiated", "rectifying", "verified", "closed"]);
const BODY_NAMES = { commission: "纪委监委", office: "整治形式主义为基层减负专项工作机制办公室" } as const;

const present = (row: NoticeRow): Notice => ({
  id: row.id,
  issuer: row.issuer,
  number: row.number,
  title: row.title,
  status: row.status as Notice["status"],
  publishedOn: row.publishedOn,
  items: row.items as Item[],
});

const handlingBody = (actor: Actor) => {
  authorize(actor.role === "office" || actor.role === "commission");
  const path = regionPathOf(actor);
  return { role: actor.role, path, code: path.split(".").at(-1) ?? path };
};

/** A draft notice from cases the actor handles and found true; the cases' units are named, their reporters never. */
export async function createNotice(db: Db, actor: Actor, input: NoticeInput): Promise<Notice> {
  const body = handlingBody(actor);
  const rows: CaseRow[] = [];
  for (const item of input.items) {
    const row = await loadCaseFor(db, actor, item.caseId);
    if (!SUBSTANTIATED.has(row.status)) throw new AppError("NOTICE_CASE_NOT_SUBSTANTIATED");
    rows.push(row);
  }
  const names = new Map((await getUnits(db, rows.map((r) => r.unitCode))).map((u) => [u.code, u.name]));
  const items: Item[] = input.items.map((item, i) => ({
    unitName: names.get(rows[i]!.unitCode) ?? rows[i]!.unitCode,
    category: rows[i]!.category as CaseCategory,
    problem: item.problem,
    handling: item.handling,
    lesson: item.lesson,
  }));
  const region = await getUnit(db, body.code);
  const issuer = `${region?.name ?? body.code}${BODY_NAMES[body.role]}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(caseNotices)
      .values({ regionCode: body.code, regionPath: body.path, handlerRole: body.role, issuer, title: input.title, items, caseIds: rows.map((r) => r.id), status: "draft", createdBy: actor.id })
      .returning();
    await recordAudit(tx, { actor: { id: actor.id, name: actor.displayName }, action: "notice.created", entityType: "notice", entityId: row!.id, scopePath: body.path, detail: { cases: rows.map((r) => r.id) } });
    return present(row!);
  });
}

export async function listNotices(db: Db, actor: Actor): Promise<Notice[]> {
  const body = handlingBody(actor);
  const rows = await db.select().from(caseNotices).where(and(eq(caseNotices.regionPath, body.path), eq(caseNotices.handlerRole, body.role))).orderBy(desc(caseNotices.createdAt)).limit(200);
  return rows.map(present);
}

/** Publishes a draft with its document number, e.g. 饶河减负通〔2026〕3号, numbered per body, region and year. */
export async function publishNotice(db: Db, actor: Actor, id: string): Promise<Notice> {
  const body = handlingBody(actor);
  const [found] = await db.select().from(caseNotices).where(eq(caseNotices.id, id));
  if (!found || found.regionPath !== body.path || found.handlerRole !== body.role) throw new AppError("NOTICE_NOT_FOUND");
  if (found.status === "published") throw new AppError("NOTICE_PUBLISHED");
  const today = chinaToday();
  const year = Number(today.slice(0, 4));
  const region = await getUnit(db, body.code);
  const short = (region?.name ?? body.code).replace(/(自治县|县|市|区|旗)$/, "");
  return db.transaction(async (tx) => {
    // Numbers of one body and year are handed out one at a time.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`notice:${body.code}:${body.role}:${year}`}))`);
    const [last] = await tx
      .select({ seq: max(caseNotices.seq) })
      .from(caseNotices)
      .where(and(eq(caseNotices.regionCode, body.code), eq(caseNotices.handlerRole, body.role), eq(caseNotices.year, year)));
    const seq = (last?.seq ?? 0) + 1;
    const number = `${short}${body.role === "commission" ? "纪通" : "减负通"}〔${year}〕${seq}号`;
    const [row] = await tx
      .update(caseNotices)
      .set({ status: "published", year, seq, number, publishedOn: today })
      .where(and(eq(caseNotices.id, id), eq(caseNotices.status, "draft")))
      .returning();
    if (!row) throw new AppError("NOTICE_PUBLISHED");
    await recordAudit(tx, { actor: { id: actor.id, name: actor.displayName }, action: "notice.published", entityType: "notice", entityId: id, scopePath: body.path, detail: { number } });
    return present(row);
  });
}

/** Published notices anyone may read, newest first, optionally of one region and those under it. */
export async function publishedNotices(db: Db, regionCode?: string): Promise<Notice[]> {
  const region = regionCode ? await getUnit(db, regionCode) : null;
  if (regionCode && !region) return [];
  const rows = await db
    .select()
    .from(caseNotices)
    .where(and(eq(caseNotices.status, "published"), region ? pathWithin(caseNotices.regionPath, region.path) : undefined))
    .orderBy(desc(caseNotices.publishedOn), desc(caseNotices.seq))
    .limit(100);
  return rows.map(present);
}

export async function publishedNotice(db: Db, id: string): Promise<Notice> {
  const [row] = await db.select().from(caseNotices).where(and(eq(caseNotices.id, id), eq(caseNotices.status, "published")));
  if (!row) throw new AppError("NOTICE_NOT_FOUND");
  return present(row);
}
