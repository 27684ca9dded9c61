import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Org units 组织单元: the administrative hierarchy (省→市→县→乡→村) with real division codes, and
 * departments attached to a level. `path` is the materialized path of codes joined by "." so that
 * "everything under X" is one prefix range scan on an index.
 */
export const units = pgTable(
  "units",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    level: text("level").notNull(),
    parentCode: text("parent_code"),
    path: text("path").notNull(),
    depth: integer("depth").notNull(),
    /** Kept on every row so the table can be partitioned or distributed by province. */
    provinceCode: text("province_code").notNull(),
    orgType: text("org_type"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("units_parent_idx").on(t.parentCode),
    index("units_path_idx").using("btree", sql`${t.path} text_pattern_ops`),
    index("units_name_trgm_idx").using("gin", sql`${t.name} gin_trgm_ops`),
    index("units_level_idx").on(t.level),
  ],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    username: text("username").notNull().unique(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role").notNull(),
    scopeCode: text("scope_code")
      .notNull()
      .references(() => units.code),
    disabled: boolean("disabled").notNull().default(false),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("users_scope_idx").on(t.scopeCode)],
);

/** A login session. Only a keyed hash of the cookie token is stored, so a database leak yields no live session. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * How many times the units have changed: a statement trigger on `units` adds one for every statement
 * that writes them (the divisions import, the demo seed, an edit by hand). A process that keeps units in
 * memory (org/unit-cache.ts) reads it with them and again later, and knows whether what it holds is
 * still what the table says, whoever wrote the table.
 */
export const unitGeneration = pgTable("unit_generation", {
  id: integer("id").primaryKey().default(1),
  generation: integer("generation").notNull().default(0),
});
