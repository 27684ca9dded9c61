import { and, asc, eq, ilike, or, sql } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client.js";
import type { Role } from "../../../contracts/roles.js";
import type { CreateUser, UpdateUser } from "../../../contracts/org.js";
import { AppError } from "../../http/errors.js";
import { recordAudit } from "../audit/audit.js";
import { hashPassword } from "./passwords.js";
import { authorize, userPolicy, type Actor } from "./policy.js";
import { units, users, sessions } from "./schema.js";
import { getUnit, unitColumns, type Unit } from "./units.js";
import { anyText, anyUuid, isUniqueViolation, likeEscape, pathWithin } from "../../db/sql-helpers.js";

export type UserRecord = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  scope: Unit;
  disabled: boolean;
  locked: boolean;
  createdAt: string;
};

const userColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  disabled: users.disabled,
  lockedUntil: users.lockedUntil,
  createdAt: users.createdAt,
  scope: unitColumns,
};

type UserRow = {
  id: string;
  username: string;
  displayName: string;
  role: string;
  disabled: boolean;
  lockedUntil: Date | null;
  createdAt: Date;
  scope: Omit<Unit, "level"> & { level: string };
};

const toRecord = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.displayName,
  role: r.role as Role,
  scope: { ...r.scope, level: r.scope.level as Unit["level"] },
  disabled: r.disabled,
  locked: !!r.lockedUntil && r.lockedUntil.getTime() > Date.now(),
  createdAt: r.createdAt.toISOString(),
});

export async function getUserById(db: Queryable, id: string): Promise<UserRecord | null> {
  const [row] = await db.select(userColumns).from(users).innerJoin(units, eq(units.code, users.scopeCode)).where(eq(users.id, id));
  return row ? toRecord(row) : null;
}

/** Users whose scope lies inside a subtree, optionally filtered by a word (username or name) and role. */
export async function listUsers(
  db: Queryable,
  query: { withinPath: string; q?: string; role?: Role; limit: number; offset: number },
): Promise<{ items: UserRecord[]; total: number }> {
  const word = query.q ? `%${likeEscape(query.q)}%` : null;
  const where = and(
    pathWithin(units.path, query.withinPath),
    word ? or(ilike(users.username, word), ilike(users.displayName, word)) : undefined,
    query.role ? eq(users.role, query.role) : undefined,
  );
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .innerJoin(units, eq(units.code, users.scopeCode))
    .where(where);
  const rows = await db
    .select(userColumns)
    .from(users)
    .innerJoin(units, eq(units.code, users.scopeCode))
    .where(where)
    .orderBy(asc(units.path), asc(users.username))
    .limit(query.limit)
    .offset(query.offset);
  return { items: rows.map(toRecord), total: count?.n ?? 0 };
}

/** Loads a scope unit for an account, refusing unknown codes and scopes the actor may not hand out. */
async function loadAssignableScope(db: Queryable, actor: Actor | null, role: Role, scopeCode: string): Promise<Unit> {
  const scope = await getUnit(db, scopeCode);
  if (!scope) throw new AppError("UNIT_NOT_FOUND", { code: scopeCode });
  if (actor) authorize(userPolicy.canManage(actor, scope), "OUT_OF_SCOPE", { code: scopeCode });
  if (!userPolicy.roleFitsScope(role, scope)) throw new AppError("ROLE_SCOPE_MISMATCH", { role, level: scope.level });
  return scope;
}

const auditActor = (actor: Actor | null) => (actor ? { id: actor.id, name: actor.username } : null);

/** Two admins creating the same username at once: the unique index decides, and the loser hears 409. */
async function insertOrTaken<T>(username: string, insert: () => Promise<T>): Promise<T> {
  try {
    return await insert();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("USERNAME_TAKEN", { username });
    throw err;
  }
}

/** Creates an account; `actor` null means the system itself (seeding). */
export async function createUser(db: Db, args: { actor: Actor | null; input: CreateUser; mustChangePassword?: boolean }): Promise<UserRecord> {
  const { actor, input } = args;
  const passwordHash = await hashPassword(input.password);
  const id = await db.transaction(async (tx) => {
    const scope = await loadAssignableScope(tx, actor, input.role, input.scopeCode);
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
    if (taken) throw new AppError("USERNAME_TAKEN", { username: input.username });
    const [created] = await insertOrTaken(input.username, () => tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        scopeCode: scope.code,
        passwordHash,
        mustChangePassword: args.mustChangePassword ?? actor !== null,
      })
      .returning({ id: users.id }));
    if (!created) throw new AppError("INTERNAL");
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "user.create",
      entityType: "user",
      entityId: created.id,
      scopePath: scope.path,
      detail: { username: input.username, role: input.role, scopeCode: scope.code },
    });
    return created.id;
  });
  return (await getUserById(db, id))!;
}

/** Loads a user the actor may manage; a user outside his scope is "not found", as if absent. */
async function loadManagedUser(db: Queryable, actor: Actor, id: string): Promise<UserRecord> {
  const target = await getUserById(db, id);
  if (!target || !userPolicy.canManage(actor, target.scope)) throw new AppError("USER_NOT_FOUND");
  return target;
}

export async function updateUser(db: Db, args: { actor: Actor; id: string; changes: UpdateUser }): Promise<UserRecord> {
  const { actor, id, changes } = args;
  await db.transaction(async (tx) => {
    const target = await loadManagedUser(tx, actor, id);
    const changesSelf = target.id === actor.id && (changes.disabled === true || changes.role !== undefined || changes.scopeCode !== undefined);
    if (changesSelf) throw new AppError("CANNOT_CHANGE_SELF");
    const role = changes.role ?? target.role;
    const scope = changes.scopeCode || changes.role ? await loadAssignableScope(tx, actor, role, changes.scopeCode ?? target.scope.code) : target.scope;
    await tx
      .update(users)
      .set({ displayName: changes.displayName, role, scopeCode: scope.code, disabled: changes.disabled, updatedAt: new Date() })
      .where(eq(users.id, id));
    if (changes.disabled) await tx.delete(sessions).where(eq(sessions.userId, id));
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: changes.disabled === true ? "user.disable" : changes.disabled === false ? "user.enable" : "user.update",
      entityType: "user",
      entityId: id,
      scopePath: scope.path,
      detail: { before: { role: target.role, scopeCode: target.scope.code, disabled: target.disabled, displayName: target.displayName }, changes },
    });
  });
  return (await getUserById(db, id))!;
}

/** Sets a new password chosen by the administrator; the user must change it at next login, and all his sessions end. */
export async function resetPassword(db: Db, args: { actor: Actor; id: string; password: string }): Promise<void> {
  const passwordHash = await hashPassword(args.password);
  await db.transaction(async (tx) => {
    const target = await loadManagedUser(tx, args.actor, args.id);
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, updatedAt: new Date() })
      .where(eq(users.id, args.id));
    await tx.delete(sessions).where(eq(sessions.userId, args.id));
    await recordAudit(tx, {
      actor: auditActor(args.actor),
      action: "user.reset_password",
      entityType: "user",
      entityId: args.id,
      scopePath: target.scope.path,
      detail: { username: target.username },
    });
  });
}

/** Accounts by username (exact), for registers that name people (指尖减负: who must follow a channel). */
export async function getUsersByUsernames(db: Queryable, usernames: readonly string[]): Promise<UserRecord[]> {
  if (usernames.length === 0) return [];
  const rows = await db.select(userColumns).from(users).innerJoin(units, eq(units.code, users.scopeCode)).where(anyText(users.username, [...usernames]));
  return rows.map(toRecord);
}

/** Accounts by id; unknown ids are left out. */
export async function getUsersByIds(db: Queryable, ids: readonly string[]): Promise<UserRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.select(userColumns).from(users).innerJoin(units, eq(units.code, users.scopeCode)).where(anyUuid(users.id, [...ids]));
  return rows.map(toRecord);
}
