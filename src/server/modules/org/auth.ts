import { createHmac, randomBytes } from "node:crypto";
import { and, eq, lt, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import type { Role } from "../../../contracts/roles.js";
import { AppError } from "../../http/errors.js";
import { recordAudit } from "../audit/audit.js";
import { hashPassword, spendVerifyTime, verifyPassword } from "./passwords.js";
import type { Actor } from "./policy.js";
import { runBuilt } from "../../db/named.js";
import { sessions, units, users } from "./schema.js";
import { unitColumns, type Unit } from "./units.js";

export const SESSION_HOURS = 12;
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

const newToken = () => randomBytes(32).toString("base64url");
/** Sessions are stored by a keyed hash of the cookie token: a copy of the table opens no session. */
export const tokenHash = (secret: string, token: string) => createHmac("sha256", secret).update(token).digest("hex");

const actorColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  mustChangePassword: users.mustChangePassword,
  disabled: users.disabled,
  scope: unitColumns,
};

type ActorRow = Omit<Actor, "role" | "scope"> & { role: string; disabled: boolean; scope: Omit<Unit, "level"> & { level: string } };
const toActor = (r: ActorRow): Actor => ({
  id: r.id,
  username: r.username,
  displayName: r.displayName,
  role: r.role as Role,
  mustChangePassword: r.mustChangePassword,
  scope: { ...r.scope, level: r.scope.level as Unit["level"] },
});

export type LoginResult = { token: string; csrfToken: string; actor: Actor };

/**
 * Checks a username and password. Five wrong passwords in a row lock the account for fifteen minutes;
 * a locked account is refused before its password is even checked.
 */
export async function login(db: Db, args: { username: string; password: string; secret: string }): Promise<LoginResult> {
  const [row] = await db
    .select({ ...actorColumns, passwordHash: users.passwordHash, failedLogins: users.failedLogins, lockedUntil: users.lockedUntil })
    .from(users)
    .innerJoin(units, eq(units.code, users.scopeCode))
    .where(eq(users.username, args.username));
  if (!row) {
    await spendVerifyTime(args.password);
    throw new AppError("INVALID_CREDENTIALS");
  }
  const now = Date.now();
  if (row.lockedUntil && row.lockedUntil.getTime() > now) {
    throw new AppError("ACCOUNT_LOCKED", { minutes: Math.ceil((row.lockedUntil.getTime() - now) / 60_000) });
  }
  if (!(await verifyPassword(row.passwordHash, args.password))) {
    await recordFailedLogin(db, row.id, row.username, row.scope.path);
  }
  if (row.disabled) throw new AppError("ACCOUNT_DISABLED");

  const token = newToken();
  const csrfToken = newToken();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, row.id));
    await tx.delete(sessions).where(and(eq(sessions.userId, row.id), lt(sessions.expiresAt, new Date(now))));
    await tx.insert(sessions).values({
      tokenHash: tokenHash(args.secret, token),
      userId: row.id,
      csrfToken,
      expiresAt: new Date(now + SESSION_HOURS * 3_600_000),
    });
    await recordAudit(tx, {
      actor: { id: row.id, name: row.username },
      action: "auth.login",
      entityType: "user",
      entityId: row.id,
      scopePath: row.scope.path,
    });
  });
  return { token, csrfToken, actor: toActor(row) };
}

async function recordFailedLogin(db: Db, userId: string, username: string, scopePath: string): Promise<never> {
  const locked = await db.transaction(async (tx) => {
    const [u] = await tx.select({ failed: users.failedLogins }).from(users).where(eq(users.id, userId)).for("update");
    const failed = (u?.failed ?? 0) + 1;
    const lock = failed >= MAX_FAILED_LOGINS;
    await tx
      .update(users)
      .set({ failedLogins: lock ? 0 : failed, lockedUntil: lock ? new Date(Date.now() + LOCK_MINUTES * 60_000) : null })
      .where(eq(users.id, userId));
    if (lock) {
      await recordAudit(tx, {
        actor: null,
        action: "auth.lock",
        entityType: "user",
        entityId: userId,
        scopePath,
        detail: { username, failedLogins: failed, minutes: LOCK_MINUTES },
      });
    }
    return lock;
  });
  if (locked) throw new AppError("ACCOUNT_LOCKED", { minutes: LOCK_MINUTES });
  throw new AppError("INVALID_CREDENTIALS");
}

export type SessionLookup = { actor: Actor; csrfToken: string } | { error: "SESSION_EXPIRED" | "UNAUTHENTICATED" };

export async function actorFromSession(db: Db, secret: string, token: string): Promise<SessionLookup> {
  const hash = tokenHash(secret, token);
  // Every request of a signed-in user starts here: parsed and planned once per connection.
  const [row] = await runBuilt(
    db,
    "session_actor",
    () =>
      db
        .select({ ...actorColumns, csrfToken: sessions.csrfToken, expiresAt: sessions.expiresAt })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .innerJoin(units, eq(units.code, users.scopeCode))
        .where(eq(sessions.tokenHash, sql.placeholder("hash"))),
    { hash },
  );
  if (!row) return { error: "UNAUTHENTICATED" };
  if (row.expiresAt.getTime() <= Date.now()) {
    await db.delete(sessions).where(eq(sessions.tokenHash, hash));
    return { error: "SESSION_EXPIRED" };
  }
  if (row.disabled) return { error: "UNAUTHENTICATED" };
  return { actor: toActor(row), csrfToken: row.csrfToken };
}

export async function logout(db: Db, args: { secret: string; token: string; actor: Actor }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash(args.secret, args.token)));
    await recordAudit(tx, {
      actor: { id: args.actor.id, name: args.actor.username },
      action: "auth.logout",
      entityType: "user",
      entityId: args.actor.id,
      scopePath: args.actor.scope.path,
    });
  });
}

/** A user changes his own password; every other session of his ends. */
export async function changeOwnPassword(
  db: Db,
  args: { actor: Actor; currentPassword: string; newPassword: string; secret: string; keepToken: string },
): Promise<void> {
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, args.actor.id));
  if (!row || !(await verifyPassword(row.hash, args.currentPassword))) throw new AppError("INVALID_CREDENTIALS");
  const passwordHash = await hashPassword(args.newPassword);
  const keep = tokenHash(args.secret, args.keepToken);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: new Date() }).where(eq(users.id, args.actor.id));
    await tx.delete(sessions).where(and(eq(sessions.userId, args.actor.id), ne(sessions.tokenHash, keep)));
    await recordAudit(tx, {
      actor: { id: args.actor.id, name: args.actor.username },
      action: "user.change_password",
      entityType: "user",
      entityId: args.actor.id,
      scopePath: args.actor.scope.path,
    });
  });
}

/** The actor of an account, for work the system does in a person's name (demo data, imports). */
export async function actorByUsername(db: Db, username: string): Promise<Actor | null> {
  const [row] = await db.select(actorColumns).from(users).innerJoin(units, eq(units.code, users.scopeCode)).where(eq(users.username, username));
  return row ? toActor(row) : null;
}
