import { eq } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client.js";
import { pathWithin } from "../../db/sql-helpers.js";
import { AppError } from "../../http/errors.js";
import { authorize, regionPathOf, type Actor } from "../../kernel/actor.js";
import { recordAudit } from "../audit/audit.js";
import { getUnits } from "../org/units.js";
import { getUserById } from "../org/users.js";
import { casePolicy } from "./policy.js";
import { reportPoints } from "./schema.js";

/** Whether a user is a designated 直报点 information officer. */
export async function isReportPoint(db: Queryable, userId: string): Promise<boolean> {
  const [row] = await db.select({ userId: reportPoints.userId }).from(reportPoints).where(eq(reportPoints.userId, userId));
  return Boolean(row);
}

export async function listReportPoints(db: Db, actor: Actor) {
  authorize(actor.role === "office");
  const rows = await db.select().from(reportPoints).where(pathWithin(reportPoints.unitPath, regionPathOf(actor)));
  const names = new Map((await getUnits(db, rows.map((r) => r.unitCode))).map((u) => [u.code, u.name]));
  const items = [];
  for (const row of rows) {
    const user = await getUserById(db, row.userId);
    if (user) items.push({ userId: user.id, username: user.username, displayName: user.displayName, unitCode: row.unitCode, unitName: names.get(row.unitCode) ?? row.unitCode });
  }
  return { items };
}

/** Designates (or, with remove, withdraws) an officer: a village cadre or township official of the office's region. */
export async function setReportPoint(db: Db, args: { actor: Actor; userId: string; remove?: boolean }): Promise<void> {
  const { actor } = args;
  authorize(actor.role === "office");
  const user = await getUserById(db, args.userId);
  const fits = user && (user.role === "village_cadre" || user.role === "township_official") && casePolicy.canManagePoints(actor, user.scope);
  if (!user || !fits) throw new AppError("REPORT_POINT_USER_INVALID");
  await db.transaction(async (tx) => {
    if (args.remove) await tx.delete(reportPoints).where(eq(reportPoints.userId, user.id));
    else
      await tx
        .insert(reportPoints)
        .values({ userId: user.id, unitCode: user.scope.code, unitPath: user.scope.path, provinceCode: user.scope.provinceCode, createdBy: actor.id })
        .onConflictDoNothing();
    await recordAudit(tx, {
      actor: { id: actor.id, name: actor.displayName },
      action: args.remove ? "case.point_removed" : "case.point_designated",
      entityType: "user",
      entityId: user.id,
      scopePath: user.scope.path,
    });
  });
}
