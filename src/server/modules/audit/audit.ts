import { createHash } from "node:crypto";
import { and, asc, desc, gt, lt, sql } from "drizzle-orm";
import { pathWithin } from "../../db/sql-helpers.js";
import type { Db, Queryable } from "../../db/client.js";
import { auditLog } from "./schema.js";

export const GENESIS_HASH = "0".repeat(64);
/** Any fixed number: serializes appends so each entry chains onto the one truly before it. */
const AUDIT_LOCK_KEY = 7_270_001;

export type AuditActor = { id: string; name: string } | null;

export type AuditEntryInput = {
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId: string;
  scopePath?: string | null;
  detail?: Record<string, unknown>;
};

type HashedFields = {
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  scopePath: string | null;
  detail: unknown;
};

/** JSON with object keys sorted at every depth, so the same content always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function entryHash(prevHash: string, fields: HashedFields): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalJson(fields)).digest("hex");
}

/**
 * Appends one entry. Call it inside the transaction of the change it records, so the change and its
 * audit entry land together or not at all.
 */
export async function recordAudit(tx: Queryable, input: AuditEntryInput): Promise<void> {
  await recordAuditBatch(tx, [input]);
}

/**
 * Appends several entries under one lock and one read of the chain's end, chained one onto the other in
 * the order given (a group commit: the public intake writes a batch of reports in one transaction).
 * The rows go in one INSERT, whose serial ids follow the order of its VALUES, so the chain walks by id.
 */
export async function recordAuditBatch(tx: Queryable, inputs: readonly AuditEntryInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  let prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date().toISOString();
  const rows = inputs.map((input) => {
    const fields: HashedFields = {
      at,
      actorId: input.actor?.id ?? null,
      actorName: input.actor?.name ?? null,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      scopePath: input.scopePath ?? null,
      detail: input.detail ?? {},
    };
    const row = { ...fields, prevHash, hash: entryHash(prevHash, fields) };
    prevHash = row.hash;
    return row;
  });
  await tx.insert(auditLog).values(rows);
}

export type ChainReport =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenAt: number; reason: "prev_hash_mismatch" | "hash_mismatch" };

/** Walks the whole chain in order and reports the first entry that does not follow from the one before. */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  let count = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(batchSize);
    if (rows.length === 0) return { ok: true, entries: count };
    for (const row of rows) {
      count++;
      if (row.prevHash !== prevHash) return { ok: false, entries: count, brokenAt: row.id, reason: "prev_hash_mismatch" };
      const fields: HashedFields = {
        at: new Date(row.at).toISOString(),
        actorId: row.actorId,
        actorName: row.actorName,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        scopePath: row.scopePath,
        detail: row.detail,
      };
      if (entryHash(row.prevHash, fields) !== row.hash) return { ok: false, entries: count, brokenAt: row.id, reason: "hash_mismatch" };
      prevHash = row.hash;
      lastId = row.id;
    }
  }
}

/** Newest first, entries about units inside a region; `before` pages backwards by id. */
export async function listAuditEntries(db: Queryable, query: { regionPath: string; before?: number; limit: number }) {
  return db
    .select()
    .from(auditLog)
    .where(and(pathWithin(auditLog.scopePath, query.regionPath), query.before ? lt(auditLog.id, query.before) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(query.limit);
}
