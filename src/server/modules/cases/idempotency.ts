import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import { canonicalJson } from "../audit/audit.js";
import { IdentityTamperedError, openIdentity, sealIdentity, type ReporterKeys } from "./crypto.js";
import { cases } from "./schema.js";

/**
 * Idempotent intake 防重复提交: the public page makes a random key once per report and keeps it in the
 * browser; a retry (a lost answer, a double tap) sends the same key and gets the same receipt, and no
 * second case. Nothing here says who the reporter is: the case keeps
 * - a keyed tag of the key (HMAC-SM3 under the reporter key), to find it again,
 * - a keyed fingerprint of the content, to tell a true retry from other content under the same key (409),
 * - the receipt sealed (SM4-CBC + HMAC-SM3) under a key derived from both the reporter key and the
 *   client's key, so neither the database nor the server key alone gives it back: only the browser that
 *   holds the key, through the server, which is no more than what that browser was shown.
 */
export type IntakeKey = { tag: string; fingerprint: string; keys: ReporterKeys };

const mac = (key: Buffer, label: string, value: string) => createHmac("sm3", key).update(label).update("\n").update(value).digest();

export function intakeKeyOf(keys: ReporterKeys, clientKey: string, content: unknown): IntakeKey {
  const sealKeys: ReporterKeys = {
    enc: mac(keys.enc, "jianfu/intake-receipt-enc", clientKey).subarray(0, 16),
    mac: mac(keys.mac, "jianfu/intake-receipt-mac", clientKey),
    receipt: keys.receipt,
  };
  return {
    tag: mac(keys.receipt, "jianfu/intake-key", clientKey).toString("hex"),
    fingerprint: mac(keys.mac, "jianfu/intake-content", canonicalJson(content)).toString("hex"),
    keys: sealKeys,
  };
}

export const sealReceipt = (key: IntakeKey, caseId: string, receipt: string) => sealIdentity(key.keys, caseId, receipt);

/**
 * The answer already given for this key: the same receipt when the content is the same, a 409 when it is
 * not; null when the key is new.
 */
export async function priorIntake(db: Queryable, key: IntakeKey): Promise<{ receipt: string; receivedOn: string } | null> {
  const [row] = await db
    .select({ id: cases.id, receivedOn: cases.receivedOn, fingerprint: cases.intakeFingerprint, sealed: cases.intakeReceipt })
    .from(cases)
    .where(eq(cases.intakeKeyTag, key.tag));
  if (!row) return null;
  if (row.fingerprint !== key.fingerprint || !row.sealed) throw new AppError("IDEMPOTENCY_KEY_REUSED");
  try {
    return { receipt: openIdentity(key.keys, row.id, row.sealed), receivedOn: row.receivedOn };
  } catch (err) {
    if (err instanceof IdentityTamperedError) throw new AppError("IDEMPOTENCY_KEY_REUSED");
    throw err;
  }
}

/** PostgreSQL's unique_violation, as node-postgres and PGlite both report it. */
export const isUniqueViolation = (err: unknown): boolean => {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
};
