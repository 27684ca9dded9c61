import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database, Db } from "../../db/client.js";
import { createTestDatabase } from "../../test/database.js";
import { buildUser, countRows } from "../../test/factories.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../../test/harness.js";
import { canonicalJson, GENESIS_HASH, recordAudit, verifyAuditChain, type AuditEntryInput } from "./audit.js";

/** The whole text of an error and its causes: drivers wrap the database's message. */
const errorText = (err: unknown): string => {
  const parts: string[] = [];
  for (let e = err as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) parts.push(String(e.message));
  return parts.join(" | ");
};
const refusal = async (run: () => Promise<unknown>) => {
  try {
    await run();
  } catch (err) {
    return errorText(err);
  }
  return "not refused";
};

type Row = {
  id: number;
  at: string | Date;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  scope_path: string | null;
  detail: unknown;
  prev_hash: string;
  hash: string;
};

describe("the hash chain", () => {
  let database: Database;
  let db: Db;
  const record = (input: Partial<AuditEntryInput> = {}) =>
    db.transaction((tx) =>
      recordAudit(tx, { actor: { id: "u-1", name: "tester" }, action: "test.event", entityType: "thing", entityId: "t-1", scopePath: "100000", ...input }),
    );
  // node-postgres hands a bigint back as a string; PGlite as a number.
  const entries = async () => (await db.execute<Row>(sql`select * from audit_log order by id`)).rows.map((r) => ({ ...r, id: Number(r.id) }));
  /** Runs statements with the append-only trigger off, as a database owner could. */
  const behindTheTrigger = async (statement: ReturnType<typeof sql>) => {
    await db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    try {
      await db.execute(statement);
    } finally {
      await db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    await record({ action: "first", detail: {} });
    await record({ action: "second", actor: null, detail: { nested: { b: [1, { y: 2, x: 1 }], a: "饶河" } } });
    // jsonb stores keys shortest first ("c" before "bb"); the hash must not depend on that.
    await record({ action: "third", detail: { bb: 1, c: 2, amount: 3.5, flag: true, none: null } });
    await record({ action: "fourth", scopePath: null });
    await record({ action: "fifth", detail: { text: "引号\"与换行\n" } });
  });
  afterAll(async () => database?.close());

  it("links every entry to the one before, the first to the genesis hash", async () => {
    const rows = await entries();
    expect(rows.map((r) => r.action)).toEqual(["first", "second", "third", "fourth", "fifth"]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(rows.length);
    for (const r of rows) expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("hashes the previous hash and the entry's canonical content", async () => {
    const [first] = await entries();
    const content = canonicalJson({
      at: new Date(first!.at).toISOString(),
      actorId: "u-1",
      actorName: "tester",
      action: "first",
      entityType: "thing",
      entityId: "t-1",
      scopePath: "100000",
      detail: {},
    });
    expect(first!.hash).toBe(createHash("sha256").update(`${GENESIS_HASH}\n${content}`).digest("hex"));
  });

  it("verifies an intact chain", async () => {
    expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: 5 });
    expect(await verifyAuditChain(db, 2)).toEqual({ ok: true, entries: 5 });
  });

  it("verifies the same chain in a session whose time zone is not UTC", async () => {
    const report = await db.transaction(async (tx) => {
      await tx.execute(sql`set local timezone = 'Asia/Shanghai'`);
      return verifyAuditChain(tx as unknown as Db);
    });
    expect(report).toEqual({ ok: true, entries: 5 });
  });

  it("is refused UPDATE, DELETE and TRUNCATE by the database itself", async () => {
    expect(await refusal(() => db.execute(sql`update audit_log set action = 'rewritten' where action = 'second'`))).toMatch(/append-only \(UPDATE refused\)/);
    expect(await refusal(() => db.execute(sql`delete from audit_log where action = 'second'`))).toMatch(/append-only \(DELETE refused\)/);
    expect(await refusal(() => db.execute(sql`truncate audit_log`))).toMatch(/append-only \(TRUNCATE refused\)/);
    expect(await countRows(db, "audit_log")).toBe(5);
    expect((await entries()).map((r) => r.action)).toContain("second");
  });

  it("finds an edited entry by its hash", async () => {
    const third = (await entries())[2]!;
    await behindTheTrigger(sql`update audit_log set detail = '{"bb": 1, "c": 999}'::jsonb where id = ${third.id}`);
    expect(await verifyAuditChain(db)).toEqual({ ok: false, entries: 3, brokenAt: third.id, reason: "hash_mismatch" });
    // Put the content back: the chain is whole again, so the check reads content, not a flag.
    await behindTheTrigger(sql`update audit_log set detail = ${JSON.stringify(third.detail)}::jsonb where id = ${third.id}`);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: 5 });
  });

  it("finds an edit whose own hash was recomputed, at the entry after it", async () => {
    const rows = await entries();
    const [second, third] = [rows[1]!, rows[2]!];
    const forged = canonicalJson({
      at: new Date(second.at).toISOString(),
      actorId: null,
      actorName: "someone else",
      action: "second",
      entityType: "thing",
      entityId: "t-1",
      scopePath: "100000",
      detail: second.detail,
    });
    const forgedHash = createHash("sha256").update(`${second.prev_hash}\n${forged}`).digest("hex");
    await behindTheTrigger(sql`update audit_log set actor_name = 'someone else', hash = ${forgedHash} where id = ${second.id}`);
    expect(await verifyAuditChain(db)).toEqual({ ok: false, entries: 3, brokenAt: third.id, reason: "prev_hash_mismatch" });
    await behindTheTrigger(sql`update audit_log set actor_name = null, hash = ${second.hash} where id = ${second.id}`);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: 5 });
  });

  it("finds a removed entry at the one after it", async () => {
    const rows = await entries();
    await behindTheTrigger(sql`delete from audit_log where id = ${rows[2]!.id}`);
    expect(await verifyAuditChain(db)).toEqual({ ok: false, entries: 3, brokenAt: rows[3]!.id, reason: "prev_hash_mismatch" });
  });
});

describe("canonicalJson", () => {
  it("sorts object keys at every depth and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }, 3], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1},3]},"b":1}');
  });

  it("gives the same text for the same content built in another order", () => {
    const one = { x: { k2: "v", k1: [1, 2] }, title: "饶河" };
    const two = { title: "饶河", x: { k1: [1, 2], k2: "v" } };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(canonicalJson(one)).not.toBe(canonicalJson({ ...two, x: { k1: [2, 1], k2: "v" } }));
  });

  it("drops undefined properties and writes scalars as JSON", () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(canonicalJson(undefined)).toBe("null");
    expect(canonicalJson("引\"号")).toBe('"引\\"号"');
    expect(canonicalJson([])).toBe("[]");
    expect(canonicalJson({})).toBe("{}");
  });
});

describe("audit entries written by the API", () => {
  let ctx: TestContext;
  let admin: Session;
  let adminId: string;
  beforeAll(async () => {
    ctx = await createTestApp();
    admin = await loginAs(ctx.app, "raohe_admin");
    adminId = (await admin.request({ method: "GET", url: "/api/me" })).json().id;
  });
  afterAll(async () => ctx?.close());

  const newest = async () => (await ctx.db.execute<Row>(sql`select * from audit_log order by id desc limit 1`)).rows[0]!;

  it("writes exactly one entry, naming the actor, for a change to an account", async () => {
    const target = await buildUser(ctx.db);
    const before = await countRows(ctx.db, "audit_log");
    const res = await admin.request({ method: "PATCH", url: `/api/users/${target.id}`, payload: { displayName: "改名后" } });
    expect(res.statusCode).toBe(200);
    expect(await countRows(ctx.db, "audit_log")).toBe(before + 1);
    const entry = await newest();
    expect(entry).toMatchObject({
      actor_id: adminId,
      actor_name: "raohe_admin",
      action: "user.update",
      entity_type: "user",
      entity_id: target.id,
      scope_path: "100000.230000.230500.230524.230524101000.230524101200",
    });
    expect(entry.detail).toMatchObject({ changes: { displayName: "改名后" }, before: { displayName: expect.any(String) } });
  });

  it("writes one entry each for creating, disabling and resetting", async () => {
    const before = await countRows(ctx.db, "audit_log");
    const created = await admin.request({
      method: "POST",
      url: "/api/users",
      payload: { username: `aud${Date.now().toString(36)}`, displayName: "审计测试", role: "village_cadre", scopeCode: "230524101200", password: "Audit-pass-2026" },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(await newest()).toMatchObject({ action: "user.create", entity_id: id, actor_name: "raohe_admin" });
    await admin.request({ method: "PATCH", url: `/api/users/${id}`, payload: { disabled: true } });
    expect(await newest()).toMatchObject({ action: "user.disable", entity_id: id });
    await admin.request({ method: "POST", url: `/api/users/${id}/reset-password`, payload: { password: "Other-pass-2026" } });
    const reset = await newest();
    expect(reset).toMatchObject({ action: "user.reset_password", entity_id: id });
    expect(JSON.stringify(reset.detail)).not.toContain("Other-pass-2026");
    expect(await countRows(ctx.db, "audit_log")).toBe(before + 3);
  });

  it("writes nothing for a refused request", async () => {
    const atushi = await buildUser(ctx.db, { role: "township_official", scopeCode: "653001100000" });
    const clerk = await loginAs(ctx.app, "raohe_office");
    const before = await countRows(ctx.db, "audit_log");
    const refused = [
      await admin.request({ method: "PATCH", url: `/api/users/${atushi.id}`, payload: { displayName: "越权" } }),
      await admin.request({ method: "PATCH", url: `/api/users/${adminId}`, payload: { disabled: true } }),
      await admin.request({ method: "POST", url: "/api/users", payload: { username: "raohe_office", displayName: "重名", role: "office", scopeCode: "230524", password: "Dup-pass-2026" } }),
      await clerk.request({ method: "PATCH", url: `/api/users/${atushi.id}`, payload: { displayName: "越权" } }),
      await ctx.app.inject({ method: "PATCH", url: `/api/users/${atushi.id}`, payload: { displayName: "匿名" } }),
    ];
    expect(refused.map((r) => r.statusCode)).toEqual([404, 400, 409, 403, 401]);
    expect(await countRows(ctx.db, "audit_log")).toBe(before);
  });

  it("keeps the chain whole when many changes land at once", async () => {
    const targets = await Promise.all(Array.from({ length: 8 }, () => buildUser(ctx.db)));
    const before = await countRows(ctx.db, "audit_log");
    const results = await Promise.all(
      targets.map((t, i) => admin.request({ method: "PATCH", url: `/api/users/${t.id}`, payload: { displayName: `并发改名 ${i}` } })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    expect(await countRows(ctx.db, "audit_log")).toBe(before + 8);
    expect(await verifyAuditChain(ctx.db)).toEqual({ ok: true, entries: before + 8 });
  });

  it("serves the newest entries first, pages backwards, and verifies the chain the API wrote", async () => {
    const jiwei = await loginAs(ctx.app, "raohe_jiwei");
    const page = (await jiwei.request({ method: "GET", url: "/api/audit", query: { limit: "3" } })).json().items as { id: number; action: string }[];
    expect(page).toHaveLength(3);
    expect(page[0]).toMatchObject({ action: "auth.login" }); // his own login just now
    expect(page.map((e) => e.id)).toEqual([...page.map((e) => e.id)].sort((a, b) => b - a));
    const older = (await jiwei.request({ method: "GET", url: "/api/audit", query: { limit: "3", before: String(page[2]!.id) } })).json().items as { id: number }[];
    expect(older.every((e) => e.id < page[2]!.id)).toBe(true);
    expect(older).toHaveLength(3);

    const verify = await jiwei.request({ method: "GET", url: "/api/audit/verify" });
    expect(verify.json()).toEqual({ ok: true, entries: await countRows(ctx.db, "audit_log") });
  });
});
