import { sql } from "drizzle-orm";
import type { Role } from "../../contracts/roles.js";
import type { Queryable } from "../db/client.js";
import { hashPassword } from "../modules/org/passwords.js";
import { users } from "../modules/org/schema.js";
import { TEST_PASSWORD, uniqueUsername } from "./harness.js";

/** argon2 is slow on purpose; every factory-made account shares one hash of TEST_PASSWORD. */
let testPasswordHash: Promise<string> | null = null;

export type BuiltUser = { id: string; username: string; role: Role; scopeCode: string };

export type UserOverrides = Partial<{
  username: string;
  displayName: string;
  role: Role;
  scopeCode: string;
  disabled: boolean;
  mustChangePassword: boolean;
}>;

/**
 * A fresh account written straight into the table (no audit entry, no API), password TEST_PASSWORD.
 * Defaults to a village cadre of 佳平村 (饶河县小佳河镇), so tests get their own user to change.
 */
export async function buildUser(db: Queryable, overrides: UserOverrides = {}): Promise<BuiltUser> {
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  const role = overrides.role ?? "village_cadre";
  const scopeCode = overrides.scopeCode ?? "230524101200";
  const username = overrides.username ?? uniqueUsername("f");
  const [row] = await db
    .insert(users)
    .values({
      username,
      displayName: overrides.displayName ?? `测试用户 ${username}`,
      role,
      scopeCode,
      passwordHash: await testPasswordHash,
      disabled: overrides.disabled ?? false,
      mustChangePassword: overrides.mustChangePassword ?? false,
    })
    .returning({ id: users.id });
  if (!row) throw new Error("buildUser: no row returned");
  return { id: row.id, username, role, scopeCode };
}

/** Rows in one of the tables a request may write; tests compare it before and after. */
export async function countRows(db: Queryable, table: "users" | "audit_log" | "sessions" | "units"): Promise<number> {
  const result = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return Number(result.rows[0]?.n ?? Number.NaN);
}
